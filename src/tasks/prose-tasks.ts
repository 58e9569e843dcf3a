// Tasks layer (pure): one prose block → task records, with the grammar of src/tasks/prose.ts. Clauses are
// grouped into units (a unit starts at a clause with its own subject, a "(n)" sub-item, or an action verb
// with "chủ trì/phối hợp"); a unit without a subject takes the addressee of its item, paragraph or heading.

import type { Block } from "../document/types.ts";
import { findDeadline } from "./deadline-phrase.ts";
import { type Actor, actorOf, clauseBody, unitNames, coordinatorsOf, hasAssignVerb, isReport, splitClauses, startsWithAction, subjectOf } from "./prose.ts";
import type { Task } from "./types.ts";
import type { Deadline } from "../text/dates.ts";

interface Unit {
  text: string;
  subject: string;
  imperative: boolean;
  /** The subject is followed at once by a verb of assignment ("Sở X phối hợp với …", "Sở Y có trách nhiệm …"). */
  acts: boolean;
  deadline: Deadline | null;
  report: boolean;
}

export interface ProseContext {
  docId: string;
  year: number | undefined;
  nextTaskId: () => string;
}

const SUB_ITEM = /^\(\d{1,2}\)\s/u;
/** A clause that only gives the time: "Hoàn thành trong tháng 8/2025.", "Nhiệm vụ thường xuyên." */
const TIME_ONLY = /^(?:\*\*)?(?:Hoàn thành|Thời hạn|Thời gian|Nhiệm vụ thường xuyên|Thường xuyên|Xong trước)/iu;
const TIME_ONLY_MAX = 90;
const ITEM = /^(?:[-+•]\s*)?(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]|[-+•])\s/u;

/**
 * A period of activity that a later clause's deadline outweighs: "(ii) … tiếp tục được xử lý trong năm 2025 …; (iii) …
 * Các Báo cáo trên gửi Bộ Tư pháp trước ngày 05 tháng 12 năm 2025." is due on 5 December, not within 2025.
 */
const loose = (d: Deadline) => d.qualifier !== "before" && /^(?:trong|vào)\s/iu.test(d.text) && !/\bngày\b/iu.test(d.text);

function unitsOf(text: string, year: number | undefined): Unit[] {
  const units: Unit[] = [];
  for (const s of splitClauses(text)) {
    const subj = subjectOf(s);
    const dl = findDeadline(s, year);
    const timeOnly = TIME_ONLY.test(s) && s.length < TIME_ONLY_MAX;
    const body = clauseBody(s);
    const starts = units.length === 0 || SUB_ITEM.test(s) || (subj !== null && !timeOnly) || (startsWithAction(body) && /^(?:chủ trì|phối hợp)/iu.test(body));
    if (starts) units.push({ text: s, subject: subj?.leadText ?? "", imperative: subj?.imperative ?? false, acts: subj !== null && startsWithAction(subj.rest), deadline: dl, report: isReport(s) });
    else {
      const u = units.at(-1)!;
      u.text += ` ${s}`;
      if (dl && (!u.deadline || (loose(u.deadline) && !loose(dl)))) u.deadline = dl;
    }
  }
  // A closing "Hoàn thành …" / "Nhiệm vụ thường xuyên." after "(1) … (n)" applies to the sub-items without one.
  const subs = units.filter((u) => SUB_ITEM.test(u.text));
  const last = units.at(-1);
  if (subs.length > 1 && last?.deadline && /(?:^|[.]\s*)(?:Hoàn thành|Nhiệm vụ thường xuyên|Thường xuyên)[^.]*\.?\s*$/iu.test(last.text.replace(/\*+/g, ""))) {
    for (const u of subs) if (!u.deadline) u.deadline = last.deadline;
  }
  return units;
}

/** Drop a trailing time sentence ("… . Hoàn thành trong tháng 8/2025.") or clause (", hoàn thành …") from the task words. */
function taskWords(body: string): string {
  const t = body
    .replace(/(?<=[.;])\s*(?:Hoàn thành|Thời hạn|Nhiệm vụ thường xuyên|Thường xuyên)[^.]*\.?\s*$/u, "")
    .replace(/,\s*hoàn thành (?:trong|trước|theo)[^.]*\.?$/u, ".")
    .trim();
  return t || body;
}

/** The quote shows who acts: a sub-item or a clause whose subject was carried gets the addressee in front. */
function quoteWithLead(unit: string, intro: string | undefined, leadText: string): string {
  const u = unit.replace(/\*+/g, "").trim();
  const i = intro?.replace(/\*+/g, "").trim();
  if (i && !u.startsWith(i)) return `${i} … ${u}`;
  if (leadText && !u.toLowerCase().includes(leadText.toLowerCase())) return `${leadText}: … ${u}`;
  return u;
}

export interface ProseResult {
  tasks: Task[];
  /** The subject this block establishes for the blocks after it (null: keep the current one). */
  subject: Actor | null;
}

