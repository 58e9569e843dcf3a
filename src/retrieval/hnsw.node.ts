// Retrieval layer (Node only): the hnswlib vector index through LangChain's HNSWLib store, saved to
// and loaded from a data/ version folder. hnswlib-node is imported lazily so nothing else needs it.

import type { Embeddings } from "@langchain/core/embeddings";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
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
 * TF-IDF vectors are nearly orthogonal, a hard case for HNSW. Measured 2026-12-03 on the bundled corpus (2674
 * chunks), the passage questions of the bench mix, k = 80: recall@80 against ef 3000 is 0.98 at ef 512, 0.91 at
 * 256, 0.80 at 128; one search costs 1.8–2.2 ms at 512, 1.5 at 256, 0.9 at 128. Hybrid recall over the 206
 * quotes of test/eval's seed sets is the same at 256 as at 512 (129 @1, 155 @5) and drops at 128 (125, 154); every `npm run eval`
 * set gives the same pass counts at 512, 256, 128 and 80. The vector list only re-ranks BM25's candidates (its
 * RRF weight is 0.3), so its tail matters little: 256 keeps that recall at 15–30% less search time. */
const EF = 256;
const EF_CONSTRUCTION = 100;

/** Graph degree (hnswlib's M). */
const M = 16;
/**
 * Corpora above SHARD_MIN chunks are split into MAX_SHARDS graphs that build in parallel worker threads
 * (hnswlib-node inserts one point at a time, ~1 ms each at 1024 dimensions on the 2-core CI machine). Every
 * search asks every shard, so more shards would cost query time: two match the 2 cores we are sized for.
 */
const SHARD_MIN = 10_000;
const MAX_SHARDS = 2;
/** Vectors per message to a build worker, and how many messages may wait there (bounds memory). */
const BATCH = 1000;
const IN_FLIGHT = 2;

export interface HnswBuildOptions {
  /** Directory the graph files are written to (the data/ version folder's hnsw/). */
  dir: string;
  /** Parallel build threads (default: the machine's cores). */
  threads?: number;
  onProgress?: (done: number) => void;
}

/**
 * hnswlib graphs, one per shard (see SHARD_MIN), each a LangChain HNSWLib store in its own
 * folder (hnsw/0, hnsw/1, …). A search asks every shard and merges by similarity.
 */
export class HnswVectorIndex implements VectorIndex {
  readonly kind = "hnswlib";
  private constructor(private readonly shards: HNSWLibT[], private readonly count: number) {}

