// Retrieval layer (pure): local embeddings without pretrained weights — hashed TF-IDF over syllables,
// syllable bigrams and diacritic-folded forms, L2-normalised. A LangChain Embeddings subclass, so the
// HNSWLib store (and any other LangChain vector store) can use it directly.

import { Embeddings } from "@langchain/core/embeddings";
import { searchTerms } from "../text/tokenize.ts";

export const HASHED_TFIDF_NAME = "hashed-tfidf-v1";

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Where a term lands in the hashed vector, and with which sign. */
export function hashedSlot(term: string, dims: number): { index: number; sign: 1 | -1 } {
  const h = fnv1a(term);
  return { index: h % dims, sign: (h >>> 31) & 1 ? -1 : 1 };
}

export interface HashedTfidfState {
  name: string;
  dims: number;
  docs: number;
  /**
   * Document frequency per term (only terms seen in ≥ 1 document), as [term, df] pairs sorted by term. A list,
   * not an object: Object.entries over a 41k-key object held a loading server's event loop ~60 ms; a Map is made
   * from the pairs directly. An object (the earlier form) is still read.
   */
  df: [string, number][] | Record<string, number>;
}

/** Hashed TF-IDF dimensions, for every build (ingest, Worker, tests). 512 or 256 cost recall@5 (40 → 37–38 of 44 on the shared set). */
export const VECTOR_DIMS = 1024;

/** Document frequencies as two parallel lists, terms sorted by code unit: read from bytes without building a Map. */
export interface SortedDf {
  terms: readonly string[];
  counts: ArrayLike<number>;
}

export class HashedTfidfEmbeddings extends Embeddings {
  readonly dims: number;
  private df: Map<string, number>;
  private docs: number;
  /** When given (the Worker's prebuilt artefact), frequencies are looked up here by binary search instead of the Map. */
  private readonly sorted: SortedDf | undefined;

  constructor(state?: Partial<HashedTfidfState>, sorted?: SortedDf) {
    super({});
    this.dims = state?.dims ?? VECTOR_DIMS;
    const df = state?.df ?? [];
    this.df = new Map(Array.isArray(df) ? df : Object.entries(df));
    this.docs = state?.docs ?? 0;
    this.sorted = sorted;
  }

  private dfOf(term: string): number {
    const s = this.sorted;
    if (!s) return this.df.get(term) ?? 0;
    let lo = 0;
    let hi = s.terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = s.terms[mid]!;
      if (t === term) return s.counts[mid]!;
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Learn document frequencies from the corpus (call once at ingest, before embedding). */
  fit(texts: string[]): this {
    return this.fitTerms(texts.map((t) => searchTerms(t)));
  }

  /** fit() for already tokenized texts (ingest tokenizes each chunk once). */
  fitTerms(termLists: string[][]): this {
    this.df.clear();
    for (const terms of termLists) {
      for (const term of new Set(terms)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
    this.docs = termLists.length;
    return this;
  }

  state(): HashedTfidfState {
    // Sorted with `<` (code units): the same state whatever order the terms were counted in.
    const pairs: [string, number][] = this.sorted ? this.sorted.terms.map((t, i) => [t, this.sorted!.counts[i]!]) : [...this.df];
    const df = pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { name: HASHED_TFIDF_NAME, dims: this.dims, docs: this.docs, df };
  }

  private idf(term: string): number {
    const df = this.dfOf(term);
    return Math.log(1 + (this.docs + 1) / (df + 1));
  }

  /** A term's weight before its frequency factor: idf, × 1.5 for bigrams (they carry more meaning in Vietnamese). */
  termWeight(term: string): number {
    return this.idf(term) * (term.includes("_") ? 1.5 : 1);
  }

  vector(text: string): number[] {
    return Array.from(this.vectorOfTerms(searchTerms(text)));
  }

  /** The embedding of an already tokenized text, as a Float32Array (what hnswlib stores). */
  vectorOfTerms(terms: string[]): Float32Array {
    const v = new Float64Array(this.dims);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const { index, sign } = hashedSlot(t, this.dims);
      v[index] = v[index]! + sign * (1 + Math.log(n)) * this.termWeight(t);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const out = new Float32Array(this.dims);
    for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
    return out;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
}

/**
 * The embedder's state as two byte parts (data/'s embedder-terms.txt and embedder-df.bin, and the Worker's
 * artefact): UTF-8 — a JSON line (name, dims, docs), then the terms one per line, sorted by code unit — and each
 * term's document frequency as a u32. Read back, the frequencies are binary-searched: no Map of every term to
 * build (from the JSON of [term, df] pairs that was 30–60 ms of a loading server's event loop in one go).
 */
export function embedderBytes(e: HashedTfidfEmbeddings): { terms: Uint8Array; df: Uint32Array } {
  const st = e.state();
  const pairs = Array.isArray(st.df) ? st.df : Object.entries(st.df).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = new TextEncoder().encode(`${JSON.stringify({ name: st.name, dims: st.dims, docs: st.docs })}\n${pairs.map((x) => x[0]).join("\n")}`);
  return { terms, df: Uint32Array.from(pairs, (x) => x[1]) };
}

/** The embedder from embedderBytes()' parts; throws when they do not belong together. */
export function embedderFromBytes(termBytes: Uint8Array, df: Uint32Array): HashedTfidfEmbeddings {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(termBytes);
  const nl = text.indexOf("\n");
  const head = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as Partial<Pick<HashedTfidfState, "name" | "dims" | "docs">>;
  if (head.name !== HASHED_TFIDF_NAME || !Number.isInteger(head.dims) || !Number.isInteger(head.docs)) throw new Error("embedder: not a hashed TF-IDF state");
  const terms = nl < 0 || nl === text.length - 1 ? [] : text.slice(nl + 1).split("\n");
  if (terms.length !== df.length) throw new Error("embedder: terms and counts differ in number");
  return new HashedTfidfEmbeddings({ dims: head.dims!, docs: head.docs! }, { terms, counts: df });
}
