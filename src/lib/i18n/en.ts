// English interface strings. This dictionary defines the message keys; every other
// language must provide the same keys (see messages.ts).
export const en = {
  'app.name': 'Carnet',
  'app.title': 'Carnet: local-first CRM',
  'home.tagline': 'A local-first, real-time collaborative CRM for small sales teams and agencies.',
  'home.goal':
    'Carnet is being built so that every teammate keeps the whole team’s contacts, companies and deals on their own device, keeps working offline, and syncs through a small relay the team can host itself.',
  'home.status':
    'This is an early placeholder. The data core is being built; the contacts, deals and sync screens come next.',
  'language.switch': 'Français',
  'language.switchHint': 'Show Carnet in French',
  'error.notFoundTitle': 'Page not found',
  'error.notFoundBody': 'There is nothing at this address yet.',
  'error.title': 'Something went wrong',
  'error.backHome': 'Back to home',
} as const;
