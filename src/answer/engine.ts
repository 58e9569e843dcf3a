// Answer layer (pure): plan and find — question → understanding (understand.ts) → task registry / indicators /
// hybrid passages, each candidate checked by the predicates (answerability.ts, answer-type.ts, passage-window.ts)
// → compose.ts. Says "Không tìm thấy thông tin" when the documents do not cover the question or its fact.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import type { ChunkIndex } from "../retrieval/types.ts";
import { type Agency, predecessorsOf, successorOf } from "../tasks/agencies.ts";
import type { CorpusData } from "../tasks/corpus.ts";
import { selectTasks, type TaskFilter, taskIndexOf } from "../tasks/select.ts";
import type { Indicator, Task } from "../tasks/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { accentedKey, foldSyllable, syllables, TOPIC_BREAK, topicTerms } from "../text/tokenize.ts";
import { compileTopic, CoverageIndex, coverage, type TermSets, type TermStats, termSets } from "./coverage.ts";
import type { AnswerFn, ChatAnswer, ChatInput } from "./types.ts";
import { type AnswerKind, askedKinds, asksRole, timeKindsAsked } from "./answer-type.ts";
import { agencyPhrase, Composer, joinVi } from "./compose.ts";
import { countsTasks, type TaskQuestion, taskRefusal } from "./answerability.ts";
import { Neighbourhood, overlapWith, pickInWindow } from "./passage-window.ts";
import { documentHints as namedHints, namedDocuments, numberedDocuments, titlePairsOf } from "./doc-refs.ts";
import { longForms, type Understanding, understand, withoutDocumentReferences } from "./understand.ts";
import { expandUnitAbbreviations, leadIsUnit, sectionReference } from "./units.ts";
import {
  AGENCY_LEADS,
  CLARIFY_MAX,
  AGENCY_NAMED,
  ALTERNATIVE_SHARE,
  FINAL_TEXT_BONUS,
  HEADING_CHARS,
  INDICATOR_NEAR_SHARE,
  INDICATOR_NO_TARGET_PENALTY,
  INDICATOR_OVER_PASSAGE,
  INDICATOR_PERCENT_PENALTY,
  INDICATOR_THRESHOLD,
  INDICATOR_YEAR_BONUS,
  KIND_MARGIN,
  KIND_POOL,
  LIST_NARROW,
  MAX_LIST_ITEMS,
  MAX_TASKS_NAMED,
  MAX_TASK_BONUS,
  MIN_OWN_TOPIC,
  NAMED_POOL,
  NEAR_SHARE,
  NO_LEAD_PENALTY,
  PASSAGE_CACHE,
  PASSAGE_HINT_BONUS,
  PASSAGE_KIND_BONUS,
  PASSAGE_OVER_TASK,
  PASSAGE_THRESHOLD,
  PLAIN_POOL,
  SAME_TASK_OVERLAP,
  SAME_TASK_PREFIX,
  SECOND_PASSAGE_SHARE,
  SENTENCE_WEIGHT,
  TARGET_PASSAGE_THRESHOLD,
  TASK_CANDIDATES,
  TASK_FLOOR_SHARE,
  TASK_HINT_BONUS,
  TASK_HINT_PENALTY,
  TASK_THRESHOLD,
  TITLE_BONUS,
  TITLE_COVERAGE,
  WHOLE_WEIGHT,
  YEAR_CLASH_PENALTY,
} from "./tuning.ts";
import { chooseTask, pendingClarification } from "./clarify.ts";
import { ENGLISH_NOT_FOUND, ENGLISH_NOTE, englishToVietnamese, isCitizenProcedure, isEnglish, OUT_OF_SCOPE_ANSWER } from "./scope.ts";

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
  const maxList = opts.maxListItems ?? MAX_LIST_ITEMS;

  // What the assistant is for comes first: a citizen's own procedure is pointed elsewhere; an English question is
  // read in Vietnamese words and answered in Vietnamese with a note saying how it was read.
  const fn = async (input: ChatInput): Promise<ChatAnswer> => {
    if (isCitizenProcedure(input.message)) return { answer: OUT_OF_SCOPE_ANSWER, citations: [], intent: "unanswerable", facts: [] };
    if (isEnglish(input.message)) {
      const vi = englishToVietnamese(input.message);
      if (!vi) return { answer: ENGLISH_NOT_FOUND, citations: [], intent: "unanswerable", facts: [] };
      const a = await answerVi({ ...input, message: vi });
      return { ...a, answer: `${ENGLISH_NOTE(vi)}\n${a.answer}` };
    }
    return answerVi(input);
  };
  const answerVi = async (input: ChatInput): Promise<ChatAnswer> => {
    const p = warm();
    const kb = onceSearched(kb0);
    const ctx = new Composer(p);
    const chosen = answerChoice(kb, p, input, ctx, now());
    if (chosen) return chosen;
    const u = understand(input.message, input.history ?? [], now());
    return (await listOrTarget(kb, p, u, ctx, maxList, now())) ?? taskOrPassage(kb, p, u, ctx);
  };
  return Object.assign(fn, { warm: () => void warm() });
}

