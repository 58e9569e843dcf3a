// Answer layer (pure): find the tasks and indicators a question is about — coverage of its topic, bonuses for the
// agency and document it names, the answerability refusals — best first, with the near matches beside the best.

import type { Indicator, Task } from "../tasks/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { foldSyllable, TOPIC_BREAK } from "../text/tokenize.ts";
import { taskRefusal } from "./answerability.ts";
import { timed } from "./profile.ts";
import { namedDocuments, numberedDocuments, otherPlaces } from "./doc-refs.ts";
import { type Understanding } from "./understand.ts";
import { leadIsUnit } from "./units.ts";
import { AGENCY_LEADS, AGENCY_NAMED, ALTERNATIVE_SHARE, FINAL_TEXT_BONUS, HINT_EXCLUSIVE, HINT_EXCLUSIVE_LEAD, INDICATOR_NEAR_SHARE, INDICATOR_NO_TARGET_PENALTY, INDICATOR_PERCENT_PENALTY, INDICATOR_THRESHOLD, INDICATOR_YEAR_BONUS, MAX_TASKS_NAMED, MAX_TASK_BONUS, MIN_OWN_TOPIC, NEAR_SHARE, NO_LEAD_PENALTY, RARE_PAIR_CHUNKS, SAME_TASK_OVERLAP, SPECIFIC_NEAR_SHARE, SAME_TASK_PREFIX, TASK_CANDIDATES, TASK_FLOOR_SHARE, TASK_HINT_BONUS, TASK_HINT_PENALTY, TASK_MIN_COVERAGE, TASK_THRESHOLD } from "./tuning.ts";
import type { Knowledge, Prepared } from "./prepared.ts";
import { documentHints, topicOf } from "./prepared.ts";
import { instrumentsOf, specificWords, taskQuestion, namingDocuments, withoutNaming, withoutUnitWords } from "./constraints.ts";

/** The tasks that answer, the near matches, and the other statements of the answering task that were set aside. */
export interface TaskMatch {
  primary: Task[];
  alternatives: Task[];
  /** The same task stated again in its document (prose and appendix), less filled: read for disagreements. */
  restated: Task[];
  /** The best task's coverage of the question's words, before bonuses (0 when none). */
  coverage: number;
}

export function matchTasks(kb: Knowledge, p: Prepared, u: Understanding): TaskMatch {
  if (u.topic.length === 0) return { primary: [], alternatives: [], restated: [], coverage: 0 };
  const hints = documentHints(p, u, kb.corpus.documents);
  const maxHint = Math.max(0, ...hints.values());
  // A document the question names ("theo Công điện 220") is the only place its answer may come from.
  const named = numberedDocuments(u, kb.corpus.documents);
  // Nor from another province's text, when the question names its place.
  const elsewhere = otherPlaces(u, kb.corpus.documents);
  // Coverage of every task at once; a task whose coverage plus every bonus below stays under 90% of the
  // threshold can be neither the best nor an alternative to it, so only the rest is scored.
  // The units the question names are checked by the predicates, not scored as topic ("Sở KH&CN Ninh Bình"); nor
  // are the words naming the document ("Theo Chiến lược Chính phủ điện tử, …").
  const namedByHint = namedDocuments(hints);
  // A document the question describes unmistakably ("Thông báo kết luận của Phó Thủ tướng … với Đà Nẵng": most of its
  // title, far ahead of any other) is the only place too, as a number would make it.
  const second = [...hints.values()].sort((a, b) => b - a)[1] ?? 0;
  const described = namedByHint?.size === 1 && maxHint >= HINT_EXCLUSIVE && second <= maxHint * HINT_EXCLUSIVE_LEAD ? namedByHint : null;
  // Once the document is found, the phrase that named it is not the task's topic.
  const own = u.ownTopic.filter((w) => w !== TOPIC_BREAK).length >= MIN_OWN_TOPIC;
  // A phrase describing a document ("… trong kế hoạch hoạt động năm 2022 của Ủy ban …") is not the task's topic even
  // when it fits two documents alike: the hints weigh the documents, the rest of the question finds the task.
  // (Only when some document's title answers the phrase: "trong chương trình tuyên truyền …" may be the task itself.)
  const referenced = maxHint > 0 && u.ownTopic.length < u.topic.length;
  const unitless = withoutUnitWords(namedByHint || named || referenced ? { ...u, topic: own ? u.ownTopic : u.topic } : u);
  const topicWords = namedByHint ? withoutNaming(p, unitless, namedByHint) : unitless;
  const cov = p.tasks.scores(topicOf(p, topicWords));
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
  const aboutTitle = namingDocuments(p, specific, named);
  const question = taskQuestion(u);
  kb.corpus.tasks.forEach((t, i) => {
    let s = cov[i]!;
    if (s <= floor || s < TASK_MIN_COVERAGE) return;
    if ((named && !named.has(t.documentId)) || (!named && described && !described.has(t.documentId)) || elsewhere?.has(t.documentId)) return;
    if (timed("gate", () => taskRefusal(question, t, p.docs.get(t.documentId)?.issuer ?? ""))) return;
    if (namesInstrument && !namesInstrument[i]) return;
    if (holdsIt && !holdsIt[i] && !aboutTitle.has(t.documentId)) return;
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
    // (A lead written as a class of bodies — "Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư" — is a lead.)
    if (t.lead.length === 0 && !t.leadText.trim()) s -= NO_LEAD_PENALTY;
    if (s >= TASK_THRESHOLD * TASK_FLOOR_SHARE) scored.push({ t, s });
  });
  scored.sort((a, b) => b.s - a.s);
  const restated = preferRicherStatement(scored);
  const near = timed("gate", () => nearMatches(p, scored, cov, rarestPair(p, topicWords)));
  return { ...near, restated, coverage: near.primary.length ? cov[p.taskIndex.get(near.primary[0]!.id)!]! : 0 };
}

