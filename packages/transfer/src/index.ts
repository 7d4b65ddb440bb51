// @carnet/transfer: import and export, pure and host-agnostic, used by the app (in the browser)
// and by the relay's CLI. Reading (CSV, XLSX, vCard, with encoding detection), column mapping
// with suggestions, per-row validation, duplicate handling, applying through the Store with an
// undo of the whole import, and exports (CSV, XLSX, vCard, workspace archive, GDPR dossier).
export * from './errors.ts';
export * from './host.ts';
export * from './decode.ts';
export * from './windows-1252.ts';
export * from './table.ts';
export * from './csv-parse.ts';
export * from './csv-read.ts';
export * from './csv-write.ts';
export * from './xlsx-read.ts';
export * from './xlsx-write.ts';
export * from './vcard-parse.ts';
export * from './vcard-read.ts';
export * from './vcard-write.ts';
export * from './read-source.ts';
export * from './targets.ts';
export * from './field-labels.ts';
export * from './header-synonyms.ts';
export * from './mapping.ts';
export * from './option-labels.ts';
export * from './parse-number.ts';
export * from './parse-date.ts';
export * from './convert-value.ts';
export * from './person-name.ts';
export * from './references.ts';
export * from './row-issues.ts';
export * from './prepare-row.ts';
export * from './prepare.ts';
export * from './duplicate-index.ts';
export * from './plan.ts';
export * from './import-undo.ts';
export * from './list-items.ts';
export * from './apply.ts';
export * from './import-file.ts';
export * from './export-table.ts';
export * from './archive.ts';
export * from './contact-dossier.ts';
