// The set of supported interface languages and the pure helpers around them: which
// dictionary belongs to which locale, and which locale to start with.
import type { en } from './en.ts';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const LOCALES = ['en', 'fr'] as const;
export type LocaleCode = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: LocaleCode = 'en';

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the starting locale: an explicit saved choice wins, then the first browser
 * language we support (`fr-CA` counts as `fr`), then English.
 */
export function pickLocale(saved: string | null, preferred: readonly string[]): LocaleCode {
  if (isLocaleCode(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocaleCode(base)) return base;
  }
  return DEFAULT_LOCALE;
}
