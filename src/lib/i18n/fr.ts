// French interface strings. Typed against the English keys so a missing translation
// fails the type check.
import type { Messages } from './messages.ts';
import { fr as shell } from './parts/shell.ts';
import { fr as records } from './parts/records.ts';
import { fr as contacts } from './parts/contacts.ts';
import { fr as companies } from './parts/companies.ts';
import { fr as deals } from './parts/deals.ts';
import { fr as activities } from './parts/activities.ts';
import { fr as palette } from './parts/palette.ts';
import { fr as settings } from './parts/settings.ts';
import { fr as collab } from './parts/collab.ts';
import { fr as table } from './parts/table.ts';
import { fr as record } from './parts/record.ts';
import { fr as reports } from './parts/reports.ts';
import { fr as transfer } from './parts/transfer.ts';

export const fr: Messages = {
  ...shell,
  ...records,
  ...contacts,
  ...companies,
  ...deals,
  ...activities,
  ...palette,
  ...settings,
  ...collab,
  ...table,
  ...record,
  ...reports,
  ...transfer,
  'app.name': 'Carnet',
  'app.title': 'Carnet : CRM local d’abord',
  'home.tagline':
    'Un CRM collaboratif en temps réel, local d’abord, pour les petites équipes commerciales et les agences.',
  'home.goal':
    'Carnet est conçu pour que chaque membre de l’équipe garde sur son propre appareil tous les contacts, entreprises et affaires de l’équipe, continue de travailler hors ligne et se synchronise via un petit relais que l’équipe peut héberger elle-même.',
  'language.switch': 'English',
  'language.switchHint': 'Afficher Carnet en anglais',
  'error.notFoundTitle': 'Page introuvable',
  'error.notFoundBody': 'Il n’y a encore rien à cette adresse.',
  'error.title': 'Une erreur s’est produite',
  'error.backHome': 'Retour à l’accueil',
  'home.setupNeeded': 'Aucun compte n’existe encore sur ce Carnet.',
  'home.setupLink': 'Créer le compte propriétaire',
  'setup.title': 'Installer Carnet',
  'setup.intro': 'Créez le compte propriétaire et le premier espace de travail de votre équipe. Vous pourrez inviter vos collègues ensuite.',
  'setup.name': 'Votre nom',
  'setup.email': 'E-mail',
  'setup.password': 'Mot de passe (8 caractères ou plus)',
  'setup.workspace': 'Nom de l’espace de travail',
  'setup.token': 'Jeton d’installation (seulement si le relais a été lancé avec SETUP_TOKEN)',
  'setup.submit': 'Créer le compte et l’espace',
  'setup.working': 'Création…',
  'setup.done': 'C’est fait : vous êtes connecté en tant que propriétaire de cet espace :',
  'setup.alreadyDone': 'Ce Carnet est déjà installé. Connectez-vous plutôt avec votre compte.',
  'setup.checking': 'Vérification de ce Carnet…',
  'setup.unreachable': 'Le relais est injoignable. Vérifiez qu’il tourne, puis rechargez cette page.',
  'setup.badToken': 'Le jeton d’installation manque ou est faux. C’est la valeur SETUP_TOKEN avec laquelle le relais a été lancé.',
  'setup.failed': 'Le compte n’a pas pu être créé. Rien n’a été enregistré ; vérifiez les champs et réessayez.',
  'issue.required': 'Ce champ est obligatoire.',
  'issue.too_short': 'Trop court.',
  'issue.too_long': 'Trop long.',
  'issue.invalid_email': 'Cette adresse e-mail n’est pas valide.',
  'issue.other': 'Cette valeur n’est pas valide.',
};