/**
 * The question's most specific pair of words: the adjacent pair of its topic the fewest chunks hold ("phát thanh" of
 * "Nền tảng phát thanh số (nền tảng số quốc gia) … điều phối phát triển?"), when few do; folded, "phat_thanh".
 */
function rarestPair(p: Prepared, topic: string[]): string | undefined {
  let best: { pair: string; df: number } | undefined;
  for (let i = 0; i + 1 < topic.length; i++) {
    if (topic[i] === TOPIC_BREAK || topic[i + 1] === TOPIC_BREAK) continue;
    const pair = `${foldSyllable(topic[i]!)}_${foldSyllable(topic[i + 1]!)}`;
    const df = p.stats.df(pair);
    if (df > 0 && df <= RARE_PAIR_CHUNKS && (!best || df < best.df)) best = { pair, df };
  }
  return best?.pair;
}

/**
 * The best task, the same task in other documents (a plan and its news summary, a draft and the final text), and
 * other tasks that match about as well (a clarifying turn rather than a silent pick). `rare`: the question's most
 * specific pair of words — a task that holds it, scoring near the best that does not, is a near match too (a clarifying
 * turn, not the generic task: "Điều phối phát triển … các nền tảng số" for a question about "Nền tảng phát thanh số").
 */
export function nearMatches(p: Prepared, scored: { t: Task; s: number }[], cov: ArrayLike<number>, rare?: string): { primary: Task[]; alternatives: Task[] } {
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
  if (rare && primary.length === 1 && !bt.bi.has(rare) && alternatives.length < MAX_TASKS_NAMED - 1) {
    const holder = scored.slice(1, TASK_CANDIDATES).find(({ t, s }) => s >= best.s * SPECIFIC_NEAR_SHARE && !alternatives.includes(t) && p.tasks.sets(p.taskIndex.get(t.id)!).bi.has(rare));
    if (holder) alternatives.unshift(holder.t);
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
function preferRicherStatement(scored: { t: Task; s: number }[]): Task[] {
  const best = scored[0];
  if (!best) return [];
  const head = (t: Task) => foldDiacritics(t.text).toLowerCase().replace(/[^a-z0-9 ]/g, "").slice(0, SAME_TASK_PREFIX);
  const filled = (t: Task) => (t.deadline.kind !== "none" ? 2 : 0) + (t.coordinators.length ? 1 : 0) + (t.result ? 1 : 0);
  const same = scored.filter((x) => x.t.documentId === best.t.documentId && head(x.t) === head(best.t));
  if (same.length < 2) return [];
  const richest = same.reduce((a, b) => (filled(b.t) > filled(a.t) ? b : a));
  for (const x of same) if (x !== richest) scored.splice(scored.indexOf(x), 1);
  scored.splice(scored.indexOf(richest), 1);
  scored.unshift({ t: richest.t, s: Math.max(richest.s, best.s) });
  return same.filter((x) => x !== richest).map((x) => x.t);
}

export function bestIndicators(kb: Knowledge, p: Prepared, u: Understanding): { items: Indicator[]; score: number } {
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

