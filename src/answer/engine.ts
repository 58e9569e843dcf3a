// Answer layer (pure): plan — scope (scope.ts) → a reply to a clarifying turn (clarify.ts) → understanding
// (understand.ts) → by intent: lists (lists.ts), indicators and tasks (find-tasks.ts), passages (passages.ts), each
// checked by the predicates (constraints.ts, answerability.ts) → compose.ts. "Không tìm thấy thông tin" otherwise.

import type { Task } from "../tasks/types.ts";
import { predecessorsOf } from "../tasks/agencies.ts";
import type { AnswerFn, ChatAnswer, ChatInput } from "./types.ts";
import { askedKinds, asksRole, carriesAll } from "./answer-type.ts";
import { Composer } from "./compose.ts";
import { namedDocuments, numberedDocuments } from "./doc-refs.ts";
import { type Understanding, understand } from "./understand.ts";
import { CLARIFY_MAX, INDICATOR_OVER_PASSAGE, MAX_LIST_ITEMS, PASSAGE_OVER_TASK, PASSAGE_OVER_TASK_MARGIN, PASSAGE_OVER_WEAK_TASK, TARGET_PASSAGE_THRESHOLD, WEAK_TASK_COVERAGE } from "./tuning.ts";
import { chooseTask, pendingClarification } from "./clarify.ts";
import { isCitizenProcedure, OUT_OF_SCOPE_ANSWER } from "./scope.ts";
import { ENGLISH_NOT_FOUND, ENGLISH_NOTE, englishToVietnamese, isEnglish } from "./english.ts";
import { corpusReading, documentHints, type Knowledge, onceSearched, type Prepared, prepare } from "./prepared.ts";
import { listByAgency, listByPeriod, listByUnit, listIndicators, withWrittenLead } from "./lists.ts";
import { bestIndicators, matchTasks } from "./find-tasks.ts";
import { passages } from "./passages.ts";
import { asksQuantity, deadlineInPassage, FIGURE_KINDS } from "./constraints.ts";
import { timed, timedMethods } from "./profile.ts";
import { answered, joinAnswers, questionParts } from "./compound.ts";
import { conflictsOf, yearOf } from "./conflicts.ts";
import { asksStatus } from "./status.ts";
import { asksIssueDate, issueDateChunk } from "./issued.ts";

export type { Knowledge } from "./prepared.ts";

export interface AnswerOptions {
  /** "Today" for overdue/upcoming questions; injectable for tests. */
  now?: () => Date;
  maxListItems?: number;
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
    return answerCompound(input);
  };
  // A question asking two facts is answered part by part when each part is answered; else as a whole.
  const answerCompound = async (input: ChatInput): Promise<ChatAnswer> => {
    const parts = questionParts(input.message);
    if (parts.length) {
      const answers = await Promise.all(parts.map((message) => answerVi({ ...input, message })));
      if (answers.every(answered)) return joinAnswers(answers);
      // Read whole, it may answer; else the parts that are answered are, and the others say so by name.
      const whole = await answerVi(input);
      if (answered(whole) || !answers.some(answered)) return whole;
      return joinAnswers(answers.map((a, i) => (answered(a) ? a : { ...a, answer: `Về câu hỏi “${parts[i]!.trim()}”: ${a.answer}` })));
    }
    return answerVi(input);
  };
  const answerVi = async (input: ChatInput): Promise<ChatAnswer> => {
    const p = warm();
    const kb = onceSearched(kb0);
    // Profiled by stage (profile.ts, off unless the bench installs a clock): what is not understanding, the gate's
    // predicates or composition is finding.
    const ctx = timedMethods(new Composer(p), "compose");
    const chosen = answerChoice(kb, p, input, ctx, now());
    if (chosen) return chosen;
    // ("so tai chinh …" typed without diacritics names "Sở Tài chính" as the texts write it.)
    const u = timed("understand", () => understand(input.message, input.history ?? [], now(), corpusReading(p)));
    // "Quyết định 2629 ban hành ngày nào?": the one document named, from its header.
    const named = asksIssueDate(u.folded) ? numberedDocuments(u, kb.corpus.documents) : null;
    if (named?.size === 1) {
      const d = p.docs.get([...named][0]!)!;
      return ctx.issued(d, issueDateChunk(d, kb.corpus.chunks), u);
    }
    const w = withWrittenLead(p, u);
    return (await listOrTarget(kb, p, w, ctx, maxList, now())) ?? taskOrPassage(kb, p, u, ctx, now());
  };
  return Object.assign(fn, { warm: () => void warm() });
}

/** The plan of list and figure questions: an agency's or a unit's tasks, tasks due or overdue, indicators; null for the rest. */
async function listOrTarget(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): Promise<ChatAnswer | null> {
  switch (u.intent) {
    case "tasks_by_agency": {
      // "… chủ trì những chỉ tiêu nào?": the indicators it holds, when it holds any.
      const inds = listIndicators(kb, p, u, ctx, maxList);
      if (inds) return inds;
      // A unit as written ("Sở Tài chính Hà Nội") first: the registry may map it to another body.
      const byUnit = listByUnit(kb, p, u, ctx, maxList);
      if (byUnit) return byUnit;
      return u.agencies.length ? listByAgency(kb, p, u, ctx, maxList, today) : null;
    }
    case "tasks_due":
    case "overdue":
      return listByPeriod(kb, p, u, ctx, maxList, today);
    case "target": {
      // "… tối thiểu bao nhiêu phần trăm …, bộ nào chủ trì?": a task whose own text holds the figure asked answers
      // both parts (its lead is a field of its record; a passage would give the figure alone).
      if (u.asks.has("lead") && figureTask(kb, p, u)) return null;
      // Indicator tables and targets in prose ("Số lượng doanh nghiệp … đạt 81.400 doanh nghiệp") both
      // compete; the better-covered one answers, tables winning ties. Then tasks.
      const ind = bestIndicators(kb, p, u);
      const passScore = { value: 0 };
      const pass = await passages(kb, p, u, timedMethods(new Composer(p), "compose"), TARGET_PASSAGE_THRESHOLD, passScore);
      if (ind.items.length && (!pass || ind.score >= passScore.value - INDICATOR_OVER_PASSAGE)) return ctx.indicators(ind.items);
      if (pass) return pass;
      // A quantity asked for ("bao nhiêu tỷ đồng") is not in a task's wording: say it is not found (of the document the
      // question names, with its nearest passage, when it names one).
      return asksQuantity(u) ? passages(kb, p, u, ctx) : null;
    }
    default:
      return null;
  }
}

