// The report views' ViewText from the app's Locale (reactive: reading it inside a $derived
// follows language changes).
import type { Locale } from '$lib/i18n';
import type { ViewText } from './view-text.ts';

export function localeText(locale: Locale): ViewText {
  return { tag: locale.tag, t: locale.t, label: locale.label };
}
