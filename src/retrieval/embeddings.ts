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

export interface HashedTfidfState {
  name: string;
  dims: number;
  docs: number;
  /** Document frequency per term (only terms seen in ≥ 1 document). */
  df: Record<string, number>;
}

export class HashedTfidfEmbeddings extends Embeddings {
  readonly dims: number;
  private df: Map<string, number>;
  private docs: number;

  constructor(state?: Partial<HashedTfidfState>) {
    super({});
    this.dims = state?.dims ?? 1024;
    this.df = new Map(Object.entries(state?.df ?? {}));
    this.docs = state?.docs ?? 0;
  }

  /** Learn document frequencies from the corpus (call once at ingest, before embedding). */
  fit(texts: string[]): this {
    this.df.clear();
    for (const t of texts) {
      for (const term of new Set(searchTerms(t))) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
    this.docs = texts.length;
    return this;
  }

  state(): HashedTfidfState {
    return { name: HASHED_TFIDF_NAME, dims: this.dims, docs: this.docs, df: Object.fromEntries(this.df) };
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs + 1) / (df + 1));
  }

  vector(text: string): number[] {
    const v = new Array<number>(this.dims).fill(0);
    const tf = new Map<string, number>();
    for (const t of searchTerms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const h = fnv1a(t);
      const idx = h % this.dims;
      const sign = (h >>> 31) & 1 ? -1 : 1;
      // Bigrams carry more meaning than single syllables in Vietnamese.
      const w = (1 + Math.log(n)) * this.idf(t) * (t.includes("_") ? 1.5 : 1);
      v[idx] = v[idx]! + sign * w;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return v.map((x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
}
