// Answer layer (pure): assemble the searchable knowledge from loaded data (any runtime).

import type { CorpusData } from "../tasks/corpus.ts";
import { HybridIndex, type Embedder } from "../retrieval/hybrid.ts";
import type { LexicalIndex } from "../retrieval/lexical.ts";
import type { VectorIndex } from "../retrieval/types.ts";
import type { Knowledge } from "./engine.ts";

export function assembleKnowledge(corpus: CorpusData, lexical: LexicalIndex, vectors: VectorIndex, embedder: Embedder): Knowledge {
  return { corpus, index: new HybridIndex(lexical, vectors, embedder, new Map(corpus.chunks.map((c) => [c.id, c]))), terms: { documents: lexical.size(), df: (t) => lexical.documentFrequency(t) } };
}
