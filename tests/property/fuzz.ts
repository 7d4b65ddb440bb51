// One convergence fuzz run: 3-6 peers do random record operations (creates, field edits,
// concurrent edits of one record, deletes, restores, merges, text edits through the store and
// through an editor's Y.Text, undo, redo) while a simulated network delivers their updates
// late, out of order, twice, or after a partition heals. Then everything is delivered and the
// peers must agree. A run is a pure function of its seed (see seeded-crypto.ts).
import { seedCrypto } from './seeded-crypto.ts';
import * as Y from 'yjs';
import { COLLECTIONS, type Collection } from '@carnet/schema';
import { isStoreError, type MergeChoice } from '@carnet/store';
import { Prng } from './prng.ts';
import { Network, type Message } from './network.ts';
import { allRows, canonical, knownIds, openPeer, type OpenEditor, type Peer } from './peers.ts';
import { compareSearch, compareStateVectors, diffRows, freshReplica } from './checks.ts';
import { codePointBoundary, editText, randomPatch, randomRecord, randomValue, TEXT_FIELD, WORDS } from './records.ts';

export interface FuzzOptions {
  operations: number;
  /**
   * Also type in an open editor while a store write of the same peer is in flight (what a
   * user typing while a teammate's update is applied does).
   */
  editorRaces?: boolean;
  /** Let text edits made through `store.update` split emoji, leaving lone surrogates. */
  splitSurrogates?: boolean;
}

export interface FuzzResult {
  seed: number;
  peers: number;
  log: string[];
  problems: string[];
  /** Canonical final rows of peer 0, to check that a replay gives the same run. */
  finalRows: string;
  /** Every update sent during the run. */
  messages: readonly Message[];
}

const OPERATION_WEIGHTS = {
  create: 12,
  update: 20,
  conflict: 6,
  updateText: 7,
  editorType: 9,
  editorRace: 3,
  delete: 4,
  restore: 3,
  merge: 3,
  undo: 5,
  redo: 3,
  deliver: 30,
  partition: 2,
  heal: 3,
};
type OperationKind = keyof typeof OPERATION_WEIGHTS;

const short = (value: unknown) => canonical(value).replace(/"([a-zA-Z]+)":/g, '$1:');

class Run {
  readonly prng: Prng;
  readonly log: string[] = [];
  peers: Peer[] = [];
  network!: Network;
  #time = Date.UTC(2026, 0, 5, 9, 0, 0);
  #step = 0;
  readonly now = () => this.#time;

  constructor(readonly seed: number, readonly options: FuzzOptions) {
    this.prng = new Prng(seed);
  }

  note(line: string): void {
    this.log.push(`#${this.#step} ${line}`);
  }

  async setUp(): Promise<void> {
    const count = this.prng.int(3, 6);
    for (let i = 0; i < count; i++) {
      const userId = `peer${i}x${this.seed.toString(36)}`.padEnd(8, '0');
      // Some peers keep few docs in memory, so that writes also go through stored state.
      const maxCachedDocs = this.prng.chance(0.4) ? this.prng.int(1, 4) : undefined;
      this.peers.push(await openPeer(i, userId, this.now, maxCachedDocs));
      this.note(`open p${i} user ${userId}${maxCachedDocs ? ` maxCachedDocs ${maxCachedDocs}` : ''}`);
    }
    this.network = new Network(this.peers.map((p) => p.store), this.prng.fork(), (line) => this.note(line));
  }

  async step(): Promise<void> {
    this.#step++;
    this.#time += this.prng.int(1, 5_000);
    const early = this.#step <= this.options.operations / 5;
    const kind = this.prng.weighted(early ? { ...OPERATION_WEIGHTS, create: OPERATION_WEIGHTS.create * 3 } : OPERATION_WEIGHTS);
    if (kind === 'editorRace' && !this.options.editorRaces) return;
    await this.#operation(kind);
    await this.network.collect();
  }

