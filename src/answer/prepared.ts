// Answer layer (pure): the knowledge an answer reads, prepared once per index — coverage indexes of tasks and
// indicators, chunks by id and in reading order, title word pairs — and the per-answer search cache. A server
// prepares it in slices (prepareInSlices) while the previous version keeps answering: built in one go it held the
// event loop for ~0.7 s at the bundled corpus (2 s at 10×). The coverage indexes are stored with the index (ingest
// and the Worker prebuild write coverageBytes) so that a load only reads them; they are built when missing.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import type { ChunkIndex } from "../retrieval/types.ts";
import type { CorpusData } from "../tasks/corpus.ts";
import type { Indicator, Task } from "../tasks/types.ts";
import { type CompiledTopic, compileTopic, CoverageFormatError, CoverageIndex, type TermSets, type TermStats, termSets } from "./coverage.ts";
import { Neighbourhood } from "./passage-window.ts";
import { documentHints as namedHints, titlePairsOf } from "./doc-refs.ts";
import { type CorpusReading, longForms, titleWords, type Understanding } from "./understand.ts";
import { typedUnitNames } from "./units.ts";
import { KNOWN_PAIR_CHUNKS, PASSAGE_CACHE } from "./tuning.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { eachInSlices, type Slicing } from "../text/slicing.ts";

export interface Knowledge {
  corpus: CorpusData;
  index: ChunkIndex;
  /** Chunk document frequencies (IDF for topic coverage). */
  terms: TermStats;
  /** The coverage indexes stored with the index (coverageBytes, at ingest): prepare() reads them instead of building. */
  coverage?: StoredCoverage;
}

/** CoverageIndex.toBytes() of the tasks' and the indicators' coverage indexes. */
export interface StoredCoverage {
  tasks: Uint8Array;
  indicators: Uint8Array;
}

/** What an answer reads of a coverage index: one CoverageIndex, or several built one slice at a time. */
export type Coverage = Pick<CoverageIndex, "size" | "sets" | "holding" | "scores">;

export interface Prepared {
  docs: Map<string, DocumentMeta>;
  chunks: Map<string, Chunk>;
  stats: TermStats;
  /** Every task's text + context + result, for coverage scoring. */
  tasks: Coverage;
  taskIndex: Map<string, number>;
  indicators: Coverage;
  /** Folded word pairs of each document title without its type words ("Quyết định phê duyệt …"). */
  titlePairs: Map<string, Set<string>>;
  /** Chunks in reading order: a passage's cut sentence end, its lead-in and headings. */
  neighbours: Neighbourhood;
  /** A chunk's sentences and term sets, as passage scoring reads them (made on first use, a bounded number kept). */
  passage(c: Chunk): PassageTerms;
  /** The leads tasks record as written, folded without a leading "các", longest first ("to chuc cung cap dich vu chi tra"). */
  writtenLeads: { name: string; folded: string }[];
  /** Every document title's folded words (understand.ts titleWords), " | " between titles. */
  titles: string;
}

export interface PassageTerms {
  /** Its sentences (their term sets are the answer layer's, kept by text). */
  sentences: string[];
  /** Text and heading context together. */
  whole: TermSets;
}

/** The text a task is found by, in long forms ("TTHC" → "thủ tục hành chính"): its text, context and result. */
const taskText = (t: Task) => longForms(`${t.text} ${t.context} ${t.result}`);
/** An indicator is found by its name, period, unit and monitoring agency ("cơ quan theo dõi, đánh giá"). */
const indicatorText = (i: Indicator) => longForms(`${i.name} ${i.period} ${i.unit} chỉ tiêu ${i.monitorText} theo dõi đánh giá`);

/** Prepared knowledge of an index, once prepareInSlices has finished it: prepare() then returns it at once. */
const preparedOf = new WeakMap<Knowledge, Prepared>();

export function prepare(kb: Knowledge): Prepared {
  const ready = preparedOf.get(kb);
  if (ready) return ready;
  const stored = storedCoverage(kb);
  const tasks = stored?.tasks ?? new CoverageIndex(kb.corpus.tasks.map(taskText), true);
  const indicators = stored?.indicators ?? new CoverageIndex(kb.corpus.indicators.map(indicatorText), false);
  return assemble(kb, tasks, indicators, new Map(kb.corpus.chunks.map((c) => [c.id, c])));
}

