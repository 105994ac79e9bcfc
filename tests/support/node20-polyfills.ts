/**
 * vitest 5 wants Node ^22.12 (its package.json `engines`), but package.json allows Node >= 20.19.
 * On Node 20 its reporter crashes on Map.groupBy while printing a failed test — exactly when the
 * message matters. The ES2024 helpers it uses are filled in for the vitest process only.
 */
if (typeof Map.groupBy !== "function") {
  Map.groupBy = function groupBy<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

if (typeof Object.groupBy !== "function") {
  Object.groupBy = function groupBy<K extends PropertyKey, T>(items: Iterable<T>, key: (item: T, index: number) => K): Partial<Record<K, T[]>> {
    const groups = Object.create(null) as Partial<Record<K, T[]>>;
    let index = 0;
    for (const item of items) (groups[key(item, index++)] ??= []).push(item);
    return groups;
  };
}

// Used by vitest's watch mode and interactive snapshot prompts.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
