// The column headers other tools write, per record type and target: exports of HubSpot,
// Pipedrive ("Person - Email"), Salesforce ("Mailing City"), Zoho, Google Contacts ("E-mail 1 -
// Value"), Outlook ("Business Phone", "Téléphone (bureau)"), in English and French. Headers are
// compared folded (accents, case, punctuation; see header-match.ts), and numbering ("E-mail 2")
// is ignored, so one entry covers its variants. A number after a phrase lowers the confidence
// of an ambiguous header (Outlook's "Title" is a salutation, Salesforce's a job title).
import type { Collection } from '@carnet/schema';

export type Synonym = string | readonly [phrase: string, confidence: number];
export type SynonymTable = Record<string, readonly Synonym[]>;

const EMAILS: Synonym[] = [
  'Email', 'E-mail', 'Emails', 'Email Address', 'E-mail Address', 'Mail', 'Courriel', 'Adresse e-mail', 'Adresse email',
  'Adresse de messagerie', 'Adresse électronique', 'Adresse mail', 'Work Email', 'Home Email', 'Other Email',
  'Secondary Email', 'Personal Email', 'Business Email', 'Primary Email', 'Person - Email', 'Email professionnel',
  'Email personnel', 'E-mail professionnel', 'E-mail personnel', 'Additional Email Addresses',
];
const PHONES: Synonym[] = [
  'Phone', 'Phones', 'Phone Number', 'Telephone', 'Téléphone', 'Tel', 'Tél', 'Mobile', 'Mobile Phone', 'Mobile Phone Number',
  'Cell', 'Cell Phone', 'Business Phone', 'Home Phone', 'Other Phone', 'Primary Phone', 'Company Main Phone', 'Work Phone',
  'Direct Line', 'Direct Phone', 'Ligne directe', 'Portable', 'Téléphone mobile', 'Tél mobile', 'Téléphone bureau',
  'Téléphone domicile', 'Autre téléphone', 'Téléphone principal', 'Téléphone portable', 'Numéro de téléphone', 'Person - Phone',
  'GSM', 'Téléphone professionnel', 'Téléphone fixe', 'Car Phone', 'Radio Phone',
];
const OWNER: Synonym[] = [
  'Owner', 'Owner Name', 'Owner Email', 'Record Owner', 'Sales Rep', 'Salesperson', 'Assigned To', 'Assigned User', 'User',
  'Propriétaire', 'Responsable', 'Commercial', 'Attribué à', 'Assigné à', 'Chargé de compte', 'Contact Owner', 'Lead Owner',
  'Account Owner', 'Company Owner', 'Deal Owner', 'Opportunity Owner', 'Activity Owner', 'Task Owner', 'Person - Owner',
  'Deal - Owner', 'Organization - Owner', 'Activity - Assigned to user', 'Propriétaire du contact', "Propriétaire de l'entreprise",
  "Propriétaire de l'affaire", 'Utilisateur',
];
const TAGS: Synonym[] = [
  'Tags', 'Tag', 'Labels', 'Label', 'Categories', 'Category', 'Catégories', 'Catégorie', 'Étiquettes', 'Étiquette', 'Mots-clés',
  'Keywords', 'Groups', 'Groupes', 'Group Membership', 'Segments', 'Segment', 'Lists', 'Listes',
];
const STREET: Synonym[] = [
  'Street', 'Address', 'Street Address', 'Address Line 1', 'Address 1', 'Address 1 - Street', 'Mailing Street', 'Business Street',
  'Home Street', 'Other Street', 'Billing Street', ['Shipping Street', 0.7], 'Rue', 'Adresse', 'Adresse postale', 'Rue bureau',
  'Rue domicile', 'Voie', 'Numéro et rue', 'Adresse de facturation', 'Address Street',
];
const CITY: Synonym[] = [
  'City', 'Town', 'Locality', 'Ville', 'Commune', 'Localité', 'Mailing City', 'Business City', 'Home City', 'Other City',
  'Billing City', ['Shipping City', 0.7], 'Ville bureau', 'Ville domicile', 'Address 1 - City', 'Address City',
];
const POSTAL: Synonym[] = [
  'Postal Code', 'Postcode', 'Post Code', 'Zip', 'Zip Code', 'Zip/Postal Code', 'Mailing Zip/Postal Code', 'Mailing Postal Code',
  'Business Postal Code', 'Home Postal Code', 'Other Postal Code', 'Billing Zip/Postal Code', 'Billing Postal Code',
  ['Shipping Zip/Postal Code', 0.7], 'Code postal', 'CP', 'Code postal bureau', 'Code postal domicile', 'Address 1 - Postal Code',
  'Address Postal Code', 'Address Zip',
];
const REGION: Synonym[] = [
  'State', 'Region', 'Province', 'State/Province', 'State/Region', 'County', 'Mailing State/Province', 'Mailing State',
  'Business State', 'Home State', 'Other State', 'Billing State/Province', 'Billing State', ['Shipping State/Province', 0.7],
  'Région', 'Département', 'État', 'État/Prov bureau', 'Dép/Région bureau', 'Dép/Région domicile', 'Address 1 - Region',
  'Address State',
];
const COUNTRY: Synonym[] = [
  'Country', 'Country/Region', 'Nation', 'Mailing Country', 'Business Country/Region', 'Home Country/Region',
  'Other Country/Region', 'Billing Country', ['Shipping Country', 0.7], 'Pays', 'Pays/Région', 'Pays/Région bureau',
  'Pays/Région domicile', 'Address 1 - Country', 'Address Country',
];
const COMPANY_NAME: Synonym[] = [
  'Company', 'Company Name', 'Organization', 'Organisation', 'Organization Name', 'Account', 'Account Name', 'Société',
  'Entreprise', "Nom de l'entreprise", 'Nom de la société', 'Raison sociale', 'Compte', 'Nom du compte', 'Employer',
  'Employeur', 'Organization 1 - Name', 'Person - Organization', 'Deal - Organization', 'Activity - Organization',
  'Associated Company', 'Organisation - Name', 'Organization - Name', ['Client', 0.7],
];
const ID: Synonym[] = ['Carnet ID', 'ID Carnet', 'Identifiant Carnet', 'Carnet Record ID'];
const DESCRIPTION: Synonym[] = [
  'Description', 'Notes', 'Note', 'Comments', 'Comment', 'Remarks', 'About', 'Commentaires', 'Commentaire', 'Remarques',
  'Observations', 'Détails', 'Details', 'Présentation',
];
const CONTACT_EMAIL: Synonym[] = [
  'Contact Email', 'Contact E-mail', ['Email', 0.8], ['E-mail', 0.8], 'Person - Email', 'Email du contact', 'E-mail du contact',
  'Courriel du contact', 'Primary Contact Email',
];
const CONTACT_NAME: Synonym[] = [
  'Contact', 'Contact Name', 'Contact Person', 'Deal - Contact person', 'Activity - Contact person', 'Person', 'Person - Name',
  'Primary Contact', 'Personne', 'Nom du contact', 'Interlocuteur', 'Who',
];

