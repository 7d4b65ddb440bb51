// A ViewText for the report view tests, from the app's real dictionaries.
import { en } from '../../../src/lib/i18n/en.ts';
import { fr } from '../../../src/lib/i18n/fr.ts';
import type { ViewText } from '../../../src/lib/reports/view-text.ts';

export function viewText(code: 'en' | 'fr' = 'en'): ViewText {
  const messages: Record<string, string> = code === 'fr' ? fr : en;
  const fill = (text: string, params?: Record<string, string | number>) =>
    params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  return {
    tag: code === 'fr' ? 'fr-FR' : 'en-US',
    t: (key, params) => fill(messages[key], params),
    label: (key, fallback) => (Object.hasOwn(messages, key) ? messages[key] : fallback),
  };
}

/** French numbers use narrow no-break spaces; tests compare with plain spaces. */
export const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
