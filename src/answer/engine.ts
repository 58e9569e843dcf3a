// Answer layer (pure): question → understanding → task registry / indicators / hybrid passages →
// a short Vietnamese answer where every fact carries a citation [n]. Says "Không tìm thấy thông tin"
// when the documents do not cover the question's topic.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import type { ChunkIndex } from "../retrieval/types.ts";
import { type Agency, agencyByName, predecessorsOf, successorOf, unrecognisedWords } from "../tasks/agencies.ts";
import type { CorpusData } from "../tasks/corpus.ts";
import type { Indicator, Task } from "../tasks/types.ts";
import { formatDeadline } from "../text/dates.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { accentedKey, foldSyllable, syllables, TOPIC_BREAK, topicTerms } from "../text/tokenize.ts";
import { compileTopic, CoverageIndex, coverage, type TermSets, type TermStats, termSets } from "./coverage.ts";
import type { AnswerFn, ChatAnswer, ChatInput, Citation, Fact } from "./types.ts";
import { type AnswerKind, answerKinds, asksRole, KIND_LABEL } from "./answer-type.ts";
import { countsTasks, type TaskQuestion, taskRefusal } from "./answerability.ts";
import { Neighbourhood, overlapWith, pickInWindow } from "./passage-window.ts";
import { documentHints as namedHints, namedDocuments, numberedDocuments, titlePairsOf } from "./doc-refs.ts";
import { longForms, type Understanding, understand, withoutDocumentReferences } from "./understand.ts";
import { expandUnitAbbreviations, leadIsUnit, sectionReference } from "./units.ts";

export interface Knowledge {
  corpus: CorpusData;
  index: ChunkIndex;
  /** Chunk document frequencies (IDF for topic coverage). */
  terms: TermStats;
}

export interface AnswerOptions {
  /** "Today" for overdue/upcoming questions; injectable for tests. */
  now?: () => Date;
  maxListItems?: number;
}

const STATUS_LABEL: Record<string, string> = { draft: "Dự thảo", summary: "Bản tin tóm tắt" };

