// Presence is merged per record doc and tick: many clients' awareness within one tick reaches
// each socket as one frame (one awareness update carrying all of them), and a socket is not
// sent back a frame made only of its own presence.
import { afterEach, describe, expect, test } from 'bun:test';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CONTACT, CONTACT_2, makeSyncRelay, type SyncRelay } from './sync-fixtures.ts';

let relay: SyncRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

function presence(state: Record<string, unknown> | null, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return update;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('presence merging', () => {
  test("three clients' presence within a tick reaches an observer as one frame per doc", async () => {
    relay = await makeSyncRelay();
    const senders = [await relay.connect(relay.owner), await relay.connect(await relay.member('rep', 'rita')), await relay.connect(await relay.member('viewer', 'vera'))];
    const observer = await relay.connect(relay.owner);
    for (const socket of [...senders, observer]) await socket.next('live');
    senders.forEach((socket, i) => socket.send({ type: 'awareness', docId: CONTACT, update: presence({ user: `u${i}` }, 100 + i) }));
    senders[0].send({ type: 'awareness', docId: CONTACT_2, update: presence({ user: 'u0 elsewhere' }, 100) });
    await settle();
    const frames = observer.of('awareness');
    expect(frames.map((m) => m.docId).sort()).toEqual([CONTACT, CONTACT_2]);
    const watcher = new Awareness(new Y.Doc());
    applyAwarenessUpdate(watcher, frames.find((m) => m.docId === CONTACT)!.update, 'test');
    expect([...watcher.getStates().entries()].filter(([id]) => id >= 100 && id < 200).sort()).toEqual([
      [100, { user: 'u0' }], [101, { user: 'u1' }], [102, { user: 'u2' }],
    ]);
    watcher.destroy();
  });

  test('keeps only the newest state of a client within a tick, and does not echo a lone sender', async () => {
    relay = await makeSyncRelay();
    const sender = await relay.connect(relay.owner);
    const observer = await relay.connect(relay.owner);
    await sender.next('live');
    await observer.next('live');
    const doc = new Y.Doc();
    doc.clientID = 7;
    const awareness = new Awareness(doc);
    for (const n of [1, 2, 3]) {
      awareness.setLocalState({ cursor: n });
      sender.send({ type: 'awareness', docId: CONTACT, update: encodeAwarenessUpdate(awareness, [7]) });
    }
    await settle();
    const [frame, ...more] = observer.of('awareness');
    expect(more).toEqual([]);
    const watcher = new Awareness(new Y.Doc());
    applyAwarenessUpdate(watcher, frame.update, 'test');
    expect(watcher.getStates().get(7)).toEqual({ cursor: 3 });
    expect(sender.of('awareness')).toEqual([]);
    awareness.destroy();
    watcher.destroy();
  });
});
