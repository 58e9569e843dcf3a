// Retrieval layer (pure): BM25 over chunks with the Vietnamese-aware tokenizer (syllables + bigrams +
// folded forms). An inverted index in typed arrays (CSR postings per field), saved as one binary blob.
//
// Why not MiniSearch (used before, and still the bench's baseline): its index is nested Maps, serialised
// as JSON — 58 MB for the 10× synthetic corpus, over V8's 512 MB string limit at 100×, and slow to
// load; its search walks Maps per term and field. Scoring here is MiniSearch's BM25+ exactly (k 1.2,
// b 0.7, d 0.5, field length = distinct terms, score × number of query terms matched), so rankings did
// not change; test/lexical.test.ts checks it against MiniSearch on the real corpus.

import { searchTerms } from "../text/tokenize.ts";
import { align4, packParts } from "./packed.ts";
import { eachInSlices, type Slicing } from "../text/slicing.ts";

export interface LexicalDoc {
  id: string;
  text: string;
  /** Short context searched with a low weight (the document title). */
  context: string;
}

/** Field weights: the chunk's own text counts most; the document title helps to pick the document. */
const BOOST = { text: 2, context: 0.6 } as const;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * Query terms in more than this share of chunks ("bo", "cong", "so" …) cost most of the search time and
 * barely move BM25 scores: they are left out of the query (measured: same recall, ~4× faster).
 */
const MAX_DF_SHARE = 0.08;
const MAX_QUERY_TERMS = 40;
const MAX_POSTINGS = 80_000;
const MAGIC = "HDLEX1";

/** One field's postings, compressed-sparse-row: term t's documents are docs[offsets[t] .. offsets[t+1]). */
interface FieldPostings {
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Distinct terms per document (BM25 field length). */
  lengths: Uint16Array;
  avgLength: number;
}

/** Documents' distinct terms with their frequencies, flat: document d owns pairs start[d] .. start[d+1]). */
export interface DocTerms {
  start: Uint32Array;
  ids: Uint32Array;
  tfs: Uint16Array;
}

/** Collects DocTerms one document at a time in growable typed arrays. */
export class DocTermsBuilder {
  private start: number[] = [0];
  private ids = new Uint32Array(1024);
  private tfs = new Uint16Array(1024);
  private size = 0;

  /** Add one document: its term ids (repeats counted). Returns its distinct term count. */
  add(termIds: Iterable<number>): Map<number, number> {
    const tf = new Map<number, number>();
    for (const id of termIds) tf.set(id, (tf.get(id) ?? 0) + 1);
    this.addCounts(tf);
    return tf;
  }

  addCounts(tf: Map<number, number>): void {
    if (this.size + tf.size > this.ids.length) {
      const cap = Math.max(this.ids.length * 2, this.size + tf.size);
      const ids = new Uint32Array(cap);
      ids.set(this.ids.subarray(0, this.size));
      const tfs = new Uint16Array(cap);
      tfs.set(this.tfs.subarray(0, this.size));
      this.ids = ids;
      this.tfs = tfs;
    }
    for (const [id, n] of tf) {
      this.ids[this.size] = id;
      this.tfs[this.size] = Math.min(n, 0xffff);
      this.size++;
    }
    this.start.push(this.size);
  }

  finish(): DocTerms {
    return { start: Uint32Array.from(this.start), ids: this.ids.slice(0, this.size), tfs: this.tfs.slice(0, this.size) };
  }
}

/** Invert one field: per-document pairs → per-term posting lists sorted by document. */
function invert(nTerms: number, dt: DocTerms): FieldPostings {
  const n = dt.start.length - 1;
  const offsets = new Uint32Array(nTerms + 1);
  for (const id of dt.ids) offsets[id + 1]!++;
  for (let t = 0; t < nTerms; t++) offsets[t + 1]! += offsets[t]!;
  const cursor = offsets.slice(0, nTerms);
  const docs = new Uint32Array(dt.ids.length);
  const tfs = new Uint16Array(dt.ids.length);
  const lengths = new Uint16Array(n);
  let sum = 0;
  for (let d = 0; d < n; d++) {
    const a = dt.start[d]!;
    const b = dt.start[d + 1]!;
    lengths[d] = Math.min(b - a, 0xffff);
    sum += lengths[d]!;
    for (let p = a; p < b; p++) {
      const at = cursor[dt.ids[p]!]!++;
      docs[at] = d;
      tfs[at] = dt.tfs[p]!;
    }
  }
  return { offsets, docs, tfs, lengths, avgLength: n ? sum / n : 0 };
}

