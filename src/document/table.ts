// Document layer (pure): grid rows (from grid.ts, via lines.ts RawBlocks) → table rows with meaning:
// header rows found by their labels (fields.ts columnRoles), multi-row headers combined, group rows
// (I, II.1, A, a lone title, "Nhiệm vụ giao Bộ trưởng Bộ X chỉ đạo" which names the lead of the rows
// under it), continuation rows across page breaks, unnumbered sub-rows, merged cells carried down.
// structure() in parse.ts feeds it every row block in order.

import { columnRoles, type FieldRole, fieldRoleOf } from "./fields.ts";
import type { GridScheme } from "./grid.ts";
import { looksLikeItemNumber } from "./grid.ts";
import type { RawBlock } from "./lines.ts";
import type { Block, TableGroup, TableRow } from "./types.ts";

const NUMERIC = /^[\d.,%\s-]+$/;

/** A header cell is a label, not content: labels are short. */
const MAX_LABEL_CHARS = 90;
/** Share of a header row's filled cells that must be known labels (or years: "Chỉ tiêu | 2020 | 2025"). */
const LABEL_SHARE = 0.6;

function isLabel(c: string): boolean {
  return c.length <= MAX_LABEL_CHARS && (fieldRoleOf(c) !== null || /^(?:năm\s+)?\d{4}$/iu.test(c));
}

/**
 * A header row: at least two known labels, most filled cells labels, none long, no item number in the
 * first cell. "TT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện" is one,
 * and so is "Nhiệm vụ | Đơn vị chủ trì | Thời hạn" (no number column).
 */
export function isHeaderRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== "");
  if (filled.length < 2 || filled.some((c) => c.length > MAX_LABEL_CHARS)) return false;
  if (looksLikeItemNumber(cells[0] ?? "")) return false;
  const roles = columnRoles(cells);
  // "STT | TIÊU CHÍ THI ĐUA | ĐIỂM CHUẨN": a number column's label heads a row of labels, whatever they say.
  if (roles[0] === "tt" && filled.every((c) => !/^[\d.,%\s-]+$/.test(c))) return true;
  const labels = filled.filter(isLabel).length;
  return roles.some((r) => r !== null) && labels >= 2 && labels >= Math.ceil(filled.length * LABEL_SHARE);
}

/** "I", "II.1", "A": numbers of group rows (item rows are "1", "1.1"). */
export function isGroupTT(tt: string): boolean {
  return /^[IVXLC]+(\.\d+)*$/.test(tt) || /^[A-Z]$/.test(tt);
}

