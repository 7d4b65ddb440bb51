// Word lists for the benchmark dataset: names (French with accents, English, a few German),
// places with real postal formats, company name parts, titles and sentence templates. Plain
// data; bench/dataset.ts decides how to combine it.

export type Locale = 'fr' | 'gb' | 'us' | 'de';

export const FIRST_NAMES: Record<Locale, readonly string[]> = {
  fr: [
    'François', 'Hélène', 'Zoë', 'Chloé', 'Léa', 'Jérôme', 'Gaëlle', 'Noël', 'Anaïs', 'Mathéo',
    'Éloïse', 'Célia', 'Agnès', 'Benoît', 'Cécile', 'Clément', 'Loïc', 'Maëlle', 'Raphaël', 'Joël',
    'Thérèse', 'Frédéric', 'Stéphane', 'Sébastien', 'Aurélie', 'Émilie', 'Jérémy', 'Valérie', 'Hervé', 'André',
    'Camille', 'Julien', 'Manon', 'Nicolas', 'Sophie', 'Pierre', 'Claire', 'Antoine', 'Inès', 'Thomas',
    'Jean-Baptiste', 'Marie-Claude', 'Océane', 'Adèle', 'Gaël', 'Ophélie', 'Mélanie', 'Théo', 'Lucie', 'Yannick',
  ],
  gb: [
    'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Emily', 'Charlie', 'Sophie',
    'Thomas', 'Grace', 'William', 'Lily', 'James', 'Freya', 'Alfie', 'Poppy', 'Henry', 'Evie',
    'Siobhan', 'Niamh', 'Rhys', 'Eilidh', 'Callum',
  ],
  us: [
    'Liam', 'Olivia', 'Noah', 'Emma', 'Ethan', 'Ava', 'Mason', 'Sophia', 'Logan', 'Madison',
    'Jacob', 'Abigail', 'Michael', 'Chloe', 'Daniel', 'Harper', 'Tyler', 'Brooklyn', 'Jordan', 'Kayla',
    'José', 'María', 'Zoë', 'Renée', 'Dmitri',
  ],
  de: [
    'Jürgen', 'Jörg', 'Günter', 'Uwe', 'Lukas', 'Leonie', 'Sören', 'Björn', 'Käthe', 'Anja',
    'Matthias', 'Sabine', 'Felix', 'Jana', 'Tobias',
  ],
};

export const LAST_NAMES: Record<Locale, readonly string[]> = {
  fr: [
    'Dupont', 'Lefèvre', 'Gérard', 'Mercier', 'Fournier', 'Lemaître', 'Garnier', 'Rousseau', 'Bézier', 'Crémieux',
    'Ménard', 'Hébert', 'Thébault', 'Bénard', 'Chevalier', 'Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent',
    'Lefebvre', 'Girard', 'Bonnet', 'Lambert', 'Faure', 'André', 'Rivière', 'Lévêque', 'Boucher', 'Gauthier',
    'Perrin', 'Morin', 'Clément', 'Barbé', 'Besançon', 'Côté', 'Leroy', 'Roux', 'Duval', 'Fontaine',
    'Saint-Exupéry', 'de La Tour', "d'Alembert", 'Noël', 'Bérard', 'Brûlé', 'Jaurès', 'Aubé', 'Desprès', 'Lacroix',
  ],
  gb: [
    'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
    'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Harrington', 'Whitfield',
    "O'Brien", 'McAllister', 'Fitzgerald', 'Ashworth', 'Pemberton',
  ],
  us: [
    'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martinez', 'Anderson', 'Jackson', 'Lee', 'Harris', 'Clark',
    'Lewis', 'Young', 'Allen', 'King', 'Scott', 'Nguyen', 'Hill', 'Adams', 'Baker', 'Nelson',
    'Peña', 'Kowalski', 'Nakamura', 'Okafor', 'Schultz',
  ],
  de: [
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Schäfer', 'Köhler', 'Krüger', 'Hoffmann', 'Wagner',
    'Becker', 'Groß', 'Jäger', 'Böhm', 'Vogel',
  ],
};

