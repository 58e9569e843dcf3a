// Tasks layer (pure): parsed documents → task records and indicators. Each block goes to the reader of its
// layout: table rows (src/tasks/table-tasks.ts), labelled field lists (src/tasks/field-list.ts), or prose
// (src/tasks/prose-tasks.ts). This file keeps who is addressed by the enclosing heading, so a clause without a
// subject under "1. Sở Tài chính:" or "Điều 21. Sở Khoa học và Công nghệ" is that agency's task.
// Extraction never invents: a field it cannot find stays empty and is reported as a warning.

import type { Block, ParsedDocument } from "../document/types.ts";
import { type Deadline, parseDeadline } from "../text/dates.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { readFieldList, type FieldRecord } from "./field-list.ts";
import { type Actor, actorOf, addresseeOf, unitNames } from "./prose.ts";
import { proseTasks } from "./prose-tasks.ts";
import { rowRecord } from "./table-tasks.ts";
import type { Indicator, Task } from "./types.ts";

import { findDeadline } from "./deadline-phrase.ts";

export { findDeadline };
export { splitLeadCoordinators } from "./table-tasks.ts";

export interface Extraction {
  tasks: Task[];
  indicators: Indicator[];
  warnings: string[];
}

interface Reader {
  docId: string;
  year: number | undefined;
  tasks: Task[];
  indicators: Indicator[];
  warnings: string[];
  nextTaskId: () => string;
  nextIndicatorId: () => string;
  /**
   * Who is addressed, innermost last: an agency heading governs its section; a subject set by a paragraph
   * governs a narrower scope, and when that scope ends the heading's addressee applies again.
   */
  addressees: { actor: Actor; path: string }[];
  /** The deadline of an intro ending with ":" ("… hoàn thành trong tháng 11 năm 2025, cụ thể:"), for the items under it. */
  introDeadline: { deadline: Deadline; path: string } | null;
  /** Inside "Kính gửi:" / "Nơi nhận:" lists, agency lines are recipients, not addressees of tasks. */
  inRecipients: boolean;
  /** The document's trích yếu, folded: its title line ("Triển khai nền tảng số …" under "KẾ HOẠCH") is no task. */
  subject: string;
}

function sectionLabel(path: string[]): string {
  return path.join(" › ");
}

export function extractTasks(doc: ParsedDocument): Extraction {
  let seq = 0;
  let iseq = 0;
  const r: Reader = {
    docId: doc.meta.id,
    year: doc.meta.year ?? undefined,
    tasks: [],
    indicators: [],
    warnings: [],
    nextTaskId: () => `${doc.meta.id}#${++seq}`,
    nextIndicatorId: () => `${doc.meta.id}#i${++iseq}`,
    addressees: [],
    introDeadline: null,
    inRecipients: false,
    subject: subjectKey(doc.meta.title.toLowerCase().startsWith(doc.meta.type.toLowerCase()) ? doc.meta.title.slice(doc.meta.type.length) : doc.meta.title),
  };
  const blocks = doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "row") {
      const rec = rowRecord(b, r);
      if (rec?.task) r.tasks.push(rec.task);
      if (rec?.indicator) r.indicators.push(rec.indicator);
      continue;
    }
    i = readTextBlock(blocks, i, r);
  }
  return { tasks: dedupeTasks(r.tasks), indicators: r.indicators, warnings: r.warnings };
}

/** A title compared without case, marks and spacing. */
function subjectKey(s: string): string {
  return s.toLowerCase().replace(/[*_]/g, "").replace(/\s+/g, " ").trim();
}

/** Read the text block at i (and any blocks a field list spans); returns the index of the last block used. */
function readTextBlock(blocks: Block[], i: number, r: Reader): number {
  const b = blocks[i]!;
  const path = sectionLabel(b.path);
  while (r.addressees.length && !within(path, r.addressees.at(-1)!.path)) r.addressees.pop();
  if (/^(?:\*\*)?(?:Kính gửi|Đồng kính gửi|Nơi nhận)\b/u.test(b.text)) {
    r.inRecipients = true;
    return i;
  }
  if (r.inRecipients) {
    if (/^[-+•]\s/u.test(b.text) && addresseeOf(b.text.replace(/[;.]\s*$/u, ""))) return i;
    r.inRecipients = false;
  }
  if (b.path.length === 0 && subjectKey(b.text) === r.subject) return i;
  const target = targetIndicator(b, r);
  if (target) {
    r.indicators.push(target);
    return i;
  }
  const fl = readFieldList(blocks, i);
  if (fl) {
    r.tasks.push(fieldTask(fl.record, r));
    return fl.next - 1;
  }
  const who = canAddress(b.text) ? addresseeOf(b.text) : null;
  if (who) {
    setAddressee(r, actorOf(who), path);
    return i;
  }
  if (isPreamble(b)) return i;
  if (attachTimeSentence(b, r)) return i;
  const found = proseTasks(b, addresseeNow(r), r);
  carryIntroDeadline(b, path, found.tasks, r);
  r.tasks.push(...found.tasks);
  // An item's own subject ("a) Bộ X …") carries to the next clauses of the same list.
  if (found.subject) setAddressee(r, found.subject, /^(?:[a-zđ]\)|\d{1,2}[.)])\s/u.test(b.text) ? sectionLabel(b.path.slice(0, -1)) : path);
  return i;
}

