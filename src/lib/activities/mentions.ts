// @mentions in an activity's text. The stored body carries `@[Name](userId)` tokens (the
// schema's extractMentions reads them); the composer shows plain `@Name` and remembers who each
// name is. These functions convert between the two and find the `@…` being typed.
import { extractMentions } from '@carnet/schema';

export interface MentionPick {
  userId: string;
  name: string;
}

export type BodySegment = { kind: 'text'; text: string } | { kind: 'mention'; userId: string; name: string };

const TOKEN = /@\[([^\]\n]{1,100})\]\(([0-9a-z]{8,32})\)/g;

/**
 * The mention being typed at `caret`: an `@` at the start or after whitespace, followed by up
 * to 40 characters without a newline or another `@`. Null when the caret is not in one.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** Replaces the `@query` typed from `start` to `caret` with `@Name ` and says where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns the composer's plain text into the stored body: each `@Name` of a picked person (still
 * present in the text) becomes `@[Name](userId)`. Longer names are matched first, so "@Ann Lee"
 * is not read as "@Ann". Returns the body and the mentioned user ids in order.
 */
export function encodeMentions(plain: string, picks: readonly MentionPick[]): { body: string; mentions: string[] } {
  const byName = [...picks].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  if (!byName.length) return { body: plain, mentions: [] };
  const pattern = new RegExp(`(^|[\\s(])@(${byName.map((p) => escapeRegExp(p.name)).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const body = plain.replace(pattern, (_whole, lead: string, name: string) => {
    const pick = byName.find((p) => p.name === name)!;
    return `${lead}@[${name.replace(/[\]\n]/g, ' ')}](${pick.userId})`;
  });
  return { body, mentions: extractMentions(body) };
}

/** The stored body as the composer shows it (`@Name`), with who each name is. */
export function decodeMentions(body: string): { plain: string; picks: MentionPick[] } {
  const picks: MentionPick[] = [];
  const plain = body.replace(TOKEN, (_whole, name: string, userId: string) => {
    if (!picks.some((p) => p.userId === userId)) picks.push({ userId, name });
    return `@${name}`;
  });
  return { plain, picks };
}

/** The stored body cut into text and mentions, for display. */
export function bodySegments(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ kind: 'text', text: body.slice(last, index) });
    segments.push({ kind: 'mention', userId: match[2], name: match[1] });
    last = index + match[0].length;
  }
  if (last < body.length) segments.push({ kind: 'text', text: body.slice(last) });
  return segments;
}
