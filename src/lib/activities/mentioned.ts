// Which activities mention a user, without scanning 200,000 rows on every visit: the ids are
// kept in the store's meta with the row version they are current to, and each visit reads only
// rows written since (the `v` index). The first visit on a device reads every activity once.
// Only ids that can still show (open, or done lately) are kept, and a later change to any other
// row has a newer version, so it is seen again.
import type { Store } from '@carnet/store';
import { concernsUser, type ActivityRow } from './days.ts';

const BATCH = 2_000;

export interface MentionedCache {
  /** The highest row version (`v`) already looked at. */
  v: number;
  ids: string[];
}

export const mentionedKey = (userId: string) => `app.activities.mentionedOf.${userId}`;

/** The activities that mention `userId` and still concern them (open or recently done). */
export async function readMentioned(store: Store, userId: string, now: number): Promise<ActivityRow[]> {
  const key = mentionedKey(userId);
  const saved = await store.persistence.getMeta<MentionedCache>(key);
  let v = saved?.v ?? 0;
  const ids = new Set(saved?.ids ?? []);
  const start = v;
  for (;;) {
    const batch = await store.persistence.rowsSince('activities', v, BATCH);
    for (const row of batch) {
      v = Math.max(v, row.v);
      if (row.deletedAt === null && Array.isArray(row.mentions) && row.mentions.includes(userId)) ids.add(row.id);
      else ids.delete(row.id);
    }
    if (batch.length < BATCH) break;
  }
  const wanted = [...ids];
  const rows = (await store.getMany('activities', wanted)).filter((r): r is NonNullable<typeof r> => !!r) as ActivityRow[];
  const current = rows.filter((r) => Array.isArray(r.mentions) && r.mentions.includes(userId as never) && concernsUser(r, userId, now));
  if (v !== start || current.length !== wanted.length) await store.setMeta(key, { v, ids: current.map((r) => r.id) } satisfies MentionedCache);
  return current;
}