/**
 * "b) Các Bộ … hoàn thành trong tháng 11 năm 2025, cụ thể:" then "(1) Bộ Tài chính …", "(2) Bộ Y tế …": the
 * intro's deadline holds for the items under it that give none of their own.
 */
function carryIntroDeadline(b: Block, path: string, tasks: Task[], r: Reader): void {
  if (/:\s*(?:\*\*)?$/u.test(b.text)) {
    const dl = findDeadline(b.text, r.year);
    r.introDeadline = dl ? { deadline: dl, path } : null;
    return;
  }
  const intro = r.introDeadline;
  if (!intro || !within(path, intro.path) || !/^(?:\(\d{1,2}\)|[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s/u.test(b.text)) {
    r.introDeadline = null;
    return;
  }
  for (const t of tasks) if (t.deadline.kind === "none") t.deadline = intro.deadline;
}

/** A section path inside a scope, segment by segment ("Điều 1 › III" is not inside "Điều 1 › II"). */
function within(path: string, scope: string): boolean {
  return scope === "" || path === scope || path.startsWith(`${scope} › `);
}

function addresseeNow(r: Reader): Actor | null {
  return r.addressees.at(-1)?.actor ?? null;
}

/** A new addressee replaces those of the same or a narrower scope and stacks over wider ones. */
function setAddressee(r: Reader, actor: Actor, path: string): void {
  while (r.addressees.length && within(r.addressees.at(-1)!.path, path)) r.addressees.pop();
  r.addressees.push({ actor, path });
}

/**
 * Only a heading-like block names an addressee for the blocks below it: a numbered or lettered item, an
 * article, a line ending with ":", or a short line without an end stop ("Sở Tài chính (cơ quan chủ trì)").
 * "- Các doanh nghiệp công nghệ số." in a list of participants addresses nothing.
 */
function canAddress(raw: string): boolean {
  const text = raw.replace(/^\*+\s*/u, "");
  if (/^(?:Điều\s+\d+[a-zđ]?[.:]?|[a-zđ]\)|\(?\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]+\.)\s/u.test(text)) return !/[;]\s*$/u.test(text);
  return /:\s*$/u.test(text) || (text.length <= SHORT_HEADING && !/[.;,]\s*$/u.test(text) && !/^[-+•]/u.test(text));
}
const SHORT_HEADING = 120;

/**
 * "Thời gian hoàn thành trước ngày 31 tháng 12 năm 2025." as a paragraph of its own gives the deadline of the
 * task just before it in the same item; it is not a task.
 */
function attachTimeSentence(b: Block, r: Reader): boolean {
  if (b.text.length > TIME_SENTENCE_MAX || !/^(?:\*\*)?(?:Thời gian|Thời hạn|Hoàn thành|Tiến độ)/u.test(b.text)) return false;
  const last = r.tasks.at(-1);
  const dl = findDeadline(b.text, r.year);
  if (!last || !dl || last.section !== sectionLabel(b.path)) return false;
  if (last.deadline.kind === "none") {
    last.deadline = dl;
    last.lines = [last.lines[0], b.endLine];
    last.quote = `${last.quote} ${b.text}`;
  }
  return true;
}
const TIME_SENTENCE_MAX = 120;

/** "<Cơ quan> ban hành Quyết định …" above the first article: the formula that enacts the text itself. */
const ENACTING = /^\s*(?:Ủy ban nhân dân|UBND|Chính phủ|Thủ tướng Chính phủ|Hội đồng nhân dân|Chủ tịch Ủy ban nhân dân|Bộ trưởng(?:\s+Bộ)?(?:\s+\p{Lu}[\p{Ll}]*(?:\s+(?:và|\p{Ll}+))*?)?)(?:\s+(?:tỉnh|thành phố|huyện|xã|phường)(?:\s+\p{Lu}\p{Ll}*)*)?\s+ban hành\s+(?:Quyết định|Nghị quyết|Nghị định|Thông tư|Chỉ thị)(?![\p{L}])/u;

/** Preamble ("Căn cứ Luật …", "Theo đề nghị của …") and recipient lists assign nothing. */
function isPreamble(b: Block): boolean {
  if (b.text.length < 25) return true;
  if (b.path.some((p) => /^Nơi nhận/u.test(p))) return true;
  // The enacting formula: "Ủy ban nhân dân tỉnh ban hành Quyết định ban hành Quy chế …", "Chính phủ ban hành Nghị định …".
  // (Only above the first article or section: "UBND tỉnh ban hành Quyết định thành lập …" in a plan's body is a task.)
  if (b.path.length <= 1 && !/^(?:Điều|Phụ lục|[IVX]+$|\d)/u.test(b.path[0] ?? "") && ENACTING.test(b.text.replace(/[*_]/g, ""))) return true;
  return /^(?:\*\*)?(?:Căn cứ\s+(?:Luật|Bộ luật|Hiến pháp|Nghị|Quyết|Chỉ thị|Thông tư|Kết luận|Quy định|Quy chế|Kế hoạch|Văn bản|Công văn|Thông báo)|Theo đề nghị|Xét đề nghị|Xét báo cáo|Thực hiện\s+(?:Nghị|Quyết|Chỉ thị|Kết luận|Thông báo|Kế hoạch|Công văn|Văn bản|ý kiến))/u.test(b.text);
}

/** "- Quy mô kinh tế số: 20,5% GDP." under a "Mục tiêu cụ thể" / "Chỉ tiêu" heading is an indicator. */
function targetIndicator(b: Block, r: Reader): Indicator | null {
  const inTargets = [...b.path, ...b.context].some((t) => /muc tieu cu the|chi tieu/.test(foldDiacritics(t)));
  const m = inTargets ? b.text.match(/^[-+•]\s*([^:]{4,160}?)\s*:\s*([^:]*\d[^:]{0,160})$/u) : null;
  if (!m) return null;
  const value = m[2]!.trim().replace(/\.$/, "");
  const period = [...b.context].reverse().map((t) => t.match(/(?:năm|giai đoạn)\s+\d{4}(?:\s*-\s*\d{4})?/iu)?.[0]).find(Boolean) ?? "";
  return {
    id: r.nextIndicatorId(),
    documentId: r.docId,
    name: m[1]!.trim(),
    unit: /\d\s*%/.test(value) ? "%" : "",
    target: value,
    period: period ? period.charAt(0).toUpperCase() + period.slice(1) : "",
    monitor: [],
    monitorText: "",
    section: sectionLabel(b.path),
    lines: [b.line, b.endLine],
    quote: b.text,
  };
}

function fieldTask(f: FieldRecord, r: Reader): Task {
  // A field list under an agency heading with no lead field of its own is that agency's task.
  const leadText = f.lead || addresseeNow(r)?.leadText || "";
  const lead = f.lead ? actorOf(f.lead).lead : (addresseeNow(r)?.lead ?? []);
  if (!leadText) r.warnings.push(`${r.docId} line ${f.first.line}: field-list task without lead agency`);
  if (!f.deadline) r.warnings.push(`${r.docId} line ${f.first.line}: field-list task without deadline`);
  return {
    id: r.nextTaskId(),
    documentId: r.docId,
    layout: "fields",
    text: f.text.replace(/^Nhiệm vụ\s*:?\s*(?=\p{L})/u, "").replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
    context: f.first.context.slice(-2).join(" › "),
    lead,
    leadText,
    coordinators: unitNames(f.coord).filter((c) => !lead.includes(c)),
    coordinatorsText: f.coord,
    result: f.result,
    deadline: f.deadline ? parseDeadline(f.deadline, r.year) : { kind: "none", text: "" },
    section: sectionLabel(f.first.path),
    lines: f.lines,
    quote: f.quote,
    ...(f.status ? { status: f.status } : {}),
  };
}

function dedupeTasks(tasks: Task[]): Task[] {
  const seen = new Set<string>();
  return tasks.filter((t) => {
    const k = `${t.documentId}|${t.text}|${t.deadline.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