/** A term dictionary: term → dense id. */
export class TermDictionary {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }
}

export class LexicalIndex {
  private readonly n: number;
  // Per-search scratch space, reused (searches are synchronous).
  private scores: Float64Array;
  private matched: Uint16Array;
  private lastTerm: Int32Array;
  private docs: { ofChunk: Int32Array; ids: Map<string, number> } | undefined;
  private readonly denoms = new Map<FieldPostings, Float64Array>();

  private constructor(
    private readonly ids: string[],
    private readonly terms: Map<string, number>,
    private readonly text: FieldPostings,
    private readonly context: FieldPostings,
  ) {
    this.n = ids.length;
    this.scores = new Float64Array(this.n);
    this.matched = new Uint16Array(this.n);
    this.lastTerm = new Int32Array(this.n).fill(-1);
  }

  static build(docs: LexicalDoc[]): LexicalIndex {
    const dict = new TermDictionary();
    const text = new DocTermsBuilder();
    const context = new DocTermsBuilder();
    // Titles repeat for every chunk of a document: tokenize each distinct one once.
    const titleTf = new Map<string, Map<number, number>>();
    for (const d of docs) {
      text.add(searchTerms(d.text).map((t) => dict.id(t)));
      let tf = titleTf.get(d.context);
      if (!tf) {
        tf = new Map();
        for (const t of searchTerms(d.context)) tf.set(dict.id(t), (tf.get(dict.id(t)) ?? 0) + 1);
        titleTf.set(d.context, tf);
      }
      context.addCounts(tf);
    }
    return LexicalIndex.fromDocTerms(docs.map((d) => d.id), dict, text.finish(), context.finish());
  }

  /** Build from documents already turned into term ids (ingest shares one dictionary with the vectors). */
  static fromDocTerms(ids: string[], dict: TermDictionary, text: DocTerms, context: DocTerms): LexicalIndex {
    return new LexicalIndex(ids, dict.ids, invert(dict.terms.length, text), invert(dict.terms.length, context));
  }

  /** Documents whose text field holds the term. */
  private df(termId: number | undefined): number {
    if (termId === undefined) return 0;
    return this.text.offsets[termId + 1]! - this.text.offsets[termId]!;
  }

  /** How many documents' text holds the term. */
  documentFrequency(term: string): number {
    return this.df(this.terms.get(term));
  }

  /** The query's terms without the very common ones (the rarest are kept if all are common). */
  queryTerms(query: string): string[] {
    const df = (t: string) => this.df(this.terms.get(t));
    // Terms no chunk holds score nothing; counted as "rare", they crowded out the real ones (on a corpus of a few
    // dozen chunks every real term is above the share below, and "những ai của Sở Tài chính" found nothing).
    const all = [...new Set(searchTerms(query))].filter((t) => df(t) > 0);
    const limit = Math.max(1, this.n * MAX_DF_SHARE);
    const kept = all.filter((t) => df(t) <= limit);
    // Long questions: the rarest terms decide the ranking; the rest only cost time.
    if (kept.length > MAX_QUERY_TERMS) return this.withinBudget(kept.sort((a, b) => df(a) - df(b)).slice(0, MAX_QUERY_TERMS));
    if (kept.length > 0) return this.withinBudget(kept);
    return all.sort((a, b) => df(a) - df(b)).slice(0, 3);
  }

  /**
   * At most MAX_POSTINGS postings per query: on a large corpus the commonest of the kept terms go first
   * (they weigh least in BM25). Not reached on the bundled corpus (40 terms under the 8% cut read at most
   * ~8,600 postings) and rarely at 10×; at 100× it halves the p95 of a search (27 → 14 ms, measured in a
   * scratch run on the 100× synthetic corpus). At least the three rarest terms stay.
   */
  private withinBudget(terms: string[]): string[] {
    const df = (t: string) => this.df(this.terms.get(t));
    let total = 0;
    for (const t of terms) total += df(t);
    if (total <= MAX_POSTINGS) return terms;
    const keep = new Set<string>();
    let sum = 0;
    for (const t of [...terms].sort((a, b) => df(a) - df(b))) {
      if (keep.size >= 3 && sum + df(t) > MAX_POSTINGS) break;
      keep.add(t);
      sum += df(t);
    }
    return terms.filter((t) => keep.has(t));
  }

