// Strings shared by the record pages (contact, company, deal): headers, sections, history,
// duplicates and merge.
export const en = {
} as const;

export const fr: { [K in keyof typeof en]: string } = {
};
