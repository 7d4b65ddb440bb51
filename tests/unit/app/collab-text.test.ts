// The collaborative text binding's pure part: minimal edits that never cut an emoji in half,
// selections that survive a teammate's edit, cursors read back from presence, and two Y.Docs
// typing at once and converging on both texts.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyEdit, cursorPresence, diffText, isWellFormed, mapIndex, readCursor, rebaseEdit, toAbsoluteSelection,
  toRelativeSelection, type TextEdit,
} from '../../../src/lib/components/record/collab-text.ts';
import { Prng } from '../../property/prng.ts';

function apply(text: string, edit: TextEdit | null): string {
  if (!edit) return text;
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.remove);
}

function newText(initial = ''): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc({ gc: false });
  const text = new Y.Text(initial);
  doc.getMap('fields').set('notes', text);
  return { doc, text };
}

/** Two docs that deliver each other's updates only when `flush` is called (a network). */
function pair(initial: string) {
  const a = newText(initial);
  const b = new Y.Doc({ gc: false });
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
  const queues: { to: Y.Doc; update: Uint8Array }[] = [];
  a.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && queues.push({ to: b, update }));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && queues.push({ to: a.doc, update }));
  return {
    a,
    b: { doc: b, text: b.getMap('fields').get('notes') as Y.Text },
    flush() {
      for (const { to, update } of queues.splice(0)) Y.applyUpdate(to, update, 'net');
    },
  };
}

/** What a textarea bound to `text` does on input: diff against the text, apply the edit. */
function type(text: Y.Text, next: string, caret?: number): void {
  const edit = diffText(text.toString(), next, caret);
  if (edit) text.doc!.transact(() => applyEdit(text, edit), 'editor');
}

