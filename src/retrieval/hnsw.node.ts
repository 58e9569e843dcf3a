// Retrieval layer (Node only): the hnswlib vector index through LangChain's HNSWLib store, saved to
// and loaded from a data/ version folder. hnswlib-node is imported lazily so nothing else needs it.

import type { Embeddings } from "@langchain/core/embeddings";
import type { VectorHit, VectorIndex } from "./types.ts";

type HNSWLibT = import("@langchain/community/vectorstores/hnswlib").HNSWLib;

async function loadHNSWLib() {
  try {
    return (await import("@langchain/community/vectorstores/hnswlib")).HNSWLib;
  } catch (e) {
    throw new Error(`hnswlib-node could not be loaded (run "npm install" with build tools available): ${(e as Error).message}`);
  }
}

/** Search depth: hnswlib's default ef of 10 is not saved and loses recall; set it after every load. */
const EF = 128;
const EF_CONSTRUCTION = 100;

export class HnswVectorIndex implements VectorIndex {
  readonly kind = "hnswlib";
  private constructor(private readonly store: HNSWLibT, private readonly count: number) {}

  static async build(items: { id: string; text: string; vector: number[] }[], embeddings: Embeddings): Promise<HnswVectorIndex> {
    const HNSWLib = await loadHNSWLib();
    const dims = items[0]?.vector.length ?? 1;
    // Build the graph ourselves so construction depth can be set (efConstruction 100 instead of 200: less
    // build time at scale; the HNSW-vs-exact overlap is checked in test/retrieval.int.test.ts).
    const { default: hnswlib } = await import("hnswlib-node");
    const index = new hnswlib.HierarchicalNSW("cosine", dims);
    index.initIndex(Math.max(1, items.length), 16, EF_CONSTRUCTION);
    const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dims, index });
    await store.addVectors(
      items.map((i) => i.vector),
      items.map((i) => ({ pageContent: "", metadata: { id: i.id } })),
    );
    store.index.setEf(EF);
    return new HnswVectorIndex(store, items.length);
  }

  static async load(dir: string, embeddings: Embeddings): Promise<HnswVectorIndex> {
    const HNSWLib = await loadHNSWLib();
    const store = await HNSWLib.load(dir, embeddings);
    store.index.setEf(EF);
    return new HnswVectorIndex(store, store.index.getCurrentCount());
  }

  async save(dir: string): Promise<void> {
    await this.store.save(dir);
  }

  async search(vector: number[], k: number): Promise<VectorHit[]> {
    const n = Math.min(k, this.count);
    if (n === 0) return [];
    const res = await this.store.similaritySearchVectorWithScore(vector, n);
    // LangChain returns cosine distance (lower is better); report similarity.
    return res.map(([doc, dist]) => ({ id: String(doc.metadata.id), score: 1 - dist }));
  }

  size(): number {
    return this.count;
  }
}
