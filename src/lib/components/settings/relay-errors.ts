// The relay's refusals of member and invite requests as sentences for the settings screen.
import type { MessageKey } from '$lib/i18n';

const KNOWN = ['last_owner', 'forbidden', 'not_found', 'network', 'invalid_input'] as const;

/** The message key for a relay error code, and what to fill into it. */
export function relayErrorKey(code: string, message: string): { key: MessageKey; params: Record<string, string> } {
  const known = (KNOWN as readonly string[]).includes(code) ? (code as (typeof KNOWN)[number]) : null;
  return known ? { key: `settings.error.${known}`, params: { message } } : { key: 'settings.error.other', params: { message: message || code } };
}
