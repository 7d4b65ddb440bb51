// The pure part of binding a textarea to a record's collaborative text (a Y.Text): the minimal
// edit between two versions of the text, which never splits a surrogate pair (the schema
// refuses half an emoji, and Yjs would turn one into U+FFFD); selections kept as Yjs relative
// positions so a teammate's edit does not move the user's caret; the cursor a user publishes
// in presence and how a peer's published cursor is read back. Yjs only, no DOM: unit-tested.
import * as Y from 'yjs';

/** Replace `remove` UTF-16 code units at `index` by `insert`. */
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/** A selection in UTF-16 code units (what a textarea's selectionStart/End count). */
export interface TextSelection {
  anchor: number;
  head: number;
}

export interface RelativeSelection {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

/** What a user publishes in presence while their caret is in a collaborative text. */
export interface CursorPresence {
  field: string;
  anchor: unknown;
  head: unknown;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The smallest single edit that turns `before` into `after`: the common prefix and suffix are
 * kept. When the edit sits in a run of equal characters ("aa" → "aaa"), several places give
 * the same text; `caret` (the caret in `after`, i.e. the end of what the user typed) picks
 * the one the user really edited, so concurrent edits and teammates' carets land right.
 * Boundaries are moved outwards so that no surrogate pair is ever cut.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  const min = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < min && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < min && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;

  let start = prefix;
  let keep = suffix;
  if (prefix + suffix > min) {
    // Overlap: any start in [min - suffix, prefix] is a valid split, with `min - start` kept
    // at the end. The one whose changed part ends at the caret is what was typed.
    const lowest = min - suffix;
    start = caret === undefined ? prefix : Math.max(lowest, Math.min(prefix, caret - (after.length - min)));
    keep = min - start;
  }
  let endBefore = before.length - keep;
  let endAfter = after.length - keep;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Applies an edit to a Y.Text (the caller wraps it in a transaction). */
export function applyEdit(text: Y.Text, edit: TextEdit): void {
  if (edit.remove > 0) text.delete(edit.index, edit.remove);
  if (edit.insert) text.insert(edit.index, edit.insert);
}

/**
 * A selection as positions attached to the text's characters. A caret sticks to the character
 * before it, so a teammate typing at the same place writes after it; a range's ends stick to
 * the characters inside it, so text inserted at either edge stays outside.
 */
export function toRelativeSelection(text: Y.Text, selection: TextSelection): RelativeSelection {
  const { anchor, head } = selection;
  if (anchor === head) {
    const caret = Y.createRelativePositionFromTypeIndex(text, head, -1);
    return { anchor: caret, head: caret };
  }
  const start = Y.createRelativePositionFromTypeIndex(text, Math.min(anchor, head), 0);
  const end = Y.createRelativePositionFromTypeIndex(text, Math.max(anchor, head), -1);
  return anchor < head ? { anchor: start, head: end } : { anchor: end, head: start };
}

/** Where a relative selection is now, or null if it does not point into `text`. */
export function toAbsoluteSelection(doc: Y.Doc, text: Y.Text, selection: RelativeSelection): TextSelection | null {
  const anchor = Y.createAbsolutePositionFromRelativePosition(selection.anchor, doc);
  const head = Y.createAbsolutePositionFromRelativePosition(selection.head, doc);
  if (!anchor || !head || anchor.type !== text || head.type !== text) return null;
  const length = text.length;
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  return { anchor: clamp(anchor.index), head: clamp(head.index) };
}

/** The cursor state to publish in presence (JSON: it travels in an awareness message). */
export function cursorPresence(text: Y.Text, field: string, selection: TextSelection): CursorPresence {
  const relative = toRelativeSelection(text, selection);
  return {
    field,
    anchor: Y.relativePositionToJSON(relative.anchor),
    head: Y.relativePositionToJSON(relative.head),
  };
}

function isIdJson(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  const id = value as { client?: unknown; clock?: unknown };
  return typeof id === 'object' && Number.isInteger(id.client) && Number.isInteger(id.clock);
}

function relativeFromJson(value: unknown): Y.RelativePosition | null {
  if (typeof value !== 'object' || value === null) return null;
  const json = value as { type?: unknown; tname?: unknown; item?: unknown; assoc?: unknown };
  if (!isIdJson(json.type) || !isIdJson(json.item)) return null;
  if (json.tname !== undefined && typeof json.tname !== 'string') return null;
  if (json.assoc !== undefined && typeof json.assoc !== 'number') return null;
  return Y.createRelativePositionFromJSON(json);
}

/**
 * Reads a peer's published cursor for `field` of this text: null when the peer is elsewhere,
 * sent something malformed, or points at a position this device has not received yet.
 */
export function readCursor(doc: Y.Doc, text: Y.Text, field: string, value: unknown): TextSelection | null {
  if (typeof value !== 'object' || value === null) return null;
  const cursor = value as Partial<CursorPresence>;
  if (cursor.field !== field) return null;
  const anchor = relativeFromJson(cursor.anchor);
  const head = relativeFromJson(cursor.head);
  if (!anchor || !head) return null;
  try {
    return toAbsoluteSelection(doc, text, { anchor, head });
  } catch {
    return null;
  }
}

export type TextDelta = readonly { insert?: unknown; retain?: number; delete?: number }[];

/**
 * Where `index` of the text before a change (a Y.Text event's delta) is after it. An index
 * inside deleted text goes to where the deletion was; at an insertion point, `assoc < 0`
 * stays before the inserted text and `assoc >= 0` moves after it.
 */
export function mapIndex(index: number, delta: TextDelta, assoc = -1): number {
  let old = 0;
  let now = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (index < old + op.retain) return now + (index - old);
      old += op.retain;
      now += op.retain;
    } else if (op.delete !== undefined) {
      if (index < old + op.delete) return now;
      old += op.delete;
    } else if (op.insert !== undefined) {
      if (index === old && assoc < 0) return now;
      now += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return now + (index - old);
}

/** Moves an edit made against an older text through the changes made since (in order). */
export function rebaseEdit(edit: TextEdit, deltas: readonly TextDelta[]): TextEdit {
  let start = edit.index;
  let end = edit.index + edit.remove;
  for (const delta of deltas) {
    start = mapIndex(start, delta, 1);
    end = Math.max(start, mapIndex(end, delta, -1));
  }
  return { index: start, remove: end - start, insert: edit.insert };
}

/** Whether a string has no lone surrogate (what the schema accepts). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return false;
      i++;
    } else if (isLowSurrogate(c)) {
      return false;
    }
  }
  return true;
}
