// The workspace doc: settings, pipelines, custom field definitions, tags and members, each a
// root Y.Map keyed by id so that two admins adding different stages or fields both keep theirs.
// Reads return plain objects; writes validate with the schema first and never half-apply.
import * as Y from 'yjs';
import {
  defaultSettings, validateWorkspaceValue,
  type Collection, type CustomFieldDef, type Member, type Pipeline, type SavedViewDef, type Settings, type SharedReportItem, type Tag, type WorkspaceValueKind,
} from '@carnet/schema';
import { StoreError, StoreErrorCode } from './errors.ts';

export const WORKSPACE_MAPS = {
  settings: 'settings',
  pipelines: 'pipelines',
  customFields: 'customFields',
  tags: 'tags',
  members: 'members',
  views: 'views',
  dashboards: 'dashboards',
  goals: 'goals',
} as const;

function validated<K extends WorkspaceValueKind>(kind: K, input: unknown) {
  const result = validateWorkspaceValue(kind, input);
  if (result.ok) return result.value;
  const detail = result.issues.map((i) => `${i.field || kind} ${i.code}`).join(', ');
  throw new StoreError(StoreErrorCode.Invalid, `Invalid ${kind}: ${detail}`, { issues: result.issues });
}

const values = <T>(doc: Y.Doc, name: string) => [...doc.getMap<T>(name).values()];

export function readSettings(doc: Y.Doc): Settings {
  return { ...defaultSettings(), ...(doc.getMap(WORKSPACE_MAPS.settings).toJSON() as Partial<Settings>) };
}

export function readPipelines(doc: Y.Doc): Pipeline[] {
  return values<Pipeline>(doc, WORKSPACE_MAPS.pipelines).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

export function readCustomFields(doc: Y.Doc, collection?: Collection): CustomFieldDef[] {
  return values<CustomFieldDef>(doc, WORKSPACE_MAPS.customFields)
    .filter((d) => !collection || d.collection === collection)
    .sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
}

export function readTags(doc: Y.Doc): Tag[] {
  return values<Tag>(doc, WORKSPACE_MAPS.tags).sort((a, b) => a.name.localeCompare(b.name));
}

export function readMembers(doc: Y.Doc): Member[] {
  return values<Member>(doc, WORKSPACE_MAPS.members).sort((a, b) => a.name.localeCompare(b.name));
}

/** Saved views shared with the workspace, of one record type or all, by name. */
export function readSavedViews(doc: Y.Doc, collection?: Collection): SavedViewDef[] {
  return values<SavedViewDef>(doc, WORKSPACE_MAPS.views)
    .filter((view) => !collection || view.collection === collection)
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** Dashboards or sales goals shared with the workspace, by id. */
export function readSharedReportItems(doc: Y.Doc, kind: 'dashboards' | 'goals'): SharedReportItem[] {
  return values<SharedReportItem>(doc, WORKSPACE_MAPS[kind]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The write operations on the workspace doc; each validates before touching the doc. */
export type WorkspaceOp =
  | { type: 'settings'; patch: Partial<Settings> }
  | { type: 'putPipeline'; pipeline: Pipeline }
  | { type: 'removePipeline'; id: string }
  | { type: 'putCustomField'; def: CustomFieldDef }
  | { type: 'removeCustomField'; collection: Collection; key: string }
  | { type: 'putTag'; tag: Tag }
  | { type: 'removeTag'; name: string }
  | { type: 'putMember'; member: Member }
  | { type: 'removeMember'; userId: string }
  | { type: 'putView'; view: SavedViewDef }
  | { type: 'removeView'; id: string }
  | { type: 'putShared'; kind: 'dashboards' | 'goals'; item: SharedReportItem }
  | { type: 'removeShared'; kind: 'dashboards' | 'goals'; id: string };

/** Validates an op against the doc's current state; returns a function that applies it. */
export function prepareWorkspaceOp(doc: Y.Doc, op: WorkspaceOp): () => void {
  switch (op.type) {
    case 'settings': {
      const next = validated('settings', { ...readSettings(doc), ...op.patch });
      return () => {
        const map = doc.getMap(WORKSPACE_MAPS.settings);
        for (const key of Object.keys(op.patch) as (keyof Settings)[]) map.set(key, next[key]);
      };
    }
    case 'putPipeline': {
      const pipeline = validated('pipeline', op.pipeline);
      return () => doc.getMap(WORKSPACE_MAPS.pipelines).set(pipeline.id, pipeline);
    }
    case 'removePipeline':
      return () => doc.getMap(WORKSPACE_MAPS.pipelines).delete(op.id);
    case 'putCustomField': {
      const def = validated('customField', op.def) as CustomFieldDef;
      if ((def.kind === 'select' || def.kind === 'multiSelect') && !def.options?.length) {
        throw new StoreError(StoreErrorCode.Invalid, 'A select field needs at least one option.', {
          issues: [{ field: 'options', code: 'required' }],
        });
      }
      return () => doc.getMap(WORKSPACE_MAPS.customFields).set(`${def.collection}.${def.key}`, def);
    }
    case 'removeCustomField':
      return () => doc.getMap(WORKSPACE_MAPS.customFields).delete(`${op.collection}.${op.key}`);
    case 'putTag': {
      const tag = validated('tag', op.tag);
      return () => doc.getMap(WORKSPACE_MAPS.tags).set(tag.name, tag);
    }
    case 'removeTag':
      return () => doc.getMap(WORKSPACE_MAPS.tags).delete(op.name);
    case 'putMember': {
      const member = validated('member', op.member);
      return () => doc.getMap(WORKSPACE_MAPS.members).set(member.userId, member);
    }
    case 'removeMember':
      return () => doc.getMap(WORKSPACE_MAPS.members).delete(op.userId);
    case 'putView': {
      const view = validated('view', op.view) as SavedViewDef;
      return () => doc.getMap(WORKSPACE_MAPS.views).set(view.id, view);
    }
    case 'removeView':
      return () => doc.getMap(WORKSPACE_MAPS.views).delete(op.id);
    case 'putShared': {
      const item = validated('sharedReportItem', op.item) as SharedReportItem;
      return () => doc.getMap(WORKSPACE_MAPS[op.kind]).set(item.id, item);
    }
    case 'removeShared':
      return () => doc.getMap(WORKSPACE_MAPS[op.kind]).delete(op.id);
  }
}