export const HEADER_SYNONYMS: Record<Collection, SynonymTable> = {
  contacts: {
    firstName: ['First Name', 'Firstname', 'Given Name', 'Forename', 'Prénom', 'Person - First name', 'Contact First Name', 'Prénom du contact'],
    lastName: ['Last Name', 'Lastname', 'Surname', 'Family Name', 'Nom', 'Nom de famille', 'Person - Last name', 'Contact Last Name'],
    $fullName: [
      ['Name', 0.9], 'Full Name', 'Contact Name', 'Contact', 'Display Name', 'Nom complet', "Nom d'affichage", 'Person - Name',
      'Person', 'Personne', 'Contact Full Name', 'Nom et prénom', 'Prénom et nom', 'Prénom Nom', 'Nom Prénom',
    ],
    emails: EMAILS,
    phones: PHONES,
    title: [
      'Job Title', ['Title', 0.6], 'Position', 'Job', 'Role', 'Fonction', 'Poste', 'Intitulé du poste', ['Titre', 0.5],
      'Organization 1 - Title', 'Person - Job title', 'Job Position', 'Métier',
    ],
    $companyName: COMPANY_NAME,
    $owner: OWNER,
    lifecycle: [
      'Lifecycle Stage', 'Lifecycle', 'Lead Status', ['Status', 0.6], ['Contact Type', 0.7], ['Type', 0.5], ['Statut', 0.6],
      'Cycle de vie', 'Étape du cycle de vie', 'Phase du cycle de vie', 'Statut du lead', 'Statut du contact',
    ],
    source: ['Source', 'Lead Source', 'Original Source', 'Contact Source', 'Origin', 'Origine', 'Source du lead', "Source d'origine", 'Provenance', "Canal d'acquisition"],
    leadScore: ['Lead Score', 'Score', 'HubSpot Score', 'Score du lead', 'Scoring', 'Lead Rating'],
    tags: TAGS,
    street: STREET,
    city: CITY,
    postalCode: POSTAL,
    region: REGION,
    country: COUNTRY,
    consentEmail: [
      'Email Consent', 'Email Opt-in', 'Email Opt In', 'Marketing Emails', 'Accepts Marketing', 'Newsletter', 'Consentement email',
      'Consentement e-mail', 'Accepte les emails', 'Accepte les e-mails', 'Opt-in email', 'Abonné newsletter', 'Marketing Consent',
    ],
    $emailOptOut: [
      'Email Opt Out', 'Email Opt-Out', 'Unsubscribed', 'Unsubscribed from all email', 'Has Opted Out Of Email', 'Do Not Email',
      'Désabonné', 'Désinscrit', "Ne pas envoyer d'email", "Ne pas envoyer d'e-mail", 'Opt-out email', 'Désabonné des e-mails',
    ],
    consentSms: ['SMS Consent', 'SMS Opt-in', 'SMS Opt In', 'Consentement SMS', 'Accepte les SMS'],
    consentPhone: ['Phone Consent', 'Call Consent', 'Consentement téléphone', 'Consentement appel', 'Accepte les appels'],
    $callOptOut: ['Do Not Call', 'Ne pas appeler', 'Call Opt Out', 'Opt-out appel'],
    notes: ['Notes', 'Note', ['Description', 0.8], 'Comments', 'Comment', 'Remarks', 'Commentaires', 'Commentaire', 'Remarques', 'Observations', 'Background Info'],
    $id: ID,
  },
  companies: {
    name: [
      ['Name', 0.9], 'Company', 'Company Name', 'Account Name', 'Organization', 'Organisation', 'Organization Name',
      'Organization - Name', 'Société', 'Nom', 'Nom de la société', "Nom de l'entreprise", 'Entreprise', 'Raison sociale', 'Compte',
      'Nom du compte', 'Dénomination', 'Business Name',
    ],
    domain: [
      'Domain', 'Company Domain Name', 'Domain Name', 'Website', 'Website URL', 'Web Site', 'Web', 'URL', 'Site', 'Site web',
      'Site internet', 'Nom de domaine', 'Domaine', 'Organization - Website',
    ],
    industry: ['Industry', 'Sector', 'Secteur', "Secteur d'activité", 'Industrie', 'Activité', 'Branche', 'Organization - Industry'],
    size: [
      'Company Size', 'Size', 'Employees', 'Number of Employees', 'Employee Count', 'Headcount', 'No. of Employees', 'Effectif',
      'Effectifs', 'Taille', "Taille de l'entreprise", "Nombre d'employés", 'Nombre de salariés', "Tranche d'effectif",
      'Organization - Number of employees',
    ],
    phone: ['Phone', 'Phone Number', 'Company Phone', 'Main Phone', 'Telephone', 'Téléphone', 'Tel', 'Standard', 'Téléphone du standard', 'Business Phone', 'Company Main Phone'],
    street: STREET,
    city: CITY,
    postalCode: POSTAL,
    region: REGION,
    country: COUNTRY,
    $owner: OWNER,
    $parentCompany: ['Parent Company', 'Parent Account', 'Parent', 'Société mère', 'Maison mère', 'Groupe', 'Entreprise parente', 'Compte parent'],
    tags: TAGS,
    description: DESCRIPTION,
    $id: ID,
  },
  deals: {
    title: [
      'Deal Name', 'Deal', 'Deal Title', ['Title', 0.9], ['Name', 0.8], 'Opportunity Name', 'Opportunity', 'Affaire',
      "Nom de l'affaire", 'Opportunité', "Nom de l'opportunité", 'Intitulé', 'Titre', 'Deal - Title', 'Projet', 'Transaction',
      'Nom de la transaction',
    ],
    amount: [
      'Amount', 'Value', 'Deal Value', 'Deal Amount', 'Opportunity Amount', 'Revenue', 'Montant', 'Valeur', 'Montant HT',
      "Chiffre d'affaires", 'CA', 'Deal - Value', 'Price', 'Prix',
    ],
    currency: ['Currency', 'Deal Currency', 'Opportunity Currency', 'Currency Code', 'Devise', 'Monnaie', 'Deal - Currency'],
    $pipeline: ['Pipeline', 'Pipeline Name', 'Deal Pipeline', 'Sales Pipeline', 'Deal - Pipeline', 'Pipeline de vente', 'Entonnoir'],
    $stage: [
      'Stage', 'Deal Stage', 'Opportunity Stage', 'Sales Stage', 'Phase', 'Étape', 'Étape de la transaction', "Étape de l'affaire",
      'Stade', 'Deal - Stage', ['Status', 0.5], ['Statut', 0.5],
    ],
    probability: ['Probability', 'Probability (%)', 'Deal Probability', 'Win Probability', 'Probabilité', 'Probabilité (%)', 'Chance de succès'],
    expectedCloseDate: [
      'Close Date', 'Expected Close Date', 'Closing Date', 'Estimated Close Date', 'Deal - Expected close date', 'Date de clôture',
      'Date de clôture prévue', 'Date de signature prévue', 'Date de fermeture',
    ],
    closedAt: [
      'Closed Date', 'Closed At', 'Actual Close Date', 'Won Date', 'Won Time', 'Lost Time', 'Close Time', 'Deal - Won time',
      'Date de clôture effective', 'Date de gain', 'Date de signature',
    ],
    $owner: OWNER,
    $companyName: COMPANY_NAME,
    $contactEmail: CONTACT_EMAIL,
    $contactName: CONTACT_NAME,
    lostReason: ['Lost Reason', 'Closed Lost Reason', 'Loss Reason', 'Reason Lost', 'Raison de la perte', 'Motif de perte', 'Cause de perte', 'Deal - Lost reason'],
    nextStep: ['Next Step', 'Next Action', 'Prochaine étape', 'Prochaine action'],
    nextStepDate: ['Next Step Date', 'Next Action Date', 'Date de la prochaine étape', 'Date prochaine action', 'Date de prochaine étape'],
    tags: TAGS,
    description: DESCRIPTION,
    $id: ID,
  },
  activities: {
    type: ['Type', 'Activity Type', 'Task Type', ['Activity', 0.8], "Type d'activité", 'Type de tâche', ['Activité', 0.8], 'Activity - Type'],
    subject: ['Subject', ['Title', 0.9], ['Name', 0.7], 'Activity Subject', 'Objet', 'Sujet', 'Titre', 'Intitulé', 'Activity - Subject'],
    body: [
      'Body', 'Note', 'Notes', 'Description', 'Comments', 'Content', 'Details', 'Contenu', 'Commentaires', 'Détails', 'Compte rendu',
      'Activity - Note',
    ],
    dueAt: [
      'Due Date', 'Due', 'Date', 'Due Time', 'Start', 'Start Date', 'Start Time', 'Scheduled', 'When', 'Échéance', "Date d'échéance",
      'Début', 'Date de début', 'Activity - Due date', 'Activity Date', "Date de l'activité",
    ],
    reminderAt: ['Reminder', 'Reminder Date', 'Remind At', 'Rappel', 'Date de rappel'],
    done: ['Done', 'Completed', 'Complete', 'Is Done', ['Status', 0.6], 'Terminé', 'Fait', 'Effectué', ['Statut', 0.6], 'Activity - Done'],
    doneAt: ['Done At', 'Completed At', 'Completed Date', 'Completion Date', 'Marked as done time', 'Date de réalisation', 'Terminé le', 'Fait le'],
    durationMin: ['Duration', 'Duration (min)', 'Duration (minutes)', 'Minutes', 'Durée', 'Durée (min)', 'Durée (minutes)'],
    outcome: ['Outcome', 'Result', 'Call Outcome', 'Call Result', 'Disposition', 'Résultat', "Résultat de l'appel"],
    $contactEmail: CONTACT_EMAIL,
    $contactName: CONTACT_NAME,
    $companyName: COMPANY_NAME,
    $dealTitle: ['Deal', 'Deal Name', 'Deal Title', 'Opportunity', 'Opportunity Name', 'Affaire', "Nom de l'affaire", 'Opportunité', 'Activity - Deal'],
    $owner: OWNER,
    $id: ID,
  },
};
