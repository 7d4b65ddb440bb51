// Handing a file to the user: a Blob behind a temporary object URL and a clicked
// `<a download>`, which every browser saves without leaving the page. File names carry what
// they hold and the day, with nothing a file system would refuse.

/** `Acme: contacts` on 2026-03-05 → `acme-contacts-2026-03-05.csv`. */
export function downloadName(parts: readonly string[], extension: string, now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const words = [...parts, day]
    .map((part) =>
      part
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean);
  return `${words.join('-').slice(0, 120)}.${extension}`;
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Bytes or text as a Blob of the given type. */
export function blobOf(parts: readonly (Uint8Array | string)[], type: string): Blob {
  return new Blob(parts.map((p) => (typeof p === 'string' ? p : (p as Uint8Array<ArrayBuffer>))), { type });
}
