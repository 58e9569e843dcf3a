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

/** Posting lists of one kind (uni or bi): keys sorted by code unit, item ids of key k in items[start[k] .. start[k+1]). */
export interface Postings {
  keys: string[];
  start: Int32Array;
  items: Int32Array;
}

/** Bytes layout (little-endian): "HDCV1", u8 normalized, u16 pad, u32 items, then for uni and bi: u32 key count, u32 key
 * bytes, u32 postings; the key text (keys joined by "\n", UTF-8) padded to 4, starts (i32 × keys+1), items (i32). */
const COVERAGE_MAGIC = "HDCV1";

function postingsOf(m: Map<string, number[]>): Postings {
  // Sorted with `<` (code units), so lookups can binary-search the same order after a round trip.
  const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const start = new Int32Array(keys.length + 1);
  let total = 0;
  for (const [k, key] of keys.entries()) {
    start[k] = total;
    total += m.get(key)!.length;
  }
  start[keys.length] = total;
  const items = new Int32Array(total);
  for (const [k, key] of keys.entries()) items.set(m.get(key)!, start[k]!);
  return { keys, start, items };
}

/** The item ids holding `key` (a view, in increasing order), or undefined. */
function lookup(p: Postings, key: string): Int32Array | undefined {
  let lo = 0;
  let hi = p.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = p.keys[mid]!;
    if (k === key) return p.items.subarray(p.start[mid]!, p.start[mid + 1]!);
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const align4 = (x: number) => (x + 3) & ~3;

export class CoverageFormatError extends Error {}

/** coverage() of one topic against every text of a collection, through posting lists. */
export class CoverageIndex {
  private readonly uni: Postings;
  private readonly bi: Postings;
  private readonly cache = new Map<number, TermSets>();
  private readonly count: number;
  private readonly textOf: (i: number) => string;

  /**
   * Built from the texts, or (fromBytes) from stored postings with `texts` giving item i's text on demand — only
   * sets(i) reads it, for the few items an answer looks at closely.
   */
  constructor(texts: string[] | { count: number; textOf: (i: number) => string; uni: Postings; bi: Postings }, private readonly normalized: boolean) {
    if (!Array.isArray(texts)) {
      this.count = texts.count;
      this.textOf = texts.textOf;
      this.uni = texts.uni;
      this.bi = texts.bi;
      return;
    }
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
    this.count = texts.length;
    this.textOf = (i) => texts[i]!;
    this.uni = postingsOf(uni);
    this.bi = postingsOf(bi);
  }

  /** The posting lists as bytes (the texts are not stored: fromBytes is given them). */
  toBytes(): Uint8Array {
    const enc = new TextEncoder();
    // Keys are syllables and syllable pairs (never a line break), so "\n" separates them.
    if ([this.uni, this.bi].some((p) => p.keys.some((k) => k.includes("\n")))) throw new CoverageFormatError("coverage index: a key holds a line break");
    const parts = [this.uni, this.bi].map((p) => ({ p, keyBytes: enc.encode(p.keys.join("\n")) }));
    let size = align4(COVERAGE_MAGIC.length + 3) + 4;
    for (const { p, keyBytes } of parts) size += 12 + align4(keyBytes.byteLength) + 4 * p.start.length + 4 * p.items.length;
    const out = new Uint8Array(size);
    const dv = new DataView(out.buffer);
    out.set(enc.encode(COVERAGE_MAGIC), 0);
    out[COVERAGE_MAGIC.length] = this.normalized ? 1 : 0;
    let at = align4(COVERAGE_MAGIC.length + 3);
    dv.setUint32(at, this.count, true);
    at += 4;
    for (const { p, keyBytes } of parts) {
      dv.setUint32(at, p.keys.length, true);
      dv.setUint32(at + 4, keyBytes.byteLength, true);
      dv.setUint32(at + 8, p.items.length, true);
      at += 12;
      out.set(keyBytes, at);
      at += align4(keyBytes.byteLength);
      for (const a of [p.start, p.items]) {
        for (let j = 0; j < a.length; j++) dv.setInt32(at + 4 * j, a[j]!, true);
        at += 4 * a.length;
      }
    }
    return out;
  }

  /**
   * The index toBytes() wrote, over `count` items whose texts textOf gives (the same texts it was built from:
   * scores and holding read only the stored postings, so they are the built index's exactly). Throws
   * CoverageFormatError on bytes of another format or another item count.
   */
  static fromBytes(input: Uint8Array, count: number, textOf: (i: number) => string): CoverageIndex {
    // Typed-array views need 4-byte alignment (and little-endian, as every platform Node and Workers run on).
    const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
    const fail = (why: string): never => {
      throw new CoverageFormatError(`coverage index: ${why}`);
    };
    const dec = new TextDecoder();
    if (bytes.byteLength < 16 || dec.decode(bytes.subarray(0, COVERAGE_MAGIC.length)) !== COVERAGE_MAGIC) fail("not a coverage index");
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const normalized = bytes[COVERAGE_MAGIC.length] === 1;
    let at = align4(COVERAGE_MAGIC.length + 3);
    const stored = dv.getUint32(at, true);
    if (stored !== count) fail(`built for ${stored} items, not ${count}`);
    at += 4;
    const read = (): Postings => {
      if (at + 12 > bytes.byteLength) fail("truncated");
      const nKeys = dv.getUint32(at, true);
      const keyLen = dv.getUint32(at + 4, true);
      const nItems = dv.getUint32(at + 8, true);
      at += 12;
      const end = at + align4(keyLen) + 4 * (nKeys + 1) + 4 * nItems;
      if (end > bytes.byteLength) fail("truncated");
      const keys = nKeys === 0 ? [] : dec.decode(bytes.subarray(at, at + keyLen)).split("\n");
      if (keys.length !== nKeys) fail("key count does not match");
      at += align4(keyLen);
      const start = new Int32Array(bytes.buffer, bytes.byteOffset + at, nKeys + 1);
      at += 4 * (nKeys + 1);
      const items = new Int32Array(bytes.buffer, bytes.byteOffset + at, nItems);
      at += 4 * nItems;
      if (start[nKeys] !== nItems) fail("postings do not match");
      return { keys, start, items };
    };
    const uni = read();
    const bi = read();
    return new CoverageIndex({ count, textOf, uni, bi }, normalized);
  }

  get size(): number {
    return this.count;
  }

  /** Term sets of item i (computed again on demand; a few are kept). */
  sets(i: number): TermSets {
    let t = this.cache.get(i);
    if (!t) {
      if (this.cache.size >= 512) this.cache.clear();
      t = termSets(this.textOf(i), this.normalized);
      this.cache.set(i, t);
    }
    return t;
  }

  /** Items whose term sets hold every one of these words (uni) and adjacent pairs (bi), as a mask. */
  holding(uni: string[], bi: string[]): Uint8Array {
    const n = this.count;
    const count = new Uint16Array(n);
    const lists = [...uni.map((k) => lookup(this.uni, k)), ...bi.map((k) => lookup(this.bi, k))];
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
    const n = this.count;
    const out = new Float64Array(n);
    if (c.uniTotal === 0) return out;
    // Sums are accumulated term by term in the topic's order, as coverageOf does, so results are identical.
    const uniGot = new Float64Array(n);
    for (const u of c.uni) {
      const l = lookup(this.uni, u.w);
      if (l) for (const i of l) uniGot[i]! += u.idf;
    }
    if (c.biTotal === 0) {
      for (let i = 0; i < n; i++) out[i] = uniGot[i]! / c.uniTotal;
      return out;
    }
    const biGot = new Float64Array(n);
    for (const b of c.bi) {
      const l = lookup(this.bi, b.key);
      if (l) for (const i of l) biGot[i]! += b.idf;
    }
    for (let i = 0; i < n; i++) out[i] = UNIGRAM_WEIGHT * (uniGot[i]! / c.uniTotal) + BIGRAM_WEIGHT * (biGot[i]! / c.biTotal);
    return out;
  }
}
