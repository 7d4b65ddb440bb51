// Validation messages in English and French, keyed by issue code. The UI shows these next to
// the field; the API returns the code, the field and the English message.
import type { IssueCode } from './fields.ts';
import type { FieldIssue } from './validate.ts';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

type Params = Record<string, string | number>;
const MESSAGES: Record<Locale, Record<IssueCode, (p: Params) => string>> = {
  en: {
    required: () => 'This field is required.',
    type: () => 'This value has the wrong type.',
    too_long: (p) => (p.max ? `Too long: at most ${p.max} characters.` : 'Too long.'),
    too_many: () => 'Too many values.',
    invalid_email: () => 'This is not a valid email address.',
    invalid_url: () => 'This is not a valid web address (it should start with http:// or https://).',
    invalid_phone: () => 'This is not a valid phone number.',
    invalid_date: () => 'This is not a valid date (YYYY-MM-DD).',
    invalid_datetime: () => 'This is not a valid date and time.',
    out_of_range: (p) => (p.min !== undefined && p.max !== undefined ? `Must be between ${p.min} and ${p.max}.` : 'Out of range.'),
    not_integer: () => 'Must be a whole number.',
    unknown_option: (p) => (p.options ? `Choose one of: ${p.options}.` : 'Unknown option.'),
    invalid_id: () => 'This is not a valid record reference.',
    invalid_currency: () => 'Use a three-letter currency code such as EUR or USD.',
    unknown_field: () => 'This field does not exist.',
    read_only: () => 'This field cannot be changed.',
    duplicate_stage: () => 'Two stages have the same id.',
    unknown_collection: () => 'Unknown record type.',
    not_an_object: () => 'Expected an object of fields.',
    invalid_text: () => 'This text contains a broken character (half of an emoji?). Retype it.',
    duplicate_member: () => 'This person is listed twice.',
    unknown_member: () => 'This person is not a member of the workspace.',
    not_a_manager: () => 'Only a member whose role is manager, admin or owner can manage a team.',
  },
  fr: {
    required: () => 'Ce champ est obligatoire.',
    type: () => "Cette valeur n'a pas le bon type.",
    too_long: (p) => (p.max ? `Trop long : ${p.max} caractères au plus.` : 'Trop long.'),
    too_many: () => 'Trop de valeurs.',
    invalid_email: () => "Cette adresse e-mail n'est pas valide.",
    invalid_url: () => "Cette adresse web n'est pas valide (elle doit commencer par http:// ou https://).",
    invalid_phone: () => "Ce numéro de téléphone n'est pas valide.",
    invalid_date: () => "Cette date n'est pas valide (AAAA-MM-JJ).",
    invalid_datetime: () => "Cette date et heure n'est pas valide.",
    out_of_range: (p) => (p.min !== undefined && p.max !== undefined ? `Doit être compris entre ${p.min} et ${p.max}.` : 'Hors limites.'),
    not_integer: () => 'Doit être un nombre entier.',
    unknown_option: (p) => (p.options ? `Choisissez parmi : ${p.options}.` : 'Option inconnue.'),
    invalid_id: () => "Cette référence d'enregistrement n'est pas valide.",
    invalid_currency: () => 'Utilisez un code devise de trois lettres, comme EUR ou USD.',
    unknown_field: () => "Ce champ n'existe pas.",
    read_only: () => 'Ce champ ne peut pas être modifié.',
    duplicate_stage: () => 'Deux étapes ont le même identifiant.',
    unknown_collection: () => "Type d'enregistrement inconnu.",
    not_an_object: () => 'Un objet de champs est attendu.',
    invalid_text: () => 'Ce texte contient un caractère cassé (la moitié d’un emoji ?). Saisissez-le à nouveau.',
    duplicate_member: () => 'Cette personne figure deux fois.',
    unknown_member: () => "Cette personne n'est pas membre de l'espace de travail.",
    not_a_manager: () => "Seul un membre dont le rôle est manager, admin ou propriétaire peut diriger une équipe.",
  },
};

export function issueMessage(issue: FieldIssue, locale: Locale = 'en'): string {
  return MESSAGES[locale][issue.code](issue.params ?? {});
}

/** "email: This is not a valid email address.; leadScore: Must be between 0 and 100." */
export function describeIssues(issues: readonly FieldIssue[], locale: Locale = 'en'): string {
  return issues.map((i) => (i.field ? `${i.field}: ` : '') + issueMessage(i, locale)).join('; ');
}