/** The plan of list and figure questions: an agency's or a unit's tasks, tasks due or overdue, indicators; null for the rest. */
async function listOrTarget(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): Promise<ChatAnswer | null> {
  switch (u.intent) {
    case "tasks_by_agency": {
      // A unit as written ("Sở Tài chính Hà Nội") first: the registry may map it to another body.
      const byUnit = listByUnit(kb, p, u, ctx, maxList);
      if (byUnit) return byUnit;
      return u.agencies.length ? listByAgency(kb, p, u, ctx, maxList, today) : null;
    }
    case "tasks_due":
    case "overdue":
      return listByPeriod(kb, p, u, ctx, maxList, today);
    case "target": {
      // Indicator tables and targets in prose ("Số lượng doanh nghiệp … đạt 81.400 doanh nghiệp") both
      // compete; the better-covered one answers, tables winning ties. Then tasks.
      const ind = bestIndicators(kb, p, u);
      const passScore = { value: 0 };
      const pass = await passages(kb, p, u, new Composer(p), TARGET_PASSAGE_THRESHOLD, passScore);
      if (ind.items.length && (!pass || ind.score >= passScore.value - INDICATOR_OVER_PASSAGE)) return ctx.indicators(ind.items);
      if (pass) return pass;
      // A quantity asked for ("bao nhiêu tỷ đồng") is not in a task's wording: say it is not found.
      return asksQuantity(u) ? ctx.notFound(u) : null;
    }
    default:
      return null;
  }
}

/** A task that answers the question (or its near matches), else a passage, else "Không tìm thấy". */
async function taskOrPassage(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer): Promise<ChatAnswer> {
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
}

/**
 * A reply to a clarifying turn ("cái thứ hai", "nhiệm vụ của Bộ Công an"): the earlier question is matched again
 * (the same corpus lists the same candidates in the same order) and answered with the task the reply picks.
 */
function answerChoice(kb: Knowledge, p: Prepared, input: ChatInput, ctx: Composer, today: Date): ChatAnswer | null {
  const pending = pendingClarification(input.history ?? []);
  if (!pending) return null;
  const u = understand(pending.question, pending.before, today);
  const m = matchTasks(kb, p, u);
  if (m.primary.length !== 1 || !m.alternatives.length) return null;
  const reply = understand(input.message, [], today);
  const agencies = reply.agencies.flatMap((a) => [a, ...predecessorsOf(a.id)]);
  const docs = numberedDocuments(reply, kb.corpus.documents) ?? namedDocuments(documentHints(p, reply, kb.corpus.documents));
  const t = chooseTask(input.message, [...m.primary, ...m.alternatives].slice(0, CLARIFY_MAX), agencies, docs);
  return t ? ctx.tasks([t], [], u) : null;
}

// ---------------------------------------------------------------------------------------------
// Finding things


