// Retrieval layer (pure): turn the corpus's chunks into the two indexes in one pass. Each chunk is
// tokenized once; its terms become ids in one dictionary shared by BM25 (chunk text, and as context the
// document title and the nearest heading above the chunk — "1. Mục tiêu chung" for the paragraph that
// states it, measured +1 recall@5 on the shared set) and the hashed TF-IDF vectors (heading path + text). Repeated titles and heading paths are
// tokenized once. Vectors are produced one at a time, so a large corpus never holds them all in memory.

import { searchTerms, syllables } from "../text/tokenize.ts";
import { HashedTfidfEmbeddings, hashedSlot, VECTOR_DIMS } from "./embeddings.ts";
import { DocTermsBuilder, LexicalIndex, TermDictionary } from "./lexical.ts";

export interface IndexableChunk {
  id: string;
  text: string;
  /** Document title › heading path. */
  context: string;
  /** The nearest heading above the chunk (not its own title). */
  heading: string;
  documentId: string;
}

export interface BuiltIndexes {
  lexical: LexicalIndex;
  embedder: HashedTfidfEmbeddings;
  count: number;
  /** The embedding of chunk i (L2-normalised): embedder.vector(`${context}\n${text}`), without tokenizing again. */
  vector(i: number): Float32Array;
}

export function buildIndexes(chunks: IndexableChunk[], titles: Map<string, string>, dims = VECTOR_DIMS): BuiltIndexes {
  const dict = new TermDictionary();
  const text = new DocTermsBuilder();
  const title = new DocTermsBuilder();
  const tokenized = (cache: Map<string, Map<number, number>>, s: string) => {
    let tf = cache.get(s);
    if (!tf) {
      tf = new Map();
      for (const t of searchTerms(s)) {
        const id = dict.id(t);
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      cache.set(s, tf);
    }
    return tf;
  };
  const titleCache = new Map<string, Map<number, number>>();
  const contextCache = new Map<string, Map<number, number>>();
  const contextOf: Map<number, number>[] = new Array(chunks.length);
  // The vectors embed "heading path\ntext", whose terms include the bigram across the line break.
  const lastSyllable = new Map<string, string | undefined>();
  const crossOf: number[][] = new Array(chunks.length);
  for (const [i, c] of chunks.entries()) {
    text.add(searchTerms(c.text).map((t) => dict.id(t)));
    title.addCounts(tokenized(titleCache, `${titles.get(c.documentId) ?? ""} › ${c.heading}`));
    contextOf[i] = tokenized(contextCache, c.context);
    if (!lastSyllable.has(c.context)) lastSyllable.set(c.context, syllables(c.context).at(-1));
    const last = lastSyllable.get(c.context);
    const first = syllables(c.text.slice(0, 80))[0];
    crossOf[i] = last && first ? searchTerms(`${last} ${first}`).filter((t) => t.includes("_")).map((t) => dict.id(t)) : [];
  }
  const textTerms = text.finish();
  const lexical = LexicalIndex.fromDocTerms(
    chunks.map((c) => c.id),
    dict,
    textTerms,
    title.finish(),
  );

  // Vectors see heading path + text: term counts over that union, gathered in scratch arrays (a Map per
  // chunk made the 100× build allocation-bound).
  const nTerms = dict.terms.length;
  const counts = new Uint32Array(nTerms);
  const touched: number[] = [];
  const add = (id: number, n: number) => {
    if (counts[id] === 0) touched.push(id);
    counts[id]! += n;
  };
  /** Fill counts/touched with chunk i's terms; the caller reads them and calls reset(). */
  const gather = (i: number) => {
    for (const [id, n] of contextOf[i]!) add(id, n);
    for (const id of crossOf[i]!) add(id, 1);
    for (let p = textTerms.start[i]!; p < textTerms.start[i + 1]!; p++) add(textTerms.ids[p]!, textTerms.tfs[p]!);
  };
  const reset = () => {
    for (const id of touched) counts[id] = 0;
    touched.length = 0;
  };
  const df = new Uint32Array(nTerms);
  for (let i = 0; i < chunks.length; i++) {
    gather(i);
    for (const id of touched) df[id]!++;
    reset();
  }
  const dfRecord: Record<string, number> = {};
  for (let id = 0; id < nTerms; id++) if (df[id]) dfRecord[dict.terms[id]!] = df[id]!;
  const embedder = new HashedTfidfEmbeddings({ dims, docs: chunks.length, df: dfRecord });
  const slot = new Int32Array(nTerms);
  const weight = new Float64Array(nTerms);
  for (let id = 0; id < nTerms; id++) {
    const term = dict.terms[id]!;
    const s = hashedSlot(term, dims);
    slot[id] = s.index;
    weight[id] = s.sign * embedder.termWeight(term);
  }
  return {
    lexical,
    embedder,
    count: chunks.length,
    vector(i: number): Float32Array {
      const v = new Float64Array(dims);
      gather(i);
      for (const id of touched) v[slot[id]!]! += (1 + Math.log(counts[id]!)) * weight[id]!;
      reset();
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      const out = new Float32Array(dims);
      for (let j = 0; j < dims; j++) out[j] = v[j]! / norm;
      return out;
    },
  };
}
