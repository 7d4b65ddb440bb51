// Who is signed in on this device and which workspace is open. The last answer of the relay is
// kept in localStorage so that the app opens offline after a first sign-in; a definite "no
// session" (401) from the relay signs the device out, an unreachable relay does not.
import { createContext } from 'svelte';
import { fetchMe, login as apiLogin, logout as apiLogout, logoutEverywhere, type Me, type WorkspaceAccess } from '$lib/api/auth';
import type { ApiResult } from '$lib/api/http';

const SESSION_KEY = 'carnet.session';
const CURRENT_KEY = 'carnet.workspace';
const DEVICE_KEY = 'carnet.deviceId';

export type SessionPhase = 'loading' | 'signed-in' | 'signed-out';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Session {
  #storage: KeyValueStorage;
  phase = $state<SessionPhase>('loading');
  me = $state.raw<Me | null>(null);
  /** True while the relay could not confirm the session (offline start from the cached copy). */
  unconfirmed = $state(false);
  currentWorkspaceId = $state<string | null>(null);
  readonly deviceId: string;

  constructor(storage: KeyValueStorage) {
    this.#storage = storage;
    let device = storage.getItem(DEVICE_KEY);
    if (!device) {
      device = randomId();
      storage.setItem(DEVICE_KEY, device);
    }
    this.deviceId = device;
    this.currentWorkspaceId = storage.getItem(CURRENT_KEY);
  }

  get user() {
    return this.me?.user ?? null;
  }

  get workspaces(): WorkspaceAccess[] {
    return this.me?.workspaces ?? [];
  }

  get workspace(): WorkspaceAccess | null {
    const list = this.workspaces;
    return list.find((w) => w.id === this.currentWorkspaceId) ?? list[0] ?? null;
  }

  /** Asks the relay who is signed in; falls back to this device's copy when it cannot answer. */
  async load(): Promise<void> {
    const result = await fetchMe();
    if (result.ok) {
      this.#signedIn(result.data, false);
    } else if (result.status === 401) {
      this.#signedOut();
    } else {
      const cached = this.#cached();
      if (cached) this.#signedIn(cached, true);
      else this.#signedOut();
    }
  }

  async login(email: string, password: string): Promise<ApiResult<Me>> {
    const result = await apiLogin(email, password);
    if (result.ok) this.#signedIn(result.data, false);
    return result;
  }

  /** Adopts a session the relay just opened (setup, invite). */
  async refresh(): Promise<void> {
    await this.load();
  }

  async logout(everywhere = false): Promise<void> {
    await (everywhere ? logoutEverywhere() : apiLogout());
    this.#signedOut();
  }

  /** The relay said this session is over (socket closed with 4401): sign out this device. */
  expired(): void {
    this.#signedOut();
  }

  switchWorkspace(id: string): void {
    if (!this.workspaces.some((w) => w.id === id)) return;
    this.currentWorkspaceId = id;
    this.#storage.setItem(CURRENT_KEY, id);
  }

  #signedIn(me: Me, unconfirmed: boolean): void {
    this.me = me;
    this.unconfirmed = unconfirmed;
    this.phase = 'signed-in';
    if (!unconfirmed) this.#storage.setItem(SESSION_KEY, JSON.stringify(me));
    if (!me.workspaces.some((w) => w.id === this.currentWorkspaceId)) {
      this.currentWorkspaceId = me.workspaces[0]?.id ?? null;
      if (this.currentWorkspaceId) this.#storage.setItem(CURRENT_KEY, this.currentWorkspaceId);
    }
  }

  #signedOut(): void {
    this.me = null;
    this.unconfirmed = false;
    this.phase = 'signed-out';
    this.#storage.removeItem(SESSION_KEY);
  }

  #cached(): Me | null {
    try {
      const value = JSON.parse(this.#storage.getItem(SESSION_KEY) ?? 'null') as Me | null;
      return value && value.user && Array.isArray(value.workspaces) ? value : null;
    } catch {
      return null;
    }
  }
}

export const [getSession, setSession] = createContext<Session>();
