// One glyph per kind of activity, always shown beside the kind's name (never alone).
import type { ActivityType } from '@carnet/schema';

export const TYPE_ICONS: Record<ActivityType, string> = {
  note: '✎',
  task: '☑',
  call: '☏',
  meeting: '◷',
  email: '✉',
};
