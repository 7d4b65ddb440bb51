// Strings of the settings screens. French is typed against the English keys.
export const en = {
} as const;

export const fr: { [K in keyof typeof en]: string } = {
};
