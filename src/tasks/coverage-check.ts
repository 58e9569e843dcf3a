// Tasks layer (pure): the reader's self-check. Lines of a parsed document that look like an assignment — an
// agency next to "chủ trì / giao / phối hợp / có trách nhiệm / yêu cầu / đề nghị", a deadline phrase, or a table
// row with a lead column filled — and whether some extracted task covers them. Deliberately independent of
// the extractor's own grammar (prose.ts), so that summed over a corpus it shows what the reader misses.

import { columnRoles } from "../document/fields.ts";
import type { Block, ParsedDocument } from "../document/types.ts";
import type { Task } from "./types.ts";

export interface CoverageLine {
  line: number;
  text: string;
}

export interface ReaderCoverage {
  /** Assignment-like blocks (paragraphs or table rows). */
  candidates: number;
  /** Those whose lines overlap some task's lines. */
  covered: number;
  uncovered: CoverageLine[];
}

/** How much of an uncovered line is shown. */
const SHOWN_CHARS = 160;

/**
 * Units that can be given work: "Bộ Tài chính", "Sở Xây dựng", "Ủy ban nhân dân các phường", "UBND xã",
 * "Công an Thành phố", "Trung tâm Chuyển đổi số", and groups such as "các bộ, ngành", "các cơ quan, đơn vị".
 */
const AGENCY =
  /(?:^|[^\p{L}])(?:(?:Bộ|Sở|Cục|Chi cục|Vụ|Ban|Tổng cục|Trung tâm|Văn phòng|Công an|Thuế|Kho bạc|Ngân hàng|Tập đoàn|Tổng công ty|Đài|Viện|Tòa án|Kiểm toán|Bảo hiểm|Hội đồng|Ủy ban|Thanh tra|Học viện|Đại học|Liên đoàn|Đoàn|Hội) \p{Lu}|UBND|Ủy ban nhân dân|Thủ trưởng|Chủ tịch|Giám đốc|Bộ trưởng|[Cc]ác (?:bộ|sở|ban|ngành|cơ quan|đơn vị|địa phương|tỉnh|xã|phường)|[Bb]ộ, ngành|[Ss]ở, ngành|[Cc]ơ quan, đơn vị)/u;

/**
 * The verbs that hand out work, as verbs: "Giao Sở X", "giao cho", "X chủ trì", "yêu cầu các bộ", "đề nghị Bộ X".
 * Not the nouns ("đáp ứng yêu cầu", "theo đề nghị", "công tác phối hợp") nor other words ("Bộ Ngoại giao",
 * "giao dịch", "bàn giao").
 */
const ASSIGNS = /(?<![\p{L}])(chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|yêu cầu|đề nghị|giao(?= (?:cho|nhiệm vụ|các|\p{Lu})))(?![\p{L}])/gu;
/** Words before a verb that make it a noun, a report or part of another word ("đã phối hợp", "được giao"). */
const NOT_A_VERB = /(?:^|[^\p{L}])(đã|được|đang|theo|đáp ứng|các|những|mọi|bảo đảm|đảm bảo|phù hợp|với|có|công tác|sự|cơ chế|quy chế|mối|việc|kiến nghị,|Ngoại|bàn|chuyển)\s*$/u;

function assigns(text: string): boolean {
  for (const m of text.matchAll(ASSIGNS)) if (!NOT_A_VERB.test(text.slice(Math.max(0, m.index - 20), m.index))) return true;
  return false;
}

/** "trước ngày 10/12/2025", "trong tháng 11 năm 2025", "trong quý I/2026", "hoàn thành trước 30/6", "chậm nhất …". */
const DEADLINE =
  /(?:^|[^\p{L}])(trước ngày\s*\d|trước \d{1,2}\/\d{1,2}|trong (?:tháng|quý)\s*(?:\d|[IVX]+\b)|(?<!đã )hoàn thành (?:trong|trước|xong|chậm nhất|năm \d|quý|tháng|\d)|chậm nhất (?:trước|ngày|là|vào|trong)|hạn chót|trước (?:tháng|quý) )/u;

/**
 * Lines that name agencies without giving work: legal grounds ("Căn cứ …", "Theo đề nghị của Giám đốc Sở …",
 * "Thực hiện Quyết định số …"), the enforcement clause every decision closes with ("… chịu trách nhiệm thi
 * hành Quyết định này"), and the recipients list.
 */
// (A purpose, "- Là cơ sở để các cơ quan … phối hợp …", names who will act without giving them work.)
const NOT_ASSIGNMENT =
  /^(?:[-+•*]\s*)?(Là cơ sở|Làm cơ sở|Căn cứ|Theo đề nghị|Xét đề nghị|Xét báo cáo|Thực hiện (?:Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Công văn|Thông báo|Kết luận|Công điện|Chương trình)|Nơi nhận|Kính gửi|Đồng kính gửi)|thi hành (?:Quyết định|Nghị quyết|Chỉ thị|Công điện) này/u;

