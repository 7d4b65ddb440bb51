// Auth events for the live socket layer and the workspace doc: a revoked session, a removed
// member, a changed role or a revoked token must reach open sockets within a second; a new
// workspace and every membership change are mirrored into the workspace doc. Emitted
// synchronously after the database change commits; a failing listener never undoes or
// blocks the change.
import type { Role } from '@carnet/schema';

export interface AuthEventMap {
  'session.revoked': { sessionId: string; userId: string };
  'workspace.created': { workspaceId: string; userId: string };
  'member.added': { workspaceId: string; userId: string; role: Role };
  'member.removed': { workspaceId: string; userId: string };
  'member.role_changed': { workspaceId: string; userId: string; role: Role };
  'token.revoked': { tokenId: string };
}
export type AuthEventType = keyof AuthEventMap;
type Listener<K extends AuthEventType> = (event: AuthEventMap[K]) => void;

export interface AuthEvents {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends AuthEventType>(type: K, listener: Listener<K>): () => void;
  emit<K extends AuthEventType>(type: K, event: AuthEventMap[K]): void;
}

export function createAuthEvents(onListenerError: (error: unknown) => void = (e) => console.error('auth event listener failed:', e)): AuthEvents {
  const listeners = new Map<AuthEventType, Set<Listener<never>>>();
  return {
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      set.add(listener as Listener<never>);
      return () => set.delete(listener as Listener<never>);
    },
    emit(type, event) {
      for (const listener of listeners.get(type) ?? []) {
        try {
          (listener as Listener<typeof type>)(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
