// Retrieval layer: the one small port every index implements (hnswlib on Node, in-memory in tests and
// Workers), plus the hit shape returned by hybrid search.

export interface VectorHit {
  id: string;
  /** Cosine similarity, higher is better. */
  score: number;
}

/** A nearest-neighbour index over chunk vectors. */
export interface VectorIndex {
  readonly kind: string;
  search(vector: number[], k: number): Promise<VectorHit[]>;
  size(): number;
}

export interface SearchHit {
  id: string;
  /** Fused score (reciprocal-rank fusion), higher is better. */
  score: number;
  lexical?: number;
  vector?: number;
}

export interface SearchOptions {
  /** Only chunks of these documents (searched by BM25 alone). */
  documents?: ReadonlySet<string>;
}

/** Hybrid chunk search: what the answer layer needs from retrieval. */
export interface ChunkIndex {
  search(query: string, k: number, opts?: SearchOptions): Promise<SearchHit[]>;
  size(): number;
}