/** The two coverage indexes of a corpus as bytes, for storing with its index (ingest, the Worker prebuild). */
export function coverageBytes(corpus: CorpusData): StoredCoverage {
  return {
    tasks: new CoverageIndex(corpus.tasks.map(taskText), true).toBytes(),
    indicators: new CoverageIndex(corpus.indicators.map(indicatorText), false).toBytes(),
  };
}

/**
 * The stored coverage indexes of kb, read over its tasks and indicators (their texts made only when an answer
 * looks at one item closely); undefined when there are none or they do not fit this corpus — then they are built.
 */
function storedCoverage(kb: Knowledge): { tasks: CoverageIndex; indicators: CoverageIndex } | undefined {
  if (!kb.coverage) return undefined;
  const { tasks, indicators } = kb.corpus;
  try {
    return {
      tasks: CoverageIndex.fromBytes(kb.coverage.tasks, tasks.length, (i) => taskText(tasks[i]!)),
      indicators: CoverageIndex.fromBytes(kb.coverage.indicators, indicators.length, (i) => indicatorText(indicators[i]!)),
    };
  } catch (e) {
    if (e instanceof CoverageFormatError) return undefined;
    throw e;
  }
}

/** A chunk that may define a short name ("… (sau đây gọi tắt là …)"): a quick test before the pattern itself. */
const DEFINES_NAME = /(?:gọi|viết)(?:\s+(?:tắt|chung))?\s+là/iu;