export function romanValue(r: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const a = v[r[i]!] ?? 0;
    const b = v[r[i + 1] ?? ""] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

export function toRoman(n: number): string {
  const r: [number, string][] = [[10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let s = "";
  for (const [v, c] of r)
    while (n >= v) {
      s += c;
      n -= v;
    }
  return s;
}

// A group title that hands its rows to one agency: "Nhiệm vụ giao Bộ trưởng Bộ Công an chỉ đạo" → "Bộ Công an",
// "Giao Sở Tài chính chủ trì" → "Sở Tài chính", "Ủy ban nhân dân cấp xã thực hiện" → "Ủy ban nhân dân cấp xã".
const AGENCY_HEAD = /^(?:Bộ|Ủy ban|UBND|Sở|Ban|Văn phòng|Cơ quan|Cục|Vụ|Tổng cục|Trung tâm|Công an|Thanh tra|Ngân hàng|Đài|Thông tấn|Tòa án|Viện|Kho bạc|Thuế|Bảo hiểm|Tập đoàn|Tổng công ty|Đại học|Học viện|Hội|Liên đoàn|Các)(?=\s|$)/u;
const OFFICE_HOLDER = /^(?:Bộ trưởng|Thủ trưởng|Chủ tịch|Giám đốc|Tổng Giám đốc|Chánh Văn phòng|Tổng Kiểm toán|Thống đốc|Viện trưởng|Chánh án|Trưởng ban)\s+(?:các\s+)?/u;

export function groupLeadOf(title: string): string | undefined {
  const t = title.replace(/\s+/g, " ").replace(/[:.]\s*$/, "").trim();
  const m =
    t.match(/^(?:(?:Các\s+)?nhiệm vụ\s+)?giao\s+(?:cho\s+)?(.+?)(?:\s+(?:chủ trì|chỉ đạo|thực hiện|triển khai|tổ chức thực hiện)(?:\s.*)?)?$/iu) ??
    t.match(/^(.+?)\s+(?:chủ trì|thực hiện|tổ chức thực hiện)$/u);
  if (!m) return undefined;
  let who = m[1]!.trim();
  if (OFFICE_HOLDER.test(who)) {
    const rest = who.replace(OFFICE_HOLDER, "");
    if (AGENCY_HEAD.test(rest)) who = rest;
  }
  return AGENCY_HEAD.test(who) && who.length <= 120 ? who : undefined;
}

/** A group numeral and its title in one cell: "II Phát triển hạ tầng số", "V.2 Công nghiệp và Năng lượng". */
const GROUP_WITH_TITLE = /^([IVXLC]+(?:\.\d+)*)[.\-–]?\s+(\S.*)$/u;

/** "a) x" / "ngành, địa phương": text that goes on from the cell above. */
function continuesText(s: string): boolean {
  return /^[\p{Ll},;)…]/u.test(s);
}

const DEADLINE_LIKE = /^(?:quý|tháng|năm|thường xuyên|hằng|hàng|trước|trong|giai đoạn|từ|đến|\d{1,2}\/\d{1,2}\/\d{4}|\d{4})/iu;
/** A date-like cell is short: "Quý IV/2026", "Năm 2025-2030" (a longer one is a sentence about a date). */
const DATE_CELL = 60;

/** What a cell holds, to line a short row up under the row above: item number, number, date, agency or text. */
function kindOf(c: string): string {
  if (c === "") return "empty";
  if (looksLikeItemNumber(c)) return "item";
  if (NUMERIC.test(c)) return "number";
  if (c.length <= DATE_CELL && DEADLINE_LIKE.test(c)) return "date";
  if (AGENCY_HEAD.test(c) && (!/^Các\s/u.test(c) || AGENCY_PLURAL.test(c))) return "agency";
  return "text";
}

/** "Các sở, ngành", "Các doanh nghiệp viễn thông" name agencies; "Các thiết bị phần cứng" does not. */
const AGENCY_PLURAL = /^Các\s+(?:bộ|sở|ban|ngành|cơ quan|đơn vị|địa phương|doanh nghiệp|tỉnh|thành phố|phường|xã|tổ chức|tập đoàn|trường|viện|cục|vụ)/iu;

const TEXTUAL = new Set(["agency", "text"]);

function fitScore(c: string, a: string): number {
  const kc = kindOf(c);
  const ka = kindOf(a);
  if (kc === "empty" || ka === "empty") return 0;
  if (kc === ka) return 2;
  return TEXTUAL.has(kc) && TEXTUAL.has(ka) ? 1 : 0;
}

/**
 * Place a short row's cells under the columns of the row above, in order, where their kinds fit best: a
 * row lost the cells that span down from above (HTML rowspans dropped by the crawl). "Đã thực thi | 0 | 0"
 * under "1 | Bộ Công an | Tổng | 7 | 0" goes to columns 2–4; "Xây dựng hạ tầng dự phòng … | Trung tâm CĐS"
 * under "1 | Xây dựng … | Sở … | Các sở … | Quý IV/2026" to columns 1–2; "2 | Rà soát … | Quý II/2026" under
 * "1 | Xây dựng … | Sở Tài chính | Quý IV/2026" to 0, 1, 3. Ties keep cells to the left. Returns the gaps.
 */
export function alignUnder(cells: string[], above: string[], width: number, numbered: boolean, right = false): { cells: string[]; gaps: number[] } {
  const m = cells.length;
  const NO = Number.NEGATIVE_INFINITY;
  // Column 0 holds the item number: only a number goes there, and a row with a number starts there.
  const score = (i: number, j: number) => {
    if (j === 0 && numbered) return i === 0 && looksLikeItemNumber(cells[0]!) ? 3 : NO;
    if (i === 0 && numbered && looksLikeItemNumber(cells[0]!)) return NO;
    return fitScore(cells[i]!, above[j] ?? "");
  };
  const f: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: width + 1 }, (_, j) => (i === 0 ? 0 : j < i ? NO : 0)));
  for (let i = 1; i <= m; i++)
    for (let j = i; j <= width; j++) f[i]![j] = Math.max(f[i]![j - 1]!, f[i - 1]![j - 1]! + score(i - 1, j - 1));
  if (!Number.isFinite(f[m]![width]!)) return { cells: [...cells, ...Array.from({ length: width - m }, () => "")], gaps: [] };
  const out: string[] = Array.from({ length: width }, () => "");
  const gaps: number[] = [];
  let i = m;
  for (let j = width; j > 0; j--) {
    // Place cell i here when leaving the column empty would score less, or when no column is left to skip (or, lining
    // up to the right, when placing it here scores as well).
    if (i > 0 && (f[i]![j] !== f[i]![j - 1] || j === i || (right && f[i - 1]![j - 1]! + score(i - 1, j - 1) === f[i]![j]))) {
      out[j - 1] = cells[i - 1]!;
      i--;
    } else gaps.unshift(j - 1);
  }
  return { cells: out, gaps };
}

