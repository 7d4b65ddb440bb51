// The current interface language as rune state, shared with components through a typed
// context. Where the choice is remembered is passed in, so tests can use a plain object.
import { createContext } from 'svelte';
import { dictionaries } from './dictionaries.ts';
import { LOCALES, pickLocale, type LocaleCode, type MessageKey, type Messages } from './messages.ts';

const STORAGE_KEY = 'carnet.locale';

/** The part of `Storage` the locale needs; `localStorage` satisfies it. */
export interface LocaleStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class Locale {
  #storage: LocaleStorage | undefined;
  code = $state<LocaleCode>('en');
  messages: Messages = $derived(dictionaries[this.code]);

  constructor(options: { storage?: LocaleStorage; preferred?: readonly string[] } = {}) {
    this.#storage = options.storage;
    this.code = pickLocale(this.#storage?.getItem(STORAGE_KEY) ?? null, options.preferred ?? []);
  }

  /** The string for `key` in the current language, with `{name}` placeholders filled in. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => {
    const text = this.messages[key];
    return params ? interpolate(text, params) : text;
  };

  /** Like `t` for a key built at run time (a field or option label); falls back to `fallback`. */
  label = (key: string, fallback = key): string =>
    Object.hasOwn(this.messages, key) ? this.messages[key as MessageKey] : fallback;

  /** The BCP 47 tag used for dates, numbers and currencies. */
  get tag(): string {
    return this.code === 'fr' ? 'fr-FR' : 'en-US';
  }

  set(code: LocaleCode): void {
    this.code = code;
    this.#storage?.setItem(STORAGE_KEY, code);
  }

  /** Switches to the next supported language (with two languages: the other one). */
  cycle(): void {
    const next = LOCALES[(LOCALES.indexOf(this.code) + 1) % LOCALES.length];
    this.set(next);
  }
}

export function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const [getLocale, setLocale] = createContext<Locale>();
