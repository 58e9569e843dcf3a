// Test helper: the real knowledge built from corpus/ in memory (no data/, no hnswlib), cached per process.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createAnswerer, type Knowledge } from "../../src/answer/engine.ts";
import { buildMemoryKnowledge, parseManifest } from "../../src/answer/build-knowledge.ts";
import type { HashedTfidfEmbeddings } from "../../src/retrieval/embeddings.ts";
import type { LexicalIndex } from "../../src/retrieval/lexical.ts";
import { MemoryVectorIndex } from "../../src/retrieval/memory-index.ts";
import type { CorpusData, Manifest, SourceFile } from "../../src/tasks/corpus.ts";

export const CORPUS_DIR = join(import.meta.dirname, "..", "..", "corpus");
/** The "today" every test answerer and app uses. */
export const TEST_NOW = new Date("2026-11-23T00:00:00Z");

export interface TestKnowledge {
  corpus: CorpusData;
  kb: Knowledge;
  lexical: LexicalIndex;
  vectors: MemoryVectorIndex;
  embedder: HashedTfidfEmbeddings;
  /** Chunk vectors in corpus.chunks order (for building other vector indexes from the same data). */
  items: { id: string; text: string; vector: number[] }[];
  answer: ReturnType<typeof createAnswerer>;
}

/** The corpus files as ingest lists them (README and manifest excluded), sorted by name. */
export function readCorpusFiles(dir = CORPUS_DIR): { files: SourceFile[]; manifest: Manifest } {
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith(".") && n !== "manifest.json" && n.toLowerCase() !== "readme.md")
    .sort();
  const files = names.map((name) => ({ name, text: readFileSync(join(dir, name), "utf8").replace(/^\uFEFF/, "") }));
  const manifest = parseManifest(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));
  return { files, manifest };
}

/** Build knowledge from in-memory files: the pipeline ingest and the Worker use, with the exact in-memory vector index. */
export async function buildKnowledge(files: SourceFile[], manifest: Manifest = { files: [] }): Promise<TestKnowledge> {
  const { corpus, kb, lexical, vectors, embedder, items: vectorItems } = await buildMemoryKnowledge(files, { manifest });
  const items = vectorItems.map((v, i) => ({ ...v, text: corpus.chunks[i]!.text }));
  const answer = createAnswerer(kb, { now: () => TEST_NOW });
  return { corpus, kb, lexical, vectors, embedder, items, answer };
}

let cached: Promise<TestKnowledge> | undefined;

/** The real corpus/ knowledge, built once per test process. */
export function getKnowledge(): Promise<TestKnowledge> {
  cached ??= (() => {
    const { files, manifest } = readCorpusFiles();
    return buildKnowledge(files, manifest);
  })();
  return cached;
}
