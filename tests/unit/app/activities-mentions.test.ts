// @mentions: finding the one being typed, inserting a picked name, and turning the composer's
// plain `@Name` into the stored `@[Name](userId)` and back.
import { describe, expect, it } from 'vitest';
import { extractMentions } from '@carnet/schema';
import { bodySegments, decodeMentions, encodeMentions, insertMention, mentionQueryAt } from '../../../src/lib/activities/mentions.ts';

const ANN = { userId: 'ann0000001', name: 'Ann' };
const ANN_LEE = { userId: 'annlee0002', name: 'Ann Lee' };
const ELODIE = { userId: 'elodie0003', name: 'Élodie Martin' };

describe('mentionQueryAt', () => {
  it('finds the @ being typed at the caret, with what follows it', () => {
    const text = 'Ask @Élo';
    expect(mentionQueryAt(text, text.length)).toEqual({ start: 4, query: 'Élo' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
  });

  it('keeps spaces inside the query so full names can be typed', () => {
    expect(mentionQueryAt('cc @Ann L', 9)).toEqual({ start: 3, query: 'Ann L' });
  });

  it('ignores an @ inside a word (an email address) and one on an earlier line', () => {
    expect(mentionQueryAt('write to bob@example.com', 24)).toBeNull();
    expect(mentionQueryAt('@Ann\nnext line', 14)).toBeNull();
    expect(mentionQueryAt('no mention here', 5)).toBeNull();
    expect(mentionQueryAt('@ space first', 3)).toBeNull();
  });
});

describe('insertMention', () => {
  it('replaces the typed query with the name and a space, and puts the caret after it', () => {
    expect(insertMention('Ask @el about it', 4, 7, 'Élodie Martin')).toEqual({ text: 'Ask @Élodie Martin about it', caret: 19 });
    expect(insertMention('@', 0, 1, 'Ann')).toEqual({ text: '@Ann ', caret: 5 });
  });
});

describe('encodeMentions / decodeMentions', () => {
  it('stores each picked name as a token and lists the ids once, in order', () => {
    const { body, mentions } = encodeMentions('@Élodie Martin please call, then tell @Ann. Thanks @Élodie Martin', [ANN, ELODIE]);
    expect(body).toBe('@[Élodie Martin](elodie0003) please call, then tell @[Ann](ann0000001). Thanks @[Élodie Martin](elodie0003)');
    expect(mentions).toEqual(['elodie0003', 'ann0000001']);
    expect(extractMentions(body)).toEqual(mentions);
  });

  it('prefers the longer name when one name starts another', () => {
    expect(encodeMentions('@Ann Lee and @Ann', [ANN, ANN_LEE]).body).toBe('@[Ann Lee](annlee0002) and @[Ann](ann0000001)');
  });

  it('does not mention someone whose name was deleted from the text, or who appears inside a word', () => {
    expect(encodeMentions('nobody here', [ANN])).toEqual({ body: 'nobody here', mentions: [] });
    expect(encodeMentions('@Annabel is not Ann', [ANN])).toEqual({ body: '@Annabel is not Ann', mentions: [] });
    expect(encodeMentions('mail x@Ann', [ANN]).mentions).toEqual([]);
  });

  it('round-trips: decoding a stored body gives the text and people back', () => {
    const stored = 'Call @[Ann Lee](annlee0002) about @[Élodie Martin](elodie0003)';
    const { plain, picks } = decodeMentions(stored);
    expect(plain).toBe('Call @Ann Lee about @Élodie Martin');
    expect(picks).toEqual([ANN_LEE, ELODIE]);
    expect(encodeMentions(plain, picks).body).toBe(stored);
  });
});

describe('bodySegments', () => {
  it('cuts a body into text and mentions', () => {
    expect(bodySegments('Hi @[Ann](ann0000001), see you')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', userId: 'ann0000001', name: 'Ann' },
      { kind: 'text', text: ', see you' },
    ]);
    expect(bodySegments('')).toEqual([]);
  });
});
