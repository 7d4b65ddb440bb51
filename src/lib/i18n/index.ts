// Public entry of the app's i18n: dictionaries, locale helpers and the rune-backed Locale.
export { en } from './en.ts';
export { fr } from './fr.ts';
export { dictionaries } from './dictionaries.ts';
export * from './messages.ts';
export { Locale, getLocale, setLocale, interpolate, type LocaleStorage } from './locale.svelte.ts';
export * from './format.ts';