  /** Per document, BM25's length part of the denominator: k1 · (1 − b + b · length / average). */
  private denominators(f: FieldPostings): Float64Array {
    let dn = this.denoms.get(f);
    if (!dn) {
      const { k, b } = BM25;
      dn = new Float64Array(this.n);
      for (let i = 0; i < this.n; i++) dn[i] = k * (1 - b + (b * f.lengths[i]!) / (f.avgLength || 1));
      this.denoms.set(f, dn);
    }
    return dn;
  }

  /** Chunk ids are "document:n": the document part of each, as a dense number, made on first use. */
  private documentOf(): { ofChunk: Int32Array; ids: Map<string, number> } {
    if (!this.docs) {
      const ids = new Map<string, number>();
      const ofChunk = new Int32Array(this.n);
      this.ids.forEach((id, i) => {
        const d = id.slice(0, id.lastIndexOf(":"));
        let x = ids.get(d);
        if (x === undefined) ids.set(d, (x = ids.size));
        ofChunk[i] = x;
      });
      this.docs = { ofChunk, ids };
    }
    return this.docs;
  }

  search(query: string, k: number, documents?: ReadonlySet<string>): { id: string; score: number }[] {
    const terms = this.queryTerms(query);
    if (terms.length === 0 || k <= 0) return [];
    let allowed: Uint8Array | undefined;
    let ofChunk: Int32Array | undefined;
    if (documents) {
      const d = this.documentOf();
      allowed = new Uint8Array(d.ids.size);
      for (const id of documents) {
        const x = d.ids.get(id);
        if (x !== undefined) allowed[x] = 1;
      }
      ofChunk = d.ofChunk;
    }
    const { scores, matched, lastTerm } = this;
    const touched: number[] = [];
    const { k: k1, d } = BM25;
    for (let qi = 0; qi < terms.length; qi++) {
      const id = this.terms.get(terms[qi]!);
      if (id === undefined) continue;
      for (let f = 0; f < 2; f++) {
        const field = f === 0 ? this.text : this.context;
        const boost = f === 0 ? BOOST.text : BOOST.context;
        const start = field.offsets[id]!;
        const end = field.offsets[id + 1]!;
        if (end === start) continue;
        const count = end - start;
        const idf = Math.log(1 + (this.n - count + 0.5) / (count + 0.5));
        const w = boost * idf;
        const docs = field.docs;
        const tfs = field.tfs;
        const denom = this.denominators(field);
        for (let p = start; p < end; p++) {
          const doc = docs[p]!;
          const tf = tfs[p]!;
          if (lastTerm[doc] === -1) touched.push(doc);
          scores[doc] = scores[doc]! + w * (d + (tf * (k1 + 1)) / (tf + denom[doc]!));
          if (lastTerm[doc] !== qi) {
            lastTerm[doc] = qi;
            matched[doc] = matched[doc]! + 1;
          }
        }
      }
    }
    // Final score = BM25 × query terms matched (in place), then the top k with a small min-heap; ties go
    // to the earlier chunk.
    for (const doc of touched) scores[doc] = scores[doc]! * matched[doc]!;
    const heap: number[] = [];
    const worse = (a: number, b2: number) => scores[a]! < scores[b2]! || (scores[a] === scores[b2] && a > b2);
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (const doc of touched) {
      if (allowed && !allowed[ofChunk![doc]!]) continue;
      if (heap.length < k) {
        heap.push(doc);
        for (let i = heap.length - 1; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!worse(heap[i]!, heap[p]!)) break;
          [heap[i], heap[p]] = [heap[p]!, heap[i]!];
          i = p;
        }
      } else if (worse(heap[0]!, doc)) {
        heap[0] = doc;
        down(0);
      }
    }
    const out = heap.sort((a, b2) => (worse(a, b2) ? 1 : worse(b2, a) ? -1 : 0)).map((doc) => ({ id: this.ids[doc]!, score: scores[doc]! }));
    for (const doc of touched) {
      scores[doc] = 0;
      matched[doc] = 0;
      lastTerm[doc] = -1;
    }
    return out;
  }

  size(): number {
    return this.n;
  }

  /**
   * Binary form: "HDLEX1", a little-endian u32 header length, a JSON header (counts, averages, byte
   * lengths), then the ids and terms as newline-joined UTF-8 and the typed arrays, each 4-byte aligned.
   */
  toBytes(): Uint8Array {
    const enc = new TextEncoder();
    const idsBytes = enc.encode(this.ids.join("\n"));
    const termList = new Array<string>(this.terms.size);
    for (const [t, i] of this.terms) termList[i] = t;
    const termBytes = enc.encode(termList.join("\n"));
    const arrays: ArrayBufferView[] = [idsBytes, termBytes];
    for (const f of [this.text, this.context]) arrays.push(f.offsets, f.docs, f.tfs, f.lengths);
    const header = enc.encode(
      JSON.stringify({
        n: this.n,
        terms: this.terms.size,
        avg: [this.text.avgLength, this.context.avgLength],
        lengths: arrays.map((a) => a.byteLength),
      }),
    );
    return packParts(MAGIC, header, arrays);
  }

  static fromBytes(bytes: Uint8Array): LexicalIndex {
    const { ids, termList, fields } = LexicalIndex.parts(bytes);
    const terms = new Map<string, number>();
    termList.forEach((t, i) => terms.set(t, i));
    return new LexicalIndex(ids, terms, fields[0]!, fields[1]!);
  }

  /**
   * fromBytes() with the term dictionary (a Map of every term: 15–35 ms in one go at the bundled corpus, the
   * longest step of a server's load) filled a slice at a time, so requests are answered meanwhile. Same index.
   */
  static async fromBytesInSlices(bytes: Uint8Array, s: Slicing): Promise<LexicalIndex> {
    const { ids, termList, fields } = LexicalIndex.parts(bytes);
    await s.pause();
    const terms = new Map<string, number>();
    await eachInSlices(termList, (t, i) => terms.set(t, i), s);
    return new LexicalIndex(ids, terms, fields[0]!, fields[1]!);
  }

  /** The parts of the binary form, checked: ids, terms in id order, the two fields' postings (views, no copy). */
  private static parts(bytes: Uint8Array): { ids: string[]; termList: string[]; fields: FieldPostings[] } {
    const fail = (why: string): never => {
      throw new Error(`lexical index: ${why}`);
    };
    const dec = new TextDecoder("utf-8", { fatal: true });
    if (bytes.byteLength < MAGIC.length + 4 || dec.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) fail("not a lexical index file");
    // Typed-array views need 4-byte alignment: copy once if the buffer is not aligned.
    const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const headerLen = new DataView(buf.buffer, buf.byteOffset).getUint32(MAGIC.length, true);
    const h = JSON.parse(dec.decode(buf.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLen))) as { n: number; terms: number; avg: [number, number]; lengths: number[] };
    const align = align4;
    let at = align(MAGIC.length + 4 + headerLen);
    const take = (i: number): Uint8Array => {
      const len = h.lengths[i] ?? fail("truncated header");
      if (at + len > buf.byteLength) fail("truncated");
      const part = buf.subarray(at, at + len);
      at += align(len);
      return part;
    };
    const view = <T>(u: Uint8Array, C: new (b: ArrayBufferLike, o: number, l: number) => T, width: number) => new C(u.buffer, u.byteOffset, u.byteLength / width);
    const ids = h.n ? dec.decode(take(0)).split("\n") : (take(0), []);
    const termList = h.terms ? dec.decode(take(1)).split("\n") : (take(1), []);
    if (ids.length !== h.n || termList.length !== h.terms) fail("counts do not match");
    const fields: FieldPostings[] = [];
    for (let f = 0; f < 2; f++) {
      const base = 2 + f * 4;
      const offsets = view(take(base), Uint32Array, 4);
      const docs = view(take(base + 1), Uint32Array, 4);
      const tfs = view(take(base + 2), Uint16Array, 2);
      const lengths = view(take(base + 3), Uint16Array, 2);
      if (offsets.length !== h.terms + 1 || lengths.length !== h.n || docs.length !== tfs.length || offsets[h.terms] !== docs.length) fail("postings do not match");
      fields.push({ offsets, docs, tfs, lengths, avgLength: h.avg[f] ?? 0 });
    }
    return { ids, termList, fields };
  }
}
