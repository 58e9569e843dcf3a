// Answer layer (pure): the knowledge an answer reads, prepared once per index — coverage indexes of tasks and
// indicators, chunks by id and in reading order, title word pairs — and the per-answer search cache.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import type { ChunkIndex } from "../retrieval/types.ts";
import type { CorpusData } from "../tasks/corpus.ts";
import { compileTopic, CoverageIndex, type TermSets, type TermStats, termSets } from "./coverage.ts";
import { Neighbourhood } from "./passage-window.ts";
import { documentHints as namedHints, titlePairsOf } from "./doc-refs.ts";
import { longForms, type Understanding } from "./understand.ts";
import { PASSAGE_CACHE } from "./tuning.ts";

export interface Knowledge {
  corpus: CorpusData;
  index: ChunkIndex;
  /** Chunk document frequencies (IDF for topic coverage). */
  terms: TermStats;
}

export interface Prepared {
  docs: Map<string, DocumentMeta>;
  chunks: Map<string, Chunk>;
  stats: TermStats;
  /** Every task's text + context + result, for coverage scoring. */
  tasks: CoverageIndex;
  taskIndex: Map<string, number>;
  indicators: CoverageIndex;
  /** Folded word pairs of each document title without its type words ("Quyết định phê duyệt …"). */
  titlePairs: Map<string, Set<string>>;
  /** Chunks in reading order: a passage's cut sentence end, its lead-in and headings. */
  neighbours: Neighbourhood;
  /** A chunk's sentences and term sets, as passage scoring reads them (made on first use, a bounded number kept). */
  passage(c: Chunk): PassageTerms;
}

export interface PassageTerms {
  sentences: string[];
  sentenceSets: TermSets[];
  /** Text and heading context together. */
  whole: TermSets;
}

export function prepare(kb: Knowledge): Prepared {
  const docs = new Map(kb.corpus.documents.map((d) => [d.id, d]));
  const chunks = new Map(kb.corpus.chunks.map((c) => [c.id, c]));
  const tasks = new CoverageIndex(
    kb.corpus.tasks.map((t) => longForms(`${t.text} ${t.context} ${t.result}`)),
    true,
  );
  const taskIndex = new Map(kb.corpus.tasks.map((t, i) => [t.id, i]));
  // An indicator is found by its name, period, unit and monitoring agency ("cơ quan theo dõi, đánh giá").
  const indicators = new CoverageIndex(
    kb.corpus.indicators.map((i) => longForms(`${i.name} ${i.period} ${i.unit} chỉ tiêu ${i.monitorText} theo dõi đánh giá`)),
    false,
  );
  const titlePairs = new Map(kb.corpus.documents.map((d) => [d.id, titlePairsOf(d)] as const));
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
    a = { sentences, sentenceSets: sentences.map((x) => termSets(longForms(x), true)), whole: termSets(longForms(`${c.text} ${c.context}`), true) };
    if (passages.size >= PASSAGE_CACHE) passages.delete(passages.keys().next().value!);
    passages.set(c.id, a);
    return a;
  };
  return { docs, chunks, stats: kb.terms, tasks, taskIndex, indicators, titlePairs, passage, neighbours: new Neighbourhood(kb.corpus.chunks) };
}

export const topicOf = (p: Prepared, topic: string[]) => compileTopic(p.stats, topic);

/** Documents the question names (its number, its issuer's place, its title words), scored. */
export function documentHints(p: Prepared, u: Understanding, docs: DocumentMeta[]): Map<string, number> {
  return namedHints(u, docs, (d) => p.titlePairs.get(d.id)!);
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
