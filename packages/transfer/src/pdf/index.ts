// @carnet/transfer/pdf: PDF exports (a list, a view or a report widget with its chart; a
// contact's GDPR dossier), apart from the package's main entry so that only what writes a PDF
// loads jsPDF (the app imports this entry on demand).
export * from './pdf-text.ts';
export * from './pdf-writer.ts';
export * from './pdf-table.ts';
export * from './pdf-scene.ts';
export * from './pdf-report.ts';
export * from './pdf-dossier.ts';
