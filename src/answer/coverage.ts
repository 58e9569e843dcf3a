// Answer layer (pure): topic coverage — how much of a question's topic a text covers, IDF-weighted, with
// adjacent syllable pairs counting most. CoverageIndex scores every task (or indicator) at once through
// posting lists, so the cost follows the question's terms, not the size of the registry.

import { accentedKey, foldSyllable, syllables, syllablesOfNormalized, TOPIC_BREAK } from "../text/tokenize.ts";
import { BIGRAM_WEIGHT, EXACT_ENOUGH, FOLDED_DISCOUNT, IDF_SMOOTHING, UNIGRAM_WEIGHT } from "./tuning.ts";

/** Term sets of a text, folded and accented forms both (so either kind of question matches). */
export interface TermSets {
  uni: Set<string>;
  bi: Set<string>;
}

export function termSets(text: string, normalized = false): TermSets {
  const raw = normalized ? syllablesOfNormalized(text) : syllables(text);
  const fold = raw.map(foldSyllable);
  const acc = raw.map(accentedKey);
  const uni = new Set([...fold, ...acc]);
  const bi = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i++) {
    bi.add(`${fold[i]}_${fold[i + 1]}`);
    bi.add(`${acc[i]}_${acc[i + 1]}`);
  }
  return { uni, bi };
}

/** Document frequencies of terms over the corpus's chunks (from the BM25 index). */
export interface TermStats {
  documents: number;
  df(term: string): number;
}

export interface CompiledTopic {
  uni: { w: string; idf: number }[];
  bi: { key: string; idf: number }[];
  uniTotal: number;
  biTotal: number;
  folded?: CompiledTopic;
}

// A question's topic is scored against many tasks and chunks: weigh its terms once.
const compiled = new WeakMap<string[], CompiledTopic>();

export function compileTopic(stats: TermStats, topic: string[]): CompiledTopic {
  let c = compiled.get(topic);
  if (c) return c;
  const idf = (w: string) => Math.log(1 + stats.documents / (stats.df(w) + IDF_SMOOTHING));
  c = { uni: [], bi: [], uniTotal: 0, biTotal: 0 };
  for (let i = 0; i < topic.length; i++) {
    const w = topic[i]!;
    if (w === TOPIC_BREAK) continue;
    const wi = idf(w);
    c.uni.push({ w, idf: wi });
    c.uniTotal += wi;
    const next = topic[i + 1];
    if (next !== undefined && next !== TOPIC_BREAK) {
      const wb = wi + idf(next);
      c.bi.push({ key: `${w}_${next}`, idf: wb });
      c.biTotal += wb;
    }
  }
  // Sources have OCR typos ("lổm sổng" for "lõm sóng"): a folded match counts too, a little less.
  const folded = topic.map((w) => (w === TOPIC_BREAK ? w : foldSyllable(w)));
  if (folded.some((w, i) => w !== topic[i])) c.folded = compileTopic(stats, folded);
  compiled.set(topic, c);
  return c;
}

/**
 * How well a text covers the question's topic: IDF-weighted share of its syllables (40%) and of its
 * adjacent syllable pairs (60%) — Vietnamese words are mostly two syllables, so "thủ đô" is not covered
 * by a text that has "thủ tục" and "đô thị".
 */
export function coverage(c: CompiledTopic, t: TermSets): number {
  const exact = coverageOf(c, t);
  if (exact >= EXACT_ENOUGH || !c.folded) return exact;
  return Math.max(exact, FOLDED_DISCOUNT * coverageOf(c.folded, t));
}

function coverageOf(c: CompiledTopic, t: TermSets): number {
  if (c.uniTotal === 0) return 0;
  let got = 0;
  for (const u of c.uni) if (t.uni.has(u.w)) got += u.idf;
  const uniCov = got / c.uniTotal;
  if (c.biTotal === 0) return uniCov;
  let biGot = 0;
  for (const b of c.bi) if (t.bi.has(b.key)) biGot += b.idf;
  return UNIGRAM_WEIGHT * uniCov + BIGRAM_WEIGHT * (biGot / c.biTotal);
}

/** coverage() of one topic against every text of a collection, through posting lists. */
export class CoverageIndex {
  private readonly uni = new Map<string, Int32Array>();
  private readonly bi = new Map<string, Int32Array>();
  private readonly cache = new Map<number, TermSets>();

  constructor(private readonly texts: string[], private readonly normalized: boolean) {
    const uni = new Map<string, number[]>();
    const bi = new Map<string, number[]>();
    const post = (m: Map<string, number[]>, k: string, i: number) => {
      const l = m.get(k);
      if (l) l.push(i);
      else m.set(k, [i]);
    };
    texts.forEach((text, i) => {
      const t = termSets(text, normalized);
      for (const k of t.uni) post(uni, k, i);
      for (const k of t.bi) post(bi, k, i);
    });
    for (const [k, l] of uni) this.uni.set(k, Int32Array.from(l));
    for (const [k, l] of bi) this.bi.set(k, Int32Array.from(l));
  }

  get size(): number {
    return this.texts.length;
  }

  /** Term sets of item i (computed again on demand; a few are kept). */
  sets(i: number): TermSets {
    let t = this.cache.get(i);
    if (!t) {
      if (this.cache.size >= 512) this.cache.clear();
      t = termSets(this.texts[i]!, this.normalized);
      this.cache.set(i, t);
    }
    return t;
  }

  /** Items whose term sets hold every one of these words (uni) and adjacent pairs (bi), as a mask. */
  holding(uni: string[], bi: string[]): Uint8Array {
    const n = this.texts.length;
    const count = new Uint16Array(n);
    const lists = [...uni.map((k) => this.uni.get(k)), ...bi.map((k) => this.bi.get(k))];
    const mask = new Uint8Array(n);
    if (lists.some((l) => !l)) return mask;
    for (const l of lists) for (const i of l!) count[i]!++;
    for (let i = 0; i < n; i++) if (count[i] === lists.length) mask[i] = 1;
    return mask;
  }

  /** Coverage of every item; equal to coverage(c, termSets(text)) for each. */
  scores(c: CompiledTopic): Float64Array {
    const exact = this.scoresOf(c);
    if (!c.folded) return exact;
    const folded = this.scoresOf(c.folded);
    for (let i = 0; i < exact.length; i++) if (exact[i]! < EXACT_ENOUGH) exact[i] = Math.max(exact[i]!, FOLDED_DISCOUNT * folded[i]!);
    return exact;
  }

  private scoresOf(c: CompiledTopic): Float64Array {
    const n = this.texts.length;
    const out = new Float64Array(n);
    if (c.uniTotal === 0) return out;
    // Sums are accumulated term by term in the topic's order, as coverageOf does, so results are identical.
    const uniGot = new Float64Array(n);
    for (const u of c.uni) {
      const l = this.uni.get(u.w);
      if (l) for (const i of l) uniGot[i]! += u.idf;
    }
    if (c.biTotal === 0) {
      for (let i = 0; i < n; i++) out[i] = uniGot[i]! / c.uniTotal;
      return out;
    }
    const biGot = new Float64Array(n);
    for (const b of c.bi) {
      const l = this.bi.get(b.key);
      if (l) for (const i of l) biGot[i]! += b.idf;
    }
    for (let i = 0; i < n; i++) out[i] = UNIGRAM_WEIGHT * (uniGot[i]! / c.uniTotal) + BIGRAM_WEIGHT * (biGot[i]! / c.biTotal);
    return out;
  }
}