/** Extremely rare names that exercise ligatures in search folding (Œ → oe). */
export const RARE_LAST_NAMES: readonly string[] = ['Œillet', 'Cœurdevey', 'Lœuillet'];

export interface Place {
  city: string;
  postalCode: string;
  region: string;
}

export const COUNTRY: Record<Locale, string> = { fr: 'France', gb: 'United Kingdom', us: 'United States', de: 'Germany' };
export const CURRENCY: Record<Locale, string> = { fr: 'EUR', gb: 'GBP', us: 'USD', de: 'EUR' };

export const PLACES: Record<Locale, readonly Place[]> = {
  fr: [
    { city: 'Paris', postalCode: '75008', region: 'Île-de-France' },
    { city: 'Paris', postalCode: '75011', region: 'Île-de-France' },
    { city: 'Boulogne-Billancourt', postalCode: '92100', region: 'Île-de-France' },
    { city: 'Lyon', postalCode: '69002', region: 'Auvergne-Rhône-Alpes' },
    { city: 'Grenoble', postalCode: '38000', region: 'Auvergne-Rhône-Alpes' },
    { city: 'Marseille', postalCode: '13001', region: "Provence-Alpes-Côte d'Azur" },
    { city: 'Nice', postalCode: '06000', region: "Provence-Alpes-Côte d'Azur" },
    { city: 'Toulouse', postalCode: '31000', region: 'Occitanie' },
    { city: 'Montpellier', postalCode: '34000', region: 'Occitanie' },
    { city: 'Nantes', postalCode: '44000', region: 'Pays de la Loire' },
    { city: 'Bordeaux', postalCode: '33000', region: 'Nouvelle-Aquitaine' },
    { city: 'Lille', postalCode: '59000', region: 'Hauts-de-France' },
    { city: 'Strasbourg', postalCode: '67000', region: 'Grand Est' },
    { city: 'Rennes', postalCode: '35000', region: 'Bretagne' },
    { city: 'Besançon', postalCode: '25000', region: 'Bourgogne-Franche-Comté' },
    { city: 'Orléans', postalCode: '45000', region: 'Centre-Val de Loire' },
  ],
  gb: [
    { city: 'London', postalCode: 'EC1A 1BB', region: 'England' },
    { city: 'London', postalCode: 'SW1A 2AA', region: 'England' },
    { city: 'Manchester', postalCode: 'M1 1AE', region: 'England' },
    { city: 'Bristol', postalCode: 'BS1 4DJ', region: 'England' },
    { city: 'Leeds', postalCode: 'LS1 4AP', region: 'England' },
    { city: 'Edinburgh', postalCode: 'EH1 1YZ', region: 'Scotland' },
    { city: 'Glasgow', postalCode: 'G1 1XQ', region: 'Scotland' },
    { city: 'Cardiff', postalCode: 'CF10 1EP', region: 'Wales' },
  ],
  us: [
    { city: 'New York', postalCode: '10001', region: 'NY' },
    { city: 'San Francisco', postalCode: '94105', region: 'CA' },
    { city: 'Los Angeles', postalCode: '90012', region: 'CA' },
    { city: 'Austin', postalCode: '78701', region: 'TX' },
    { city: 'Boston', postalCode: '02108', region: 'MA' },
    { city: 'Chicago', postalCode: '60601', region: 'IL' },
    { city: 'Seattle', postalCode: '98101', region: 'WA' },
    { city: 'Denver', postalCode: '80202', region: 'CO' },
  ],
  de: [
    { city: 'Berlin', postalCode: '10115', region: 'Berlin' },
    { city: 'München', postalCode: '80331', region: 'Bayern' },
    { city: 'Hamburg', postalCode: '20095', region: 'Hamburg' },
    { city: 'Köln', postalCode: '50667', region: 'Nordrhein-Westfalen' },
    { city: 'Düsseldorf', postalCode: '40213', region: 'Nordrhein-Westfalen' },
  ],
};

