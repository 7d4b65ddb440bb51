// Text normalisation shared by search and duplicate detection: case- and accent-insensitive
// (`François` and `francois` compare equal), ligatures expanded, punctuation folded to spaces.

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[œæßøłđı]/g, (ch) => LIGATURES[ch] ?? ch);
}

/** Folded, punctuation-free, single-spaced: for comparing names. */
export function normalizeName(input: string): string {
  return foldText(input).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Digits only, with a leading country code kept as-is: for comparing phone numbers. */
export function normalizePhone(input: string): string {
  const trimmed = input.replace(/\s*(x|ext\.?)\s*\d+$/i, '');
  const digits = trimmed.replace(/\D/g, '');
  // A French national number 0X XX XX XX XX and +33 X XX XX XX XX are the same line.
  if (trimmed.trim().startsWith('+33') && digits.length === 11) return '0' + digits.slice(2);
  if (trimmed.trim().startsWith('+1') && digits.length === 11) return digits.slice(1);
  return digits;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}
