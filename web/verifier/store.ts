import type { KeyCache } from './offline.js';

/**
 * The phone's own storage (IndexedDB): the cached keys and revocation lists, and the queue of scans
 * waiting to be sent. Each queued item carries the id fixed for it on the phone, so the server
 * records it once however often it is sent.
 */

export interface QueuedPassenger {
  scanId: string;
  token: string;
  temperature: number | null;
}

export type Queued =
  | { kind: 'scan'; id: string; token: string; temperature: number | null; scannedAt: string }
  | { kind: 'road'; id: string; plate: string | null; scannedAt: string; passengers: QueuedPassenger[] };

const DB = 'hcg-verifier';
const KV = 'kv';
const QUEUE = 'queue';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(KV);
      // Queued in order of scanning: an auto-increment key keeps the order, the item keeps its own id.
      req.result.createObjectStore(QUEUE, { autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const loadKeys = async (): Promise<KeyCache | null> => ((await run(KV, 'readonly', (s) => s.get('keys'))) as KeyCache | undefined) ?? null;
export const saveKeys = (cache: KeyCache): Promise<IDBValidKey> => run(KV, 'readwrite', (s) => s.put(cache, 'keys'));
export const enqueue = (item: Queued): Promise<IDBValidKey> => run(QUEUE, 'readwrite', (s) => s.add(item));
export const queued = async (): Promise<{ key: IDBValidKey; item: Queued }[]> => {
  const [keys, items] = await Promise.all([run(QUEUE, 'readonly', (s) => s.getAllKeys()), run(QUEUE, 'readonly', (s) => s.getAll() as IDBRequest<Queued[]>)]);
  return keys.map((key, i) => ({ key, item: items[i]! }));
};
export const dequeue = (key: IDBValidKey): Promise<undefined> => run(QUEUE, 'readwrite', (s) => s.delete(key));
/** Everything the page kept, when the officer signs out: the queue goes with it only once it is empty. */
export const forgetKeys = (): Promise<undefined> => run(KV, 'readwrite', (s) => s.delete('keys'));
