// Workers entry (prebuilt knowledge): the one-file form of what src/answer/build-knowledge.ts builds — corpus,
// BM25 index, embedder state and chunk vectors — written at build time (ingest/build-worker-index.ts, Node) and
// read by the Worker at isolate start (src/worker.ts), so an isolate deserializes instead of rebuilding (the
// rebuild cost 2–4 s of CPU per isolate). No node:* imports: this module is part of the Worker bundle.
//
// Layout: "HDWK1", a little-endian u32 header length, a JSON header (format, input hash, stats, the byte
// length of each part), then the parts, each 4-byte aligned:
//   corpus    UTF-8 JSON of CorpusData            lexical  LexicalIndex.toBytes()
//   embedder  UTF-8: a JSON line (name, dims, docs), then the terms, one per line, sorted by code unit
//   embedderDf  u32 document frequency of each term (an isolate binary-searches them: no 41k-entry Map to build,
//             which with the JSON of [term, df] pairs was a quarter of the load)
//   vectors   per chunk its non-zero slots (u16) and values (f32)
//   coverage  the answerer's coverage indexes of tasks and indicators (CoverageIndex.toBytes(), prepared.ts), so
//             an isolate's first question reads them instead of building them (~300 ms of CPU)
// The vectors are stored sparse: a chunk's hashed TF-IDF vector has ~220 non-zero slots of 1024, so this is a
// quarter of the dense size, and searching only the non-zero slots gives bit-identical scores (adding 0 is exact).

import { assembleKnowledge } from "./answer/knowledge.ts";
import type { Knowledge } from "./answer/engine.ts";
import { coverageBytes } from "./answer/prepared.ts";
import { embedderBytes, embedderFromBytes, type HashedTfidfEmbeddings } from "./retrieval/embeddings.ts";
import { LexicalIndex } from "./retrieval/lexical.ts";
import type { VectorHit, VectorIndex } from "./retrieval/types.ts";
import type { CorpusData } from "./tasks/corpus.ts";
import { packParts } from "./retrieval/packed.ts";
import { align, fail, MAGIC, PARTS, type PartName, type PrebuiltHeader, readHeader, WORKER_KNOWLEDGE_FORMAT } from "./worker-knowledge-header.ts";

export { PrebuiltKnowledgeError, type PrebuiltHeader, readHeader, WORKER_KNOWLEDGE_FORMAT } from "./worker-knowledge-header.ts";

/** Slots are stored as u16. */
const MAX_DIMS = 0x10000;

/** Chunk vectors collected sparse, one chunk at a time, in corpus.chunks order (what the prebuild stores). */
export class SparseVectorsBuilder {
  private starts: number[] = [0];
  private slots: number[] = [];
  private values: number[] = [];
  readonly ids: string[] = [];
  constructor(readonly dims: number) {
    if (dims > MAX_DIMS) throw new Error(`sparse vectors: ${dims} dimensions do not fit u16 slots`);
  }

  add(id: string, vector: Float32Array): void {
    if (vector.length !== this.dims) throw new Error(`sparse vectors: ${id} has ${vector.length} dimensions, not ${this.dims}`);
    for (let j = 0; j < vector.length; j++) {
      const x = vector[j]!;
      if (x !== 0) {
        this.slots.push(j);
        this.values.push(x);
      }
    }
    this.ids.push(id);
    this.starts.push(this.slots.length);
  }

  finish(): SparseVectorIndex {
    return new SparseVectorIndex(this.ids, this.dims, Uint32Array.from(this.starts), Uint16Array.from(this.slots), Float32Array.from(this.values));
  }
}

/**
 * Exact cosine search over sparse chunk vectors: the same hits, scores and tie order as MemoryVectorIndex over
 * the dense vectors (non-zero slots in increasing order, summed in the same order; a stable sort keeps chunk order).
 */
export class SparseVectorIndex implements VectorIndex {
  readonly kind = "memory-sparse";
  constructor(
    readonly ids: string[],
    readonly dims: number,
    readonly start: Uint32Array,
    readonly slots: Uint16Array,
    readonly values: Float32Array,
  ) {}

