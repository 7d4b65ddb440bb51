// The workspace doc's contents: pipelines with ordered stages, currencies, tags, custom field
// definitions, members, teams and settings. Only owners and admins may change it, but for a
// manager's goals of the teams they manage (enforced by the relay); every peer validates what
// it writes with these schemas.
import * as v from 'valibot';
import { CUSTOM_FIELD_KINDS, isWellFormedText, type CustomFieldKind, type IssueCode } from './fields.ts';
import { COLLECTIONS, type Collection } from './collections.ts';

export const ROLES = ['owner', 'admin', 'manager', 'rep', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do. The relay enforces it; the app uses it to disable controls. */
export const ROLE_CAN = {
  editRecords: (role: Role) => role !== 'viewer',
  editWorkspace: (role: Role) => role === 'owner' || role === 'admin',
  manageMembers: (role: Role) => role === 'owner' || role === 'admin',
  seeTeamReports: (role: Role) => role !== 'rep' && role !== 'viewer',
  /** May manage a team (be its manager): set and share that team's goals. */
  manageTeam: (role: Role) => role === 'owner' || role === 'admin' || role === 'manager',
} as const;

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

const key = v.pipe(v.string('type'), v.regex(/^[a-z0-9_]{1,64}$/, 'invalid_id'));
const name = v.pipe(v.string('type'), v.trim(), v.minLength(1, 'required'), v.maxLength(120, 'too_long'));

export const StageSchema = v.object({
  id: key,
  name,
  probability: v.pipe(v.number('type'), v.integer('not_integer'), v.minValue(0, 'out_of_range'), v.maxValue(100, 'out_of_range')),
  kind: v.picklist(STAGE_KINDS, 'unknown_option'),
});
export type Stage = v.InferOutput<typeof StageSchema>;

export const PipelineSchema = v.pipe(
  v.object({
    id: key,
    name,
    /** Position among pipelines (fractional indexing is not needed at this size). */
    order: v.number('type'),
    stages: v.pipe(v.array(StageSchema, 'type'), v.minLength(1, 'required'), v.maxLength(50, 'too_many')),
  }),
  v.check((p) => new Set(p.stages.map((s) => s.id)).size === p.stages.length, 'duplicate_stage'),
);
export type Pipeline = v.InferOutput<typeof PipelineSchema>;

export const CustomFieldDefSchema = v.object({
  /** Stored in the record as `cf_<key>`. */
  key,
  collection: v.picklist(COLLECTIONS, 'unknown_option'),
  label: name,
  kind: v.picklist(CUSTOM_FIELD_KINDS, 'unknown_option'),
  required: v.optional(v.boolean('type'), false),
  options: v.optional(v.pipe(v.array(name, 'type'), v.maxLength(200, 'too_many'))),
  order: v.optional(v.number('type'), 0),
});
export type CustomFieldDef = v.InferOutput<typeof CustomFieldDefSchema> & { kind: CustomFieldKind; collection: Collection };

export const TagSchema = v.object({
  name: v.pipe(v.string('type'), v.trim(), v.minLength(1, 'required'), v.maxLength(64, 'too_long')),
  color: v.pipe(v.string('type'), v.regex(/^#[0-9a-f]{6}$/i, 'type')),
});
export type Tag = v.InferOutput<typeof TagSchema>;

export const MemberSchema = v.object({
  userId: v.pipe(v.string('type'), v.regex(/^[0-9a-z]{8,32}$/, 'invalid_id')),
  name,
  email: v.pipe(v.string('type'), v.email('invalid_email')),
  role: v.picklist(ROLES, 'unknown_option'),
});
export type Member = v.InferOutput<typeof MemberSchema>;

const userId = v.pipe(v.string('type'), v.regex(/^[0-9a-z]{8,32}$/, 'invalid_id'));

/**
 * A team: a named set of members, for report filters, team goals and leaderboards. Its
 * manager (optional) is a member whose role is manager or above, not necessarily one of the
 * team's members; whether the ids name current members is checked against the workspace
 * doc by the store (the schema cannot see the members).
 */
export const TeamSchema = v.object({
  id: v.pipe(v.string('type'), v.regex(/^[0-9a-z]{8,32}$/, 'invalid_id')),
  name: v.pipe(v.string('type'), v.trim(), v.minLength(1, 'required'), v.maxLength(80, 'too_long'), v.check(isWellFormedText, 'invalid_text')),
  memberIds: v.pipe(
    v.array(userId, 'type'),
    v.maxLength(500, 'too_many'),
    v.check((ids) => new Set(ids).size === ids.length, 'duplicate_member'),
  ),
  managerId: v.optional(v.nullable(userId), null),
});
export type Team = v.InferOutput<typeof TeamSchema>;

export const SettingsSchema = v.object({
  name,
  defaultCurrency: v.pipe(v.string('type'), v.regex(/^[A-Z]{3}$/, 'invalid_currency')),
  currencies: v.pipe(v.array(v.pipe(v.string('type'), v.regex(/^[A-Z]{3}$/, 'invalid_currency'))), v.minLength(1, 'required')),
  stalledDays: v.pipe(v.number('type'), v.integer('not_integer'), v.minValue(1, 'out_of_range'), v.maxValue(365, 'out_of_range')),
  locale: v.picklist(['en', 'fr'], 'unknown_option'),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

/**
 * A saved view of a record table shared with the whole workspace (private views live in each
 * user's private doc). `setup` (filters, sort, columns, quick filter) is plain JSON the app
 * reads defensively, since another version may have written it.
 */
export const SavedViewSchema = v.object({
  id: v.pipe(v.string('type'), v.regex(/^[0-9a-z]{1,64}$/, 'invalid_id')),
  collection: v.picklist(COLLECTIONS, 'unknown_option'),
  name: v.pipe(v.string('type'), v.trim(), v.minLength(1, 'required'), v.maxLength(80, 'too_long')),
  ownerId: v.pipe(v.string('type'), v.maxLength(64, 'too_long')),
  updatedAt: v.number('type'),
  setup: v.record(v.string(), v.unknown(), 'type'),
});
export type SavedViewDef = v.InferOutput<typeof SavedViewSchema>;

/**
 * A dashboard or a sales goal shared with the workspace by an owner or admin. `setup` is the
 * dashboard or goal as @carnet/reports defines it; the app validates it with that package when
 * reading, since the schema package cannot depend on it.
 */
export const SharedReportItemSchema = v.object({
  id: v.pipe(v.string('type'), v.regex(/^[0-9a-z_-]{1,64}$/i, 'invalid_id')),
  ownerId: v.pipe(v.string('type'), v.maxLength(64, 'too_long')),
  updatedAt: v.number('type'),
  setup: v.record(v.string(), v.unknown(), 'type'),
});
export type SharedReportItem = v.InferOutput<typeof SharedReportItemSchema>;

export const CUSTOM_FIELD_PREFIX = 'cf_';

export function defaultSettings(name = 'Carnet'): Settings {
  return { name, defaultCurrency: 'EUR', currencies: ['EUR', 'USD', 'GBP'], stalledDays: 14, locale: 'en' };
}

export function defaultPipeline(): Pipeline {
  return {
    id: 'sales',
    name: 'Sales',
    order: 0,
    stages: [
      { id: 'qualified', name: 'Qualified', probability: 10, kind: 'open' },
      { id: 'contact_made', name: 'Contact made', probability: 20, kind: 'open' },
      { id: 'demo', name: 'Demo scheduled', probability: 40, kind: 'open' },
      { id: 'proposal', name: 'Proposal sent', probability: 60, kind: 'open' },
      { id: 'negotiation', name: 'Negotiation', probability: 80, kind: 'open' },
      { id: 'won', name: 'Won', probability: 100, kind: 'won' },
      { id: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
    ],
  };
}

const WORKSPACE_SCHEMAS = {
  settings: SettingsSchema,
  pipeline: PipelineSchema,
  customField: CustomFieldDefSchema,
  tag: TagSchema,
  member: MemberSchema,
  view: SavedViewSchema,
  sharedReportItem: SharedReportItemSchema,
  team: TeamSchema,
} as const;
type WorkspaceSchemas = typeof WORKSPACE_SCHEMAS;
export type WorkspaceValueKind = keyof WorkspaceSchemas;

/** Validates a workspace value (pipeline, custom field, …) with field-level issues as data. */
export function validateWorkspaceValue<K extends WorkspaceValueKind>(
  kind: K,
  input: unknown,
): { ok: true; value: v.InferOutput<WorkspaceSchemas[K]> } | { ok: false; issues: { field: string; code: IssueCode }[] } {
  const result = v.safeParse(WORKSPACE_SCHEMAS[kind] as v.GenericSchema, input);
  if (result.success) return { ok: true, value: result.output as v.InferOutput<WorkspaceSchemas[K]> };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({ field: v.getDotPath(issue) ?? '', code: (issue.message as IssueCode) ?? 'type' })),
  };
}
