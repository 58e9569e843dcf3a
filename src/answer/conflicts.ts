// Answer layer (pure): one task written twice — in two documents, or in an appendix table and the prose "Tổ chức
// thực hiện" of one — with a different lead or deadline. The answer must say the texts disagree and cite both,
// never pick one silently.

import { agencyByName, successorOf } from "../tasks/agencies.ts";
import type { DocumentMeta } from "../document/types.ts";
import type { Task } from "../tasks/types.ts";
import { termSets } from "./coverage.ts";
import { longForms } from "./understand.ts";
import { SAME_RECORD_OVERLAP } from "./tuning.ts";

export interface Conflict {
  /** The task the answer gives, and the other record of it. */
  task: Task;
  other: Task;
  field: "lead" | "deadline";
}

/** The year a document speaks for: its own, else its date's. */
export function yearOf(d: DocumentMeta | undefined): number | null {
  if (!d) return null;
  return d.year ?? (d.issuedDate ? Number(d.issuedDate.slice(0, 4)) : null);
}

/** Word pairs of a task's own wording (not its context), as the records of one task share them. */
function pairsOf(t: Task): Set<string> {
  // A prose record names its lead as its subject ("Sở X chủ trì xây dựng …"); a row has it in its own column.
  let text = t.text;
  for (const name of t.lead) text = text.split(name).join(" ");
  return termSets(longForms(text.replace(/^\W*(chủ trì|thực hiện|có trách nhiệm)(?![\p{L}]),?/iu, " "))).bi;
}

/** Share of the larger set's pairs the two hold in common: near 1 only for the same wording ("Hệ thống … của
 * Chính phủ" and "Hệ thống … cấp bộ/tỉnh" share most of the shorter one's pairs, yet are two tasks). */
function sharedShare(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (big.size === 0) return 0;
  let n = 0;
  for (const x of small) if (big.has(x)) n++;
  return n / big.size;
}

/**
 * A lead as an identity: the registry's id when it knows the body by that name, and
 * its successor's for a body merged since (a 2021 text's "Bộ Thông tin và Truyền thông" is today's ministry).
 */
function leadKeys(t: Task): Set<string> {
  return new Set(
    t.lead.map((name) => {
      // (Only a registry name as such: "Sở Khoa học và Công nghệ" of a province is not the ministry.)
      const a = agencyByName(name);
      return a ? (successorOf(a)?.id ?? a.id) : name.toLowerCase().replace(/\s+/g, " ").trim();
    }),
  );
}

/** "Các bộ, ngành", "UBND các tỉnh …": a class of bodies, not one. */
function isGroup(name: string): boolean {
  return agencyByName(name)?.kind === "group" || /(^|\s)(các|những)\s/iu.test(name);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Where two records of one task differ: leads both name, or deadlines both give (by their last day). */
function differs(a: Task, b: Task): Conflict["field"][] {
  const out: Conflict["field"][] = [];
  // Groups ("các bộ, tỉnh", "Các bộ, ngành, địa phương") describe rather than name: two wordings are no disagreement.
  const named = (t: Task) => t.lead.length > 0 && t.lead.every((n) => !isGroup(n));
  if (named(a) && named(b) && !sameSet(leadKeys(a), leadKeys(b))) out.push("lead");
  const endA = a.deadline.end ?? (a.deadline.kind !== "none" ? a.deadline.text : "");
  const endB = b.deadline.end ?? (b.deadline.kind !== "none" ? b.deadline.text : "");
  if (endA && endB && endA !== endB) out.push("deadline");
  return out;
}

/**
 * The disagreements between the tasks an answer gives and the other records of the same task among `candidates`
 * (the near matches of the question: a second record of a task matches the question as well as the first).
 * Two records are one task when they share nearly all their word pairs.
 */
export function conflictsOf(given: Task[], candidates: Task[], yearOf: (documentId: string) => number | null): Conflict[] {
  const out: Conflict[] = [];
  const seen = new Set<string>();
  for (const t of given) {
    const mine = pairsOf(t);
    for (const o of candidates) {
      if (o.id === t.id || seen.has(o.id) || (o.documentId === t.documentId && o.section === t.section)) continue;
      if (sharedShare(mine, pairsOf(o)) < SAME_RECORD_OVERLAP) continue;
      // Texts of different years are different programmes (a 2021 plan's task for 2021-2025, restated in 2025 for
      // 2025-2030): only one document, or texts of one year (a draft and its final, a plan and its summary), disagree.
      const [ya, yb] = [yearOf(t.documentId), yearOf(o.documentId)];
      if (o.documentId !== t.documentId && (ya === null || yb === null || ya !== yb)) continue;
      // In one document, the same duty in two sections of one kind is handed to several bodies ("Điều 5. Các Ủy viên:
      // Thực hiện các nhiệm vụ khác …", "Điều 6. Tổ công tác: …"): only a table row and a prose statement restate one.
      if (o.documentId === t.documentId && o.layout === t.layout) continue;
      const fields = differs(t, o);
      if (!fields.length) continue;
      seen.add(o.id);
      for (const field of fields) out.push({ task: t, other: o, field });
    }
  }
  return out;
}