  async #operation(kind: OperationKind): Promise<void> {
    const prng = this.prng;
    if (kind === 'deliver') {
      if (!(await this.network.deliverSome(prng))) this.note('net nothing to deliver');
      return;
    }
    if (kind === 'partition') return this.network.partitioned ? undefined : this.network.partition(prng);
    if (kind === 'heal') return this.network.heal();
    const peer = prng.pick(this.peers);
    switch (kind) {
      case 'conflict':
        return this.#conflict();
      case 'undo':
      case 'redo': {
        const done = await this.#attempt(peer, kind, () => peer.store[kind]());
        return this.note(`${peer.name} ${kind} -> ${done}`);
      }
      default:
        return this.#recordOperation(peer, kind);
    }
  }

  async #recordOperation(peer: Peer, kind: OperationKind): Promise<void> {
    const prng = this.prng;
    const rows = await allRows(peer.store);
    const known = knownIds(rows);
    // Operations on existing records pick a collection that has some, so few draws are wasted.
    const withAlive = COLLECTIONS.filter((c) => known.alive[c].length);
    const collection = kind !== 'create' && withAlive.length ? prng.pick(withAlive) : prng.pick(COLLECTIONS);
    const alive = known.alive[collection];
    const target = alive.length ? prng.pick(alive) : undefined;
    switch (kind) {
      case 'create': {
        const id = prng.id(8);
        const input = randomRecord(prng, collection, known, id);
        this.note(`${peer.name} create ${collection}/${id} ${short(input)}`);
        await this.#attempt(peer, kind, () => peer.store.create(collection, input, { id }));
        return;
      }
      case 'update': {
        if (!target) return this.note(`${peer.name} update: no alive ${collection}`);
        const patch = randomPatch(prng, collection, known, target);
        this.note(`${peer.name} update ${collection}/${target} ${short(patch)}`);
        await this.#attempt(peer, kind, () => peer.store.update(collection, target, patch));
        return;
      }
      case 'updateText': {
        if (!target) return this.note(`${peer.name} updateText: no alive ${collection}`);
        const field = TEXT_FIELD[collection];
        const current = String(rows[collection].find((r) => r.id === target)![field] ?? '');
        const next = editText(prng, current, { splitSurrogates: this.options.splitSurrogates });
        this.note(`${peer.name} update ${collection}/${target} ${field}: ${short(current)} -> ${short(next)}`);
        await this.#attempt(peer, kind, () => peer.store.update(collection, target, { [field]: next }));
        return;
      }
      case 'editorType':
      case 'editorRace': {
        const editor = await this.#editor(peer, collection, target);
        if (!editor) return;
        if (kind === 'editorType') {
          this.#type(peer, editor);
        } else {
          // A store write of the same record is in flight while the user types.
          const patch = randomPatch(prng, editor.collection, known, editor.id);
          this.note(`${peer.name} update ${editor.collection}/${editor.id} ${short(patch)} (not awaited)`);
          const pending = this.#attempt(peer, 'update', () => peer.store.update(editor.collection, editor.id, patch));
          this.#type(peer, editor);
          await pending;
        }
        await peer.store.flush();
        if (prng.chance(0.3)) {
          editor.release();
          peer.editors.delete(`${editor.collection}/${editor.id}`);
          this.note(`${peer.name} close editor ${editor.collection}/${editor.id}`);
        }
        return;
      }
      case 'delete': {
        if (!target) return this.note(`${peer.name} delete: no alive ${collection}`);
        this.note(`${peer.name} delete ${collection}/${target}`);
        await this.#attempt(peer, kind, () => peer.store.delete(collection, target));
        return;
      }
      case 'restore': {
        const withDeleted = COLLECTIONS.filter((c) => known.deleted[c].length);
        if (!withDeleted.length) return this.note(`${peer.name} restore: nothing deleted`);
        const from = prng.pick(withDeleted);
        const id = prng.pick(known.deleted[from]);
        this.note(`${peer.name} restore ${from}/${id}`);
        await this.#attempt(peer, kind, () => peer.store.restore(from, id));
        return;
      }
      case 'merge': {
        const mergeable = prng.pick(['contacts', 'companies'] as const);
        const candidates = known.alive[mergeable];
        if (candidates.length < 2) return this.note(`${peer.name} merge: fewer than two alive ${mergeable}`);
        const [winner, loser] = prng.shuffle(candidates);
        const choices: Record<string, MergeChoice> = prng.chance(0.3) ? { city: 'loser' } : {};
        this.note(`${peer.name} merge ${mergeable}/${loser} into ${winner} ${short(choices)}`);
        await this.#attempt(peer, kind, () => peer.store.merge(mergeable, winner, loser, choices));
        return;
      }
    }
  }

  /** Two peers edit the same record before either hears of the other's edit. */
  async #conflict(): Promise<void> {
    const prng = this.prng;
    const [a, b] = prng.shuffle(this.peers);
    const rowsA = knownIds(await allRows(a.store));
    const rowsB = knownIds(await allRows(b.store));
    const shared = COLLECTIONS.flatMap((c) => rowsA.alive[c].filter((id) => rowsB.alive[c].includes(id)).map((id) => [c, id] as const));
    if (!shared.length) return this.note(`conflict: ${a.name} and ${b.name} share no alive record`);
    const [collection, id] = prng.pick(shared);
    const patchA = randomPatch(prng, collection, rowsA, id);
    const sameField = prng.chance(0.5);
    const patchB = sameField
      ? Object.fromEntries(Object.keys(patchA).map((k) => [k, randomValue(prng, collection, k, rowsB, id)]))
      : randomPatch(prng, collection, rowsB, id);
    this.note(`conflict on ${collection}/${id}: ${a.name} ${short(patchA)} || ${b.name} ${short(patchB)}`);
    await this.#attempt(a, 'update', () => a.store.update(collection, id, patchA));
    await this.#attempt(b, 'update', () => b.store.update(collection, id, patchB));
  }

  async #editor(peer: Peer, collection: Collection, target: string | undefined): Promise<OpenEditor | undefined> {
    const open = [...peer.editors.values()];
    if (open.length && (this.prng.chance(0.6) || !target)) return this.prng.pick(open);
    if (!target) {
      this.note(`${peer.name} editor: no alive ${collection}`);
      return undefined;
    }
    const existing = peer.editors.get(`${collection}/${target}`);
    if (existing) return existing;
    const { doc, release } = await peer.store.openDoc(collection, target);
    const editor = { collection, id: target, field: TEXT_FIELD[collection], doc, release };
    peer.editors.set(`${collection}/${target}`, editor);
    this.note(`${peer.name} open editor ${collection}/${target}`);
    return editor;
  }

  /** Types like an editor binding: one insert or delete on the Y.Text, in its own transaction. */
  #type(peer: Peer, editor: OpenEditor): void {
    const text = editor.doc.getMap('fields').get(editor.field);
    if (!(text instanceof Y.Text)) {
      this.note(`${peer.name} editor ${editor.collection}/${editor.id}: ${editor.field} is not a Y.Text (${short(text)})`);
      return;
    }
    const value = text.toString();
    const at = codePointBoundary(value, this.prng.int(0, value.length));
    if (value.length && this.prng.chance(0.35)) {
      const end = codePointBoundary(value, Math.min(value.length, at + this.prng.int(1, 5)));
      if (end > at) {
        this.note(`${peer.name} type in ${editor.collection}/${editor.id}.${editor.field}: delete ${at}..${end} of ${short(value)}`);
        editor.doc.transact(() => text.delete(at, end - at), 'editor');
        return;
      }
    }
    const word = this.prng.pick(WORDS);
    this.note(`${peer.name} type in ${editor.collection}/${editor.id}.${editor.field}: insert ${short(word)} at ${at} of ${short(value)}`);
    editor.doc.transact(() => text.insert(at, word), 'editor');
  }

  /** Runs a store call; a typed refusal is logged, anything else fails the run. */
  async #attempt<T>(peer: Peer, what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      if (isStoreError(error) && ['deleted', 'not_found', 'invalid'].includes(error.code)) {
        this.note(`${peer.name} ${what} refused: ${error.code} ${error.message}`);
        return undefined;
      }
      this.note(`${peer.name} ${what} threw: ${String(error)}`);
      throw error;
    }
  }

  /** Heals, delivers everything, and lists every way the peers disagree. */
  async settle(): Promise<{ problems: string[]; finalRows: string }> {
    this.#step++;
    this.network.heal();
    for (const peer of this.peers) await peer.store.flush();
    await this.network.flush(this.prng);
    const problems: string[] = [];
    for (const peer of this.peers) {
      const left = await peer.store.outboxCount();
      if (left) problems.push(`${peer.name} still has ${left} unacknowledged outbox entries`);
    }
    const rows = await Promise.all(this.peers.map((p) => allRows(p.store)));
    for (const [i, peer] of this.peers.entries()) {
      if (i > 0) problems.push(...diffRows('p0', rows[0], peer.name, rows[i]));
    }
    problems.push(...(await compareStateVectors(this.peers)));
    problems.push(...(await compareSearch(this.peers, rows[0])));
    const fresh = await freshReplica(this.network.messages, this.prng, this.now);
    problems.push(...diffRows('p0', rows[0], 'fresh', await allRows(fresh)));
    await fresh.close();
    for (const peer of this.peers) {
      for (const editor of peer.editors.values()) editor.release();
      await peer.store.close();
    }
    return { problems, finalRows: canonical(rows[0]) };
  }
}

export async function runFuzz(seed: number, options: FuzzOptions): Promise<FuzzResult> {
  seedCrypto(seed);
  const run = new Run(seed, options);
  try {
    await run.setUp();
    for (let i = 0; i < options.operations; i++) await run.step();
    const { problems, finalRows } = await run.settle();
    return { seed, peers: run.peers.length, log: run.log, problems, finalRows, messages: run.network.messages };
  } catch (error) {
    return { seed, peers: run.peers.length, log: run.log, problems: [`the run threw: ${error instanceof Error ? error.stack : String(error)}`], finalRows: '', messages: run.network?.messages ?? [] };
  } finally {
    seedCrypto(null);
  }
}

/** What a failing run prints: the seed, how to replay it, the problems and the operation log. */
export function failureReport(result: FuzzResult, options: FuzzOptions): string {
  return [
    `Convergence failed for seed ${result.seed} (${result.peers} peers, ${short(options)}).`,
    `Replay: CARNET_FUZZ_SEED=${result.seed} npx vitest run tests/property/convergence.test.ts`,
    '',
    'Problems:',
    ...result.problems.map((p) => `  - ${p}`),
    '',
    'Operations:',
    ...result.log.map((line) => `  ${line}`),
  ].join('\n');
}