  /** Build from items in memory (tests, small corpora), writing to a temporary folder. */
  static async build(items: { id: string; vector: ArrayLike<number> }[], embeddings: Embeddings): Promise<HnswVectorIndex> {
    const dir = await mkdtemp(join(tmpdir(), "hnsw-"));
    try {
      await HnswVectorIndex.buildFrom(items.length, items[0]?.vector.length ?? 1, (i) => items[i]!, { dir });
      return await HnswVectorIndex.load(dir, embeddings);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Build into opts.dir (load it with load()) from vectors produced one at a time (at 100× the corpus they would take over 1 GB together).
   * Shards build in worker threads in parallel; vectors go to them in batches with back-pressure. The
   * graph is built directly, not through HNSWLib.addVectors, so construction depth can be set
   * (efConstruction 100 instead of 200: less build time at scale).
   */
  static async buildFrom(
    count: number,
    dims: number,
    item: (i: number) => { id: string; vector: ArrayLike<number> },
    opts: HnswBuildOptions,
  ): Promise<void> {
    const { Document } = await import("@langchain/core/documents");
    const nShards = Math.max(1, Math.min(MAX_SHARDS, Math.ceil(count / SHARD_MIN)));
    const size = Math.ceil(count / nShards);
    const threads = Math.max(1, Math.min(nShards, opts.threads ?? availableParallelism()));
    const workerUrl = new URL("./hnsw-worker.node.mjs", import.meta.url);
    let done = 0;

    const buildShard = async (s: number): Promise<void> => {
      const first = s * size;
      const last = Math.min(count, first + size);
      const sdir = join(opts.dir, String(s));
      await mkdir(sdir, { recursive: true });
      const worker = new Worker(workerUrl, { workerData: { dims, capacity: last - first, m: M, efConstruction: EF_CONSTRUCTION, file: join(sdir, "hnswlib.index") } });
      const docs = new Map<string, InstanceType<typeof Document>>();
      try {
        let inFlight = 0;
        let wake: (() => void) | undefined;
        let failed: Error | undefined;
        let written: ((n: number) => void) | undefined;
        worker.on("message", (m: { ack?: number; written?: number; error?: string }) => {
          if (m.error) failed = new Error(`hnswlib build: ${m.error}`);
          if (m.ack) {
            inFlight--;
            done += m.ack;
            opts.onProgress?.(done);
          }
          if (m.written !== undefined) written?.(m.written);
          wake?.();
        });
        worker.on("error", (e) => {
          failed = e;
          wake?.();
        });
        const waitFor = (cond: () => boolean) =>
          new Promise<void>((resolve) => {
            const check = () => (cond() || failed ? resolve() : (wake = check));
            check();
          });
        for (let a = first; a < last; a += BATCH) {
          const b = Math.min(last, a + BATCH);
          const vectors = new Float32Array((b - a) * dims);
          for (let i = a; i < b; i++) {
            const it = item(i);
            if (it.vector.length !== dims) throw new Error(`vector ${i} has ${it.vector.length} dimensions, not ${dims}`);
            vectors.set(it.vector, (i - a) * dims);
            docs.set(String(i - first), new Document({ pageContent: "", metadata: { id: it.id } }));
          }
          await waitFor(() => inFlight < IN_FLIGHT);
          if (failed) throw failed;
          inFlight++;
          worker.postMessage({ vectors, first: a - first }, [vectors.buffer]);
        }
        await waitFor(() => inFlight === 0);
        if (failed) throw failed;
        const n = await new Promise<number>((resolve, reject) => {
          written = resolve;
          worker.postMessage({ done: true });
          void waitFor(() => false).then(() => reject(failed));
        });
        if (n !== last - first) throw new Error(`hnswlib build: shard ${s} has ${n} points, expected ${last - first}`);
      } finally {
        await worker.terminate();
      }
      // LangChain's HNSWLib files beside the graph, so each shard loads with HNSWLib.load.
      await writeFile(join(sdir, "args.json"), JSON.stringify({ space: "cosine", numDimensions: dims }));
      await writeFile(join(sdir, "docstore.json"), JSON.stringify([...docs.entries()]));
    };

    // A few shards at a time, one per thread.
    let next = 0;
    await Promise.all(
      Array.from({ length: threads }, async () => {
        while (next < nShards) await buildShard(next++);
      }),
    );
    await writeFile(join(opts.dir, "shards.json"), JSON.stringify({ shards: nShards, count, dims }));
  }

  /** Files a saved index consists of, relative to its folder (for checksums). */
  static async files(dir: string): Promise<string[]> {
    const { shards } = JSON.parse(await readFile(join(dir, "shards.json"), "utf8")) as { shards: number };
    const out = ["shards.json"];
    for (let s = 0; s < shards; s++) out.push(`${s}/hnswlib.index`, `${s}/docstore.json`, `${s}/args.json`);
    return out;
  }

  static async load(dir: string, embeddings: Embeddings): Promise<HnswVectorIndex> {
    const HNSWLib = await loadHNSWLib();
    const meta = JSON.parse(await readFile(join(dir, "shards.json"), "utf8")) as { shards: number; count: number };
    const shards = await Promise.all(
      Array.from({ length: meta.shards }, async (_, s) => {
        const store = await HNSWLib.load(join(dir, String(s)), embeddings);
        store.index.setEf(EF);
        return store;
      }),
    );
    const count = shards.reduce((n, st) => n + st.index.getCurrentCount(), 0);
    return new HnswVectorIndex(shards, count);
  }

  /** Write every shard (LangChain's HNSWLib files) and the shard list to a folder. */
  async save(dir: string): Promise<void> {
    for (const [s, store] of this.shards.entries()) await store.save(join(dir, String(s)));
    await writeFile(join(dir, "shards.json"), JSON.stringify({ shards: this.shards.length, count: this.count }));
  }

  async search(vector: number[], k: number): Promise<VectorHit[]> {
    const hits: VectorHit[] = [];
    for (const store of this.shards) {
      const n = Math.min(k, store.index.getCurrentCount());
      if (n === 0) continue;
      const res = await store.similaritySearchVectorWithScore(vector, n);
      // LangChain returns cosine distance (lower is better); report similarity.
      for (const [doc, dist] of res) hits.push({ id: String(doc.metadata.id), score: 1 - dist });
    }
    if (this.shards.length === 1) return hits;
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  size(): number {
    return this.count;
  }
}
