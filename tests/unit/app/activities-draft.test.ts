// The composer's draft → activity fields, in a pinned device time zone (Europe/Paris, UTC+1
// in March): what is checked before the store, what is stored, and an edit's round trip.
process.env.TZ = 'Europe/Paris';

import { describe, expect, it } from 'vitest';
import { changedFields, draftFromRow, draftToFields, emptyDraft } from '../../../src/lib/activities/draft.ts';
import { isoToLocalInput, localInputToIso } from '../../../src/lib/activities/datetime-input.ts';

const ME = 'me00000001';

describe('datetime-local values', () => {
  it('reads wall-clock time on the device and back', () => {
    expect(localInputToIso('2026-03-12T14:30')).toBe('2026-03-12T13:30:00.000Z');
    expect(isoToLocalInput('2026-03-12T13:30:00.000Z')).toBe('2026-03-12T14:30');
    // After Paris moves to summer time (29 March) the offset is two hours.
    expect(localInputToIso('2026-04-01T09:00')).toBe('2026-04-01T07:00:00.000Z');
  });

  it('refuses impossible dates instead of rolling them over', () => {
    expect(localInputToIso('2026-02-30T10:00')).toBeNull();
    expect(localInputToIso('soon')).toBeNull();
    expect(localInputToIso('')).toBeNull();
  });
});

describe('draftToFields', () => {
  it('builds a task with due time, a reminder an hour before, owner, mentions and links', () => {
    const draft = {
      ...emptyDraft(ME, 'task'),
      subject: ' Send the quote ',
      body: 'Check with @Ann first',
      picks: [{ userId: 'ann0000001', name: 'Ann' }],
      due: '2026-03-12T17:00',
      reminder: '60' as const,
    };
    expect(draftToFields(draft, { contactId: 'contact001', dealId: null })).toEqual({
      ok: true,
      fields: {
        type: 'task', subject: 'Send the quote', body: 'Check with @[Ann](ann0000001) first',
        dueAt: '2026-03-12T16:00:00.000Z', reminderAt: '2026-03-12T15:00:00.000Z',
        durationMin: null, outcome: null, ownerId: ME, mentions: ['ann0000001'],
        contactId: 'contact001', dealId: null,
      },
    });
  });

  it('asks for a subject or details, a due time for a relative reminder, and whole minutes', () => {
    const draft = { ...emptyDraft(ME, 'call'), reminder: '15' as const, duration: '12.5' };
    expect(draftToFields(draft)).toEqual({ ok: false, problems: { subject: 'needText', reminder: 'needDue', duration: 'badDuration' } });
  });

  it('refuses a custom reminder after the due time', () => {
    const draft = { ...emptyDraft(ME, 'meeting'), subject: 'Demo', due: '2026-03-12T10:00', reminder: 'custom' as const, reminderCustom: '2026-03-12T11:00' };
    expect(draftToFields(draft)).toEqual({ ok: false, problems: { reminder: 'reminderAfterDue' } });
  });

  it('drops fields the kind does not have (a note keeps no due time or duration)', () => {
    const draft = { ...emptyDraft(ME, 'note'), body: 'Met at the fair', due: '2026-03-12T10:00', duration: '30', outcome: 'connected' };
    const result = draftToFields(draft);
    expect(result.ok && result.fields).toMatchObject({ type: 'note', subject: null, body: 'Met at the fair', dueAt: null, durationMin: null, outcome: null });
  });
});

describe('editing a stored activity', () => {
  const row = {
    id: 'act0000001', createdAt: 0, createdBy: ME, updatedAt: 0, updatedBy: ME, deletedAt: null,
    type: 'call', subject: 'Intro call', body: 'With @[Ann](ann0000001)', dueAt: '2026-03-12T09:00:00.000Z',
    reminderAt: '2026-03-12T08:45:00.000Z', done: false, doneAt: null, durationMin: 20, outcome: 'connected',
    contactId: 'contact001', companyId: null, dealId: null, ownerId: ME, mentions: ['ann0000001'],
  };

  it('shows the row in the composer in device time with the matching reminder choice', () => {
    expect(draftFromRow(row)).toEqual({
      type: 'call', subject: 'Intro call', body: 'With @Ann', picks: [{ userId: 'ann0000001', name: 'Ann' }],
      due: '2026-03-12T10:00', reminder: '15', reminderCustom: '', duration: '20', outcome: 'connected', ownerId: ME,
    });
  });

  it('saves only what changed, so an untouched body is not rewritten', () => {
    const draft = { ...draftFromRow(row), duration: '25' };
    const result = draftToFields(draft);
    expect(result.ok && changedFields(row, result.fields)).toEqual({ durationMin: 25 });
  });
});
