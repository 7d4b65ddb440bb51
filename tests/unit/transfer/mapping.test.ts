import { describe, expect, it } from 'vitest';
import { checkMapping, isTransferError, normalizeHeader, suggestMapping, TransferErrorCode, type ColumnMapping } from '@carnet/transfer';
import type { CustomFieldDef } from '@carnet/schema';

const targets = (mapping: ColumnMapping[]) => Object.fromEntries(mapping.map((m) => [m.header, m.target]));

describe('column mapping suggestions', () => {
  it('folds headers: accents, case, punctuation, "e-mail"', () => {
    expect(normalizeHeader('  Adresse E-mail (Bureau) ')).toBe('adresse email bureau');
    expect(normalizeHeader('Téléphone (bureau)')).toBe('telephone bureau');
  });

  it('recognises HubSpot contact exports', () => {
    const mapping = suggestMapping('contacts', ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Company Name', 'Job Title', 'Lifecycle Stage', 'Contact owner', 'Original Source', 'Street Address', 'State/Region', 'Country/Region']);
    expect(targets(mapping)).toEqual({
      'Record ID': null, 'First Name': 'firstName', 'Last Name': 'lastName', Email: 'emails', 'Phone Number': 'phones',
      'Mobile Phone Number': 'phones', 'Company Name': '$companyName', 'Job Title': 'title', 'Lifecycle Stage': 'lifecycle',
      'Contact owner': '$owner', 'Original Source': 'source', 'Street Address': 'street', 'State/Region': 'region', 'Country/Region': 'country',
    });
    expect(mapping.find((m) => m.header === 'First Name')!.confidence).toBe(1);
  });

  it('recognises Outlook exports in English and French, its salutation "Title" losing to "Job Title"', () => {
    const en = suggestMapping('contacts', ['Title', 'First Name', 'Middle Name', 'Last Name', 'Company', 'Job Title', 'Business Street', 'Business City', 'Business Postal Code', 'Business Country/Region', 'Business Phone', 'Business Phone 2', 'Home Phone', 'Mobile Phone', 'Business Fax', 'E-mail Address', 'E-mail Display Name', 'E-mail 2 Address', 'E-mail Type', 'Categories', 'Notes']);
    expect(targets(en)).toMatchObject({
      Title: null, 'Job Title': 'title', Company: '$companyName', 'Business Street': 'street', 'Business Phone': 'phones',
      'Business Phone 2': 'phones', 'Home Phone': 'phones', 'Mobile Phone': 'phones', 'Business Fax': null, 'E-mail Address': 'emails',
      'E-mail Display Name': null, 'E-mail 2 Address': 'emails', 'E-mail Type': null, Categories: 'tags', 'Middle Name': null,
    });
    expect(en.find((m) => m.header === 'Title')!.lostTo).toBe(5);
    const fr = suggestMapping('contacts', ['Titre', 'Prénom', 'Nom', 'Société', 'Fonction', 'Rue (bureau)', 'Ville (bureau)', 'Code postal (bureau)', 'Pays/Région (bureau)', 'Téléphone (bureau)', 'Télécopie (bureau)', 'Tél. mobile', 'Adresse de messagerie', 'Type de messagerie', 'Catégories']);
    expect(targets(fr)).toEqual({
      Titre: null, Prénom: 'firstName', Nom: 'lastName', Société: '$companyName', Fonction: 'title', 'Rue (bureau)': 'street',
      'Ville (bureau)': 'city', 'Code postal (bureau)': 'postalCode', 'Pays/Région (bureau)': 'country', 'Téléphone (bureau)': 'phones',
      'Télécopie (bureau)': null, 'Tél. mobile': 'phones', 'Adresse de messagerie': 'emails', 'Type de messagerie': null, Catégories: 'tags',
    });
  });

  it('recognises Google Contacts: "E-mail 1 - Value" columns merge into emails, their "Label" columns are ignored', () => {
    const mapping = suggestMapping('contacts', ['First Name', 'Last Name', 'Organization Name', 'Organization Title', 'Labels', 'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Address 1 - Formatted', 'Address 1 - Street', 'Address 1 - Postal Code']);
    expect(targets(mapping)).toEqual({
      'First Name': 'firstName', 'Last Name': 'lastName', 'Organization Name': '$companyName', 'Organization Title': 'title',
      Labels: 'tags', 'E-mail 1 - Label': null, 'E-mail 1 - Value': 'emails', 'E-mail 2 - Value': 'emails', 'Phone 1 - Label': null,
      'Phone 1 - Value': 'phones', 'Address 1 - Formatted': null, 'Address 1 - Street': 'street', 'Address 1 - Postal Code': 'postalCode',
    });
  });

  it('recognises Salesforce and Zoho, opt-out columns included', () => {
    const mapping = suggestMapping('contacts', ['Salutation', 'First Name', 'Last Name', 'Title', 'Account Name', 'Mailing Zip/Postal Code', 'Mailing Zip', 'Lead Source', 'Email Opt Out', 'Do Not Call', 'Secondary Email', 'Contact Owner', 'Description']);
    expect(targets(mapping)).toMatchObject({
      Salutation: null, Title: 'title', 'Account Name': '$companyName', 'Mailing Zip/Postal Code': 'postalCode', 'Mailing Zip': null,
      'Lead Source': 'source', 'Email Opt Out': '$emailOptOut', 'Do Not Call': '$callOptOut', 'Secondary Email': 'emails',
      'Contact Owner': '$owner', Description: 'notes',
    });
  });

  it('recognises Pipedrive deal exports and French deal headers', () => {
    expect(targets(suggestMapping('deals', ['Deal - Title', 'Deal - Value', 'Deal - Currency', 'Deal - Organization', 'Deal - Contact person', 'Person - Email', 'Deal - Pipeline', 'Deal - Stage', 'Deal - Expected close date', 'Deal - Owner', 'Deal - Lost reason']))).toEqual({
      'Deal - Title': 'title', 'Deal - Value': 'amount', 'Deal - Currency': 'currency', 'Deal - Organization': '$companyName',
      'Deal - Contact person': '$contactName', 'Person - Email': '$contactEmail', 'Deal - Pipeline': '$pipeline', 'Deal - Stage': '$stage',
      'Deal - Expected close date': 'expectedCloseDate', 'Deal - Owner': '$owner', 'Deal - Lost reason': 'lostReason',
    });
    expect(targets(suggestMapping('deals', ["Nom de l'affaire", 'Montant', 'Devise', 'Étape', 'Date de clôture prévue', 'Société', 'Probabilité (%)']))).toEqual({
      "Nom de l'affaire": 'title', Montant: 'amount', Devise: 'currency', Étape: '$stage', 'Date de clôture prévue': 'expectedCloseDate',
      Société: '$companyName', 'Probabilité (%)': 'probability',
    });
  });

  it('recognises companies and activities', () => {
    expect(targets(suggestMapping('companies', ['Company name', 'Company Domain Name', 'Industry', 'Number of Employees', 'Phone Number', 'Billing City', 'Parent Company', 'Raison sociale']))).toEqual({
      'Company name': 'name', 'Company Domain Name': 'domain', Industry: 'industry', 'Number of Employees': 'size', 'Phone Number': 'phone',
      'Billing City': 'city', 'Parent Company': '$parentCompany', 'Raison sociale': null,
    });
    expect(targets(suggestMapping('activities', ['Type', 'Subject', 'Due Date', 'Done', 'Duration', 'Contact Email', 'Company', 'Deal', 'Notes', 'Assigned To']))).toEqual({
      Type: 'type', Subject: 'subject', 'Due Date': 'dueAt', Done: 'done', Duration: 'durationMin', 'Contact Email': '$contactEmail',
      Company: '$companyName', Deal: '$dealTitle', Notes: 'body', 'Assigned To': '$owner',
    });
  });

  it('maps a whole "Name" to the full name, and leaves unknown columns unmapped', () => {
    const mapping = suggestMapping('contacts', ['Name', 'E-mail', 'Favourite colour', '']);
    expect(targets(mapping)).toEqual({ Name: '$fullName', 'E-mail': 'emails', 'Favourite colour': null, '': null });
    expect(mapping[0].confidence).toBe(0.9);
  });

  it('never maps two columns to one single-valued field: the most certain wins', () => {
    const mapping = suggestMapping('contacts', ['City', 'Ville', 'Business City']);
    expect(mapping.map((m) => m.target)).toEqual(['city', null, null]);
    expect(mapping.map((m) => m.lostTo)).toEqual([undefined, 0, 0]);
  });

  it('recognises custom fields by label and key', () => {
    const custom = [
      { key: 'budget', collection: 'contacts', label: 'Budget annuel', kind: 'currency', required: false, order: 0 },
      { key: 'linkedin_url', collection: 'contacts', label: 'LinkedIn', kind: 'url', required: false, order: 1 },
    ] as CustomFieldDef[];
    expect(targets(suggestMapping('contacts', ['BUDGET ANNUEL', 'Linkedin url', 'Email'], custom))).toEqual({
      'BUDGET ANNUEL': 'cf_budget', 'Linkedin url': 'cf_linkedin_url', Email: 'emails',
    });
  });

  it('checks an edited mapping: unknown targets and a single field fed twice are refused with every problem', () => {
    const mapping: ColumnMapping[] = [
      { column: 0, header: 'A', target: 'city', confidence: 1 },
      { column: 1, header: 'B', target: 'city', confidence: 1 },
      { column: 2, header: 'C', target: 'emails', confidence: 1 },
      { column: 3, header: 'D', target: 'emails', confidence: 1 },
      { column: 4, header: 'E', target: 'favouriteColour', confidence: 1 },
    ];
    const error = (() => { try { checkMapping('contacts', mapping); } catch (e) { return e; } })() as Error;
    expect(isTransferError(error, TransferErrorCode.BadMapping)).toBe(true);
    expect(error.message).toContain('"A" and "B"');
    expect(error.message).toContain('favouriteColour');
    expect(error.message).not.toContain('"C"');
  });
});
