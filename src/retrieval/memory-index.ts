// Retrieval layer (pure): exact cosine search over all vectors — the index for tests and Workers,
// and the reference the hnswlib index is checked against.

import type { VectorHit, VectorIndex } from "./types.ts";

export class MemoryVectorIndex implements VectorIndex {
  readonly kind = "memory";
  constructor(private readonly items: { id: string; vector: number[] }[]) {}

  async search(vector: number[], k: number): Promise<VectorHit[]> {
    const scored = this.items.map((it) => {
      let dot = 0;
      const v = it.vector;
      for (let i = 0; i < v.length; i++) dot += v[i]! * (vector[i] ?? 0);
      return { id: it.id, score: dot };
    });
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, k);
  }

  size(): number {
    return this.items.length;
  }
}