/** Schemes whose rows come from a page layout (a row can be cut by a page break); the others are true rows. */
const PAGED: ReadonlySet<GridScheme> = new Set(["tsv", "aligned"]);

interface TableState {
  headers: string[];
  roles: (FieldRole | null)[];
  /** A header row seen last, waiting to be combined with a sub-header row under it. */
  pendingSub?: { parent: string[]; child: string[] };
  headerLast: boolean;
  groups: TableGroup[];
  lastRow?: Block;
  lastNum?: number;
  groupSince: boolean;
  topRoman: number;
}

/**
 * Combine a two-row header. Pipe grids drop the cells a row-spanning header covers, HTML grids repeat
 * them: parent "STT | Bộ | Đã cắt giảm | Dự kiến" over child "TTHC | ĐKKD | TTHC | ĐKKD", with data
 * "1 | Bộ Công an | 0 | 54 | 3 | 73", gives "STT | Bộ | Đã cắt giảm: TTHC | Đã cắt giảm: ĐKKD | Dự kiến: TTHC |
 * Dự kiến: ĐKKD". The parent labels standing alone over the data are those before its first number column
 * (the rest of the unspanned ones come last: "… | Tỷ lệ (%) | Ghi chú").
 */
export function combineHeaders(parent: string[], child: string[], data: string[]): string[] {
  const width = data.length;
  if (child.length === parent.length && child.length >= width) return parent.map((p, i) => (child[i] && child[i] !== p ? (p ? `${p}: ${child[i]}` : child[i]!) : p));
  const alone = width - child.length; // parent cells over one column each, before and after the spanning ones
  const firstNumber = data.findIndex((c, i) => i > 0 && NUMERIC.test(c));
  const fits = (lead: number) => {
    const spanning = parent.length - alone;
    return lead >= 0 && lead <= alone && spanning > 0 && child.length % spanning === 0;
  };
  const lead = fits(firstNumber) ? firstNumber : fits(alone) ? alone : -1;
  if (lead < 0) return [...parent.slice(0, Math.max(0, alone)), ...child];
  const spanning = parent.length - alone;
  const each = child.length / spanning;
  const trail = parent.slice(lead + spanning);
  return [...parent.slice(0, lead), ...child.map((c, i) => `${parent[lead + Math.floor(i / each)]}: ${c}`), ...trail];
}

export class TableReader {
  private tables = new Map<number, TableState>();
  /** Tables grouped by roman numerals (I, II, III.1 …): there a lost group-header row shows as numbering restarting at 1. */
  private romanTables = new Set<number>();

  constructor(raw: RawBlock[]) {
    for (const b of raw) {
      const c0 = (b.cells?.[0] ?? "").replace(/\.$/, "");
      if (b.kind === "row" && b.table !== undefined && /^[IVXLC]+(?:\.\d+)*$|^[IVXLC]+\s+\S/.test(c0) && (b.cells ?? []).slice(1).filter(Boolean).length <= 1) this.romanTables.add(b.table);
    }
  }

  private state(id: number): TableState {
    let t = this.tables.get(id);
    if (!t) {
      t = { headers: [], roles: [], headerLast: false, groups: [], groupSince: false, topRoman: 0 };
      this.tables.set(id, t);
    }
    return t;
  }

