// English interface strings. This dictionary defines the message keys; every other
// language must provide the same keys (see messages.ts). Each screen's strings live in
// parts/<screen>.ts, which holds both languages side by side.
import { en as shell } from './parts/shell.ts';
import { en as records } from './parts/records.ts';
import { en as contacts } from './parts/contacts.ts';
import { en as companies } from './parts/companies.ts';
import { en as deals } from './parts/deals.ts';
import { en as activities } from './parts/activities.ts';
import { en as palette } from './parts/palette.ts';
import { en as settings } from './parts/settings.ts';
import { en as collab } from './parts/collab.ts';
import { en as table } from './parts/table.ts';
import { en as record } from './parts/record.ts';
import { en as reports } from './parts/reports.ts';
import { en as transfer } from './parts/transfer.ts';
export const en = {
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
  'app.title': 'Carnet: local-first CRM',
  'home.tagline': 'A local-first, real-time collaborative CRM for small sales teams and agencies.',
  'home.goal':
    'Carnet is being built so that every teammate keeps the whole team’s contacts, companies and deals on their own device, keeps working offline, and syncs through a small relay the team can host itself.',
  'language.switch': 'Français',
  'language.switchHint': 'Show Carnet in French',
  'error.notFoundTitle': 'Page not found',
  'error.notFoundBody': 'There is nothing at this address yet.',
  'error.title': 'Something went wrong',
  'error.backHome': 'Back to home',
  'home.setupNeeded': 'No account exists yet on this Carnet.',
  'home.setupLink': 'Create the owner account',
  'setup.title': 'Set up Carnet',
  'setup.intro': 'Create the owner account and your team’s first workspace. You can invite teammates afterwards.',
  'setup.name': 'Your name',
  'setup.email': 'Email',
  'setup.password': 'Password (8 characters or more)',
  'setup.workspace': 'Workspace name',
  'setup.token': 'Setup token (only if the relay was started with SETUP_TOKEN)',
  'setup.submit': 'Create account and workspace',
  'setup.working': 'Creating…',
  'setup.done': 'Done: you are signed in as the owner of this workspace:',
  'setup.alreadyDone': 'This Carnet is already set up. Sign in with your account instead.',
  'setup.checking': 'Checking this Carnet…',
  'setup.unreachable': 'The relay cannot be reached. Check that it is running, then reload this page.',
  'setup.badToken': 'The setup token is missing or wrong. It is the SETUP_TOKEN value the relay was started with.',
  'setup.failed': 'The account could not be created. Nothing was saved; check the fields and try again.',
  'issue.required': 'This field is required.',
  'issue.too_short': 'Too short.',
  'issue.too_long': 'Too long.',
  'issue.invalid_email': 'This is not a valid email address.',
  'issue.other': 'This value is not valid.',
} as const;
