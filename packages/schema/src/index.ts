// @carnet/schema: record types, ids, field definitions and validation. The single source of
// truth for the app, the relay, the API and the tests.
export * from './ids.ts';
export * from './collections.ts';
export * from './fields.ts';
export * from './contact.ts';
export * from './company.ts';
export * from './deal.ts';
export * from './activity.ts';
export * from './workspace.ts';
export * from './records.ts';
export * from './validate.ts';
export * from './messages.ts';
export * from './text.ts';
