// Maps each supported locale to its dictionary.
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { LocaleCode, Messages } from './messages.ts';

export const dictionaries: Record<LocaleCode, Messages> = { en, fr };
