// French interface strings. Typed against the English keys so a missing translation
// fails the type check.
import type { Messages } from './messages.ts';

export const fr: Messages = {
  'app.name': 'Carnet',
  'app.title': 'Carnet : CRM local d’abord',
  'home.tagline':
    'Un CRM collaboratif en temps réel, local d’abord, pour les petites équipes commerciales et les agences.',
  'home.goal':
    'Carnet est conçu pour que chaque membre de l’équipe garde sur son propre appareil tous les contacts, entreprises et affaires de l’équipe, continue de travailler hors ligne et se synchronise via un petit relais que l’équipe peut héberger elle-même.',
  'home.status':
    'Ceci est une première page provisoire. Le cœur des données est en construction ; les écrans des contacts, des affaires et la synchronisation arrivent ensuite.',
  'language.switch': 'English',
  'language.switchHint': 'Afficher Carnet en anglais',
  'error.notFoundTitle': 'Page introuvable',
  'error.notFoundBody': 'Il n’y a encore rien à cette adresse.',
  'error.title': 'Une erreur s’est produite',
  'error.backHome': 'Retour à l’accueil',
};
