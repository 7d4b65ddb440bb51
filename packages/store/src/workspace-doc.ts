// The workspace doc: settings, pipelines, custom field definitions, tags, members and teams,
// each a root Y.Map keyed by id so that two admins adding different stages or fields both keep
// theirs. Reads return plain objects; writes validate with the schema first and never
// half-apply. A team names its members by user id; who is still a member is the members
// map's say, so a member removed from the workspace drops out of every team as read here.
import * as Y from 'yjs';
import {
  ROLE_CAN, defaultSettings, validateWorkspaceValue,
  type Collection, type CustomFieldDef, type Member, type Pipeline, type SavedViewDef, type Settings, type SharedReportItem, type Tag, type Team,
  type WorkspaceValueKind,
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
  teams: 'teams',
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

/**
 * The teams as stored, by name: members and managers as written, whether or not they are
 * still members of the workspace (the settings screen edits these).
 */
export function readStoredTeams(doc: Y.Doc): Team[] {
  return values<Team>(doc, WORKSPACE_MAPS.teams).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * The teams as reports and permissions see them: only current members, and a manager only
 * while they are a member whose role may manage a team (a demoted or removed manager has no
 * team). Without a members map (a doc the relay never seeded) nobody is a member.
 */
export function readTeams(doc: Y.Doc): Team[] {
  const members = new Map(readMembers(doc).map((m) => [m.userId, m]));
  return readStoredTeams(doc).map((team) => {
    const manager = team.managerId ? members.get(team.managerId) : undefined;
    return {
      ...team,
      memberIds: team.memberIds.filter((id) => members.has(id)),
      managerId: manager && ROLE_CAN.manageTeam(manager.role) ? manager.userId : null,
    };
  });
}

/** Ids of the teams `userId` manages (as readTeams sees them). */
export function teamsManagedBy(doc: Y.Doc, userId: string): string[] {
  return readTeams(doc).filter((team) => team.managerId === userId).map((team) => team.id);
}

/** A team's member and manager ids checked against the workspace's members, as field issues. */
function teamMemberIssues(doc: Y.Doc, team: Team): { field: string; code: 'unknown_member' | 'not_a_manager' }[] {
  const members = new Map(readMembers(doc).map((m) => [m.userId, m]));
  const issues: { field: string; code: 'unknown_member' | 'not_a_manager' }[] = [];
  team.memberIds.forEach((id, i) => {
    if (!members.has(id)) issues.push({ field: `memberIds.${i}`, code: 'unknown_member' });
  });
  if (team.managerId) {
    const manager = members.get(team.managerId);
    if (!manager) issues.push({ field: 'managerId', code: 'unknown_member' });
    else if (!ROLE_CAN.manageTeam(manager.role)) issues.push({ field: 'managerId', code: 'not_a_manager' });
  }
  return issues;
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
  | { type: 'removeShared'; kind: 'dashboards' | 'goals'; id: string }
  | { type: 'putTeam'; team: Team }
  | { type: 'removeTeam'; id: string };

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
    case 'putTeam': {
      const team = validated('team', op.team) as Team;
      // Members (and a manager) who left or changed role since they were set may stay, since
      // readTeams leaves them out; whoever is added or made manager must qualify now.
      const before = doc.getMap<Team>(WORKSPACE_MAPS.teams).get(team.id);
      const kept = new Set(before?.memberIds ?? []);
      const issues = teamMemberIssues(doc, team).filter((issue) => {
        if (issue.field === 'managerId') return before?.managerId !== team.managerId;
        return !kept.has(team.memberIds[Number(issue.field.slice('memberIds.'.length))]);
      });
      if (issues.length) {
        throw new StoreError(StoreErrorCode.Invalid, `Invalid team: ${issues.map((i) => `${i.field} ${i.code}`).join(', ')}`, { issues });
      }
      return () => doc.getMap(WORKSPACE_MAPS.teams).set(team.id, team);
    }
    case 'removeTeam':
      return () => doc.getMap(WORKSPACE_MAPS.teams).delete(op.id);
  }
}
