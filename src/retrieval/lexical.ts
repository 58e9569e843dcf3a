// Retrieval layer (pure): BM25 over chunks with MiniSearch and the Vietnamese-aware tokenizer
// (syllables + bigrams + folded forms). Serialisable to data/ and loadable in any runtime.

import MiniSearch from "minisearch";
import { searchTerms } from "../text/tokenize.ts";

export interface LexicalDoc {
  id: string;
  text: string;
  context: string;
}

const OPTIONS = {
  fields: ["text", "context"],
  storeFields: [] as string[],
  tokenize: (s: string) => searchTerms(s),
  processTerm: (t: string) => t,
  searchOptions: { boost: { text: 2, context: 0.6 }, combineWith: "OR" as const },
};

export class LexicalIndex {
  private constructor(private readonly ms: MiniSearch<LexicalDoc>) {}

  static build(docs: LexicalDoc[]): LexicalIndex {
    const ms = new MiniSearch<LexicalDoc>(OPTIONS);
    ms.addAll(docs);
    return new LexicalIndex(ms);
  }

  static load(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalDoc>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.ms);
  }

  search(query: string, k: number): { id: string; score: number }[] {
    return this.ms
      .search(query)
      .slice(0, k)
      .map((r) => ({ id: String(r.id), score: r.score }));
  }

  size(): number {
    return this.ms.documentCount;
  }
}
