// Labels people (and other CRMs) use for Carnet's select options, in English and French:
// HubSpot's lifecycle stages, lead sources, Pipedrive's activity types. The first two labels
// of each option are what exports write (English, French). Compared folded.
import { COMPANY_SIZES, foldText, type FieldSpec, type Locale } from '@carnet/schema';

type OptionLabels = Record<string, readonly string[]>;

export const OPTION_LABELS: Record<string, OptionLabels> = {
  lifecycle: {
    lead: ['Lead', 'Piste', 'Subscriber', 'Abonné', 'New', 'Nouveau', 'Unqualified', 'Non qualifié', 'Open', 'Other'],
    prospect: [
      'Prospect', 'Prospect', 'Marketing qualified lead', 'MQL', 'marketingqualifiedlead', 'Sales qualified lead', 'SQL',
      'salesqualifiedlead', 'Opportunity', 'Opportunité', 'Qualified', 'Qualifié', 'In progress', 'En cours', 'Attempted to contact',
      'Connected', 'Open deal',
    ],
    customer: ['Customer', 'Client', 'Evangelist', 'Ambassadeur', 'Won', 'Gagné', 'Active customer', 'Client actif'],
    churned: ['Churned', 'Ancien client', 'Former customer', 'Lost', 'Perdu', 'Inactive', 'Inactif', 'Résilié', 'Churn', 'Bad timing'],
  },
  source: {
    website: ['Website', 'Site web', 'Web', 'Organic search', 'Recherche organique', 'Direct traffic', 'Trafic direct', 'Site internet', 'SEO'],
    referral: ['Referral', 'Recommandation', 'Parrainage', 'Bouche à oreille', 'Word of mouth', 'Referrals', 'Apporteur'],
    event: ['Event', 'Événement', 'Trade show', 'Salon', 'Conference', 'Conférence', 'Webinar', 'Webinaire', 'Seminar', 'Séminaire'],
    cold_outreach: ['Cold outreach', 'Prospection', 'Cold call', 'Appel à froid', 'Démarchage', 'Cold email', 'Outbound', 'Sortant'],
    inbound_email: ['Inbound email', 'E-mail entrant', 'Email entrant', 'Inbound', 'Entrant', 'Email marketing'],
    import: ['Import', 'Import', 'Offline sources', 'Sources hors ligne', 'Imported', 'Importé', 'List upload'],
    partner: ['Partner', 'Partenaire', 'Partners', 'Partenaires', 'Reseller', 'Revendeur'],
    social: ['Social media', 'Réseaux sociaux', 'Social', 'LinkedIn', 'Facebook', 'Twitter', 'X', 'Instagram', 'Organic social'],
    ads: ['Ads', 'Publicité', 'Paid search', 'Paid social', 'Advertisement', 'Google Ads', 'Recherche payante', 'Adwords', 'PPC', 'Pub'],
    other: ['Other', 'Autre', 'Unknown', 'Inconnu', 'Other campaigns', 'Autres campagnes'],
  },
  type: {
    note: ['Note', 'Note', 'Comment', 'Commentaire', 'Log', 'Journal'],
    task: ['Task', 'Tâche', 'To do', 'Todo', 'À faire', 'Deadline', 'Échéance', 'Follow up', 'Follow-up', 'Relance', 'Action'],
    call: ['Call', 'Appel', 'Phone call', 'Appel téléphonique', 'Phone', 'Téléphone', 'Coup de fil'],
    meeting: ['Meeting', 'Réunion', 'Rendez-vous', 'RDV', 'Lunch', 'Déjeuner', 'Event', 'Visit', 'Visite', 'Demo', 'Démo'],
    email: ['Email', 'E-mail', 'Mail', 'Courriel'],
  },
};

const foldLabel = (text: string) => foldText(text).replace(/[^a-z0-9+]+/g, ' ').trim();

const LOOKUPS = new Map<string, Map<string, string>>(
  Object.entries(OPTION_LABELS).map(([field, options]) => {
    const map = new Map<string, string>();
    for (const [id, labels] of Object.entries(options)) {
      map.set(foldLabel(id), id);
      for (const label of labels) if (!map.has(foldLabel(label))) map.set(foldLabel(label), id);
    }
    return [field, map];
  }),
);

/** The label exports write for an option id. */
export function optionLabel(field: string, id: string, locale: Locale = 'en'): string {
  const labels = OPTION_LABELS[field]?.[id];
  return labels ? labels[locale === 'fr' ? 1 : 0] : id;
}

const SIZE_BOUNDS: readonly [max: number, option: (typeof COMPANY_SIZES)[number]][] = [
  [10, '1-10'], [50, '11-50'], [200, '51-200'], [500, '201-500'], [1_000, '501-1000'], [5_000, '1001-5000'], [Infinity, '5000+'],
];

/** A headcount ("250", "11 to 50", "10 000+", "1 à 10 salariés") as a company size option. */
function companySize(text: string): string | undefined {
  const exact = (COMPANY_SIZES as readonly string[]).find((s) => s === text.replace(/\s+/g, ''));
  if (exact) return exact;
  const numbers = [...text.replace(/(\d)[\s.,'](?=\d{3}\b)/g, '$1').matchAll(/\d+/g)].map((m) => Number(m[0]));
  if (!numbers.length) return undefined;
  // A range names its upper bound; "5000+" or "more than 5000" its lower bound.
  const count = numbers.length > 1 ? numbers[1] : /\+|more|plus/i.test(text) ? numbers[0] + 1 : numbers[0];
  return SIZE_BOUNDS.find(([max]) => count <= max)?.[1];
}

/**
 * The option id a label stands for: an id itself ("cold_outreach", "Cold outreach"), a known
 * label in English or French, a custom select's option, or a company headcount. Undefined when
 * nothing fits.
 */
export function optionFromLabel(field: string, spec: FieldSpec, text: string): string | undefined {
  const options = spec.options ?? [];
  if (options.includes(text)) return text;
  if (field === 'size') return companySize(text);
  const folded = foldLabel(text);
  const known = LOOKUPS.get(field)?.get(folded);
  if (known && options.includes(known)) return known;
  return options.find((option) => foldLabel(option) === folded || foldLabel(option.replace(/_/g, ' ')) === folded);
}
