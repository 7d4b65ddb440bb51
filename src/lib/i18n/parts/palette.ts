// Strings of the command palette (Ctrl/Cmd-K).
export const en = {
  'palette.title': 'Search Carnet',
  'palette.placeholder': 'Find a contact, company, deal or activity…',
  'palette.empty': 'Nothing matches “{q}”.',
  'palette.hint': 'Type to search. ↑ ↓ to move, Enter to open, Esc to close.',
  'palette.results': 'Results',
  'palette.notReady': 'The search index is still loading…',
  'palette.failed': 'Search could not open on this device ({error}). Reload the page to try again; your records are not affected.',
} as const;

export const fr: { [K in keyof typeof en]: string } = {
  'palette.title': 'Rechercher dans Carnet',
  'palette.placeholder': 'Trouver un contact, une entreprise, une affaire ou une activité…',
  'palette.empty': 'Rien ne correspond à « {q} ».',
  'palette.hint': 'Tapez pour chercher. ↑ ↓ pour se déplacer, Entrée pour ouvrir, Échap pour fermer.',
  'palette.results': 'Résultats',
  'palette.notReady': 'L’index de recherche est en cours de chargement…',
  'palette.failed': 'La recherche n’a pas pu s’ouvrir sur cet appareil ({error}). Rechargez la page pour réessayer ; vos fiches ne sont pas touchées.',
};