/** Does a task's passage (with its cut end, lead-in and headings) hold the deadline kind asked? */
function deadlineInPassage(p: Prepared, t: Task, u: Understanding): boolean {
  const c = p.neighbours.at(t.documentId, t.lines[0]);
  if (!c) return false;
  return pickInWindow(p.neighbours, c, timeKindsAsked(u), overlapWith(t.text)).missing.length === 0;
}



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
/** Kinds of fact that are figures of one body: read only where that body is named. */
const FIGURE_KINDS: AnswerKind[] = ["percent", "number", "points", "money"];

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
  const floor = TASK_THRESHOLD * TASK_FLOOR_SHARE - MAX_TASK_BONUS;
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
    if (maxHint > 0) s += h === maxHint ? TASK_HINT_BONUS : -TASK_HINT_PENALTY;
    const d = p.docs.get(t.documentId);
    if (d?.status === "final") s += FINAL_TEXT_BONUS;
    if (t.lead.length === 0) s -= NO_LEAD_PENALTY;
    if (s >= TASK_THRESHOLD * TASK_FLOOR_SHARE) scored.push({ t, s });
  });
  scored.sort((a, b) => b.s - a.s);
  preferRicherStatement(scored);
  return nearMatches(p, scored, cov);
}

/**
 * The best task, the same task in other documents (a plan and its news summary, a draft and the final text), and
 * other tasks that match about as well (a clarifying turn rather than a silent pick).
 */
function nearMatches(p: Prepared, scored: { t: Task; s: number }[], cov: ArrayLike<number>): { primary: Task[]; alternatives: Task[] } {
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
  for (const { t, s } of scored.slice(1, TASK_CANDIDATES)) {
    if (primary.length + alternatives.length >= MAX_TASKS_NAMED) break;
    const c = cov[p.taskIndex.get(t.id)!]!;
    if (s < best.s * NEAR_SHARE && c < bestCov * NEAR_SHARE) continue;
    const tt = p.tasks.sets(p.taskIndex.get(t.id)!);
    // Same task in another document only if most of *both* texts' word pairs are shared.
    const overlap = [...bt.bi].filter((b) => tt.bi.has(b)).length / Math.max(1, Math.max(bt.bi.size, tt.bi.size));
    const otherDoc = !primary.some((x) => x.documentId === t.documentId);
    if (otherDoc && overlap > SAME_TASK_OVERLAP && c >= bestCov * NEAR_SHARE) primary.push(t);
    else if (s >= best.s * ALTERNATIVE_SHARE) alternatives.push(t);
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
    if (yrs.length && yrs.some((y) => f.includes(y))) s += INDICATOR_YEAR_BONUS;
    if (!i.target) s -= INDICATOR_NO_TARGET_PENALTY;
    // "Có bao nhiêu dịch vụ …" asks for a count, not a percentage.
    if (/%/.test(i.unit) && !/ti le|ty le|phan tram|%/.test(f)) s -= INDICATOR_PERCENT_PENALTY;
    return { i, s };
  });
  scored.sort((a, b) => b.s - a.s);
  const best = scored[0];
  if (!best || best.s < INDICATOR_THRESHOLD) return { items: [], score: 0 };
  return { items: scored.filter((x) => x.s >= best.s * INDICATOR_NEAR_SHARE).slice(0, 2).map((x) => x.i), score: best.s };
}