export const STREETS: Record<Locale, readonly string[]> = {
  fr: [
    'rue de la République', 'avenue des Champs-Élysées', 'boulevard Haussmann', 'rue Émile Zola', 'place Bellecour',
    'rue du Faubourg Saint-Honoré', 'quai des Chartrons', 'rue de la Pépinière', 'allée des Tilleuls', 'cours Lafayette',
  ],
  gb: ['High Street', 'Baker Street', 'Station Road', 'Victoria Road', 'King Street', 'Church Lane', 'Deansgate'],
  us: ['Market Street', 'Main St', 'Broadway', '5th Avenue', 'Mission Street', 'Congress Avenue', 'Pike Street'],
  de: ['Hauptstraße', 'Friedrichstraße', 'Königsallee', 'Schloßstraße', 'Bahnhofstraße'],
};

export const LEGAL_SUFFIXES: Record<Locale, readonly string[]> = {
  fr: ['SAS', 'SARL', 'SA', 'SAS', 'SARL'],
  gb: ['Ltd', 'Ltd', 'PLC', 'LLP'],
  us: ['Inc', 'Inc', 'LLC', 'Corp'],
  de: ['GmbH', 'GmbH', 'AG'],
};

export const TLD: Record<Locale, readonly string[]> = {
  fr: ['fr', 'fr', 'com', 'eu'],
  gb: ['co.uk', 'co.uk', 'com', 'io'],
  us: ['com', 'com', 'io', 'co'],
  de: ['de', 'de', 'com'],
};

export const COMPANY_WORDS: Record<Locale, readonly string[]> = {
  fr: [
    'Conseil', 'Industries', 'Solutions', 'Logistique', 'Bâtiment', 'Énergies', 'Informatique', 'Distribution',
    'Ingénierie', 'Études', 'Services', 'Transports', 'Immobilier', 'Agroalimentaire', 'Médical', 'Création',
  ],
  gb: ['Consulting', 'Holdings', 'Systems', 'Partners', 'Logistics', 'Analytics', 'Engineering', 'Media', 'Labs', 'Group'],
  us: ['Technologies', 'Software', 'Dynamics', 'Networks', 'Capital', 'Health', 'Robotics', 'Foods', 'Labs', 'Group'],
  de: ['Technik', 'Maschinenbau', 'Logistik', 'Beratung', 'Systeme', 'Werke', 'Bau'],
};

export const COMPANY_PREFIXES: readonly string[] = [
  'Nova', 'Atlas', 'Helio', 'Vertex', 'Boréal', 'Azur', 'Quartz', 'Cobalt', 'Lumen', 'Orion', 'Solstice', 'Alpin',
  'Nordic', 'Pixel', 'Kite', 'Granite', 'Maple', 'Cedar', 'Zénith', 'Cristal', 'Delta', 'Everest', 'Falcon', 'Harbor',
];

export const INDUSTRIES: readonly string[] = [
  'Software', 'Manufacturing', 'Retail', 'Healthcare', 'Financial services', 'Consulting', 'Logistics', 'Energy',
  'Construction', 'Hospitality', 'Education', 'Media', 'Agriculture', 'Legal services', 'Real estate', 'Telecommunications',
];

export const TITLES: Record<'fr' | 'en', readonly string[]> = {
  fr: [
    'Directeur général', 'Directrice générale', 'Directeur commercial', 'Directrice commerciale', 'Responsable achats',
    'Chef de projet', 'Directeur financier', 'Responsable marketing', 'DSI', 'Assistante de direction', 'Gérant',
    'Responsable des opérations', 'Ingénieur d’affaires', 'Président',
  ],
  en: [
    'CEO', 'CTO', 'CFO', 'Head of Sales', 'Account Executive', 'Procurement Manager', 'Marketing Director',
    'VP Engineering', 'Operations Manager', 'Office Manager', 'Founder', 'IT Director', 'Product Manager', 'COO',
  ],
};

