// Column mapping: suggests, for each source column, the Carnet field (or virtual target) it
// holds, with a confidence, from the header alone. Headers are folded (accents, case,
// punctuation), numbering is ignored ("E-mail 2 Address"), then qualifiers ("Work", "bureau").
// A single-valued field takes one column, the most certain; list fields (emails, phones, tags)
// take every column that fits. The user may change any of it; checkMapping guards the result.
import { foldText, type Collection, type CustomFieldDef } from '@carnet/schema';
import { TransferError, TransferErrorCode } from './errors.ts';
import { FIELD_LABELS } from './field-labels.ts';
import { HEADER_SYNONYMS, type Synonym } from './header-synonyms.ts';
import { isListTarget, targetsOf } from './targets.ts';

export interface ColumnMapping {
  /** 0-based column index in the source. */
  column: number;
  header: string;
  /** A field name, `cf_<key>`, a virtual target (`$companyName`), or null: ignored. */
  target: string | null;
  /** 0..1; 1 for an exact known header. 0 when unmapped. */
  confidence: number;
  /** Set when this column fitted a single-valued field that a more certain column took. */
  lostTo?: number;
}

/** Folds a header for comparison: `E-mail Address (Work)` → `email address work`. */
export function normalizeHeader(header: string): string {
  return foldText(header)
    .replace(/e-mail/g, 'email')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\be mail\b/g, 'email')
    .trim();
}

const QUALIFIERS = new Set([
  'work', 'home', 'other', 'business', 'personal', 'private', 'primary', 'secondary', 'main', 'value', 'pro', 'perso',
  'professional', 'professionnel', 'professionnelle', 'personnel', 'personnelle', 'bureau', 'domicile', 'autre', 'principal',
  'principale', 'secondaire', 'prive', 'privee', 'alternate', 'alt', 'valeur', 'the', 'of',
]);
/** A header with one of these words describes its neighbour column (Google's "E-mail 1 - Type"), not a value. */
const BLOCKERS = new Set(['type', 'label', 'libelle', 'display', 'opt', 'fax', 'telecopie', 'consent', 'consentement', 'count', 'id']);

/** Single words strong enough to recognise a column inside a longer header ("Mailing Zip"). */
const STRONG_WORDS = new Set([
  'email', 'courriel', 'phone', 'telephone', 'mobile', 'portable', 'gsm', 'city', 'ville', 'zip', 'postcode', 'country', 'pays',
  'tags', 'street', 'rue', 'industry', 'website', 'currency', 'devise', 'probability', 'probabilite',
]);

const withoutNumbers = (folded: string) => folded.split(' ').filter((t) => !/^\d+$/.test(t)).join(' ');
const withoutQualifiers = (folded: string) => folded.split(' ').filter((t) => !QUALIFIERS.has(t)).join(' ');

interface Phrase {
  folded: string;
  tokens: string[];
  weight: number;
}

function phrasesOf(synonyms: readonly Synonym[]): Phrase[] {
  return synonyms.map((s) => {
    const [text, weight] = typeof s === 'string' ? [s, 1] : s;
    const folded = withoutNumbers(normalizeHeader(text));
    return { folded, tokens: folded.split(' '), weight };
  });
}

/** Phrases per target: export labels (EN and FR) first, then the synonyms, then custom field labels. */
function phraseTable(collection: Collection, customFields: readonly CustomFieldDef[]): Map<string, Phrase[]> {
  const table = new Map<string, Phrase[]>();
  for (const target of targetsOf(collection, customFields)) {
    const labels = FIELD_LABELS[collection][target] ?? [];
    table.set(target, phrasesOf([...labels, ...(HEADER_SYNONYMS[collection][target] ?? [])]));
  }
  for (const def of customFields) {
    if (def.collection === collection) table.set(`cf_${def.key}`, phrasesOf([def.label, def.key.replace(/_/g, ' ')]));
  }
  return table;
}

function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  outer: for (let i = 0; i + sequence.length <= tokens.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (tokens[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}

/** How well a header fits a target's phrases (0 when it does not). */
function score(header: string, phrases: readonly Phrase[]): number {
  const folded = normalizeHeader(header);
  if (!folded) return 0;
  const numbered = withoutNumbers(folded);
  const bare = withoutQualifiers(numbered);
  const tokens = bare.split(' ');
  const blocked = tokens.some((t) => BLOCKERS.has(t));
  let best = 0;
  for (const phrase of phrases) {
    let s = 0;
    if (folded === phrase.folded) s = 1;
    else if (numbered === phrase.folded) s = 0.95;
    else if (bare === phrase.folded && bare) s = 0.85;
    else if (!blocked && phrase.weight === 1 && (phrase.tokens.length > 1 || STRONG_WORDS.has(phrase.folded)) && containsSequence(tokens, phrase.tokens)) s = 0.6;
    best = Math.max(best, s * phrase.weight);
  }
  return best;
}

/** Below this a suggestion is not made. */
export const MIN_CONFIDENCE = 0.45;

/** Suggests a target for every column; unmapped columns have target null. */
export function suggestMapping(collection: Collection, headers: readonly string[], customFields: readonly CustomFieldDef[] = []): ColumnMapping[] {
  const table = phraseTable(collection, customFields);
  const candidates: { column: number; target: string; confidence: number }[] = [];
  headers.forEach((header, column) => {
    for (const [target, phrases] of table) {
      const confidence = score(header, phrases);
      if (confidence >= MIN_CONFIDENCE) candidates.push({ column, target, confidence });
    }
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  const result: ColumnMapping[] = headers.map((header, column) => ({ column, header, target: null, confidence: 0 }));
  const takenBy = new Map<string, number>();
  for (const { column, target, confidence } of candidates) {
    const mapping = result[column];
    if (mapping.target !== null) continue;
    const holder = takenBy.get(target);
    if (holder !== undefined && !isListTarget(collection, target, customFields)) {
      mapping.lostTo ??= holder;
      continue;
    }
    mapping.target = target;
    mapping.confidence = Math.round(confidence * 100) / 100;
    delete mapping.lostTo;
    takenBy.set(target, column);
  }
  return result;
}

/**
 * Checks a mapping the user edited: every target exists for this record type and no
 * single-valued field is fed by two columns. Throws TransferError `bad_mapping` listing all.
 */
export function checkMapping(collection: Collection, mapping: readonly ColumnMapping[], customFields: readonly CustomFieldDef[] = []): void {
  const known = new Set(targetsOf(collection, customFields));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { target, header } of mapping) {
    if (target === null) continue;
    if (!known.has(target)) {
      problems.push(`column "${header}" is mapped to "${target}", which ${collection} do not have`);
      continue;
    }
    const other = seen.get(target);
    if (other !== undefined && !isListTarget(collection, target, customFields)) {
      problems.push(`columns "${other}" and "${header}" are both mapped to "${target}", which holds one value`);
    }
    seen.set(target, header);
  }
  if (problems.length) throw new TransferError(TransferErrorCode.BadMapping, `Invalid column mapping: ${problems.join('; ')}.`);
}