/** Tasks whose lead, as written, is a unit the question names (in the document it names, if any); null when none. */
function listByUnit(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number): ChatAnswer | null {
  if (!u.units.length) return null;
  const named = numberedDocuments(u, kb.corpus.documents) ?? namedDocuments(documentHints(p, u, kb.corpus.documents));
  // "Sở X phối hợp làm việc gì?" asks for the tasks it coordinates.
  const role = /phoi hop (?!voi)/.test(u.folded) && !/chu tri/.test(u.folded) ? "phối hợp" : "chủ trì";
  for (const unit of u.units) {
    const holds = (t: Task) => (role === "phối hợp" ? t.coordinators : t.lead).some((l) => leadIsUnit(l, unit));
    let tasks = kb.corpus.tasks.filter((t) => (!named || named.has(t.documentId)) && holds(t));
    if (!tasks.length) continue;
    const unitWords = new Set(syllables(unit).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
    tasks = narrowBySection(p, u, narrowByTopic(p, u, tasks, unitWords));
    // The unit as the documents write it ("Công an tỉnh" for "Công an tỉnh Ninh Bình").
    const written = mostCommon(tasks.flatMap((t) => [...t.lead, ...t.coordinators].filter((l) => leadIsUnit(l, unit))));
    return ctx.list(tasks, u, `${written ?? unit} ${role}`, maxList, []);
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

/**
 * The /api/tasks filter a list question stands for: its one agency (with its predecessors, as the chat has always
 * counted them), the one document it names, its period (a deadline ending in it) or "quá hạn". Several agencies or
 * documents are applied afterwards (the API takes one of each).
 */
function listFilter(u: Understanding, named: Set<string> | null, period: Understanding["period"], overdue: boolean): TaskFilter {
  const f: TaskFilter = { includePredecessors: true };
  if (u.agencies.length === 1) f.agency = u.agencies[0]!.name;
  if (named?.size === 1) f.document = [...named][0]!;
  if (overdue) f.status = "overdue";
  else if (period) Object.assign(f, { dueFrom: period.start, dueTo: period.end });
  return f;
}

/** The tasks a list question selects: the shared selection, then the agencies and documents it could not take. */
function selected(kb: Knowledge, u: Understanding, named: Set<string> | null, f: TaskFilter, today: Date): Task[] {
  let tasks = selectTasks(taskIndexOf(kb.corpus.tasks), f, today.toISOString().slice(0, 10));
  if (u.agencies.length > 1) {
    const names = new Set(u.agencies.flatMap((a) => [a.name, ...predecessorsOf(a.id).map((x) => x.name)]));
    tasks = tasks.filter((t) => t.lead.some((l) => names.has(l)));
  }
  if (named && named.size > 1) tasks = tasks.filter((t) => named.has(t.documentId));
  return tasks;
}

/** "trong quý I/2026", "trước ngày 30/6/2027": how a list's title names its period. */
const periodPhrase = (text: string) => (/^(trước|từ)\s/u.test(text) ? text : `trong ${text}`);

function listByAgency(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): ChatAnswer {
  const agency = u.agencies[0]!;
  const pred = predecessorsOf(agency.id);
  const named = namedDocuments(documentHints(p, u, kb.corpus.documents));
  const only = { ...u, agencies: [agency] };
  // "… nhiệm vụ gì năm 2022?": a period narrows the list to tasks due in it (when it holds any).
  let period = u.period;
  let tasks = selected(kb, only, named, listFilter(only, named, period, false), today);
  if (period && tasks.length === 0) {
    period = null;
    tasks = selected(kb, only, named, listFilter(only, named, null, false), today);
  }
  const agencyWords = new Set([agency.name, ...agency.aliases].flatMap((n) => syllables(n)).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
  const narrowed = narrowByTopic(p, u, tasks, agencyWords);
  const title = `${agencyPhrase(agency.name)} chủ trì${period ? ` (thời hạn ${periodPhrase(period.text)})` : ""}`;
  return ctx.list(narrowed, u, title, maxList, pred, u.counts && narrowed.length === tasks.length);
}

function listByPeriod(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): ChatAnswer {
  const overdue = u.intent === "overdue";
  const named = namedDocuments(documentHints(p, u, kb.corpus.documents));
  const tasks = selected(kb, u, named, listFilter(u, named, u.period, overdue), today);
  const who = u.agencies.length ? ` của ${joinVi(u.agencies.map((a) => a.name))}` : "";
  const title = overdue
    ? `Theo thời hạn ghi trong văn bản, tính đến ngày ${today.getUTCDate()}/${today.getUTCMonth() + 1}/${today.getUTCFullYear()}, các nhiệm vụ${who} sau đã quá hạn (văn bản không cho biết nhiệm vụ đã hoàn thành hay chưa)`
    : `Các nhiệm vụ${who} có thời hạn ${periodPhrase(u.period!.text)}`;
  return ctx.list(tasks, u, title, maxList, [], u.counts);
}

/** A passage scored for a question: the sentence picked in its window, and what of the fact asked it lacks. */
interface PassageCandidate {
  c: Chunk;
  sentence: string;
  pick: ReturnType<typeof pickInWindow>;
  score: number;
}

/**
 * The passages a question is read against, and its topic: a question naming its document ("Chương trình phát triển
 * Chính phủ số …") is answered from that document, and the words of its title no longer count as the topic.
 */
async function passagePool(kb: Knowledge, p: Prepared, u: Understanding, hints: Map<string, number>): Promise<{ pool: Chunk[]; topic: string[] }> {
  const deep = await kb.index.search(u.query, KIND_POOL);
  // A question asking for a fact (a date, a number, a role's holder) reads deeper: the passage that holds it is
  // often not among the few that share most words ("CHỦ TỊCH ỦY BAN …" heads a decision; its member list answers).
  const width = askedKinds(u).length ? KIND_POOL : PLAIN_POOL;
  const chunksOf = (hits: { id: string }[]) => hits.map((h) => p.chunks.get(h.id)).filter((c): c is Chunk => !!c);
  const named = namedDocuments(hints);
  if (!named) return { pool: chunksOf(deep.slice(0, width)), topic: u.topic };
  // Search inside the named document itself, not only among global top hits: its best BM25 chunks for the question
  // (the whole document would cost a term-set per chunk, hundreds per question).
  const inside = await kb.index.search(u.query, NAMED_POOL, { documents: named });
  return { pool: chunksOf(inside), topic: withoutNaming(p, u.topic, named) };
}

/** The years a passage is about: its own, else those of its nearest heading that has any ("1. Mục tiêu cơ bản đến năm 2025"). */
function passageYears(c: Chunk): string[] {
  return (
    c.text.match(/\b(19|20)\d{2}\b/g) ??
    c.context
      .split(" › ")
      .slice(1)
      .reverse()
      .map((h) => h.match(/\b(19|20)\d{2}\b/g))
      .find((m) => m) ??
    []
  );
}

/** Score every passage of the pool for the question, best first. */
function scorePassages(p: Prepared, u: Understanding, pool: Chunk[], hints: Map<string, number>): PassageCandidate[] {
  const maxHint = Math.max(0, ...hints.values());
  // Years asked about ("đến năm 2030") must not be answered by a passage about other years only.
  const askedYears: string[] = u.query.match(/\b(19|20)\d{2}\b/g) ?? [];
  // "Ai chủ trì …?" answered by "Chủ trì, phối hợp với …" under "Điều 22. Sở Tài chính": the agency is read from
  // the heading; a passage is not refused for lacking it (the agency may be written in many ways).
  const kinds = askedKinds(u);
  const lookFor: AnswerKind[] = u.asks.has("lead") && !u.asks.has("coordinators") ? [...kinds, "who"] : kinds;
  const topic = topicOf(p, u.topic);
  const cover = (x: string) => coverage(topic, termSets(longForms(x), true));
  return pool
    .map((c) => {
      const a = p.passage(c);
      // The sentence that carries the fact asked for and the question's words, with its cut end and the
      // lead-in or heading above it when the fact is there.
      const found = pickInWindow(p.neighbours, c, lookFor, cover);
      const pick = { ...found, missing: found.missing.filter((k) => k !== "who") };
      let bestCov = -1;
      for (const set of a.sentenceSets) bestCov = Math.max(bestCov, coverage(topic, set));
      const whole = coverage(topic, a.whole);
      const hint = maxHint > 0 && hints.get(c.documentId) === maxHint ? PASSAGE_HINT_BONUS : 0;
      // A section titled with the question's topic ("Mục tiêu" for "… có mục tiêu gì?") is the answer's home.
      // (Not for a role: "CHỦ TỊCH ỦY BAN …" heads a decision; the holder is in the member list.)
      const titled = c.text.length < HEADING_CHARS && !/[.;]$/.test(c.text) && bestCov >= TITLE_COVERAGE && !kinds.includes("holder") ? TITLE_BONUS : 0;
      const years = passageYears(c);
      const yearClash = askedYears.length > 0 && years.length > 0 && !askedYears.some((y) => years.includes(y)) ? YEAR_CLASH_PENALTY : 0;
      const carried = kinds.length && !pick.missing.length ? PASSAGE_KIND_BONUS : 0;
      return { c, sentence: pick.sentence, pick, score: WHOLE_WEIGHT * whole + SENTENCE_WEIGHT * bestCov + hint + titled - yearClash + carried };
    })
    .sort((a, b) => b.score - a.score);
}

/** Passages that match the topic but cannot answer: another "về X", no law named, another body's figure, no number. */
function answerablePassages(p: Prepared, u: Understanding, cands: PassageCandidate[]): PassageCandidate[] {
  const k = (x: string) => foldDiacritics(x).toLowerCase();
  // "… về X": a passage about another X is not an answer.
  const specific = specificWords(u);
  // A question about a law (a decree …) is answered only by a passage that names one.
  const instruments = instrumentsOf(u);
  // A figure asked of an agency ("NHNN đạt tỷ lệ bao nhiêu %?") must be read where that agency is named (the
  // passage, its headings, the lead-in read with it): another body's figure is not the answer.
  const actors = askedKinds(u).some((x) => FIGURE_KINDS.includes(x)) ? taskQuestion(u).agencies : [];
  // "… bao nhiêu tỷ đồng?": a passage without a number (or without the unit asked for) does not answer it.
  const quantity = asksQuantity(u);
  const unit = u.folded.match(/ty dong|trieu dong|nghin ty|phan tram|%|km|mbps|gbps/)?.[0];
  return cands.filter((x) => {
    if (specific.length && !holdsSpecific(p.passage(x.c).whole, specific)) return false;
    if (instruments.length && !instruments.every((w) => k(`${x.c.text} ${x.c.context}`).includes(w))) return false;
    if (actors.length) {
      const seen = k(`${x.c.text} ${x.c.context} ${x.sentence} ${x.pick.support?.sentence ?? ""}`);
      if (!actors.every((names) => names.some((n) => seen.includes(k(n))))) return false;
    }
    if (quantity) {
      const f = k(x.sentence);
      return /\d/.test(f) && (!unit || f.includes(unit) || (unit === "phan tram" && f.includes("%")) || (unit === "%" && f.includes("phan tram")));
    }
    return true;
  });
}

async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer): Promise<ChatAnswer>;
async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer, strict: number, score?: { value: number }): Promise<ChatAnswer | null>;
async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer, strict?: number, score?: { value: number }): Promise<ChatAnswer | null> {
  if (u0.topic.length === 0) return strict ? null : ctx.notFound(u0);
  const hints = documentHints(p, u0, kb.corpus.documents);
  const { pool, topic } = await passagePool(kb, p, u0, hints);
  const u = { ...u0, topic };
  const kinds = askedKinds(u);
  const cands = answerablePassages(p, u, scorePassages(p, u, pool, hints));
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
  if (best.c.text.length < HEADING_CHARS && !/[.;]$/.test(best.c.text)) {
    const [doc, num] = best.c.id.split(/:(?=\d+$)/);
    const next = p.chunks.get(`${doc}:${Number(num) + 1}`);
    if (next) best.sentence = `${best.c.text}: ${next.text}`;
  }
  // The gate: a passage that answers the topic but holds no fact of the kind asked ("trước ngày nào?", "bao
  // nhiêu phần trăm?") anywhere near it does not answer the question.
  if (best.pick.missing.length) return strict ? null : ctx.missingFact(u, { chunk: best.c, sentence: best.sentence }, best.pick.missing);
  const picked = [best];
  const second = cands.find((x) => x.c.documentId !== best.c.documentId && x.score >= best.score * SECOND_PASSAGE_SHARE && !x.pick.missing.length);
  if (second) picked.push(second);
  return ctx.passages(picked.map((x) => ({ chunk: x.c, sentence: x.sentence, ...(x.pick.support ? { support: x.pick.support } : {}) })), u);
}
