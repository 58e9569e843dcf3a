// Lowest layer (pure), beside the text helpers every layer may import: how a long piece of work shares the thread
// with the requests being served. A server loading a version passes Node's slicing (ingest/data-store.ts
// nodeSlicing, setImmediate between slices); CLIs and builds pass one that never pauses.

/** How a long build shares the thread: `pause` lets other work run (Node: setImmediate), `now` is a ms clock. */
export interface Slicing {
  pause: () => Promise<void>;
  now: () => number;
  /** Longest a slice may run before it pauses. */
  budgetMs: number;
}

/** Runs `each` over the items, pausing whenever a slice has used its budget; the order is the items'. */
export async function eachInSlices<T>(items: Iterable<T>, each: (item: T, i: number) => void, s: Slicing): Promise<void> {
  let start = s.now();
  let i = 0;
  for (const item of items) {
    each(item, i++);
    if (s.now() - start >= s.budgetMs) {
      await s.pause();
      start = s.now();
    }
  }
}