  async search(vector: number[], k: number): Promise<VectorHit[]> {
    const { start, slots, values } = this;
    const scored: VectorHit[] = new Array(this.ids.length);
    for (let i = 0; i < this.ids.length; i++) {
      let dot = 0;
      for (let p = start[i]!; p < start[i + 1]!; p++) dot += values[p]! * (vector[slots[p]!] ?? 0);
      scored[i] = { id: this.ids[i]!, score: dot };
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, k);
  }

  size(): number {
    return this.ids.length;
  }
}

export interface PrebuiltParts {
  corpus: CorpusData;
  lexical: LexicalIndex;
  embedder: HashedTfidfEmbeddings;
  vectors: SparseVectorIndex;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The artefact's bytes. `inputHash` is what a later build compares to tell whether the corpus changed. */
export function encodeKnowledge(parts: PrebuiltParts, inputHash: string, builtAt = new Date().toISOString()): Uint8Array {
  const { corpus, lexical, embedder, vectors } = parts;
  if (vectors.size() !== corpus.chunks.length || lexical.size() !== corpus.chunks.length) throw new Error("prebuilt knowledge: vectors, BM25 and chunks differ in count");
  const enc = new TextEncoder();
  // Failures are the build's report (the ingest prints them); the served corpus never reads them.
  const body: Record<PartName, Uint8Array> = {
    corpus: enc.encode(JSON.stringify({ ...corpus, failures: [] } satisfies CorpusData)),
    lexical: lexical.toBytes(),
    ...(({ terms, df }) => ({ embedder: terms, embedderDf: bytesOf(df) }))(embedderBytes(embedder)),
    vecStart: bytesOf(vectors.start),
    vecSlots: bytesOf(vectors.slots),
    vecValues: bytesOf(vectors.values),
    ...(({ tasks, indicators }) => ({ covTasks: tasks, covIndicators: indicators }))(coverageBytes(corpus)),
  };
  const header: PrebuiltHeader = { format: WORKER_KNOWLEDGE_FORMAT, inputHash, builtAt, dims: vectors.dims, stats: corpus.stats, lengths: PARTS.map((p) => body[p].byteLength) };
  return packParts(MAGIC, enc.encode(JSON.stringify(header)), PARTS.map((p) => body[p]));
}

/**
 * The knowledge from the artefact's bytes: views over the buffer for the typed arrays (no copy when aligned),
 * one JSON.parse each for the corpus and the embedder state. Counts are cross-checked; a mismatch throws.
 */
export function decodeKnowledge(input: ArrayBuffer | Uint8Array): PrebuiltParts & { header: PrebuiltHeader; kb: Knowledge } {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const { header, bodyAt } = readHeader(bytes);
  const parts = {} as Record<PartName, Uint8Array>;
  let at = bodyAt;
  for (const [i, p] of PARTS.entries()) {
    const len = header.lengths[i]!;
    if (at + len > bytes.byteLength) fail(`truncated at ${p}`);
    parts[p] = bytes.subarray(at, at + len);
    at += align(len);
  }
  const dec = new TextDecoder();
  const view = <T>(Type: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number }, b: Uint8Array) => new Type(b.buffer, b.byteOffset, b.byteLength / Type.BYTES_PER_ELEMENT);
  const corpus = JSON.parse(dec.decode(parts.corpus)) as CorpusData;
  const lexical = LexicalIndex.fromBytes(parts.lexical);
  let embedder: HashedTfidfEmbeddings;
  try {
    embedder = embedderFromBytes(parts.embedder, view(Uint32Array, parts.embedderDf));
  } catch (e) {
    embedder = fail((e as Error).message);
  }
  const vectors = new SparseVectorIndex(
    corpus.chunks.map((c) => c.id),
    header.dims,
    view(Uint32Array, parts.vecStart),
    view(Uint16Array, parts.vecSlots),
    view(Float32Array, parts.vecValues),
  );
  const n = corpus.chunks.length;
  if (lexical.size() !== n || vectors.start.length !== n + 1 || vectors.start[n] !== vectors.values.length || vectors.slots.length !== vectors.values.length) fail("parts do not match the chunks");
  if (n !== header.stats.chunks || corpus.tasks.length !== header.stats.tasks) fail("record counts do not match its stats");
  const kb: Knowledge = { ...assembleKnowledge(corpus, lexical, vectors, embedder), coverage: { tasks: parts.covTasks, indicators: parts.covIndicators } };
  return { header, corpus, lexical, embedder, vectors, kb };
}
