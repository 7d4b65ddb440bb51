// A simulated network between store peers, standing in for the relay: every outbox entry is
// a message to every other peer; messages arrive late, out of order, twice, or not at all
// while a partition separates the peers. An entry is acked at its source only once every
// other peer has applied it, as the relay would after a durable write.
import type { Store } from '@carnet/store';
import type { Prng } from './prng.ts';

export interface Message {
  /** Network-wide sequence number, for the log. */
  seq: number;
  from: number;
  entryId: number;
  docId: string;
  update: Uint8Array;
  deliveredTo: Set<number>;
  acked: boolean;
}

export class Network {
  readonly peers: Store[];
  /** Every message ever sent, in sending order. */
  readonly messages: Message[] = [];
  readonly #log: (line: string) => void;
  #queues: Message[][];
  #lastEntry: number[];
  /** Peers in the same group can talk; a partition puts them in different groups. */
  #group: number[];

  readonly #prng: Prng;

  constructor(peers: Store[], prng: Prng, log: (line: string) => void) {
    this.peers = peers;
    this.#prng = prng;
    this.#log = log;
    this.#queues = peers.map(() => []);
    this.#lastEntry = peers.map(() => 0);
    this.#group = peers.map(() => 0);
  }

  get partitioned(): boolean {
    return this.#group.some((g) => g !== this.#group[0]);
  }

  pendingCount(): number {
    return this.#queues.reduce((n, q) => n + q.length, 0);
  }

  /** Sends what each peer's outbox holds that was not sent yet. */
  async collect(): Promise<void> {
    for (const [from, peer] of this.peers.entries()) {
      for (const entry of await peer.outbox(100_000)) {
        if (entry.id <= this.#lastEntry[from]) continue;
        this.#lastEntry[from] = entry.id;
        const message: Message = {
          seq: this.messages.length, from, entryId: entry.id, docId: entry.docId, update: entry.update,
          deliveredTo: new Set(), acked: false,
        };
        this.messages.push(message);
        for (const to of this.peers.keys()) if (to !== from) this.#queues[to].push(message);
        // The relay replays a client's own updates to it after a reconnect.
        if (this.#prng.chance(0.1)) this.#queues[from].push(message);
      }
    }
  }

  /** Splits the peers into two non-empty groups. */
  partition(prng: Prng): void {
    const n = this.peers.length;
    const group = this.peers.map(() => (prng.chance(0.5) ? 1 : 0));
    group[prng.int(0, n - 1)] = 0;
    group[prng.int(0, n - 1)] ^= 1;
    if (group.every((g) => g === group[0])) group[0] ^= 1;
    this.#group = group;
    const sides = [0, 1].map((g) => group.flatMap((x, i) => (x === g ? [`p${i}`] : [])).join(','));
    this.#log(`net partition {${sides[0]}} | {${sides[1]}}`);
  }

  heal(): void {
    if (!this.partitioned) return;
    this.#group = this.peers.map(() => 0);
    this.#log('net heal');
  }

  #reachable(message: Message, to: number): boolean {
    return this.#group[message.from] === this.#group[to];
  }

  /**
   * Delivers a random batch of reachable messages to one random peer, in random order. Each
   * delivered message may stay queued to be delivered again later (a duplicate).
   */
  async deliverSome(prng: Prng, options: { duplicates?: boolean } = {}): Promise<number> {
    const candidates = [...this.peers.keys()].filter((to) => this.#queues[to].some((m) => this.#reachable(m, to)));
    if (!candidates.length) return 0;
    const to = prng.pick(candidates);
    const reachable = this.#queues[to].filter((m) => this.#reachable(m, to));
    const batch = prng.shuffle(reachable).slice(0, prng.int(1, Math.min(6, reachable.length)));
    const duplicated = new Set(options.duplicates === false ? [] : prng.subset(batch, 0.15));
    return this.#deliver(to, batch, duplicated);
  }

  /** Delivers everything reachable to everyone, shuffled, until nothing is left. */
  async flush(prng: Prng): Promise<void> {
    for (let round = 0; round < 1_000; round++) {
      await this.collect();
      let moved = 0;
      for (const to of prng.shuffle([...this.peers.keys()])) {
        const reachable = this.#queues[to].filter((m) => this.#reachable(m, to));
        if (reachable.length) moved += await this.#deliver(to, prng.shuffle(reachable), new Set());
      }
      if (!moved) return;
    }
    throw new Error('the network did not settle after 1000 rounds');
  }

  async #deliver(to: number, batch: Message[], duplicated: Set<Message>): Promise<number> {
    const peer = this.peers[to];
    this.#queues[to] = this.#queues[to].filter((m) => !batch.includes(m) || duplicated.has(m));
    const result = await peer.applyRemoteBatch(batch.map((m) => ({ docId: m.docId, update: m.update })));
    const describe = batch
      .map((m) => `#${m.seq}:${shortDocId(m.docId)}${m.from === to ? '(echo)' : m.deliveredTo.has(to) ? '(again)' : ''}${duplicated.has(m) ? '(dup)' : ''}`)
      .join(' ');
    this.#log(`net p${to} <- ${describe}`);
    if (result.rejected.length) {
      throw new Error(`p${to} rejected updates it should accept: ${JSON.stringify(result.rejected)}`);
    }
    for (const message of batch) {
      if (message.from === to) continue;
      message.deliveredTo.add(to);
      if (!message.acked && message.deliveredTo.size === this.peers.length - 1) {
        message.acked = true;
        await this.peers[message.from].ack([message.entryId]);
      }
    }
    return batch.length;
  }

  /** One line per message, for failure reports. */
  describeMessages(): string[] {
    return this.messages.map((m) => `#${m.seq} p${m.from} outbox#${m.entryId} ${m.docId} (${m.update.length} bytes)`);
  }
}

/** `activities/rbv2w0as` → `a/rbv2w0as`, to keep delivery lines short. */
function shortDocId(docId: string): string {
  const slash = docId.indexOf('/');
  return slash < 0 ? docId : `${docId.slice(0, 1)}${docId.slice(slash)}`;
}
