// What is wrong with a row, as data: the row's number as in the file, the column's header, the
// Carnet field, a code, and whether the row is still imported (warning) or not (error).
// Messages are in English and French: schema validation codes use @carnet/schema's
// issueMessage, the importer's own codes the table below.
import { issueMessage, type IssueCode, type Locale } from '@carnet/schema';
import type { ConvertIssueCode } from './convert-value.ts';

export type ImportIssueCode =
  | ConvertIssueCode
  | 'too_many_cells' | 'missing_cells' | 'unclosed_quote' | 'no_identity'
  | 'unknown_company' | 'unknown_parent' | 'unknown_owner' | 'unknown_pipeline' | 'unknown_stage' | 'unknown_contact' | 'unknown_deal'
  | 'duplicate_skipped' | 'duplicate_in_file' | 'store_refused';

export type RowIssueCode = IssueCode | ImportIssueCode;

export interface RowIssue {
  row: number;
  /** Line in the text file when it differs from the row (quoted newlines, vCards). */
  line?: number;
  /** The column's header as in the file; null for the row as a whole. */
  column: string | null;
  /** The Carnet field concerned, if any. */
  field: string | null;
  code: RowIssueCode;
  /** error: the row is not imported; warning: it is, without that value or with a note. */
  severity: 'error' | 'warning';
  /** The offending value as read (cut at 200 characters). */
  value?: string;
  params?: Record<string, string | number>;
}

type Params = Record<string, string | number>;
const OWN: Record<Locale, Record<ImportIssueCode, (p: Params) => string>> = {
  en: {
    unparsable_number: () => 'This is not a number.',
    unparsable_date: (p) => `This is not a date we can read (expected e.g. ${p.example ?? '2024-03-05 or 05/03/2024'}).`,
    unparsable_boolean: () => 'Expected yes or no (true/false, 1/0, oui/non).',
    unknown_label: (p) => (p.options ? `Unknown value; choose one of: ${p.options}.` : 'Unknown value.'),
    too_many_cells: (p) => `This row has ${p.cells} values but the header has ${p.expected} columns: a separator or quote is probably misplaced.`,
    missing_cells: (p) => `This row has ${p.cells} values for ${p.expected} columns; the missing ones are left empty.`,
    unclosed_quote: () => 'A quoted value opens here and is never closed: the rest of the file was read into it.',
    no_identity: () => 'The row has no name, email or phone: there is nothing to identify the contact.',
    unknown_company: () => 'No company with this name; the field is left empty.',
    unknown_parent: () => 'No company with this name; the parent company is left empty.',
    unknown_owner: () => 'No workspace member with this name or email; the owner is left empty.',
    unknown_pipeline: (p) => `No pipeline with this name${p.options ? ` (pipelines: ${p.options})` : ''}.`,
    unknown_stage: (p) => `No stage with this name${p.options ? ` (stages: ${p.options})` : ''}.`,
    unknown_contact: () => 'No single contact matches; the link is left empty.',
    unknown_deal: () => 'No single deal has this title; the link is left empty.',
    duplicate_skipped: (p) => `Already in Carnet (same ${p.reason}); skipped as chosen.`,
    duplicate_in_file: (p) => `Same record as row ${p.otherRow} (same ${p.reason}).`,
    store_refused: (p) => `The record could not be saved: ${p.message}`,
  },
  fr: {
    unparsable_number: () => "Ce n'est pas un nombre.",
    unparsable_date: (p) => `Date illisible (attendu par exemple ${p.example ?? '05/03/2024 ou 2024-03-05'}).`,
    unparsable_boolean: () => 'Attendu oui ou non (vrai/faux, 1/0, yes/no).',
    unknown_label: (p) => (p.options ? `Valeur inconnue ; choisissez parmi : ${p.options}.` : 'Valeur inconnue.'),
    too_many_cells: (p) => `Cette ligne a ${p.cells} valeurs mais l'en-tête a ${p.expected} colonnes : un séparateur ou un guillemet est sans doute mal placé.`,
    missing_cells: (p) => `Cette ligne a ${p.cells} valeurs pour ${p.expected} colonnes ; les manquantes restent vides.`,
    unclosed_quote: () => "Un guillemet s'ouvre ici et ne se ferme jamais : la suite du fichier a été lue dedans.",
    no_identity: () => "La ligne n'a ni nom, ni e-mail, ni téléphone : rien n'identifie le contact.",
    unknown_company: () => 'Aucune société de ce nom ; le champ reste vide.',
    unknown_parent: () => 'Aucune société de ce nom ; la société mère reste vide.',
    unknown_owner: () => "Aucun membre de l'espace avec ce nom ou cet e-mail ; le propriétaire reste vide.",
    unknown_pipeline: (p) => `Aucun pipeline de ce nom${p.options ? ` (pipelines : ${p.options})` : ''}.`,
    unknown_stage: (p) => `Aucune étape de ce nom${p.options ? ` (étapes : ${p.options})` : ''}.`,
    unknown_contact: () => 'Aucun contact unique ne correspond ; le lien reste vide.',
    unknown_deal: () => "Aucune affaire unique n'a ce titre ; le lien reste vide.",
    duplicate_skipped: (p) => `Déjà dans Carnet (même ${REASONS_FR[String(p.reason)] ?? p.reason}) ; ignoré comme demandé.`,
    duplicate_in_file: (p) => `Même enregistrement que la ligne ${p.otherRow} (même ${REASONS_FR[String(p.reason)] ?? p.reason}).`,
    store_refused: (p) => `L'enregistrement n'a pas pu être sauvegardé : ${p.message}`,
  },
};

const REASONS_FR: Record<string, string> = { email: 'e-mail', phone: 'téléphone', name: 'nom', domain: 'domaine', id: 'identifiant', title: 'titre' };

function isOwnCode(code: RowIssueCode): code is ImportIssueCode {
  return Object.hasOwn(OWN.en, code);
}

/** What is wrong, without the location: "This is not a valid email address." */
export function rowIssueMessage(issue: RowIssue, locale: Locale = 'en'): string {
  const params = issue.params ?? {};
  if (isOwnCode(issue.code)) return OWN[locale][issue.code](params);
  return issueMessage({ field: issue.field ?? '', code: issue.code, params }, locale);
}

/** The whole sentence: `Row 5, column "E-mail": This is not a valid email address. Value: "jean@".` */
export function describeRowIssue(issue: RowIssue, locale: Locale = 'en'): string {
  const fr = locale === 'fr';
  const where = [
    `${fr ? 'Ligne' : 'Row'} ${issue.row}${issue.line !== undefined && issue.line !== issue.row ? ` (${fr ? 'ligne de texte' : 'line'} ${issue.line})` : ''}`,
    issue.column !== null ? (fr ? `colonne « ${issue.column} »` : `column "${issue.column}"`) : undefined,
  ].filter(Boolean).join(', ');
  const value = issue.value !== undefined && issue.value !== '' ? (fr ? ` Valeur : « ${issue.value} ».` : ` Value: "${issue.value}".`) : '';
  return `${where}${fr ? ' : ' : ': '}${rowIssueMessage(issue, locale)}${value}`;
}