const RECIPIENTS = /^(Nơi nhận|Kính gửi|Đồng kính gửi)\s*:/u;

function isCandidateText(text: string): boolean {
  if (NOT_ASSIGNMENT.test(text)) return false;
  if (DEADLINE.test(text)) return true;
  // "Sở Y tế đã phối hợp …" reports; "Sở Y tế chủ trì, phối hợp …" assigns.
  return AGENCY.test(text) && assigns(text);
}

/** A table row that assigns: its lead column (by the header's field role) is filled, or a cell holds a deadline. */
function isCandidateRow(b: Block): boolean {
  const row = b.row!;
  const roles = row.roles ?? columnRoles(row.headers);
  if (roles.includes("indicator") || roles.includes("monitor")) return false;
  const filled = (role: string) => roles.some((r, i) => (r === role || (role === "lead" && r === "leadcoord")) && (row.cells[i] ?? "").trim() !== "");
  if (filled("lead") && (filled("task") || row.cells.length >= 3)) return true;
  return row.cells.some((c) => DEADLINE.test(c)) && roles.includes("task");
}

/** Everything before the body ("Căn cứ …", "QUYẾT ĐỊNH:") is header: the first line a section path starts at. */
function bodyStart(doc: ParsedDocument): number {
  const first = doc.blocks.find((b) => b.path.length > 0 || b.kind === "row");
  return first?.line ?? doc.meta.lines[0];
}

/** Longest heading line that can address the tasks of its section ("1. Sở Tài chính (cơ quan chủ trì)"). */
const HEADING_MAX = 160;

/**
 * A heading that names who is addressed ("1. Sở Tài chính (cơ quan chủ trì)", "1.7. Bộ X có trách nhiệm:") is
 * covered when tasks of its own section follow it: its work is in them.
 */
function headsTasks(b: Block, own: readonly Task[]): boolean {
  if (b.kind !== "text") return false;
  // "… yêu cầu Bộ trưởng, Thủ trưởng … tập trung hoàn thành ngay một số nhiệm vụ cụ thể như sau:" introduces the
  // tasks after it.
  if (/(?:như sau|sau đây|các nội dung sau)\s*:\s*$/u.test(b.text)) return own.some((t) => t.lines[0] > b.line);
  if (b.text.length > HEADING_MAX || /[.;]\s*$/u.test(b.text)) return false;
  const scope = b.path.join(" › ");
  return scope !== "" && own.some((t) => t.lines[0] > b.line && (t.section === scope || t.section.startsWith(`${scope} › `)));
}

/** Assignment-like lines of `doc` and which of them some task of `tasks` (of this document) covers. */
export function readerCoverage(doc: ParsedDocument, tasks: readonly Task[]): ReaderCoverage {
  const own = tasks.filter((t) => t.documentId === doc.meta.id);
  const from = bodyStart(doc);
  let candidates = 0;
  let covered = 0;
  const uncovered: CoverageLine[] = [];
  // Recipients ("Nơi nhận:" / "Kính gửi:" and the bullets under them) name agencies but give no work.
  let recipients = false;
  for (const b of doc.blocks) {
    if (b.kind === "text" && RECIPIENTS.test(b.text)) recipients = true;
    else if (recipients && !(b.kind === "text" && /^[-+•*]/u.test(b.text))) recipients = false;
    if (b.line < from || recipients) continue;
    const isCandidate = b.kind === "row" ? isCandidateRow(b) : isCandidateText(b.text);
    if (!isCandidate) continue;
    candidates++;
    if (own.some((t) => t.lines[0] <= b.endLine && t.lines[1] >= b.line) || headsTasks(b, own)) covered++;
    else uncovered.push({ line: b.line, text: b.text.length > SHOWN_CHARS ? `${b.text.slice(0, SHOWN_CHARS - 1)}…` : b.text });
  }
  return { candidates, covered, uncovered };
}

/** Sum of several documents' coverage (a corpus). */
export function sumCoverage(parts: readonly ReaderCoverage[]): ReaderCoverage {
  return {
    candidates: parts.reduce((n, p) => n + p.candidates, 0),
    covered: parts.reduce((n, p) => n + p.covered, 0),
    uncovered: parts.flatMap((p) => p.uncovered),
  };
}

/** Covered share in percent (100 when there is nothing to cover). */
export function coveragePercent(c: Pick<ReaderCoverage, "candidates" | "covered">): number {
  return c.candidates === 0 ? 100 : (100 * c.covered) / c.candidates;
}