/** The rest of Prepared around its two coverage indexes: maps and the passage cache, quick at any corpus size. */
function assemble(kb: Knowledge, tasks: Coverage, indicators: Coverage, chunks: Map<string, Chunk>): Prepared {
  const docs = new Map(kb.corpus.documents.map((d) => [d.id, d]));
  const taskIndex = new Map(kb.corpus.tasks.map((t, i) => [t.id, i]));
  // (The short names a text defines for itself and its author name it too: doc-refs.ts titlePairsOf.)
  const defining = new Map<string, string[]>();
  for (const c of kb.corpus.chunks) {
    if (!DEFINES_NAME.test(c.text)) continue;
    const texts = defining.get(c.documentId);
    if (texts) texts.push(c.text);
    else defining.set(c.documentId, [c.text]);
  }
  const titlePairs = new Map(kb.corpus.documents.map((d) => [d.id, titlePairsOf(d, defining.get(d.id))] as const));
  const passages = new Map<string, PassageTerms>();
  const passage = (c: Chunk): PassageTerms => {
    let a = passages.get(c.id);
    if (a) {
      // Most recently used last, so the oldest goes first when full.
      passages.delete(c.id);
      passages.set(c.id, a);
      return a;
    }
    const sentences = c.text.split(/(?<=[.;])\s+(?=[\p{Lu}+\-(\d])/u);
    // Compared in long forms, as the question's topic is ("TTHC" = "thủ tục hành chính").
    a = { sentences, whole: termSets(longForms(`${c.text} ${c.context}`), true) };
    if (passages.size >= PASSAGE_CACHE) passages.delete(passages.keys().next().value!);
    passages.set(c.id, a);
    return a;
  };
  const leadNames = new Set(kb.corpus.tasks.flatMap((t) => t.lead));
  const writtenLeads = [...leadNames]
    .map((name) => ({ name, folded: foldDiacritics(name).toLowerCase().replace(/[^a-z0-9&]+/g, " ").trim().replace(/^cac\s+/, "") }))
    .sort((a, b) => b.folded.length - a.folded.length);
  const titles = kb.corpus.documents.map((d) => titleWords(d.title)).join(" | ");
  return { docs, chunks, stats: kb.terms, tasks, taskIndex, indicators, titlePairs, passage, neighbours: new Neighbourhood(kb.corpus.chunks), writtenLeads, titles };
}

/**
 * prepare(), built one slice at a time: the same answers (a coverage index in shards scores every item as the
 * whole one does), with a pause whenever a slice has used its budget. Afterwards prepare(kb) returns it.
 */
export async function prepareInSlices(kb: Knowledge, s: Slicing): Promise<Prepared> {
  const ready = preparedOf.get(kb);
  if (ready) return ready;
  // Stored with the index (a few ms to read); built in shards when the version has none.
  const stored = storedCoverage(kb);
  await s.pause();
  const tasks = stored?.tasks ?? (await coverageInShards(kb.corpus.tasks, taskText, true, s));
  const indicators = stored?.indicators ?? (await coverageInShards(kb.corpus.indicators, indicatorText, false, s));
  const chunks = new Map<string, Chunk>();
  await eachInSlices(kb.corpus.chunks, (c) => chunks.set(c.id, c), s);
  const p = assemble(kb, tasks, indicators, chunks);
  preparedOf.set(kb, p);
  return p;
}

/** Items in the first shard; later ones are sized from the time per item measured so far. */
const FIRST_SHARD_ITEMS = 32;
/** Share of the slice budget a shard is sized to fill (an item's cost varies with its length). */
const SHARD_FILL = 0.5;
/** A shard grows at most this much over the last one (the first items run before the code is optimised). */
const SHARD_GROWTH = 4;

/** A coverage index over the items, built as shards of about half a slice each. */
async function coverageInShards<T>(items: readonly T[], textOf: (item: T) => string, normalized: boolean, s: Slicing): Promise<Coverage> {
  const shards: CoverageIndex[] = [];
  let size = FIRST_SHARD_ITEMS;
  for (let at = 0; at < items.length; ) {
    const t0 = s.now();
    const end = Math.min(items.length, at + size);
    shards.push(new CoverageIndex(items.slice(at, end).map(textOf), normalized));
    const perItem = Math.max(s.now() - t0, 0.01) / (end - at);
    size = Math.max(1, Math.min(size * SHARD_GROWTH, Math.floor((s.budgetMs * SHARD_FILL) / perItem)));
    at = end;
    await s.pause();
  }
  if (shards.length === 0) return new CoverageIndex([], normalized);
  return shards.length === 1 ? shards[0]! : new CoverageShards(shards);
}

/** Shards of one collection, read as one index: item i of the whole is item i − offset of its shard. */
class CoverageShards implements Coverage {
  private readonly starts: number[] = [];
  readonly size: number;

  constructor(private readonly shards: CoverageIndex[]) {
    let n = 0;
    for (const sh of shards) {
      this.starts.push(n);
      n += sh.size;
    }
    this.size = n;
  }

  sets(i: number): TermSets {
    // The last shard starting at or before i (binary search over the starts).
    let lo = 0;
    let hi = this.shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.shards[lo]!.sets(i - this.starts[lo]!);
  }

  holding(uni: string[], bi: string[]): Uint8Array {
    const out = new Uint8Array(this.size);
    this.shards.forEach((sh, k) => out.set(sh.holding(uni, bi), this.starts[k]));
    return out;
  }

  scores(c: CompiledTopic): Float64Array {
    const out = new Float64Array(this.size);
    this.shards.forEach((sh, k) => out.set(sh.scores(c), this.starts[k]));
    return out;
  }
}

export const topicOf = (p: Prepared, topic: string[]) => compileTopic(p.stats, topic);

/** Documents the question names (its number, its issuer's place, its title words), scored. */
export function documentHints(p: Prepared, u: Understanding, docs: DocumentMeta[]): Map<string, number> {
  return namedHints(u, docs, (d) => p.titlePairs.get(d.id)!);
}

/** Does the corpus use two folded syllables as a pair (a question typed without diacritics is read with it)? */
export function knownPairs(stats: TermStats): (a: string, b: string) => boolean {
  return (a, b) => stats.df(`${a}_${b}`) >= KNOWN_PAIR_CHUNKS;
}

/** What the corpus knows that a question is read with: its word pairs, the units its tasks name, its titles. */
export function corpusReading(p: Prepared): CorpusReading {
  return { knownPair: knownPairs(p.stats), typedUnits: (m) => typedUnitNames(m, p.writtenLeads), inTitle: (words) => p.titles.includes(words) };
}

/** The knowledge for one answer: a search repeated while answering (a target question tries passages twice) is run once. */
export function onceSearched(kb: Knowledge): Knowledge {
  const seen = new Map<string, ReturnType<ChunkIndex["search"]>>();
  const index: ChunkIndex = {
    search: (q, k, opts) => {
      const key = `${k}\u0000${[...(opts?.documents ?? [])].join("\u0001")}\u0000${q}`;
      let r = seen.get(key);
      if (!r) seen.set(key, (r = kb.index.search(q, k, opts)));
      return r;
    },
    size: () => kb.index.size(),
  };
  return { ...kb, index };
}