/** Does the best task for a figure question hold the figure asked in its own text ("… tối thiểu 30% cơ sở …")? */
function figureTask(kb: Knowledge, p: Prepared, u: Understanding): boolean {
  const best = matchTasks(kb, p, u).primary[0];
  const kinds = askedKinds(u).filter((k) => FIGURE_KINDS.includes(k));
  return !!best && kinds.length > 0 && best.lead.length > 0 && carriesAll(kinds, `${best.text} ${best.result}`);
}

/** A task that answers the question (or its near matches), else a passage, else "Không tìm thấy". */
async function taskOrPassage(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, today: Date): Promise<ChatAnswer> {
  if ((u.intent !== "explain" || u.asks.size > 0 || asksStatus(u.folded)) && !asksRole(u.folded)) {
    const m = matchTasks(kb, p, u);
    if (m.primary.length) {
      // A task matched on part of the question's words, where a passage holds nearly all of them ("Lộ trình chung …:
      // 1. Hoàn thiện hạ tầng … (2025 - 2026)", an item naming no agency): the passage answers, not the near task.
      if (m.coverage < WEAK_TASK_COVERAGE) {
        const score = { value: 0 };
        const alt = await passages(kb, p, u, timedMethods(new Composer(p), "compose"), PASSAGE_OVER_WEAK_TASK, score);
        if (alt && score.value >= m.coverage + PASSAGE_OVER_TASK_MARGIN) return alt;
      }
      // Asked when, and neither the task nor its passage says: a passage that does answer it is preferred.
      if (u.asks.has("deadline") && !m.primary.some((t) => t.deadline.kind !== "none" || t.deadline.text.trim() || deadlineInPassage(p, t, u))) {
        const alt = await passages(kb, p, u, timedMethods(new Composer(p), "compose"), PASSAGE_OVER_TASK);
        if (alt) return alt;
      }
      // "Tiến độ hiện nay …?", "… đã hoàn thành chưa?": the one task's status column, or what its text holds.
      if (asksStatus(u.folded) && m.primary.length === 1 && !m.alternatives.length) return ctx.status(m.primary[0]!, u, today);
      // Other records of the same task (restated in its document, or in a text of the same year) that disagree.
      const conflicts = conflictsOf(m.primary, [...m.restated, ...m.alternatives], (id) => yearOf(p.docs.get(id)));
      const { primary, alternatives } = agreeing(u, m.primary, m.alternatives.filter((t) => !conflicts.some((c) => c.other === t)));
      return ctx.tasks(primary, alternatives, u, conflicts);
    }
  }
  return passages(kb, p, u, ctx);
}

/**
 * Near matches in other documents that give the same answer to what is asked ("Nền tảng bản đồ số" in a plan and in
 * a strategy, both led by one ministry) are the same answer twice, not a choice: stated together, no clarifying turn.
 */
function agreeing(u: Understanding, primary: Task[], alternatives: Task[]): { primary: Task[]; alternatives: Task[] } {
  const fields = (["lead", "coordinators", "deadline"] as const).filter((f) => u.asks.has(f));
  if (!fields.length || !alternatives.length || primary.length !== 1) return { primary, alternatives };
  const key = (t: Task) => fields.map((f) => (f === "deadline" ? (t.deadline.end ?? "") : [...t[f]].sort().join("|"))).join("#");
  const best = primary[0]!;
  const same = alternatives.every((t) => t.documentId !== best.documentId && key(t) === key(best) && key(best).replace(/[#|]/g, "") !== "");
  return same ? { primary: [...primary, ...alternatives], alternatives: [] } : { primary, alternatives };
}

/**
 * A reply to a clarifying turn ("cái thứ hai", "nhiệm vụ của Bộ Công an"): the earlier question is matched again
 * (the same corpus lists the same candidates in the same order) and answered with the task the reply picks.
 */
function answerChoice(kb: Knowledge, p: Prepared, input: ChatInput, ctx: Composer, today: Date): ChatAnswer | null {
  const pending = pendingClarification(input.history ?? []);
  if (!pending) return null;
  const u = timed("understand", () => understand(pending.question, pending.before, today, corpusReading(p)));
  const m = matchTasks(kb, p, u);
  if (m.primary.length !== 1 || !m.alternatives.length) return null;
  const reply = timed("understand", () => understand(input.message, [], today));
  const agencies = reply.agencies.flatMap((a) => [a, ...predecessorsOf(a.id)]);
  const docs = numberedDocuments(reply, kb.corpus.documents) ?? namedDocuments(documentHints(p, reply, kb.corpus.documents));
  const t = chooseTask(input.message, [...m.primary, ...m.alternatives].slice(0, CLARIFY_MAX), agencies, docs);
  return t ? ctx.tasks([t], [], u) : null;
}

