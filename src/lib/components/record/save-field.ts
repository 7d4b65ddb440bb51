// Saving one field of a record through the store, with the outcome as a message for the field:
// the schema's validation message in the user's language, or why the device could not write.
import { issueMessage, type Collection, type Locale } from '@carnet/schema';
import { isStoreError, type Store } from '@carnet/store';

export interface SaveMessages {
  locale: Locale;
  /** "Your change could not be saved on this device: {reason}…" */
  writeFailed: (reason: string) => string;
  notAllowed: string;
}

export async function saveField(
  store: Store,
  collection: Collection,
  id: string,
  field: string,
  value: unknown,
  messages: SaveMessages,
): Promise<string | null> {
  try {
    await store.update(collection, id, { [field]: value });
    return null;
  } catch (error) {
    if (isStoreError(error) && error.issues.length) {
      const issue = error.issues.find((i) => i.field === field) ?? error.issues[0];
      return issueMessage(issue, messages.locale);
    }
    return messages.writeFailed(error instanceof Error ? error.message : String(error));
  }
}
