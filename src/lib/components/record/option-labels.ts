// Which dictionary prefix names the options of a select field (lifecycle stages, sources…).
const PREFIXES: Record<string, string> = {
  lifecycle: 'lifecycle.',
  source: 'source.',
  type: 'activityType.',
  outcome: 'outcome.',
};

export function optionKey(field: string, option: string): string | null {
  const prefix = PREFIXES[field];
  return prefix ? prefix + option : null;
}

/** The collection a reference field points to; `members` for people of the workspace. */
export function refTarget(field: string): 'contacts' | 'companies' | 'deals' | 'members' {
  if (field === 'ownerId' || field === 'mentions') return 'members';
  if (field === 'companyId' || field === 'parentId') return 'companies';
  if (field === 'dealId') return 'deals';
  return 'contacts';
}