interface Prepared {
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

interface PassageTerms {
  sentences: string[];
  sentenceSets: TermSets[];
  /** Text and heading context together. */
  whole: TermSets;
}

/** Chunks whose passage term sets are kept: the whole bundled corpus, a popular slice of a large one. */
const PASSAGE_CACHE = 5000;

function prepare(kb: Knowledge): Prepared {
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

const topicOf = (p: Prepared, topic: string[]) => compileTopic(p.stats, topic);

/** Documents the question names (its number, its issuer's place, its title words), scored. */
function documentHints(p: Prepared, u: Understanding, docs: DocumentMeta[]): Map<string, number> {
  return namedHints(u, docs, (d) => p.titlePairs.get(d.id)!);
}

/** The knowledge for one answer: a search repeated while answering (a target question tries passages twice) is run once. */
function onceSearched(kb: Knowledge): Knowledge {
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

export function createAnswerer(kb0: Knowledge, opts: AnswerOptions = {}): AnswerFn & { warm(): void } {
  // Coverage indexes for every task and indicator take a while on a large corpus: built on first use (or
  // by warm()), so a server is healthy as soon as its index is loaded.
  let prepared: Prepared | undefined;
  const warm = () => {
    prepared ??= prepare(kb0);
    return prepared;
  };
  const now = opts.now ?? (() => new Date());
  const maxList = opts.maxListItems ?? 12;

  const fn = async (input: ChatInput): Promise<ChatAnswer> => {
    const p = warm();
    const kb = onceSearched(kb0);
    const u = understand(input.message, input.history ?? [], now());
    const ctx = new Composer(p);
    switch (u.intent) {
      case "tasks_by_agency": {
        // A unit as written ("Sở Tài chính Hà Nội") first: the registry may map it to another body.
        const byUnit = listByUnit(kb, p, u, ctx, maxList);
        if (byUnit) return byUnit;
        if (u.agencies.length) return listByAgency(kb, p, u, ctx, maxList);
        break;
      }
      case "tasks_due":
      case "overdue":
        return listByPeriod(kb, p, u, ctx, maxList, now());
      case "target": {
        // Indicator tables and targets in prose ("Số lượng doanh nghiệp … đạt 81.400 doanh nghiệp") both
        // compete; the better-covered one answers, tables winning ties. Then tasks.
        const ind = bestIndicators(kb, p, u);
        const passScore = { value: 0 };
        const pass = await passages(kb, p, u, new Composer(p), 0.6, passScore);
        if (ind.items.length && (!pass || ind.score >= passScore.value - 0.05)) return ctx.indicators(ind.items);
        if (pass) return pass;
        // A quantity asked for ("bao nhiêu tỷ đồng") is not in a task's wording: say it is not found.
        if (asksQuantity(u)) return ctx.notFound(u);
        break;
      }
    }
    if ((u.intent !== "explain" || u.asks.size > 0) && !asksRole(u.folded)) {
      const m = matchTasks(kb, p, u);
      if (m.primary.length) {
        // Asked when, and neither the task nor its passage says: a passage that does answer it is preferred.
        if (u.asks.has("deadline") && !m.primary.some((t) => t.deadline.kind !== "none" || deadlineInPassage(p, t, u))) {
          const alt = await passages(kb, p, u, new Composer(p), PASSAGE_OVER_TASK);
          if (alt) return alt;
        }
        return ctx.tasks(m.primary, m.alternatives, u);
      }
    }
    return passages(kb, p, u, ctx);
  };
  return Object.assign(fn, { warm: () => void warm() });
}

// ---------------------------------------------------------------------------------------------
// Finding things

const TASK_THRESHOLD = 0.55;
/** A short list shows each task in full; a long one shortens them: [most items, characters] in order. */
const LIST_ITEM_LENGTH: [number, number][] = [
  [3, 480],
  [6, 300],
];
const LIST_ITEM_SHORT = 150;
const listItemLength = (n: number) => LIST_ITEM_LENGTH.find(([most]) => n <= most)?.[1] ?? LIST_ITEM_SHORT;
/** Coverage of the topic (beyond the agency) a listed task needs when the question narrows a list. */
const LIST_NARROW = 0.5;
/** Score a passage needs to answer instead of a task whose record and passage give no deadline asked for. */
const PASSAGE_OVER_TASK = 0.6;

/** Does a task's passage (with its cut end, lead-in and headings) hold the deadline kind asked? */
function deadlineInPassage(p: Prepared, t: Task, u: Understanding): boolean {
  const c = p.neighbours.at(t.documentId, t.lines[0]);
  if (!c) return false;
  return pickInWindow(p.neighbours, c, timeKindsAsked(u), overlapWith(t.text)).missing.length === 0;
}

/** The time-like kinds asked ("định kỳ bao lâu" is a recurrence), a date when none is named. */
function timeKindsAsked(u: Understanding): AnswerKind[] {
  const asked = askedKinds(u).filter((k) => TIME_KINDS.includes(k));
  return asked.length ? asked : ["time"];
}

/** Kinds of fact a task's deadline answers. */
const TIME_KINDS: AnswerKind[] = ["time", "recurrence", "duration"];
/** A passage whose window carries the fact asked for ranks this much higher. */
const PASSAGE_KIND_BONUS = 0.05;

/** What the answerability predicates read of the question. */
function taskQuestion(u: Understanding): TaskQuestion {
  const names = (a: Agency) => {
    const now = successorOf(a);
    return [a.name, ...a.aliases, ...predecessorsOf(a.id).map((x) => x.name), ...(now ? [now.name] : [])];
  };
  // A unit as written ("Sở NN&MT TP.HCM") stands for itself, not for the ministry the registry reads in it.
  // Groups ("các bộ, ngành") describe more than name: "các CSDL của bộ, ngành" is part of the topic.
  const actors = u.actors.filter((a) => a.kind !== "group" && !u.units.some((unit) => shadows(unit, a)));
  return { agencies: [...actors.map(names), ...u.units.map((x) => [x])], kinds: askedKinds(u), countsTasks: countsTasks(u.folded) };
}

/**
 * The words that name a document (a run of its title's or issuer's word pairs, its number) are not the topic;
 * single words shared with the title ("số", "kinh tế") and years asked about stay.
 */
function withoutNaming(p: Prepared, topic: string[], named: Set<string>): string[] {
  const naming = new Set<string>();
  const numbers = new Set<string>();
  for (const id of named) {
    const d = p.docs.get(id)!;
    for (const b of termSets(`${d.title} ${d.issuer ?? ""} ${d.type}`).bi) naming.add(b);
    for (const n of d.number?.match(/\d+/g) ?? []) numbers.add(n);
  }
  const rest = [...topic];
  for (let i = 0; i + 1 < topic.length; i++) {
    const a = topic[i]!;
    const b = topic[i + 1]!;
    if (a === TOPIC_BREAK || b === TOPIC_BREAK || /^\d{4}$/.test(a) || /^\d{4}$/.test(b)) continue;
    if (naming.has(`${a}_${b}`)) rest[i] = rest[i + 1] = TOPIC_BREAK;
  }
  topic.forEach((w, i) => {
    if (numbers.has(w.replace(/^0+(?=\d)/, "")) || numbers.has(w)) rest[i] = TOPIC_BREAK;
  });
  return rest.some((w) => w !== TOPIC_BREAK) ? rest : topic;
}

/** The topic without the syllables of the units the question names and of their places (kept when that empties it). */
function withoutUnitWords(u: Understanding): string[] {
  if (!u.unitsWritten.length) return u.topic;
  const named = new Set(unitWordsOf(u).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
  const rest = u.topic.map((w) => (named.has(w) ? TOPIC_BREAK : w));
  return rest.filter((w) => w !== TOPIC_BREAK).length >= 2 ? rest : u.topic;
}

/** Syllables of the units as the question writes them: "Sở KH&CN Ninh Bình" → sở, kh, cn, ninh, bình, khoa, học … */
function unitWordsOf(u: Understanding): string[] {
  return syllables(u.unitsWritten.map((w) => `${w} ${expandUnitAbbreviations(w)}`).join(" "));
}

/** Does a unit as written stand where the registry found an agency ("Sở Khoa học và Công nghệ" for Bộ KH&CN)? */
function shadows(unit: string, a: Agency): boolean {
  const k = (x: string) => foldDiacritics(x).toLowerCase();
  const field = k(a.name).split(" ").slice(1).join(" ");
  return field.length > 3 && k(unit).endsWith(field) && k(unit) !== k(a.name);
}

/** The kinds of fact the question asks for; a follow-up that asks none keeps the earlier question's. */
function askedKinds(u: Understanding): AnswerKind[] {
  const own = answerKinds(u.folded);
  return own.length || !u.followUp ? own : answerKinds(u.query);
}
/** Syllables a question's own topic (without document references) needs to replace its whole topic. */
const MIN_OWN_TOPIC = 2;
/** Two statements of one document whose first characters agree are one task. */
const SAME_TASK_PREFIX = 60;
/** Bonuses of a task naming the question's agency (or unit), and naming it as its lead. */
const AGENCY_NAMED = 0.08;
const AGENCY_LEADS = 0.07;
/** The most matchTasks adds to a task's coverage: agency named (0.08), as lead (0.07), document hint (0.1), final text (0.01). */
const MAX_TASK_BONUS = 0.26;
/** "… bao nhiêu …", "tỷ lệ …": a number is asked for. */
function asksQuantity(u: Understanding): boolean {
  return u.intent === "target" && /bao nhieu|ti le|ty le|phan tram|%/.test(u.folded);
}

/**
 * What "… về X" asks about: the first words after the last "về" ("cơ sở dữ liệu quốc gia về người có công" →
 * người, có). A task about another "cơ sở dữ liệu quốc gia về …" is not an answer.
 */
function specificWords(u: Understanding): string[] {
  // The last "về" of the question (typed without diacritics, "ve" may be "vệ" in "bảo vệ": what is
  // protected is as specific).
  // (A "về" inside a document's name — "kế hoạch … về quy hoạch của TP.HCM" — names the document, not the topic.)
  const q = withoutDocumentReferences(u.query);
  // ("gửi về đâu", "về những gì" ask; they name nothing.)
  const m = [...q.matchAll(/(?:^|[^\p{L}])(về|ve)\s+(?!(?:đâu|dau|nào|nao|gì|gi|ai|những gì)(?:[^\p{L}]|$))/giu)].at(-1);
  if (!m) return [];
  const after = topicTerms(q.slice(m.index + m[0].length)).terms;
  const out: string[] = [];
  // Its head: the first two words ("chất lượng" of "chất lượng trải nghiệm của người dùng …"); the rest may
  // be worded differently in the text.
  for (const w of after) {
    if (w === TOPIC_BREAK || out.length === 2) break;
    out.push(w);
  }
  return out;
}

/** Does a text's term set hold the specific words in order (adjacent pairs), or the one word? */
function holdsSpecific(ts: TermSets, specific: string[]): boolean {
  return specific.length === 1 ? ts.uni.has(specific[0]!) : specific.slice(1).every((w, k) => ts.bi.has(`${specific[k]}_${w}`));
}

/** The legal instruments a question's topic names ("luật", "nghị định" …), folded. */
function instrumentsOf(u: Understanding): string[] {
  const topic = u.topic.map(foldSyllable).join(" ");
  return INSTRUMENTS.filter((w) => new RegExp(`(^| )${w}( |$)`).test(topic));
}

/** Kinds of legal instrument: asked about by name, they must be in the task's text. */
const INSTRUMENTS = ["luat", "nghi dinh", "nghi quyet", "thong tu", "de an"];
/** Score a passage needs to answer (0.5 × whole-passage coverage + 0.5 × best sentence's, plus bonuses). */
const PASSAGE_THRESHOLD = 0.5;
/** Candidate passages of a plain question, and of one asking for a fact of some kind. */
const PLAIN_POOL = 8;
const KIND_POOL = 40;
/** A passage that holds the fact asked for answers over a better-worded one that does not, within this score. */
const KIND_MARGIN = 0.2;
/** Candidate passages taken from a document the question names. */
const NAMED_POOL = 50;

function matchTasks(kb: Knowledge, p: Prepared, u: Understanding): { primary: Task[]; alternatives: Task[] } {
  if (u.topic.length === 0) return { primary: [], alternatives: [] };
  const hints = documentHints(p, u, kb.corpus.documents);
  const maxHint = Math.max(0, ...hints.values());
  // A document the question names ("theo Công điện 220") is the only place its answer may come from.
  const named = numberedDocuments(u, kb.corpus.documents);
  // Coverage of every task at once; a task whose coverage plus every bonus below stays under 90% of the
  // threshold can be neither the best nor an alternative to it, so only the rest is scored.
  // The units the question names are checked by the predicates, not scored as topic ("Sở KH&CN Ninh Bình"); nor
  // are the words naming the document ("Theo Chiến lược Chính phủ điện tử, …").
  const namedByHint = namedDocuments(hints);
  // Once the document is found, the phrase that named it is not the task's topic.
  const own = u.ownTopic.filter((w) => w !== TOPIC_BREAK).length >= MIN_OWN_TOPIC;
  const unitless = withoutUnitWords(namedByHint || named ? { ...u, topic: own ? u.ownTopic : u.topic } : u);
  const cov = p.tasks.scores(topicOf(p, namedByHint ? withoutNaming(p, unitless, namedByHint) : unitless));
  const scored: { t: Task; s: number }[] = [];
  const floor = TASK_THRESHOLD * 0.9 - MAX_TASK_BONUS;
  // A question about a law (a decree, a scheme …) is not answered by a task that does not name one:
  // "Luật Thương mại điện tử" is not the programme for e-commerce.
  const instruments = instrumentsOf(u);
  // Through the coverage index (folded words and pairs), not by folding every candidate's text.
  const namesInstrument = instruments.length
    ? p.tasks.holding(
        instruments.filter((w) => !w.includes(" ")),
        instruments.filter((w) => w.includes(" ")).map((w) => w.replace(" ", "_")),
      )
    : null;
  const specific = specificWords(u);
  const holdsIt = specific.length ? p.tasks.holding(specific.length === 1 ? specific : [], specific.slice(1).map((w, k) => `${specific[k]}_${w}`)) : null;
  const question = taskQuestion(u);
  kb.corpus.tasks.forEach((t, i) => {
    let s = cov[i]!;
    if (s <= floor) return;
    if (named && !named.has(t.documentId)) return;
    if (taskRefusal(question, t)) return;
    if (namesInstrument && !namesInstrument[i]) return;
    if (holdsIt && !holdsIt[i]) return;
    if (u.agencies.length || u.units.length) {
      const leads = (a: string) => t.lead.includes(a) || u.units.some((x) => x === a && t.lead.some((l) => leadIsUnit(l, x)));
      const names = [...u.agencies.map((a) => a.name), ...u.units];
      if (names.some((a) => leads(a) || t.coordinators.includes(a) || t.coordinators.some((c) => leadIsUnit(c, a)))) s += AGENCY_NAMED;
      // In "when must UBND … finish …" the named agency is the one doing the task.
      if (u.intent !== "lead" && u.intent !== "coordinators" && names.some(leads)) s += AGENCY_LEADS;
    }
    const h = hints.get(t.documentId) ?? 0;
    if (maxHint > 0) s += h === maxHint ? 0.1 : -0.05;
    const d = p.docs.get(t.documentId);
    if (d?.status === "final") s += 0.01;
    if (t.lead.length === 0) s -= 0.2;
    if (s >= TASK_THRESHOLD * 0.9) scored.push({ t, s });
  });
  scored.sort((a, b) => b.s - a.s);
  preferRicherStatement(scored);
  const best = scored[0];
  if (!best || best.s < TASK_THRESHOLD) return { primary: [], alternatives: [] };
  // The same task in other documents (a plan and its news summary, a draft and the final text), and
  // other tasks that match about as well (answered as a short list rather than picked silently).
  const primary = [best.t];
  const alternatives: Task[] = [];
  const bt = p.tasks.sets(p.taskIndex.get(best.t.id)!);
  // The same task elsewhere is judged on its coverage before document bonuses: a question whose words
  // happen to share the news summary's title must still find the plan that states the task.
  const bestCov = cov[p.taskIndex.get(best.t.id)!]!;
  for (const { t, s } of scored.slice(1, 40)) {
    if (primary.length + alternatives.length >= 4) break;
    const c = cov[p.taskIndex.get(t.id)!]!;
    if (s < best.s * 0.9 && c < bestCov * 0.9) continue;
    const tt = p.tasks.sets(p.taskIndex.get(t.id)!);
    // Same task in another document only if most of *both* texts' word pairs are shared.
    const overlap = [...bt.bi].filter((b) => tt.bi.has(b)).length / Math.max(1, Math.max(bt.bi.size, tt.bi.size));
    const otherDoc = !primary.some((x) => x.documentId === t.documentId);
    if (otherDoc && overlap > 0.35 && c >= bestCov * 0.9) primary.push(t);
    else if (s >= best.s * 0.97) alternatives.push(t);
  }
  const rank = (t: Task) => {
    const d = p.docs.get(t.documentId)!;
    return (d.status === "final" ? 0 : d.status === "draft" ? 1 : 2) * 1e9 - Number((d.issuedDate ?? `${d.year ?? 0}`).replace(/-/g, "").padEnd(8, "0"));
  };
  primary.sort((a, b) => rank(a) - rank(b));
  return { primary, alternatives };
}

/**
 * A decision often states a task twice — in its prose and in its appendix table; the statement with more of its
 * record filled (deadline, coordinators, result) stands first, and the other is dropped.
 */
function preferRicherStatement(scored: { t: Task; s: number }[]): void {
  const best = scored[0];
  if (!best) return;
  const head = (t: Task) => foldDiacritics(t.text).toLowerCase().replace(/[^a-z0-9 ]/g, "").slice(0, SAME_TASK_PREFIX);
  const filled = (t: Task) => (t.deadline.kind !== "none" ? 2 : 0) + (t.coordinators.length ? 1 : 0) + (t.result ? 1 : 0);
  const same = scored.filter((x) => x.t.documentId === best.t.documentId && head(x.t) === head(best.t));
  if (same.length < 2) return;
  const richest = same.reduce((a, b) => (filled(b.t) > filled(a.t) ? b : a));
  for (const x of same) if (x !== richest) scored.splice(scored.indexOf(x), 1);
  scored.splice(scored.indexOf(richest), 1);
  scored.unshift({ t: richest.t, s: Math.max(richest.s, best.s) });
}

function bestIndicators(kb: Knowledge, p: Prepared, u: Understanding): { items: Indicator[]; score: number } {
  if (u.topic.length === 0) return { items: [], score: 0 };
  const f = u.folded;
  const cov = p.indicators.scores(topicOf(p, u.topic));
  const scored = kb.corpus.indicators.map((i, n) => {
    let s = cov[n]!;
    const yrs = i.period.match(/\d{4}/g) ?? [];
    if (yrs.length && yrs.some((y) => f.includes(y))) s += 0.1;
    if (!i.target) s -= 0.3;
    // "Có bao nhiêu dịch vụ …" asks for a count, not a percentage.
    if (/%/.test(i.unit) && !/ti le|ty le|phan tram|%/.test(f)) s -= 0.15;
    return { i, s };
  });
  scored.sort((a, b) => b.s - a.s);
  const best = scored[0];
  if (!best || best.s < 0.6) return { items: [], score: 0 };
  return { items: scored.filter((x) => x.s >= best.s * 0.98).slice(0, 2).map((x) => x.i), score: best.s };
}

/** Tasks whose lead, as written, is a unit the question names (in the document it names, if any); null when none. */
function listByUnit(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number): ChatAnswer | null {
  if (!u.units.length) return null;
  const named = numberedDocuments(u, kb.corpus.documents) ?? namedDocuments(documentHints(p, u, kb.corpus.documents));
  for (const unit of u.units) {
    let tasks = kb.corpus.tasks.filter((t) => (!named || named.has(t.documentId)) && t.lead.some((l) => leadIsUnit(l, unit)));
    if (!tasks.length) continue;
    const unitWords = new Set(syllables(unit).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
    tasks = narrowBySection(p, u, narrowByTopic(p, u, tasks, unitWords));
    // The unit as the documents write it ("Công an tỉnh" for "Công an tỉnh Ninh Bình").
    const written = mostCommon(tasks.flatMap((t) => t.lead.filter((l) => leadIsUnit(l, unit))));
    return ctx.list(tasks, u, `${written ?? unit} chủ trì`, maxList, []);
  }
  return null;
}

function mostCommon(xs: string[]): string | undefined {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * "… trong phần tổ chức thực hiện", "… ở Phụ lục II": a part of the document the question names keeps the tasks
 * under a heading with those words (when any are).
 */
function narrowBySection(p: Prepared, u: Understanding, tasks: Task[]): Task[] {
  const part = sectionReference(u.query);
  if (!part) return tasks;
  const under = tasks.filter((t) => {
    const c = p.neighbours.at(t.documentId, t.lines[0]);
    return foldDiacritics(`${t.section} ${t.context} ${c?.context ?? ""}`).toLowerCase().includes(part);
  });
  return under.length ? under : tasks;
}

/** Topic words beyond the agency narrow a list ("… về thanh toán"), when two syllables or more are left. */
function narrowByTopic(p: Prepared, u: Understanding, tasks: Task[], agencyWords: Set<string>): Task[] {
  const topic = u.topic.map((w) => (agencyWords.has(w) || /^(chuyen|doi|so|nhiem|chuong|trinh|phat|trien)$/.test(foldSyllable(w)) ? TOPIC_BREAK : w));
  // Narrow only on a real topic: a lone "co" may be "có" or "cơ".
  if (topic.filter((w) => w !== TOPIC_BREAK).length < 2) return tasks;
  const cov = p.tasks.scores(topicOf(p, topic));
  const narrowed = tasks.filter((t) => cov[p.taskIndex.get(t.id)!]! >= LIST_NARROW);
  return narrowed.length > 0 ? narrowed : tasks;
}

function listByAgency(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number): ChatAnswer {
  const agency = u.agencies[0]!;
  const pred = predecessorsOf(agency.id);
  const names = new Set([agency.name, ...pred.map((a) => a.name)]);
  const hints = documentHints(p, u, kb.corpus.documents);
  let tasks = kb.corpus.tasks.filter((t) => t.lead.some((l) => names.has(l)));
  const named = namedDocuments(hints);
  if (named) tasks = tasks.filter((t) => named.has(t.documentId));
  const agencyWords = new Set([agency.name, ...agency.aliases].flatMap((n) => syllables(n)).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
  tasks = narrowByTopic(p, u, tasks, agencyWords);
  // "… nhiệm vụ gì năm 2022?": a period narrows the list to tasks due in it.
  if (u.period) {
    const per = u.period;
    const inPeriod = tasks.filter((t) => t.deadline.start && t.deadline.end && t.deadline.start <= per.end && t.deadline.end >= per.start);
    if (inPeriod.length > 0) tasks = inPeriod;
  }
  return ctx.list(tasks, u, `${agencyPhrase(agency.name)} chủ trì${u.period ? ` (thời hạn trong ${u.period.text})` : ""}`, maxList, pred);
}

function listByPeriod(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): ChatAnswer {
  const todayIso = today.toISOString().slice(0, 10);
  let tasks: Task[];
  let title: string;
  if (u.intent === "overdue") {
    tasks = kb.corpus.tasks.filter((t) => t.deadline.end && t.deadline.kind !== "recurring" && t.deadline.end < todayIso);
    const who = u.agencies.length ? ` của ${joinVi(u.agencies.map((a) => a.name))}` : "";
    title = `Theo thời hạn ghi trong văn bản, tính đến ngày ${today.getUTCDate()}/${today.getUTCMonth() + 1}/${today.getUTCFullYear()}, các nhiệm vụ${who} sau đã quá hạn (văn bản không cho biết nhiệm vụ đã hoàn thành hay chưa)`;
  } else {
    const per = u.period!;
    // Due in the period: the deadline's own window lies inside it ("2021 - 2025" is not due in tháng 12/2025).
    tasks = kb.corpus.tasks.filter((t) => t.deadline.start && t.deadline.end && t.deadline.kind !== "recurring" && t.deadline.start >= per.start && t.deadline.end <= per.end);
    const who = u.agencies.length ? ` của ${joinVi(u.agencies.map((a) => a.name))}` : "";
    title = `Các nhiệm vụ${who} có thời hạn trong ${per.text}`;
  }
  if (u.agencies.length) {
    const names = new Set(u.agencies.flatMap((a) => [a.name, ...predecessorsOf(a.id).map((x) => x.name)]));
    tasks = tasks.filter((t) => t.lead.some((l) => names.has(l)));
  }
  const hints = documentHints(p, u, kb.corpus.documents);
  const named = namedDocuments(hints);
  if (named) tasks = tasks.filter((t) => named.has(t.documentId));
  return ctx.list(tasks, u, title, maxList, []);
}

async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer): Promise<ChatAnswer>;
async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer, strict: number, score?: { value: number }): Promise<ChatAnswer | null>;
async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer, strict?: number, score?: { value: number }): Promise<ChatAnswer | null> {
  let u = u0;
  if (u.topic.length === 0) return strict ? null : ctx.notFound(u);
  const hints = documentHints(p, u, kb.corpus.documents);
  const maxHint = Math.max(0, ...hints.values());
  // A question naming its document ("Chương trình phát triển Chính phủ số …") is answered from that
  // document, and the words of its title no longer count as the topic.
  let topic = u.topic;
  const deep = await kb.index.search(u.query, 40);
  // A question asking for a fact (a date, a number, a role's holder) reads deeper: the passage that holds it is
  // often not among the few that share most words ("CHỦ TỊCH ỦY BAN …" heads a decision; its member list answers).
  const width = askedKinds(u).length ? KIND_POOL : PLAIN_POOL;
  let pool: Chunk[] = deep.slice(0, width).map((h) => p.chunks.get(h.id)).filter((c): c is Chunk => !!c);
  const named = namedDocuments(hints);
  if (named) {
    topic = withoutNaming(p, topic, named);
    // Search inside the named document itself, not only among global top hits: its best BM25 chunks for
    // the question (the whole document would cost a term-set per chunk, hundreds per question).
    const inside = await kb.index.search(u.query, NAMED_POOL, { documents: named });
    pool = inside.map((h) => p.chunks.get(h.id)).filter((c): c is Chunk => !!c);
  }
  u = { ...u, topic };
  // Years asked about ("đến năm 2030") must not be answered by a passage about other years only.
  const askedYears: string[] = u.query.match(/\b(19|20)\d{2}\b/g) ?? [];
  // "Ai chủ trì …?" answered by "Chủ trì, phối hợp với …" under "Điều 22. Sở Tài chính": the agency is read from
  // the heading; a passage is not refused for lacking it (the agency may be written in many ways).
  const kinds = askedKinds(u);
  const lookFor: AnswerKind[] = u.asks.has("lead") && !u.asks.has("coordinators") ? [...kinds, "who"] : kinds;
  const topicC = topicOf(p, u.topic);
  const cover = (x: string) => coverage(topicC, termSets(longForms(x), true));
  const cands = pool
    .map((c) => {
      const a = p.passage(c);
      const topic = topicC;
      // The sentence that carries the fact asked for and the question's words, with its cut end and the
      // lead-in or heading above it when the fact is there.
      const found = pickInWindow(p.neighbours, c, lookFor, cover);
      const pick = { ...found, missing: found.missing.filter((k) => k !== "who") };
      const bestS = pick.sentence;
      let bestCov = -1;
      for (const set of a.sentenceSets) bestCov = Math.max(bestCov, coverage(topic, set));
      const whole = coverage(topic, a.whole);
      const hint = maxHint > 0 && hints.get(c.documentId) === maxHint ? 0.1 : 0;
      // A section titled with the question's topic ("Mục tiêu" for "… có mục tiêu gì?") is the answer's home.
      // (Not for a role: "CHỦ TỊCH ỦY BAN …" heads a decision; the holder is in the member list.)
      const titled = c.text.length < 90 && !/[.;]$/.test(c.text) && bestCov >= 0.9 && !kinds.includes("holder") ? 0.15 : 0;
      // The years a passage is about: its own, else those of its nearest heading that has any ("1. Mục tiêu
      // cơ bản đến năm 2025" over "Kinh tế số chiếm 20% GDP").
      const years: string[] =
        c.text.match(/\b(19|20)\d{2}\b/g) ??
        c.context
          .split(" › ")
          .slice(1)
          .reverse()
          .map((h) => h.match(/\b(19|20)\d{2}\b/g))
          .find((m) => m) ??
        [];
      const yearClash = askedYears.length > 0 && years.length > 0 && !askedYears.some((y) => years.includes(y)) ? 0.2 : 0;
      const carried = kinds.length && !pick.missing.length ? PASSAGE_KIND_BONUS : 0;
      return { c, sentence: bestS, pick, score: 0.5 * whole + 0.5 * bestCov + hint + titled - yearClash + carried };
    })
    .sort((a, b) => b.score - a.score);
  // "… về X": a passage about another X is not an answer.
  const specific = specificWords(u);
  if (specific.length) {
    for (let i = cands.length - 1; i >= 0; i--) if (!holdsSpecific(p.passage(cands[i]!.c).whole, specific)) cands.splice(i, 1);
  }
  // A question about a law (a decree …) is answered only by a passage that names one.
  const instruments = instrumentsOf(u);
  if (instruments.length) {
    for (let i = cands.length - 1; i >= 0; i--) {
      const f = foldDiacritics(`${cands[i]!.c.text} ${cands[i]!.c.context}`).toLowerCase();
      if (!instruments.every((w) => f.includes(w))) cands.splice(i, 1);
    }
  }
  // "… bao nhiêu tỷ đồng?": a passage without a number (or without the unit asked for) does not answer it.
  if (asksQuantity(u)) {
    const unit = u.folded.match(/ty dong|trieu dong|nghin ty|phan tram|%|km|mbps|gbps/)?.[0];
    for (let i = cands.length - 1; i >= 0; i--) {
      const f = foldDiacritics(cands[i]!.sentence).toLowerCase();
      const ok = /\d/.test(f) && (!unit || f.includes(unit) || (unit === "phan tram" && f.includes("%")) || (unit === "%" && f.includes("phan tram")));
      if (!ok) cands.splice(i, 1);
    }
  }
  // The passage that holds the fact asked for goes first when it is nearly as close to the question.
  if (kinds.length && cands[0]?.pick.missing.length) {
    const holding = cands.findIndex((x) => !x.pick.missing.length && x.score >= cands[0]!.score - KIND_MARGIN);
    if (holding > 0) cands.unshift(...cands.splice(holding, 1));
  }
  const best = cands[0];
  if (score) score.value = best?.score ?? 0;
  // A passage that holds the fact asked for ("100% …" for "bao nhiêu phần trăm") needs only the plain threshold.
  const bar = best && kinds.length && !best.pick.missing.length ? Math.min(strict ?? PASSAGE_THRESHOLD, PASSAGE_THRESHOLD) : (strict ?? PASSAGE_THRESHOLD);
  if (!best || best.score < bar) return strict ? null : ctx.notFound(u);
  // A heading ("Mục tiêu chung") says nothing by itself: answer with the paragraph under it.
  const headingLike = (c: Chunk) => c.text.length < 90 && !/[.;]$/.test(c.text);
  if (headingLike(best.c)) {
    const [doc, num] = best.c.id.split(/:(?=\d+$)/);
    const next = p.chunks.get(`${doc}:${Number(num) + 1}`);
    if (next) best.sentence = `${best.c.text}: ${next.text}`;
  }
  // The gate: a passage that answers the topic but holds no fact of the kind asked ("trước ngày nào?", "bao
  // nhiêu phần trăm?") anywhere near it does not answer the question.
  if (best.pick.missing.length) return strict ? null : ctx.missingFact(u, { chunk: best.c, sentence: best.sentence }, best.pick.missing);
  const picked = [best];
  const second = cands.find((x) => x.c.documentId !== best.c.documentId && x.score >= best.score * 0.95 && !x.pick.missing.length);
  if (second) picked.push(second);
  return ctx.passages(picked.map((x) => ({ chunk: x.c, sentence: x.sentence, ...(x.pick.support ? { support: x.pick.support } : {}) })), u);
}

// ---------------------------------------------------------------------------------------------
// Writing answers

function agencyPhrase(name: string): string {
  const a: Agency | undefined = agencyByName(name);
  const s = a ? successorOf(a) : undefined;
  return s ? `${name} (nay là ${s.name})` : name;
}

/**
 * Who acts, for an answer: the registry's names ("(nay là …)" for reorganised ministries) when they account for
 * the whole cell; otherwise the cell as written, so that "các doanh nghiệp viễn thông di động" is neither
 * dropped nor turned into another group.
 */
function agencyList(names: string[], text: string, inSentence: boolean): string {
  const written = text.replace(/\s+/g, " ").trim().replace(/[.;,]$/, "");
  if (names.length && !(written && unrecognisedWords(written).length)) {
    const list = names.map(agencyPhrase);
    return joinVi(inSentence ? list.map(midSentence) : list);
  }
  const notes = names.flatMap((n) => {
    const a = agencyByName(n);
    const now = a ? successorOf(a) : undefined;
    return now ? [`${n} nay là ${now.name}`] : [];
  });
  const shown = inSentence ? midSentence(written) : written;
  return notes.length ? `${shown} (${notes.join("; ")})` : shown;
}

/** Group names start lower-case inside a sentence: "… và các bộ, ngành, địa phương". */
function midSentence(name: string): string {
  return /^Các /.test(name) ? "c" + name.slice(1) : name;
}

function joinVi(xs: string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} và ${xs.at(-1)}`;
}

function shortText(s: string, n = 160): string {
  const t = s.replace(/\s+/g, " ").trim().replace(/[.;:,]$/, "");
  return t.length <= n ? t : t.slice(0, n - 1).replace(/\s+\S*$/, "") + "…";
}

function docName(d: DocumentMeta): string {
  if (d.number) return `${d.type} ${d.number}`;
  return d.title;
}

interface PassageItem {
  chunk: Chunk;
  sentence: string;
  support?: { chunk: Chunk; sentence: string };
}

class Composer {
  private cites: Citation[] = [];
  constructor(private readonly p: Prepared) {}

  private cite(documentId: string, section: string, quote: string, lines: [number, number]): number {
    const found = this.cites.find((c) => c.documentId === documentId && c.section === section && c.quote === quote);
    if (found) return found.n;
    const d = this.p.docs.get(documentId)!;
    const n = this.cites.length + 1;
    this.cites.push({
      n,
      documentId,
      document: { number: d.number, title: d.title, issuedDate: d.issuedDate, status: d.status },
      section: section || "(phần mở đầu)",
      quote: shortText(quote, 1500),
      ...(STATUS_LABEL[d.status] ? { label: STATUS_LABEL[d.status] } : {}),
      lines,
    });
    return n;
  }

  private fact(t: Task, n: number): Fact {
    return {
      task: t.text,
      lead: t.lead,
      coordinators: t.coordinators,
      ...(t.result ? { result: t.result } : {}),
      ...(t.deadline.kind !== "none" ? { deadline: { text: t.deadline.text, ...(t.deadline.end ? { end: t.deadline.end } : {}), ...(t.deadline.start ? { start: t.deadline.start } : {}), kind: t.deadline.kind } } : {}),
      citation: n,
    };
  }

  private taskSentence(t: Task, n: number, u: Understanding): string {
    const lead = agencyList(t.lead, t.leadText, false);
    const parts: string[] = [];
    parts.push(`${lead || "Văn bản không nêu cơ quan chủ trì cho"} chủ trì nhiệm vụ “${shortText(t.text, 220)}”`);
    if (t.coordinators.length || t.coordinatorsText) {
      parts.push(`phối hợp với ${agencyList(t.coordinators, t.coordinatorsText, true)}`);
    } else if (u.asks.has("coordinators")) parts.push("văn bản không nêu cơ quan phối hợp");
    const rest: string[] = [];
    if (t.result) rest.push(`kết quả: ${shortText(t.result, 200).replace(/^./, (c) => c.toLowerCase())}`);
    else if (u.asks.has("output")) rest.push("văn bản không nêu kết quả/sản phẩm cụ thể");
    if (t.deadline.kind !== "none") rest.push(`thời hạn: ${formatDeadline(t.deadline)}`);
    else if (u.asks.has("deadline")) rest.push(this.deadlineFromPassage(t, u) ?? "văn bản không nêu thời hạn");
    return `${parts.join(", ")}${rest.length ? "; " + rest.join("; ") : ""} [${n}].`;
  }

  /**
   * A task record without a deadline, asked for one: read its passage, the rest of a cut sentence, the lead-in of
   * its list and its headings ("b) Các Bộ: … hoàn thành trong tháng 11 năm 2025, cụ thể:"), and quote what is there.
   */
  private deadlineFromPassage(t: Task, u: Understanding): string | null {
    const c = this.p.neighbours.at(t.documentId, t.lines[0]);
    if (!c) return null;
    const pick = pickInWindow(this.p.neighbours, c, timeKindsAsked(u), overlapWith(t.text));
    if (pick.missing.length) return null;
    const chunk = pick.support?.chunk ?? c;
    const n = this.cite(chunk.documentId, chunk.section, this.quoteOf(chunk, pick.support ? pick.support.sentence : pick.sentence), chunk.lines);
    return `thời hạn theo văn bản: “${shortText(pick.evidence.replace(/^[-+•]\s*/, ""), 260)}” [${n}]`;
  }

  private taskLine(t: Task, u: Understanding, bullet: boolean): { line: string; fact: Fact } {
    const n = this.cite(t.documentId, t.section, t.quote, t.lines);
    const d = this.p.docs.get(t.documentId)!;
    const src = `Theo ${docName(d)}${d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : ""}`;
    return { line: `${bullet ? "- " : ""}${src}: ${this.taskSentence(t, n, u)}`, fact: this.fact(t, n) };
  }

  tasks(primary: Task[], alternatives: Task[], u: Understanding): ChatAnswer {
    const out: string[] = [];
    const facts: Fact[] = [];
    const many = primary.length > 1;
    if (many) {
      const docs = primary.map((t) => this.p.docs.get(t.documentId)!);
      const finals = docs.filter((d) => d.status === "final");
      let head = `Nhiệm vụ này có trong ${primary.length} văn bản`;
      if (finals.length && finals.length < docs.length) head += `; văn bản chính thức là ${joinVi(finals.map(docName))}`;
      const leads = new Set(primary.map((t) => [...t.lead].sort().join(",")));
      const dls = new Set(primary.map((t) => t.deadline.end ?? t.deadline.text.toLowerCase()));
      const diff = [leads.size > 1 ? "cơ quan chủ trì" : "", dls.size > 1 ? "thời hạn" : ""].filter(Boolean);
      if (diff.length) head += `. Lưu ý: các văn bản ghi khác nhau về ${diff.join(" và ")}`;
      out.push(`${head}:`);
    } else if (alternatives.length) {
      out.push("Có nhiều nhiệm vụ khớp với câu hỏi:");
    }
    for (const t of primary) {
      const r = this.taskLine(t, u, many || alternatives.length > 0);
      out.push(r.line);
      facts.push(r.fact);
    }
    if (alternatives.length) {
      if (many) out.push("Các nhiệm vụ khác cũng khớp:");
      for (const t of alternatives) {
        const r = this.taskLine(t, u, true);
        out.push(r.line);
        facts.push(r.fact);
      }
    }
    return { answer: out.join("\n"), citations: this.cites, intent: u.intent, facts };
  }

  list(tasks: Task[], u: Understanding, title: string, max: number, inherited: Agency[]): ChatAnswer {
    if (tasks.length === 0) return this.notFound(u, `Không tìm thấy thông tin về nhiệm vụ nào phù hợp (${title.charAt(0).toLowerCase()}${title.slice(1)}) trong các văn bản hiện có`);
    const byDoc = new Map<string, Task[]>();
    for (const t of tasks) byDoc.set(t.documentId, [...(byDoc.get(t.documentId) ?? []), t]);
    // Final texts first, newest first; inside a document by deadline.
    const docIds = [...byDoc.keys()].sort((a, b) => {
      const da = this.p.docs.get(a)!;
      const db = this.p.docs.get(b)!;
      const fa = da.status === "final" ? 0 : 1;
      const fb = db.status === "final" ? 0 : 1;
      return fa - fb || (db.issuedDate ?? String(db.year ?? "")).localeCompare(da.issuedDate ?? String(da.year ?? ""));
    });
    const inheritedCount = inherited.length ? tasks.filter((t) => t.lead.some((l) => inherited.some((a) => a.name === l))).length : 0;
    const since = inherited[0]?.since?.split("-").reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join("/");
    const note = inheritedCount
      ? ` (trong đó ${inheritedCount} nhiệm vụ văn bản giao cho ${joinVi(inherited.map((a) => a.name))}, nay thuộc ${u.agencies[0]?.name}${since ? ` từ ${since}` : ""})`
      : "";
    const out: string[] = [`${title} — ${tasks.length} nhiệm vụ${note}:`];
    const facts: Fact[] = [];
    let shown = 0;
    for (const id of docIds) {
      const d = this.p.docs.get(id)!;
      const list = byDoc.get(id)!.sort((a, b) => (a.deadline.end ?? "9999").localeCompare(b.deadline.end ?? "9999"));
      if (shown >= max) break;
      out.push(`${docName(d)}${d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : ""}:`);
      for (const t of list) {
        if (shown >= max) break;
        const n = this.cite(t.documentId, t.section, t.quote, t.lines);
        facts.push(this.fact(t, n));
        const was = inherited.length && t.lead.some((l) => inherited.some((a) => a.name === l)) ? ` (giao cho ${joinVi(t.lead.filter((l) => inherited.some((a) => a.name === l)))}, nay thuộc ${u.agencies[0]?.name})` : "";
        out.push(`- ${shortText(t.text, listItemLength(tasks.length))}${was}${t.deadline.kind !== "none" ? ` — thời hạn: ${formatDeadline(t.deadline)}` : ""} [${n}]`);
        shown++;
      }
    }
    if (tasks.length > shown) out.push(`… và ${tasks.length - shown} nhiệm vụ khác (xem /api/tasks để lấy đầy đủ danh sách).`);
    return { answer: out.join("\n"), citations: this.cites, intent: u.intent, facts };
  }

  indicators(inds: Indicator[]): ChatAnswer {
    const lines = inds.map((i) => {
      const n = this.cite(i.documentId, i.section, i.quote, i.lines);
      const d = this.p.docs.get(i.documentId)!;
      const mon = i.monitor.length ? joinVi(i.monitor.map(agencyPhrase)) : i.monitorText;
      const label = d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : "";
      return `Theo ${docName(d)}${label}, chỉ tiêu “${shortText(i.name, 200)}”${i.period ? ` (${i.period.replace(/^./, (c) => c.toLowerCase())})` : ""}: ${i.target}${mon ? `; cơ quan chủ trì theo dõi, đánh giá: ${mon}` : ""} [${n}].`;
    });
    return { answer: lines.join("\n"), citations: this.cites, intent: "target", facts: [] };
  }

  passages(items: PassageItem[], u: Understanding): ChatAnswer {
    const lines = items.map(({ chunk, sentence, support }) => {
      const n = this.cite(chunk.documentId, chunk.section, this.quoteOf(chunk, sentence), chunk.lines);
      const d = this.p.docs.get(chunk.documentId)!;
      const label = d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : "";
      const main = `Theo ${docName(d)}${label}${chunk.section ? `, ${chunk.section}` : ""}: “${shortText(sentence.replace(/^[-+•]\s*/, ""), 480)}” [${n}]`;
      if (!support) return `${main}.`;
      const m = this.cite(support.chunk.documentId, support.chunk.section, support.chunk.text, support.chunk.lines);
      return `${main}; phần ${support.chunk.section || "mở đầu"} ghi: “${shortText(support.sentence, 300)}” [${m}].`;
    });
    return { answer: lines.join("\n"), citations: this.cites, intent: u.intent, facts: [] };
  }

  /** The quote of a passage: its text, with the end of a sentence cut across chunks when the answer uses it. */
  quoteOf(chunk: Chunk, sentence: string): string {
    const head = sentence.slice(0, 40);
    return chunk.text.includes(sentence) || !chunk.text.includes(head) ? chunk.text : `${chunk.text.slice(0, chunk.text.indexOf(head))}${sentence}`;
  }

  /** The passage closest to the question holds no fact of the kind asked: say so, and show what it says. */
  missingFact(u: Understanding, item: PassageItem, missing: AnswerKind[]): ChatAnswer {
    const { chunk, sentence } = item;
    const n = this.cite(chunk.documentId, chunk.section, chunk.text, chunk.lines);
    const d = this.p.docs.get(chunk.documentId)!;
    const what = joinVi([...new Set(missing.map((k) => KIND_LABEL[k]))]);
    const answer = `Không tìm thấy thông tin về ${what} cho nội dung này trong các văn bản hiện có. Đoạn gần nhất (${docName(d)}${chunk.section ? `, ${chunk.section}` : ""}) chỉ ghi: “${shortText(sentence.replace(/^[-+•]\s*/, ""), 300)}” [${n}].`;
    return { answer, citations: this.cites, intent: "unanswerable", facts: [] };
  }

  notFound(u: Understanding, why?: string): ChatAnswer {
    const answer = why
      ? `${why}.`
      : "Không tìm thấy thông tin về nội dung này trong các văn bản hiện có (các quyết định, kế hoạch về Chính phủ số và chuyển đổi số đã được nạp). Bạn có thể hỏi lại với tên nhiệm vụ, cơ quan hoặc văn bản cụ thể.";
    return { answer, citations: [], intent: why ? u.intent : "unanswerable", facts: [] };
  }
}

