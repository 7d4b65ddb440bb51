// When an activity happened, for the reports that place activities in time (activities per
// rep, the heat map). A done activity happened when it was done (its due time, then its
// creation, when no done time was kept). An open activity that is planned — a task, or
// anything with a due time — has not happened yet and is not counted. Anything else (a note,
// a logged call or email) happened when it was written down.
import { parseDateTime } from './calendar.ts';
import type { ActivityRow } from './context.ts';

/** Epoch ms of when the activity happened; NaN when it has not happened yet. */
export function occurredAt(activity: ActivityRow): number {
  if (activity.done === true) {
    const done = parseDateTime(activity.doneAt);
    if (done === done) return done;
    const due = parseDateTime(activity.dueAt);
    return due === due ? due : activity.createdAt;
  }
  if (activity.type === 'task' || activity.dueAt) return Number.NaN;
  return activity.createdAt;
}
