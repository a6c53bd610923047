/** Rows by key, in one pass (a DataLoader's batch, a rule's inputs per person). */
export function byKey<K, V>(rows: readonly V[], keyOf: (row: V) => K): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const list = map.get(keyOf(r));
    if (list) list.push(r);
    else map.set(keyOf(r), [r]);
  }
  return map;
}

/** A DataLoader's answer: for each key asked, its rows (none when absent), in the order asked. */
export function groupBy<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = byKey(rows, keyOf);
  return keys.map((k) => map.get(k) ?? []);
}
