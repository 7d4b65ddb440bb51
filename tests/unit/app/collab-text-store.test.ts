// The collaborative text editor against a real Store: every keystroke typed on the doc that
// `openDoc` hands out reaches the outbox (what the relay receives), even keystrokes typed while
// the store is still committing an earlier one, so a teammate ends with the same text.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELDS, MemoryPersistence, type Commit } from '@carnet/store';
import { applyEdit, diffText } from '../../../src/lib/components/record/collab-text.ts';
import { memoryStore } from '../../helpers/store.ts';

/** In-memory persistence whose commits wait until the test lets them through. */
class SlowPersistence extends MemoryPersistence {
  #gates: (() => void)[] = [];
  slow = false;
  override async commit(commit: Commit): Promise<void> {
    if (this.slow) await new Promise<void>((resolve) => this.#gates.push(resolve));
    return super.commit(commit);
  }
  release(): void {
    for (const open of this.#gates.splice(0)) open();
  }
  get waiting(): number {
    return this.#gates.length;
  }
}

const EDITOR = Symbol('editor');

function type(doc: Y.Doc, text: Y.Text, next: string): void {
  const edit = diffText(text.toString(), next, next.length);
  if (edit) doc.transact(() => applyEdit(text, edit), EDITOR);
}

describe('an editor on a record doc', () => {
  it('sends every keystroke, including those typed while a save is being committed', async () => {
    const persistence = new SlowPersistence();
    const store = await memoryStore({ persistence });
    const contact = await store.create('contacts', { firstName: 'Jean' });
    const { doc, release } = await store.openDoc('contacts', contact.id);
    const text = doc.getMap(FIELDS).get('notes') as Y.Text;

    persistence.slow = true;
    let typed = '';
    for (const ch of 'Meeting 👍') {
      typed += ch;
      type(doc, text, typed);
      // Let the store start committing before the next key: that commit is now in flight.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    while (persistence.waiting) {
      persistence.release();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    persistence.slow = false;
    await store.flush();

    // What the relay gets is the outbox; a teammate's doc built from it has the whole text.
    const teammate = new Y.Doc({ gc: false });
    for (const entry of await store.outbox()) Y.applyUpdate(teammate, entry.update);
    expect((teammate.getMap(FIELDS).get('notes') as Y.Text).toString()).toBe('Meeting 👍');
    expect((await store.get('contacts', contact.id))?.notes).toBe('Meeting 👍');
    release();
  });
});
