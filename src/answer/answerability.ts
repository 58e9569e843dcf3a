// Answer layer (pure): can a candidate task answer the question? One list of predicates, each a reason a task
// that matches the topic still is not the answer: an agency the question names that the task does not, or a
// number asked for ("bao nhiêu phần trăm") that its record does not hold. The finder drops such candidates, so the
// question falls to the passages or to "Không tìm thấy".

import type { Task } from "../tasks/types.ts";
import { namesName } from "../text/normalize.ts";
import { type AnswerKind, missingKinds } from "./answer-type.ts";
import { expandUnitAbbreviations } from "./units.ts";

export interface TaskQuestion {
  /** For each agency the question names: the names it goes by (itself, its predecessors, its successor). */
  agencies: string[][];
  /** The kinds of fact asked for (answer-type.ts). */
  kinds: AnswerKind[];
  /** The question counts tasks ("bao nhiêu nhiệm vụ"): a number is the count, not a fact of one task. */
  countsTasks: boolean;
}

/** Kinds a task's record must hold itself; dates and durations can be read from its passage afterwards. */
const RECORD_KINDS: AnswerKind[] = ["percent", "points", "money", "number", "level", "address", "phone"];

export type Refusal = "agency" | "quantity";

/**
 * Why a task does not answer the question, or null when it may. `issuer` is the task's document's: a ministry's own
 * letter assigns its units ("… 03/7 CSDL chuyên ngành của Bộ VHTTDL" is a task of its Cục).
 */
export function taskRefusal(q: TaskQuestion, t: Task, issuer = ""): Refusal | null {
  if (q.agencies.length) {
    // (Abbreviations written out, as the question's units are: "UBND Thành phố" is "Ủy ban nhân dân Thành phố".)
    // (Compared by namesName: "kinh tế số tài chính" does not name "Sở Tài chính".)
    const record = expandUnitAbbreviations([t.text, t.leadText, t.coordinatorsText, t.context, issuer, ...t.lead, ...t.coordinators].join(" "));
    if (!q.agencies.every((names) => names.some((n) => namesName(record, expandUnitAbbreviations(n))))) return "agency";
  }
  const kinds = q.countsTasks ? [] : q.kinds.filter((k) => RECORD_KINDS.includes(k));
  if (kinds.length && missingKinds(kinds, `${t.text} ${t.result}`).length) return "quantity";
  return null;
}

/** "bao nhiêu nhiệm vụ …", "mấy việc": the number asked is a count of tasks. */
export function countsTasks(folded: string): boolean {
  return /(bao nhieu|may|so luong|tong so) (nhiem vu|viec|cong viec|hang muc|noi dung)/.test(folded);
}
