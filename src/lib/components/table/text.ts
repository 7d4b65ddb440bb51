// The sentences of a record table that name the record type ("12 contacts deleted"): the
// screen using the table supplies them, since French agrees them in gender with the noun.

export interface TableText {
  /** The table's accessible name, e.g. "Contacts". */
  name: string;
  /** "1,234 contacts" (the number comes formatted). */
  count: (n: number, formatted: string) => string;
  /** "3 contacts selected" */
  selected: (n: number, formatted: string) => string;
  /** "Select all 1,234 matching contacts" */
  selectAll: (n: number, formatted: string) => string;
  updated: (n: number) => string;
  deleted: (n: number) => string;
  tagged: (n: number, tag: string) => string;
  untagged: (n: number, tag: string) => string;
  /** "Delete 3 contacts?" */
  confirmDelete: (n: number) => string;
  /** Nothing at all yet. */
  empty: string;
  /** Nothing matches the filters. */
  emptyFiltered: string;
  loading: string;
  /** The name of the table without a saved view, e.g. "All contacts". */
  all: string;
  /** The quick filter's label. */
  quickFilter: string;
}

const rules = new Map<string, Intl.PluralRules>();

/** Which form of a counted noun a language uses for `n`: French says "0 contact", English "0 contacts". */
export function pluralForm(tag: string, n: number): 'one' | 'many' {
  let rule = rules.get(tag);
  if (!rule) {
    rule = new Intl.PluralRules(tag);
    rules.set(tag, rule);
  }
  return rule.select(n) === 'one' ? 'one' : 'many';
}