describe('diffText', () => {
  it('returns null when nothing changed', () => {
    expect(diffText('same', 'same')).toBeNull();
  });

  it('finds a plain insertion, deletion and replacement in the middle', () => {
    expect(diffText('Hello world', 'Hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(diffText('Hello brave world', 'Hello world')).toEqual({ index: 6, remove: 6, insert: '' });
    expect(diffText('Hello world', 'Hello there')).toEqual({ index: 6, remove: 5, insert: 'there' });
  });

  it('uses the caret to place an edit inside a run of equal characters', () => {
    // Typing "a" at the start of "aa": the caret ends at 1.
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    // Backspace on the first of three "l": the caret is at 2 afterwards.
    expect(diffText('helllo', 'hello', 2)).toEqual({ index: 2, remove: 1, insert: '' });
  });

  it('never cuts a surrogate pair when two emoji share their first half', () => {
    // 😀 is D83D DE00 and 😁 is D83D DE01: the naive common prefix ends inside the pair.
    const edit = diffText('a😀b', 'a😁b');
    expect(edit).toEqual({ index: 1, remove: 2, insert: '😁' });
    expect(isWellFormed(edit!.insert)).toBe(true);
  });

  it('never cuts a surrogate pair when two emoji share their second half', () => {
    // 𝐀 (U+1D400) is D835 DC00 and 😀 is D83D DE00; 🐀 (U+1F400) is D83D DC00: same low half as 𝐀.
    const edit = diffText('x𝐀y', 'x🐀y');
    expect(edit).toEqual({ index: 1, remove: 2, insert: '🐀' });
  });

  it('inserts and deletes whole emoji next to other emoji', () => {
    expect(diffText('😀😀', '😀😀😀', 2)).toEqual({ index: 0, remove: 0, insert: '😀' });
    expect(diffText('😀😀', '😀😀😀', 4)).toEqual({ index: 2, remove: 0, insert: '😀' });
    expect(diffText('😀😀😀', '😀😀', 0)).toEqual({ index: 0, remove: 2, insert: '' });
    expect(diffText('😀😀😀', '😀😀', 2)).toEqual({ index: 2, remove: 2, insert: '' });
    // A caret in the middle of a pair cannot come from a browser, but must still not cut it.
    const edit = diffText('😀😀', '😀😀😀', 3)!;
    expect(edit.index % 2).toBe(0);
    expect(apply('😀😀', edit)).toBe('😀😀😀');
  });

  it('turns any text into any other with edits that keep both halves of every pair (seeded)', () => {
    const alphabet = ['a', 'b', ' ', '\n', 'é', '😀', '😁', '🐀', '𝐀', '👍🏽', '🇫🇷'];
    for (const seed of [1, 2, 3, 0x5eed, 20261122]) {
      const prng = new Prng(seed);
      for (let round = 0; round < 300; round++) {
        const word = () => Array.from({ length: prng.int(0, 8) }, () => prng.pick(alphabet)).join('');
        const before = word();
        const after = word();
        const caret = prng.int(0, after.length);
        const edit = diffText(before, after, prng.chance(0.5) ? caret : undefined);
        const context = `seed ${seed} round ${round}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
        expect(apply(before, edit), context).toBe(after);
        if (edit) {
          expect(isWellFormed(edit.insert), context).toBe(true);
          expect(isWellFormed(before.slice(edit.index, edit.index + edit.remove)), context).toBe(true);
          const { text } = newText(before);
          applyEdit(text, edit);
          expect(text.toString(), context).toBe(after);
        }
      }
    }
  });
});

describe('selections kept as relative positions', () => {
  it('keeps the caret on its word when a teammate types before it', () => {
    const { doc, text } = newText('Call Marie tomorrow');
    const caret = toRelativeSelection(text, { anchor: 10, head: 10 }); // after "Marie"
    text.insert(0, 'Urgent: ');
    expect(toAbsoluteSelection(doc, text, caret)).toEqual({ anchor: 18, head: 18 });
  });

  it('keeps the caret before text a teammate inserts exactly at it', () => {
    const { doc, text } = newText('abc');
    const caret = toRelativeSelection(text, { anchor: 3, head: 3 });
    text.insert(3, 'XYZ');
    expect(toAbsoluteSelection(doc, text, caret)).toEqual({ anchor: 3, head: 3 });
  });

  it('keeps a backward selection backward and leaves text inserted at its edges outside', () => {
    const { doc, text } = newText('one two three');
    const selection = toRelativeSelection(text, { anchor: 7, head: 4 }); // "two", selected backwards
    text.insert(7, '!');
    text.insert(4, '>');
    expect(toAbsoluteSelection(doc, text, selection)).toEqual({ anchor: 8, head: 5 });
    expect(text.toString().slice(5, 8)).toBe('two');
  });

  it('collapses a selection whose text a teammate deleted', () => {
    const { doc, text } = newText('keep drop keep');
    const selection = toRelativeSelection(text, { anchor: 5, head: 9 });
    text.delete(5, 5);
    expect(toAbsoluteSelection(doc, text, selection)).toEqual({ anchor: 5, head: 5 });
  });
});

describe('cursors in presence', () => {
  it('reads a peer cursor published as JSON on another doc, after their edit arrives', () => {
    const net = pair('Notes about the call');
    type(net.b.text, 'Short notes about the call', 6);
    const published = JSON.parse(JSON.stringify(cursorPresence(net.b.text, 'notes', { anchor: 6, head: 6 })));
    // A has not received B's edit yet: B's position points at an item A does not have.
    expect(readCursor(net.a.doc, net.a.text, 'notes', published)).toBeNull();
    net.flush();
    expect(readCursor(net.a.doc, net.a.text, 'notes', published)).toEqual({ anchor: 6, head: 6 });
  });

  it('ignores a cursor for another field and malformed cursors', () => {
    const { doc, text } = newText('abc');
    const cursor = cursorPresence(text, 'notes', { anchor: 1, head: 2 });
    expect(readCursor(doc, text, 'description', cursor)).toBeNull();
    expect(readCursor(doc, text, 'notes', null)).toBeNull();
    expect(readCursor(doc, text, 'notes', { field: 'notes', anchor: 'x', head: 1 })).toBeNull();
    expect(readCursor(doc, text, 'notes', { field: 'notes', anchor: { item: { client: 'a' } }, head: {} })).toBeNull();
    expect(readCursor(doc, text, 'notes', cursor)).toEqual({ anchor: 1, head: 2 });
  });
});

describe('two editors typing at once', () => {
  it('merges both texts and keeps each caret after what its user typed', () => {
    const net = pair('Meeting notes.');
    // A types at the start, B at the end, both before hearing from the other.
    let aValue = 'Meeting notes.';
    let bValue = 'Meeting notes.';
    for (const ch of 'Agenda: ') {
      const caret = aValue.indexOf('Meeting');
      aValue = aValue.slice(0, caret) + ch + aValue.slice(caret);
      type(net.a.text, aValue, caret + 1);
    }
    for (const ch of ' Budget 👍🏽 ok') {
      bValue += ch;
      type(net.b.text, bValue, bValue.length);
    }
    const aCaret = toRelativeSelection(net.a.text, { anchor: 8, head: 8 });
    const bCaret = toRelativeSelection(net.b.text, { anchor: bValue.length, head: bValue.length });
    net.flush();
    const merged = 'Agenda: Meeting notes. Budget 👍🏽 ok';
    expect(net.a.text.toString()).toBe(merged);
    expect(net.b.text.toString()).toBe(merged);
    expect(isWellFormed(merged)).toBe(true);
    expect(toAbsoluteSelection(net.a.doc, net.a.text, aCaret)).toEqual({ anchor: 8, head: 8 });
    expect(toAbsoluteSelection(net.b.doc, net.b.text, bCaret)).toEqual({ anchor: merged.length, head: merged.length });
  });

  it('converges when both type at the same place (seeded rounds)', () => {
    for (const seed of [7, 42, 0x5eed]) {
      const prng = new Prng(seed);
      const net = pair('start');
      const words = ['la', '😀', ' ', 'é', 'x'];
      for (let round = 0; round < 40; round++) {
        for (const side of [net.a, net.b]) {
          const current = side.text.toString();
          // A boundary between code points: never inside a pair.
          const points = [...current];
          const at = prng.int(0, points.length);
          const offset = points.slice(0, at).join('').length;
          const next = prng.chance(0.7) || offset === current.length
            ? current.slice(0, offset) + prng.pick(words) + current.slice(offset)
            : current.slice(0, offset) + current.slice(offset + points[at].length);
          type(side.text, next, offset);
        }
        if (prng.chance(0.3)) net.flush();
      }
      net.flush();
      const context = `seed ${seed}`;
      expect(net.a.text.toString(), context).toBe(net.b.text.toString());
      expect(isWellFormed(net.a.text.toString()), context).toBe(true);
      expect(net.a.text.toString(), context).not.toContain('\uFFFD');
    }
  });
});

describe('edits typed during an input method composition', () => {
  it('maps indices through a teammate change', () => {
    const delta = [{ retain: 2 }, { insert: 'XY' }, { retain: 3 }, { delete: 2 }];
    expect(mapIndex(0, delta)).toBe(0);
    expect(mapIndex(2, delta, -1)).toBe(2);
    expect(mapIndex(2, delta, 1)).toBe(4);
    expect(mapIndex(4, delta)).toBe(6);
    expect(mapIndex(6, delta)).toBe(7);
    expect(mapIndex(7, delta)).toBe(7);
  });

  it('rebases an edit made on the old text onto the text a teammate changed', () => {
    const { text } = newText('Bonjour Marie');
    const old = text.toString();
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    text.insert(0, 'Re: ');
    const local = diffText(old, 'Bonjour chère Marie', 13)!;
    applyEdit(text, rebaseEdit(local, deltas as never));
    expect(text.toString()).toBe('Re: Bonjour chère Marie');
  });
});
