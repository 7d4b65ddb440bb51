// Who else is on a record: this tab announces itself (and the field it is editing) on the
// record's doc, and reads the other peers' announcements. Used by record pages and fields.
import type { PresencePeer } from '@carnet/sync';
import type { WorkspaceSession } from './workspace.svelte.ts';

export interface Visitor {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  /** The field the visitor is editing, if any. */
  editing: string | null;
}

const COLORS = ['#b4235a', '#1b6fa8', '#2f7d32', '#8a4baf', '#b35900', '#00796b', '#5d4037', '#c2185b'];

/** A stable colour per user, so a teammate has the same colour on every screen. */
export function colorOf(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

function toVisitor(peer: PresencePeer): Visitor | null {
  const state = peer.state as { user?: { id?: unknown; name?: unknown }; editing?: unknown };
  if (typeof state.user?.id !== 'string') return null;
  return {
    clientId: peer.clientId,
    userId: state.user.id,
    name: typeof state.user.name === 'string' ? state.user.name : '',
    color: colorOf(state.user.id),
    editing: typeof state.editing === 'string' ? state.editing : null,
  };
}

/**
 * Announces this user on `docId()` while the calling component lives, and tracks the others.
 * Call during component initialisation.
 */
export function recordPresence(ws: WorkspaceSession, docId: () => string | null) {
  let visitors = $state.raw<Visitor[]>([]);
  let editing: string | null = null;
  let current: string | null = null;

  const announce = () => {
    if (!current) return;
    ws.setPresence(current, { user: { id: ws.userId, name: ws.userName }, editing: ws.canEdit ? editing : null });
  };

  $effect(() => {
    const id = docId();
    if (!id) return;
    current = id;
    editing = null;
    announce();
    const off = ws.onPresence(id, (peers) => {
      visitors = peers.map(toVisitor).filter((v): v is Visitor => v !== null);
    });
    return () => {
      off();
      ws.leavePresence(id);
      current = null;
      visitors = [];
    };
  });

  return {
    get visitors() {
      return visitors;
    },
    /** Visitors editing `field` right now. */
    editorsOf(field: string): Visitor[] {
      return visitors.filter((v) => v.editing === field);
    },
    /** Tells the others which field this user is editing (null when done). */
    setEditing(field: string | null) {
      if (editing === field) return;
      editing = field;
      announce();
    },
  };
}

export type RecordPresence = ReturnType<typeof recordPresence>;
