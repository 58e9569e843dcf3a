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

/** Search depth, set after every load (hnswlib does not save it; its default 10 loses recall). The hashed
 * TF-IDF vectors are nearly orthogonal, a hard case for HNSW: against exact search, recall@10 over the
 * shared questions is 0.92 at ef 128, 0.96 at 256, 1.00 at 512 (scratch measurement, 1× corpus). */
const EF = 256;
const EF_CONSTRUCTION = 100;

export class HnswVectorIndex implements VectorIndex {
  readonly kind = "hnswlib";
  private constructor(private readonly store: HNSWLibT, private readonly count: number) {}

  static async build(items: { id: string; vector: ArrayLike<number> }[], embeddings: Embeddings): Promise<HnswVectorIndex> {
    return HnswVectorIndex.buildFrom(items.length, items[0]?.vector.length ?? 1, (i) => items[i]!, embeddings);
  }

  /**
   * Build from vectors produced one at a time (at 100× the corpus they would take over 1 GB together).
   * The graph is built here rather than by HNSWLib.addVectors, so construction depth can be set
   * (efConstruction 100 instead of 200: less build time at scale; the HNSW-vs-exact overlap is checked
   * in test/retrieval.int.test.ts).
   */
  static async buildFrom(
    count: number,
    dims: number,
    item: (i: number) => { id: string; vector: ArrayLike<number> },
    embeddings: Embeddings,
    onProgress?: (done: number) => void,
  ): Promise<HnswVectorIndex> {
    const HNSWLib = await loadHNSWLib();
    const { default: hnswlib } = await import("hnswlib-node");
    const { Document } = await import("@langchain/core/documents");
    const index = new hnswlib.HierarchicalNSW("cosine", dims);
    index.initIndex(Math.max(1, count), 16, EF_CONSTRUCTION);
    const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dims, index });
    const docs: Record<number, InstanceType<typeof Document>> = {};
    for (let i = 0; i < count; i++) {
      const it = item(i);
      if (it.vector.length !== dims) throw new Error(`vector ${i} has ${it.vector.length} dimensions, not ${dims}`);
      index.addPoint(Array.from(it.vector), i);
      docs[i] = new Document({ pageContent: "", metadata: { id: it.id } });
      if (onProgress && (i + 1) % 10000 === 0) onProgress(i + 1);
    }
    store.docstore.add(docs);
    index.setEf(EF);
    return new HnswVectorIndex(store, count);
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
