// Turns what IndexedDB and Dexie throw into StoreErrors the app can act on: a full disk, a
// database another tab or version holds, a browser without IndexedDB, a closed store.
import { StoreError, StoreErrorCode } from '@carnet/store';

interface NamedError {
  name?: string;
  message?: string;
  inner?: unknown;
}

/** Dexie wraps native errors (`inner`); the useful name may be on either. */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { name, inner } = current as NamedError;
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}

function messageOf(error: unknown): string {
  return error && typeof error === 'object' && typeof (error as NamedError).message === 'string'
    ? (error as NamedError).message!
    : String(error);
}

/** Maps a failure of `action` ("save", "read", "open the local database") to a StoreError. */
export function toStoreError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const names = errorNames(error);
  const detail = messageOf(error);
  const has = (name: string) => names.includes(name);

  if (has('QuotaExceededError')) {
    return new StoreError(StoreErrorCode.StorageFull, `Could not ${action}: the device is out of storage space. Free some disk space or remove other sites' data, then retry. (${detail})`, { cause: error });
  }
  if (has('MissingAPIError')) {
    return new StoreError(StoreErrorCode.StorageFailed, `Could not ${action}: this browser gives no access to IndexedDB (private browsing or disabled site data?). Allow site data for Carnet or use a regular window. (${detail})`, { cause: error });
  }
  if (has('VersionError') || has('UpgradeError')) {
    return new StoreError(StoreErrorCode.StorageFailed, `Could not ${action}: the local database was written by a different version of Carnet. Reload the page to get the current version. (${detail})`, { cause: error });
  }
  if (has('BlockedError') || has('VersionChangeError')) {
    return new StoreError(StoreErrorCode.StorageFailed, `Could not ${action}: another Carnet tab holds the local database open with an older version. Close or reload the other Carnet tabs. (${detail})`, { cause: error });
  }
  if (has('DatabaseClosedError') || has('InvalidStateError')) {
    return new StoreError(StoreErrorCode.Closed, `Could not ${action}: the local database is closed (it was closed, or another tab upgraded it). Reload the page. (${detail})`, { cause: error });
  }
  if (has('DataCloneError')) {
    return new StoreError(StoreErrorCode.StorageFailed, `Could not ${action}: a value cannot be stored (functions, symbols and class instances are not storable). (${detail})`, { cause: error });
  }
  if (has('InvalidTableError')) {
    return new StoreError(StoreErrorCode.UnknownCollection, `Could not ${action}: ${detail}`, { cause: error });
  }
  return new StoreError(StoreErrorCode.StorageFailed, `Could not ${action}: the local database failed. (${detail})`, { cause: error });
}
