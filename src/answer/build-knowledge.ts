// Answer layer (pure): the one build pipeline — files → corpus (documents, chunks, tasks) → BM25 and vectors
// → searchable knowledge — shared by ingest (vectors into hnswlib on disk), the Worker and the tests (vectors
// in memory). What differs between them comes in as functions: where the vectors go, and what to do
// between steps (progress lines, timing, yielding to the event loop).

import { HashedTfidfEmbeddings, VECTOR_DIMS } from "../retrieval/embeddings.ts";
import { buildIndexes } from "../retrieval/build.ts";
import type { LexicalIndex } from "../retrieval/lexical.ts";
import { MemoryVectorIndex } from "../retrieval/memory-index.ts";
import { z } from "zod";
import { buildCorpus, type CorpusData, type Manifest, type SourceFile } from "../tasks/corpus.ts";
import type { Knowledge } from "./engine.ts";
import { assembleKnowledge } from "./knowledge.ts";

export { VECTOR_DIMS };

const STATUS = z.enum(["final", "draft", "summary"]);

/** corpus/manifest.json: per-file provenance and overrides of what a document's own header says. Unknown keys ("$comment") are allowed. */
export const ManifestSchema = z.object({
  files: z
    .array(
      z.object({
        file: z.string().min(1),
        original: z.string().optional(),
        source: z.string().optional(),
        status: STATUS.optional(),
        documents: z
          .array(
            z.object({
              number: z.string().nullable().optional(),
              index: z.number().int().min(0).optional(),
              id: z.string().optional(),
              title: z.string().optional(),
              type: z.string().optional(),
              issuer: z.string().optional(),
              issuedDate: z.string().optional(),
              status: STATUS.optional(),
              year: z.number().int().optional(),
              newNumber: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .default([]),
});

/** Parse a corpus manifest; throws a zod error naming the bad field ("files.2.status"). */
export function parseManifest(data: unknown): Manifest {
  return ManifestSchema.parse(data);
}

export type BuildStep = "corpus" | "lexical" | "vectors";

/** The vectors of chunk i (L2-normalised), in corpus.chunks order. */
export type VectorAt = (i: number) => { id: string; vector: Float32Array };

export interface BuildOptions<V> {
  manifest?: Manifest;
  /** Where the vectors go (called once, after BM25). Default: the exact in-memory index. */
  storeVectors?: (count: number, at: VectorAt, corpus: CorpusData) => V | Promise<V>;
  /** Called after each step; may throw to stop the build (ingest: "no document could be read"). */
  onStep?: (step: BuildStep, corpus: CorpusData) => void | Promise<void>;
}

export interface BuiltKnowledge<V> {
  corpus: CorpusData;
  lexical: LexicalIndex;
  embedder: HashedTfidfEmbeddings;
  vectors: V;
}

/** Every vector as a plain array, in chunk order. */
function vectorList(count: number, at: VectorAt): { id: string; vector: number[] }[] {
  return Array.from({ length: count }, (_, i) => {
    const { id, vector } = at(i);
    return { id, vector: Array.from(vector) };
  });
}

/** The default vector store: every vector in memory, searched exactly (Workers, tests). */
export function memoryVectors(count: number, at: VectorAt): MemoryVectorIndex {
  return new MemoryVectorIndex(vectorList(count, at));
}

/**
 * Build the knowledge from in-memory files. BM25 sees each chunk with its document title; the vectors see
 * heading path + text (src/retrieval/build.ts, one tokenization pass for both).
 */
export async function buildKnowledge<V = MemoryVectorIndex>(files: SourceFile[], opts: BuildOptions<V> = {}): Promise<BuiltKnowledge<V>> {
  const corpus = buildCorpus(files, opts.manifest ?? { files: [] });
  await opts.onStep?.("corpus", corpus);
  const titles = new Map(corpus.documents.map((d) => [d.id, d.title]));
  const built = buildIndexes(corpus.chunks, titles, VECTOR_DIMS);
  await opts.onStep?.("lexical", corpus);
  const at: VectorAt = (i) => ({ id: corpus.chunks[i]!.id, vector: built.vector(i) });
  const store = opts.storeVectors ?? (memoryVectors as unknown as NonNullable<BuildOptions<V>["storeVectors"]>);
  const vectors = await store(built.count, at, corpus);
  await opts.onStep?.("vectors", corpus);
  return { corpus, lexical: built.lexical, embedder: built.embedder, vectors };
}

/** buildKnowledge with the in-memory vectors, assembled for answering (the Worker and the test helpers). */
export async function buildMemoryKnowledge(
  files: SourceFile[],
  opts: Omit<BuildOptions<MemoryVectorIndex>, "storeVectors"> = {},
): Promise<BuiltKnowledge<MemoryVectorIndex> & { kb: Knowledge; items: { id: string; vector: number[] }[] }> {
  let items: { id: string; vector: number[] }[] = [];
  const built = await buildKnowledge<MemoryVectorIndex>(files, {
    ...opts,
    storeVectors: (count, at) => new MemoryVectorIndex((items = vectorList(count, at))),
  });
  return { ...built, items, kb: assembleKnowledge(built.corpus, built.lexical, built.vectors, built.embedder) };
}