export const PERSONAL_EMAIL_DOMAINS: Record<Locale, readonly string[]> = {
  fr: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'outlook.fr'],
  gb: ['gmail.com', 'outlook.com', 'btinternet.com', 'yahoo.co.uk'],
  us: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'],
  de: ['gmail.com', 'web.de', 'gmx.de'],
};

export const TAGS: readonly string[] = [
  'vip', 'newsletter', 'partner', 'salon-2024', 'webinar', 'decision-maker', 'champion', 'churn-risk', 'upsell',
  'enterprise', 'smb', 'public-sector', 'référence', 'à-relancer', 'key-account', 'trial',
];

export const PRODUCTS: readonly string[] = [
  'CRM rollout', 'Annual licence', 'Support renewal', 'Consulting package', 'Pilot', 'Expansion', 'Onboarding',
  'Data migration', 'Training days', 'Premium plan', 'Audit', 'Integration project',
];

export const LOST_REASONS: readonly string[] = [
  'Price too high', 'Chose a competitor', 'No budget this year', 'Project cancelled', 'No decision', 'Timing',
];

export const NEXT_STEPS: readonly string[] = [
  'Send revised proposal', 'Book demo with the team', 'Call the decision maker', 'Envoyer le devis révisé',
  'Relancer après les congés', 'Prepare contract', 'Security review', 'Reference call',
];

export const SUBJECTS: Record<'note' | 'task' | 'call' | 'meeting' | 'email', readonly string[]> = {
  note: ['Meeting notes', 'Compte rendu', 'Context', 'Background', 'Points clés', 'Budget discussion'],
  task: ['Send proposal', 'Follow up', 'Relancer {first}', 'Prepare demo for {company}', 'Update contract', 'Envoyer la facture'],
  call: ['Discovery call', 'Appel de suivi', 'Call with {first}', 'Pricing call', 'Check-in'],
  meeting: ['Demo', 'Réunion de lancement', 'Quarterly review', 'Workshop with {company}', 'Déjeuner avec {first}'],
  email: ['Re: proposal', 'Devis {company}', 'Introduction', 'Re: next steps', 'Contract draft', 'Suite à notre échange'],
};

/** Sentence templates for bodies. {first} {last} {company} {product} {amount} {day} are filled in. */
export const SENTENCES: Record<'fr' | 'en', readonly string[]> = {
  en: [
    'Spoke with {first} {last} about the {product} and the timeline for next quarter.',
    '{company} wants to compare our offer with two other vendors before the end of the month.',
    'Budget is around {amount}, signed off by finance if the pilot goes well.',
    'Follow up on {day} with the revised pricing and the security questionnaire.',
    '{first} asked for references from customers of a similar size in the same industry.',
    'The team is happy with onboarding so far; two open questions about data migration.',
    'Procurement needs a signed NDA before we can share the detailed roadmap.',
    'Left a voicemail, will try again on {day} morning before their weekly meeting.',
    'They are renewing their contract and want to add seats for the new sales office.',
    'Decision expected after the board meeting; {first} is our champion internally.',
  ],
  fr: [
    'Échange avec {first} {last} au sujet du {product} et du calendrier du prochain trimestre.',
    '{company} souhaite comparer notre offre avec deux concurrents avant la fin du mois.',
    'Budget d’environ {amount}, validé par la direction financière si le pilote est concluant.',
    'Relancer {day} avec la grille tarifaire révisée et le questionnaire de sécurité.',
    '{first} a demandé des références clients de taille équivalente dans le même secteur.',
    'L’équipe est satisfaite de la mise en route ; deux questions ouvertes sur la reprise des données.',
    'Les achats exigent un accord de confidentialité signé avant de partager la feuille de route.',
    'Message laissé sur le répondeur, je rappelle {day} matin avant leur réunion hebdomadaire.',
    'Ils renouvellent leur contrat et veulent ajouter des licences pour la nouvelle agence de Lyon.',
    'Décision attendue après le comité de direction ; {first} est notre relais en interne.',
  ],
};

export const DAYS: Record<'fr' | 'en', readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
};
