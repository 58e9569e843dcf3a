// Retrieval layer (pure): hybrid search — BM25 and vector hits fused by reciprocal rank, with query
// expansion for abbreviations so "CSDL", "DVCTT", "BCA" find the same chunks as their long forms.

import { AGENCY_RECORDS } from "../text/agency-registry.ts";
import { matchKey } from "../text/normalize.ts";
import { expandAbbreviations } from "../text/tokenize.ts";
import type { LexicalIndex } from "./lexical.ts";
import type { ChunkIndex, SearchHit, SearchOptions, VectorIndex } from "./types.ts";

export interface Embedder {
  embedQuery(text: string): Promise<number[]>;
}

const RRF_K = 60;

/** Shorter texts are not collapsed: a 40-character phrase is a task or a sentence, not a common formula. */
const MIN_COLLAPSE_CHARS = 40;

/**
 * Chunk text for containment: matching key without list marker ("- ", "a) ", "+ ") or final punctuation;
 * "" for a heading or title (no final "." or ";"), which is never collapsed into the passage naming it.
 */
function collapseKey(text: string): string {
  const t = text.trim();
  if (!/[.;]$/.test(t)) return "";
  return matchKey(t).replace(/^(?:[-+•]\s*|[\p{L}\d]{1,3}[).]\s+)/u, "").replace(/[.;:]$/u, "");
}

/**
 * Agency aliases without spaces ("BCA", "NHNN", "KH&CN") or with "&" ("Bộ KH&CN"), from the registry data in the
 * text layer (the tasks layer's matching is not needed for this). A one-word alias matches a
 * whole word of the query (words split at anything but letters and "&"): a set lookup, not a RegExp per alias.
 */
let aliasPatterns: { word?: string; re?: RegExp; name: string }[] | undefined;
const WORD_BREAK = /[^\p{L}&]+/u;

/** Expand abbreviations (terms and agencies) in a query: "BCA" → "BCA Bộ Công an". */
export function expandQuery(q: string): string {
  let out = expandAbbreviations(q);
  aliasPatterns ??= AGENCY_RECORDS.flatMap((a) =>
    a.aliases
      .filter((al) => !/\s/.test(al) || /&/.test(al))
      .map((al) => (/^[\p{L}&]+$/u.test(al) ? { word: al, name: a.name } : { re: new RegExp(`(^|[^\\p{L}&])${al}(?=$|[^\\p{L}&])`, "u"), name: a.name })),
  );
  const words = new Set(out.split(WORD_BREAK));
  for (const { word, re, name } of aliasPatterns) {
    if (word !== undefined ? words.has(word) : re!.test(out)) {
      out = `${out} ${name}`;
      for (const w of name.split(WORD_BREAK)) words.add(w);
    }
  }
  return out;
}

export class HybridIndex implements ChunkIndex {
  constructor(
    private readonly lexical: LexicalIndex,
    private readonly vectors: VectorIndex,
    private readonly embedder: Embedder,
    // Chunk texts by id: when given, a hit whose text holds (or is held by) a better hit's text from the same
    // document — a task in the decision's body and again as its appendix table row — takes one slot, not two.
    private readonly chunks?: ReadonlyMap<string, { documentId: string; text: string }>,
    // Measured on the shared eval set (npm run eval): BM25 ranks the gold chunk first more often than the
    // weight-free hashed vectors, so the vector list only breaks ties and rescues paraphrases.
    private readonly weights = { lexical: 1, vector: 0.3 },
  ) {}

  async search(query: string, k: number, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const q = expandQuery(query);
    // Inside given documents (a question naming its decision), BM25 alone picks the candidates.
    if (opts.documents) return this.lexical.search(q, k, opts.documents).map((h) => ({ id: h.id, score: h.score, lexical: h.score }));
    const depth = Math.min(120, Math.max(50, k * 2));
    const lex = this.lexical.search(q, depth);
    const vec = await this.vectors.search(await this.embedder.embedQuery(q), depth);
    const fused = new Map<string, SearchHit>();
    lex.forEach((h, r) => {
      const e = fused.get(h.id) ?? { id: h.id, score: 0 };
      e.score += this.weights.lexical / (RRF_K + r + 1);
      e.lexical = h.score;
      fused.set(h.id, e);
    });
    vec.forEach((h, r) => {
      const e = fused.get(h.id) ?? { id: h.id, score: 0 };
      e.score += this.weights.vector / (RRF_K + r + 1);
      e.vector = h.score;
      fused.set(h.id, e);
    });
    return this.collapse([...fused.values()].sort((a, b) => b.score - a.score), k);
  }

  private readonly keys = new Map<string, string>();

  /** One slot per task text within a document; the richer text (the table row with agency and deadline) is kept at the better rank. */
  private collapse(hits: SearchHit[], k: number): SearchHit[] {
    if (!this.chunks) return hits.slice(0, k);
    const kept: { hit: SearchHit; doc?: string; key: string }[] = [];
    for (const hit of hits) {
      if (kept.length >= k) break;
      const c: { documentId: string; text: string } | undefined = this.chunks.get(hit.id);
      let key = this.keys.get(hit.id);
      if (key === undefined) {
        if (this.keys.size >= 50_000) this.keys.clear();
        key = c ? collapseKey(c.text) : "";
        this.keys.set(hit.id, key);
      }
      const j =
        key.length < MIN_COLLAPSE_CHARS
          ? -1
          : kept.findIndex((o) => o.doc === c!.documentId && o.key.length >= MIN_COLLAPSE_CHARS && (o.key.includes(key) || key.includes(o.key)));
      if (j < 0) kept.push({ hit, doc: c?.documentId, key });
      else if (key.length > kept[j]!.key.length) kept[j] = { hit: { ...hit, score: kept[j]!.hit.score }, doc: c!.documentId, key };
    }
    return kept.map((x) => x.hit);
  }

  size(): number {
    return this.lexical.size();
  }
}