/** Tasks of one prose block. `addressee` is who the enclosing heading or item addresses. */
export function proseTasks(b: Block, addressee: Actor | null, ctx: ProseContext): ProseResult {
  const units = unitsOf(b.text, ctx.year);
  const subs = units.filter((u) => SUB_ITEM.test(u.text));
  const first = units[0];
  // Words before "(1)" ending with a colon introduce the sub-items ("Bộ Công an: (1) …").
  const intro = first && !SUB_ITEM.test(first.text) && subs.length > 0 && /:\s*(?:\*\*)?$/u.test(first.text.trim()) ? first : null;
  // "X chủ trì, phối hợp với: (1) A … (2) B …": the sub-items name coordinators, X leads them all.
  const introLeadsAll = intro !== null && intro.subject !== "" && /(?:phối hợp|cùng)(?: chặt chẽ)?(?: với)?\s*:\s*$/u.test(intro.text.replace(/\*+/g, "").trim());
  const paraSubject = units[0]?.subject || undefined;
  // "b) … hoàn thành trong tháng 11 năm 2025: (1) … (2) …": the intro's deadline holds for sub-items without one.
  if (intro?.deadline) for (const u of subs) if (!u.deadline) u.deadline = intro.deadline;
  const isItem = ITEM.test(b.text);
  const tasks: Task[] = [];
  let subject: Actor | null = null;
  for (const u of units) {
    if (u === intro) continue;
    const made = unitTask(u, { b, addressee, intro, introLeadsAll, paraSubject, isItem, isFirst: u === first || (intro !== null && u === units[1]) }, ctx);
    if (made.subject) subject = made.subject;
    if (made.task) tasks.push(made.task);
  }
  // A paragraph's subject carries to the next blocks only when it assigned something there.
  if (!subject && paraSubject && (tasks.length > 0 || isItem)) subject = actorOf(paraSubject);
  return { tasks, subject };
}

interface UnitScope {
  b: Block;
  addressee: Actor | null;
  intro: Unit | null;
  introLeadsAll: boolean;
  paraSubject: string | undefined;
  isItem: boolean;
  isFirst: boolean;
}

function unitTask(u: Unit, s: UnitScope, ctx: ProseContext): { task?: Task; subject?: Actor } {
  const body = clauseBody(u.text);
  const isSub = SUB_ITEM.test(u.text);
  let actor: Actor | null = u.subject ? actorOf(u.subject) : null;
  let coordText = coordinatorsOf(body);
  if (s.introLeadsAll && s.intro) {
    if (actor) coordText = actor.leadText;
    actor = actorOf(s.intro.subject);
  }
  // A unit without its own subject carries the one of its intro, paragraph or addressee.
  const inherited = !actor && (startsWithAction(body) || isSub || u.deadline !== null);
  if (inherited) actor = s.intro?.subject ? actorOf(s.intro.subject) : s.paraSubject ? actorOf(s.paraSubject) : s.addressee;
  if (!actor || actor.lead.length === 0) return {};
  if (u.report) return u.subject && s.isFirst ? { subject: actor } : {};
  const hasChuTri = /chủ trì/iu.test(body);
  // Without a deadline or "chủ trì", an item is an assignment only when it says what to do (a verb):
  // "Các doanh nghiệp khởi nghiệp đổi mới, sáng tạo về công nghệ số." describes, it assigns nothing.
  const assigned = u.imperative || u.acts || (s.isItem && s.isFirst && ((u.subject !== "" && hasAssignVerb(body)) || (inherited && startsWithAction(body)))) || (inherited && s.addressee !== null && startsWithAction(body));
  if (!u.deadline && !hasChuTri && !isSub && !assigned) return u.subject && s.isFirst ? { subject: actor } : {};
  let cText = coordText;
  if (!cText && s.intro && !s.introLeadsAll) cText = coordinatorsOf(s.intro.text);
  const lead = actor.lead;
  const task: Task = {
    id: ctx.nextTaskId(),
    documentId: ctx.docId,
    layout: "prose",
    text: taskWords(body),
    context: [s.intro ? clauseBody(s.intro.text) : "", s.b.context.slice(-1)[0] ?? ""].filter(Boolean).join(" › "),
    lead,
    leadText: actor.leadText,
    coordinators: coordNames(cText).filter((c) => !lead.includes(c)),
    coordinatorsText: cText,
    result: "",
    deadline: u.deadline ?? { kind: "none", text: "" },
    section: [s.b.path.join(" › "), isSub ? (u.text.match(/^\((\d+)\)/)?.[0] ?? "") : ""].filter(Boolean).join(" › "),
    lines: [s.b.line, s.b.endLine],
    quote: quoteWithLead(u.text, s.intro?.text, actor.leadText),
  };
  return { task, ...(u.subject && !s.introLeadsAll ? { subject: actor } : {}) };
}

/** Coordinators: registry names, else each listed unit as written ("Sở A, Sở B và Sở C"). */
function coordNames(text: string): string[] {
  return text ? unitNames(text) : [];
}
