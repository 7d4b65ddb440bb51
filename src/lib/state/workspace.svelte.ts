// One open workspace on this device: its local store (IndexedDB through Dexie), its search
// index and its connection to the relay, as rune state the screens read. Screens never see
// Y.Docs (the collaborative text editor excepted, through `openDoc`).
import { createContext } from 'svelte';
import {
  ROLE_CAN, defaultPipeline,
  type Collection, type CustomFieldDef, type Pipeline, type Role, type Settings, type Tag,
} from '@carnet/schema';
import { Store, type StoreEvent } from '@carnet/store';
import { DexiePersistence } from '@carnet/store-dexie';
import { openSearch, type SearchSync } from '@carnet/search';
import { DealRows } from './deal-rows.svelte.ts';
import { afterNextPaint } from './frames.ts';
import { yieldToBrowser } from '$lib/transfer/yield';
import {
  SyncClient, SyncErrorCode, bootstrapFromBundle, bundleUrl,
  type PresenceListener, type PresenceState, type SyncError, type SyncStatus,
} from '@carnet/sync';
import type { MemberInfo } from '$lib/api/auth';
import { listMembers } from '$lib/api/auth';

export type WorkspacePhase = 'opening' | 'ready' | 'failed';

export interface WorkspaceSessionOptions {
  workspaceId: string;
  workspaceName: string;
  userId: string;
  userName: string;
  role: Role;
  deviceId: string;
  /** Called when the relay ends this session (4401): the app signs the device out. */
  onSessionEnded?: () => void;
  /** Called when the relay says this user is no longer a member (4403). */
  onAccessLost?: () => void;
}

/** The local database of one user's copy of one workspace. */
export function databaseName(userId: string, workspaceId: string): string {
  return `carnet-${userId}-${workspaceId}`;
}

const MEMBERS_KEY = (workspaceId: string) => `carnet.members.${workspaceId}`;

/** How long the search index waits for the first screen's data before loading anyway. */
const SEARCH_WAIT_MS = 1_500;

export class WorkspaceSession {
  readonly id: string;
  readonly name: string;
  readonly userId: string;
  readonly userName: string;
  readonly role: Role;
  readonly deviceId: string;
  readonly canEdit: boolean;
  readonly canAdmin: boolean;

  phase = $state<WorkspacePhase>('opening');
  /** While opening: this device's copy was written by an earlier version and is being converted (once). */
  upgrading = $state(false);
  openError = $state<string | null>(null);
  store = $state.raw<Store | null>(null);
  /** Null until the on-device index is loaded: the workspace is usable before that. */
  search = $state.raw<SearchSync | null>(null);
  /** Why the search index could not open, if it could not. */
  searchError = $state<string | null>(null);

  status = $state<SyncStatus>('offline');
  pending = $state(0);
  syncError = $state.raw<SyncError | undefined>(undefined);
  /** Docs written so far by a snapshot download, while one runs. */
  bootstrapDocs = $state<number | null>(null);
  /** Bumped on every change of the workspace doc (pipelines, fields, tags, settings). */
  workspaceRevision = $state(0);
  members = $state.raw<MemberInfo[]>([]);

  #options: WorkspaceSessionOptions;
  #client: SyncClient | null = null;
  #unsubscribe: (() => void)[] = [];
  #closed = false;

  constructor(options: WorkspaceSessionOptions) {
    this.#options = options;
    this.id = options.workspaceId;
    this.name = options.workspaceName;
    this.userId = options.userId;
    this.userName = options.userName;
    this.role = options.role;
    this.deviceId = options.deviceId;
    this.canEdit = ROLE_CAN.editRecords(options.role);
    this.canAdmin = ROLE_CAN.editWorkspace(options.role);
    try {
      this.members = JSON.parse(localStorage.getItem(MEMBERS_KEY(this.id)) ?? '[]') as MemberInfo[];
    } catch {
      this.members = [];
    }
  }

  /**
   * Opens the local store, then connects to the relay (which may be unreachable) and loads the
   * search index beside it: lists and records show without waiting for the index (at dataset L,
   * reading and parsing it takes most of a second).
   */
  async open(): Promise<void> {
    try {
      const persistence = new DexiePersistence(databaseName(this.userId, this.id), {
        onUpgrade: () => (this.upgrading = true),
      });
      const store = await Store.open({
        persistence,
        actor: { userId: this.userId, deviceId: this.deviceId },
        yieldToHost: yieldToBrowser,
      });
      if (this.#closed) {
        await store.close();
        return;
      }
      this.#unsubscribe.push(store.subscribe((event) => this.#onStoreEvent(event)));
      this.#dealRows = new DealRows(store);
      this.store = store;
      this.phase = 'ready';
      this.#searchOpening = this.#openSearch(persistence, store);
      this.#connect(store);
      void this.refreshMembers();
    } catch (error) {
      this.openError = error instanceof Error ? error.message : String(error);
      this.phase = 'failed';
    }
  }

  #searchOpening: Promise<void> | null = null;
  #dealRows = $state.raw<DealRows | null>(null);

  /**
   * Every alive deal in memory, kept current (null until the store is open). Read on first use
   * and warmed in the background after the first screen and the search index, so the board
   * opens from memory. Made with the store, outside any reaction: state created while a
   * derived runs would not be a dependency of it.
   */
  get dealRows(): DealRows | null {
    return this.#dealRows;
  }
  #screenShown: () => void = () => {};
  readonly #firstScreen = new Promise<void>((resolve) => (this.#screenShown = resolve));

