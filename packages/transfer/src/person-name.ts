// Splitting a whole name into first and last name, for files that have one "Name" column:
// "Dupont, Jean" (last name first), "Jean DUPONT" / "DUPONT Jean" (the capitalised word is the
// last name), "Jean-Pierre de la Tour" (a particle starts the last name), else the last word.

const PARTICLES = new Set(['de', 'du', 'des', 'del', 'della', 'der', 'di', 'da', 'dos', 'le', 'la', 'van', 'von', 'den', 'ter', 'ten', "d'", 'mac', 'st', 'saint']);

export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const name = fullName.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  if (comma > 0) return { lastName: name.slice(0, comma).trim(), firstName: name.slice(comma + 1).trim() };
  const words = name.split(' ');
  if (words.length === 1) return { firstName: '', lastName: words[0] };
  const isCapitalised = (w: string) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();
  const capitalised = words.filter(isCapitalised);
  if (capitalised.length && capitalised.length < words.length) {
    return { firstName: words.filter((w) => !isCapitalised(w)).join(' '), lastName: capitalised.join(' ') };
  }
  const particle = words.findIndex((w, i) => i > 0 && i < words.length - 1 && PARTICLES.has(w.toLowerCase()));
  const split = particle > 0 ? particle : words.length - 1;
  return { firstName: words.slice(0, split).join(' '), lastName: words.slice(split).join(' ') };
}
