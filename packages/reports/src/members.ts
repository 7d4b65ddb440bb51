// Names and sort order for the people a report lists. A report keys people by user id and
// names them from the workspace's members; owners that are no longer members keep their id
// with a null name, and rows without an owner are listed under a null id.
import type { ReportContext } from './context.ts';

export function memberNames(ctx: ReportContext): Map<string, string> {
  const names = new Map<string, string>();
  for (const member of ctx.members) names.set(member.userId, member.name);
  return names;
}

/** Members the owner and team filters let through (every member when `allowed` is null). */
export function listedMembers(ctx: ReportContext, allowed: ReadonlySet<string> | null): string[] {
  return ctx.members.map((m) => m.userId).filter((id) => !allowed || allowed.has(id));
}

/** Bigger first, then by name (former members after members, unassigned last), then by id. */
export function byValueThenName<T extends { name: string | null; ownerId: string | null }>(value: (entry: T) => number) {
  return (a: T, b: T): number => {
    const d = value(b) - value(a);
    if (d !== 0) return d;
    if (a.ownerId === null || b.ownerId === null) return a.ownerId === b.ownerId ? 0 : a.ownerId === null ? 1 : -1;
    if (a.name !== b.name) return a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name);
    return a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0;
  };
}