  /**
   * A screen calls this once its first data is read: the search index, which competes with it
   * for IndexedDB and the main thread, starts loading only then (or after SEARCH_WAIT_MS).
   */
  screenShown(): void {
    this.#screenShown();
  }

  async #openSearch(persistence: DexiePersistence, store: Store): Promise<void> {
    try {
      await Promise.race([this.#firstScreen, new Promise((resolve) => setTimeout(resolve, SEARCH_WAIT_MS))]);
      await afterNextPaint();
      if (this.#closed) return;
      // Change events that arrive while it loads are held by openSearch and applied after.
      const search = await openSearch({ persistence, subscribe: (listener) => store.subscribe(listener) });
      if (this.#closed) await search.close();
      else this.search = search;
    } catch (error) {
      if (!this.#closed) this.searchError = error instanceof Error ? error.message : String(error);
    }
    await afterNextPaint();
    if (!this.#closed) this.dealRows?.start();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const off of this.#unsubscribe.splice(0)) off();
    await this.#client?.stop();
    await this.#searchOpening;
    this.#dealRows?.stop();
    await this.search?.close();
    await this.store?.close();
  }

  /** The store, for code that runs only once the workspace is ready. */
  get ready(): Store {
    if (!this.store) throw new Error('The workspace is not open yet');
    return this.store;
  }

  get pipelines(): Pipeline[] {
    void this.workspaceRevision;
    const list = this.store?.pipelines() ?? [];
    return list.length ? list : [defaultPipeline()];
  }

  get settings(): Settings | null {
    void this.workspaceRevision;
    return this.store?.settings() ?? null;
  }

  get tags(): Tag[] {
    void this.workspaceRevision;
    return this.store?.tags() ?? [];
  }

  customFields(collection: Collection): CustomFieldDef[] {
    void this.workspaceRevision;
    return this.store?.customFields(collection) ?? [];
  }

  /** A member's display name, from the relay's member list or the workspace doc. */
  memberName(userId: string | null | undefined): string | null {
    if (!userId) return null;
    if (userId === this.userId) return this.userName;
    const member = this.members.find((m) => m.userId === userId) ?? this.store?.members().find((m) => m.userId === userId);
    return member?.name ?? null;
  }

  /** Fetches the member list (names for owners, mentions, presence); kept for offline use. */
  async refreshMembers(): Promise<void> {
    const result = await listMembers(this.id);
    if (!result.ok) return;
    this.members = result.data.members;
    localStorage.setItem(MEMBERS_KEY(this.id), JSON.stringify(this.members));
  }

  setPresence(docId: string, state: PresenceState | null): void {
    this.#client?.setPresence(docId, state);
  }

  onPresence(docId: string, listener: PresenceListener): () => void {
    if (!this.#client) {
      listener([]);
      return () => {};
    }
    return this.#client.onPresence(docId, listener);
  }

  leavePresence(docId: string): void {
    this.#client?.closePresence(docId);
  }

  /** Tries to reconnect at once (the "retry" of the status indicator). */
  reconnect(): void {
    this.#client?.reconnectNow();
  }

  /** Resolves once every local change has been acknowledged (tests, sign-out). */
  async idle(): Promise<void> {
    await this.#client?.idle();
  }

  #onStoreEvent(event: StoreEvent): void {
    if (event.docs.length) this.workspaceRevision++;
  }

  #connect(store: Store): void {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = new SyncClient({
      store,
      url: `${scheme}//${location.host}/sync?workspace=${encodeURIComponent(this.id)}`,
      workspaceId: this.id,
      deviceId: this.deviceId,
      createSocket: (url) => new WebSocket(url),
      docState: (docId) => store.docState(docId),
      bootstrap: async (request) => {
        this.bootstrapDocs = 0;
        try {
          const response = await fetch(bundleUrl(location.origin, request.workspaceId), { credentials: 'same-origin' });
          if (!response.ok || !response.body) throw new Error(`The snapshot download answered ${response.status}`);
          await bootstrapFromBundle({
            source: response.body,
            store,
            workspaceId: request.workspaceId,
            onProgress: (docs) => (this.bootstrapDocs = docs),
          });
        } finally {
          this.bootstrapDocs = null;
        }
      },
    });
    this.#client = client;
    this.#unsubscribe.push(
      client.onChange((state) => {
        // A refused upgrade (401) looks like a network failure to a browser: after a failed
        // attempt, ask the relay whether the session still stands.
        if (state.status === 'offline' && this.status === 'connecting') void this.#checkSession();
        this.status = state.status;
        this.pending = state.pendingCount;
        this.syncError = state.error;
      }),
      client.onError((error) => {
        if (error.code === SyncErrorCode.Unauthorized || error.code === SyncErrorCode.SessionRevoked) {
          // A refused upgrade cannot be told apart from a network failure in a browser; the
          // session check says which it was.
          void this.#checkSession();
        } else if (error.code === SyncErrorCode.Forbidden) {
          this.#options.onAccessLost?.();
        }
      }),
    );
    client.start();
    // The browser knows before the socket does when the network goes; and when it is back,
    // there is no reason to wait out the backoff.
    const offline = () => client.connectionLost();
    const online = () => client.reconnectNow();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    this.#unsubscribe.push(() => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    });
  }

  #lastSessionCheck = 0;

  async #checkSession(): Promise<void> {
    if (Date.now() - this.#lastSessionCheck < 15_000) return;
    this.#lastSessionCheck = Date.now();
    const response = await fetch('/api/auth/me', { credentials: 'same-origin' }).catch(() => null);
    if (response?.status === 401) this.#options.onSessionEnded?.();
  }
}

export const [getWorkspace, setWorkspace] = createContext<WorkspaceSession>();