  /**
   * Read one row block. Returns the new row Block, or null when the row was a header, a group row or the
   * continuation of the row above (then that row's Block grew).
   */
  read(b: RawBlock, path: string[], context: string[]): Block | null {
    const id = b.table ?? -1;
    const tbl = this.state(id);
    let cells = [...(b.cells ?? [])];
    const scheme = b.scheme ?? "pipe-cells";

    if (isHeaderRow(cells)) {
      // A second header row right under the first: its sub-headers.
      if (tbl.headerLast && tbl.headers.length > 0 && cells.length !== tbl.headers.length && !tbl.pendingSub) tbl.pendingSub = { parent: tbl.headers, child: cells };
      else this.setHeaders(tbl, cells);
      tbl.headerLast = true;
      return null; // header rows (and their repeats at page breaks) carry no content
    }
    // Sub-headers without known labels ("Đơn giản hóa TTHC | Bãi bỏ TTHC …") under a header: short cells, no numbers.
    // (Where the first column numbers the items, a row right under the header with no number is one; elsewhere it must be wider.)
    const subFilled = cells.filter((c) => c !== "");
    if (
      tbl.headerLast &&
      !tbl.pendingSub &&
      (cells.length > tbl.headers.length || (tbl.roles[0] === "tt" && subFilled.length >= 2)) &&
      !looksLikeItemNumber(cells[0] ?? "") &&
      !GROUP_WITH_TITLE.test(cells[0] ?? "") &&
      !subFilled.some(continuesText) &&
      cells.every((c) => c.length <= MAX_LABEL_CHARS && !NUMERIC.test(c))
    ) {
      tbl.pendingSub = { parent: tbl.headers, child: cells };
      return null;
    }
    // The sub-headers are placed by the first row as wide as they are (group rows above it are narrower).
    if (tbl.pendingSub && cells.length >= tbl.pendingSub.child.length) {
      this.setHeaders(tbl, combineHeaders(tbl.pendingSub.parent, tbl.pendingSub.child, cells));
      tbl.pendingSub = undefined;
    }
    tbl.headerLast = false;

    // A row short of cells lost those spanning down from the row above: it is lined up under its columns
    // ("Xây dựng hạ tầng dự phòng … | Trung tâm CĐS" under an item; "2 | Rà soát … | Quý II/2026" without its lead).
    let gaps: number[] = [];
    const above = tbl.lastRow?.row?.cells;
    const first = cells[0] ?? "";
    const groupRow = (isGroupTT(first.replace(/\.$/, "")) && cells.slice(1).filter(Boolean).length <= 1) || GROUP_WITH_TITLE.test(first);
    if (tbl.roles[0] === "tt" && above && !PAGED.has(scheme) && cells.length < tbl.headers.length && first && !groupRow && (cells.filter(Boolean).length >= 2 || b.spanned)) {
      // (A row that lost its leading cells to spans lines up to the right on ties: the spans come from the left.)
      const aligned = alignUnder(cells, above, tbl.headers.length, true, !!b.spanned);
      cells = aligned.cells;
      gaps = aligned.gaps;
    } else if (tbl.roles[0] === "tt" && cells.length < tbl.headers.length && first && !looksLikeItemNumber(first) && !GROUP_WITH_TITLE.test(first)) {
      cells = ["", ...cells];
    }

    // A table whose first column is not a number column ("Nhiệm vụ | Đơn vị chủ trì | Thời hạn") has no item numbers.
    const numbered = tbl.roles.length === 0 || tbl.roles[0] === "tt" || tbl.roles[0] === null;
    let tt = numbered ? (cells[0] ?? "").replace(/\.$/, "") : "";
    let rest = cells.slice(numbered ? 1 : 0).filter((c) => c !== "");
    // "II Phát triển hạ tầng số" with the numeral and the title in one cell.
    const merged = rest.length === 0 && numbered ? tt.match(GROUP_WITH_TITLE) : null;
    if (merged) {
      tt = merged[1]!;
      rest = [merged[2]!];
    }
    // A group row: its numeral, a title, and at most totals ("I | NHÓM XÃ, PHƯỜNG | 115").
    if (isGroupTT(tt) && (rest.length <= 1 || rest.slice(1).every((c) => /^[\d.,%\s]+$/.test(c)))) {
      if (/^[IVXLC]+/.test(tt)) tbl.topRoman = romanValue(tt.split(".")[0]!);
      tbl.groupSince = true;
      const depth = tt.split(".").length;
      tbl.groups = tbl.groups.filter((g) => g.tt.split(".").length < depth && g.tt !== "");
      // A letter group (A, B) resets roman groups below it.
      if (/^[A-Z]$/.test(tt) && !/^[IVXLC]+$/.test(tt)) tbl.groups = [];
      const totals = rest.length > 1 ? { totals: { cells, lines: [b.line, b.endLine] as [number, number] } } : {};
      this.pushGroup(tbl, { tt, title: rest[0] ?? "", ...totals });
      tbl.lastRow = undefined;
      return null;
    }
    const filled = cells.filter((c) => c !== "");
    const prev = tbl.lastRow?.row;
    if (tt === "" && prev && ((PAGED.has(scheme) && numbered) || filled.every(continuesText))) {
      // Continuation of the previous row across a page break: merge cell by cell.
      const pc = prev.cells;
      for (let k = numbered ? 1 : 0; k < Math.max(pc.length, cells.length); k++) {
        const add = cells[k] ?? "";
        if (add) pc[k] = pc[k] ? `${pc[k]} ${add}` : add;
      }
      tbl.lastRow!.text = pc.join(" | ");
      tbl.lastRow!.endLine = b.endLine;
      this.fillFields(prev, tbl);
      return null;
    }
    if (tt === "" && filled.length === 1 && tbl.headers.length > 2 && !continuesText(filled[0]!) && !b.spanned) {
      // A lone title row inside a table (a group header without number).
      tbl.groups = [{ tt: "", title: filled[0]! }];
      const lead = groupLeadOf(filled[0]!);
      if (lead) tbl.groups[0]!.lead = lead;
      tbl.lastRow = undefined;
      return null;
    }
    const carried: number[] = [];
    // Cells a numbered row lost to spans are the item's above.
    if (tt !== "" && prev && gaps.length > 0) {
      for (const k of gaps) {
        if (k > 0 && tbl.roles[k] !== "task" && prev.cells[k]) {
          cells[k] = prev.cells[k]!;
          carried.push(k);
        }
      }
    }
    if (tt === "" && prev && numbered && !PAGED.has(scheme)) {
      // An unnumbered sub-row of the item above: the cells it leaves empty were merged with that item's.
      for (let k = 0; k < Math.min(prev.cells.length, tbl.headers.length); k++) {
        if ((cells[k] ?? "") === "" && k > 0 && tbl.roles[k] !== "task" && prev.cells[k]) {
          cells[k] = prev.cells[k]!;
          carried.push(k);
        }
      }
    }
    if (/^\d+$/.test(tt)) {
      const n = Number(tt);
      const restart = tbl.lastNum === undefined ? !tbl.groupSince : n <= tbl.lastNum && !tbl.groupSince;
      if (restart && this.romanTables.has(id)) {
        tbl.topRoman++;
        tbl.groups = [{ tt: toRoman(tbl.topRoman), title: "" }];
      }
      tbl.lastNum = n;
      tbl.groupSince = false;
    }
    const groupLabel = tbl.groups.filter((g) => g.tt).at(-1)?.tt;
    const groupLead = [...tbl.groups].reverse().find((g) => g.lead)?.lead;
    const row: TableRow = {
      table: id,
      headers: tbl.headers,
      cells,
      tt,
      groups: tbl.groups.map((g) => ({ ...g })),
      roles: tbl.roles,
      ...(groupLead ? { groupLead } : {}),
      ...(carried.length > 0 ? { carried } : {}),
    };
    this.fillFields(row, tbl);
    const block: Block = {
      kind: "row",
      text: cells.join(" | "),
      line: b.line,
      endLine: b.endLine,
      // Within an appendix, table positions replace inner text markers.
      path: [...path, ...(groupLabel ? [groupLabel] : []), ...(tt ? [tt] : [])],
      context: [...context, ...tbl.groups.map((g) => g.title).filter(Boolean)],
      row,
    };
    tbl.lastRow = block;
    return block;
  }

  private setHeaders(tbl: TableState, headers: string[]): void {
    tbl.headers = headers;
    tbl.roles = columnRoles(headers);
  }

  private pushGroup(tbl: TableState, g: TableGroup): void {
    const lead = groupLeadOf(g.title);
    tbl.groups.push(lead ? { ...g, lead } : g);
  }

  /** Fields read by column role: the status column ("Đang thực hiện", "Đã hoàn thành", "Quá hạn"). */
  private fillFields(row: TableRow, tbl: TableState): void {
    const s = tbl.roles.indexOf("status");
    const v = s >= 0 ? (row.cells[s] ?? "").trim() : "";
    if (v) row.status = v;
  }
}
