// Column headers in English and French for every field and virtual target: what exports write
// and, therefore, what the column mapper must recognise first (an exported file re-imports
// with every column mapped at full confidence).
import type { Collection, Locale } from '@carnet/schema';

type Labels = Record<string, readonly [en: string, fr: string]>;

const SHARED: Labels = {
  $id: ['Carnet ID', 'ID Carnet'],
  $owner: ['Owner', 'Propriétaire'],
  tags: ['Tags', 'Étiquettes'],
  street: ['Street', 'Rue'],
  postalCode: ['Postal Code', 'Code postal'],
  city: ['City', 'Ville'],
  region: ['Region', 'Région'],
  country: ['Country', 'Pays'],
};

export const FIELD_LABELS: Record<Collection, Labels> = {
  contacts: {
    ...SHARED,
    firstName: ['First Name', 'Prénom'],
    lastName: ['Last Name', 'Nom'],
    $fullName: ['Full Name', 'Nom complet'],
    emails: ['Email', 'E-mail'],
    phones: ['Phone', 'Téléphone'],
    title: ['Job Title', 'Fonction'],
    $companyName: ['Company', 'Société'],
    lifecycle: ['Lifecycle Stage', 'Cycle de vie'],
    source: ['Source', 'Origine'],
    leadScore: ['Lead Score', 'Score'],
    consentEmail: ['Email Consent', 'Consentement e-mail'],
    consentSms: ['SMS Consent', 'Consentement SMS'],
    consentPhone: ['Phone Consent', 'Consentement téléphone'],
    $emailOptOut: ['Email Opt Out', 'Désabonné des e-mails'],
    $callOptOut: ['Do Not Call', 'Ne pas appeler'],
    notes: ['Notes', 'Notes'],
  },
  companies: {
    ...SHARED,
    name: ['Company Name', 'Nom de la société'],
    domain: ['Domain', 'Domaine'],
    industry: ['Industry', "Secteur d'activité"],
    size: ['Company Size', 'Effectif'],
    phone: ['Phone', 'Téléphone'],
    $parentCompany: ['Parent Company', 'Société mère'],
    description: ['Description', 'Description'],
  },
  deals: {
    $id: SHARED.$id,
    $owner: SHARED.$owner,
    tags: SHARED.tags,
    title: ['Deal Name', "Nom de l'affaire"],
    amount: ['Amount', 'Montant'],
    currency: ['Currency', 'Devise'],
    $pipeline: ['Pipeline', 'Pipeline'],
    $stage: ['Stage', 'Étape'],
    probability: ['Probability', 'Probabilité'],
    expectedCloseDate: ['Expected Close Date', 'Date de clôture prévue'],
    closedAt: ['Closed Date', 'Date de clôture'],
    $companyName: ['Company', 'Société'],
    $contactEmail: ['Contact Email', 'E-mail du contact'],
    $contactName: ['Contact Name', 'Nom du contact'],
    lostReason: ['Lost Reason', 'Raison de la perte'],
    nextStep: ['Next Step', 'Prochaine étape'],
    nextStepDate: ['Next Step Date', 'Date de la prochaine étape'],
    description: ['Description', 'Description'],
  },
  activities: {
    $id: SHARED.$id,
    $owner: SHARED.$owner,
    type: ['Activity Type', "Type d'activité"],
    subject: ['Subject', 'Objet'],
    body: ['Notes', 'Notes'],
    dueAt: ['Due Date', 'Échéance'],
    reminderAt: ['Reminder', 'Rappel'],
    done: ['Done', 'Terminé'],
    doneAt: ['Done At', 'Terminé le'],
    durationMin: ['Duration (min)', 'Durée (min)'],
    outcome: ['Outcome', 'Résultat'],
    $contactEmail: ['Contact Email', 'E-mail du contact'],
    $contactName: ['Contact Name', 'Nom du contact'],
    $companyName: ['Company', 'Société'],
    $dealTitle: ['Deal', 'Affaire'],
  },
};

/** The header of a target in a locale; custom fields use their label. */
export function targetLabel(collection: Collection, target: string, locale: Locale = 'en', customLabel?: string): string {
  if (customLabel) return customLabel;
  const labels = FIELD_LABELS[collection][target];
  return labels ? labels[locale === 'fr' ? 1 : 0] : target;
}
