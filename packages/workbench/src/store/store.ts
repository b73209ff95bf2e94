import { parseState, type WorkbenchState } from '../state/state';

const DB = 'commonweal-workbench';
const STORE = 'state';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * The workbench kept in this browser (IndexedDB), or null when there is none or it cannot be
 * read as a workbench.
 *
 * @example
 * ```ts
 * const saved = await loadState();
 * ```
 */
export async function loadState(): Promise<WorkbenchState | null> {
  const db = await open();
  const text = await new Promise<unknown>((resolve, reject) => {
    const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  if (typeof text !== 'string') return null;
  const r = parseState(text);
  return r.ok ? r.value : null;
}

/**
 * Keeps the workbench in this browser (IndexedDB), as the JSON text of the saved file.
 *
 * @example
 * ```ts
 * await saveState(state);
 * ```
 */
export async function saveState(state: WorkbenchState): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(JSON.stringify(state), KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
