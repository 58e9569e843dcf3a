// Document layer (pure): every table delimiter scheme → one grid (rows × cells, with source lines).
// lines.ts asks readGrid() at each line; table.ts (via parse.ts structure()) gives the grid its meaning
// (header rows, groups, continuations). Schemes: Markdown pipe rows (mdast + GFM tables), one cell per line
// between lone "|" lines, one cell per line ending in " |" (with or without the trailing pipe), HTML
// <table> (htmlparser2), tab-separated lines.

import type { TableCell, TableRow as MdTableRow, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import { Parser } from "htmlparser2";
import { fieldRoleOf } from "./fields.ts";
import { normalizeLine } from "../text/normalize.ts";
import { cleanInline, stripHtml } from "./inline.ts";

export type GridScheme = "markdown" | "pipe-cells" | "cell-lines" | "html" | "tsv" | "aligned";

export interface GridRow {
  cells: string[];
  /** 1-based source lines of the row (first and last). */
  line: number;
  endLine: number;
  /** The row lost its leading cells to spans from the item above (a merged-cell table): see markSpans. */
  spanned?: boolean;
}

export interface Grid {
  scheme: GridScheme;
  rows: GridRow[];
  /** 0-based index of the first line after the table. */
  next: number;
}

/** Longest cell, in lines, of a table whose cells are separated by lone "|" lines (a cell of several list items). */
const MAX_CELL_LINES = 40;
/** Longest cell, in lines, where cells end in " |": only wrapped titles ("THỦ TƯỚNG CHÍNH\nPHỦ |"). */
const MAX_PIPE_END_CELL_LINES = 4;

const LONE_PIPES = /^\|+$/;
const MD_ROW = /^\|.*\|$/;
const MD_DELIMITER = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const TABLE_OPEN = /<table[\s>]/i;
const ATTACHED = /^[*_\s]*\((?:[*_]*)(?:Ban hành )?[Kk]èm theo\s/u;
const SECTION_START = /^(?:\*\*|#+\s*)?\s*(?:PHỤ LỤC|Phụ lục|Chương\s+[IVXLC\d]+\b|Điều\s+\d+\.)/u;

/** The table starting at line i (0-based), or null when none starts there. */
export function readGrid(lines: string[], i: number, raw?: readonly string[]): Grid | null {
  const t = (lines[i] ?? "").trim();
  if (TABLE_OPEN.test(t)) return readHtmlTable(lines, i);
  if (LONE_PIPES.test(t)) return readPipeStream(lines, i);
  if (MD_ROW.test(t) && t.split("|").length >= 4) return readMarkdownTable(lines, i);
  // GFM rows may leave out the outer pipes ("a | b | c") when a delimiter row ("--- | ---") follows the header.
  const next = (lines[i + 1] ?? "").trim();
  if (t.split("|").length >= 3 && next.includes("|") && MD_DELIMITER.test(next)) return readMarkdownTable(lines, i, true);
  if ((lines[i] ?? "").includes("\t")) return readTsv(lines, i);
  if (raw && / {2,}\S/.test((raw[i] ?? "").trim())) return readAligned(raw, i);
  return null;
}

/** Cell text from its source lines: wrapped lines joined, rule lines ("--------") dropped, inline marks stripped. */
export function cellText(parts: string[]): string {
  return cleanInline(parts.filter((p) => !/^[-_=–—]{3,}$/.test(p.trim())).join(" "));
}

// ---------------------------------------------------------------------------------------------
// Lone-pipe tables. Both one-cell-per-line shapes are a Markdown row "| a | b | c |" spread over lines:
//   "|", "a", "|", "b", "|", "|", "next row" …    (the pipe on its own line, "|\n|" between rows)
//   "|", "a |", "b |", "|", "next row |" …          (the pipe ending the cell's line, a lone "|" opens a row)
// so both become one stream of text segments and pipe runs. A run of k pipes between two cells either
// continues the row (k − 1 empty cells) or ends it (k − 2 empty cells shared by the two rows); the column
// count and the item numbers decide. When the " |" ends were removed, every segment between lone pipes is a
// whole row, one cell per line, and the header row's labels give the column count.

interface Seg {
  parts: string[];
  line: number;
  endLine: number;
  /** The segment's last line ended in " |" (the pipe-end shape). */
  pipeEnd: boolean;
}

interface Run {
  pipes: number;
  line: number;
  /** Source line of each pipe in the run. */
  at: number[];
}

/** The segments and pipe runs of a stream: runs[k] precedes segs[k]; runs[segs.length] closes the last one. */
interface Stream {
  runs: Run[];
  segs: Seg[];
  lastPipeLine: number;
}

/** n pipes on a line: they close the pending segment, or add to the run before it. */
function addPipes(st: Stream, pending: Seg | null, n: number, line: number): void {
  const at = Array.from({ length: n }, () => line);
  if (pending) {
    st.segs.push(pending);
    st.runs.push({ pipes: n, line, at });
  } else if (st.runs.length === st.segs.length + 1) {
    const r = st.runs[st.runs.length - 1]!;
    r.pipes += n;
    r.at.push(...at);
  } else st.runs.push({ pipes: n, line, at });
  st.lastPipeLine = line;
}

function readPipeStream(lines: string[], start: number): Grid | null {
  const st: Stream = { runs: [], segs: [], lastPipeLine: start };
  const { runs, segs } = st;
  let j = start;
  let pending: Seg | null = null;
  let pipeEndShape = false;
  const pushPipes = (n: number, line: number) => {
    addPipes(st, pending, n, line);
    pending = null;
  };
  while (j < lines.length) {
    const raw = lines[j]!;
    const t = raw.trim();
    if (t === "") {
      // Blank lines inside a table are page breaks; before prose they end it.
      const k = afterPageBreak(lines, j, pending !== null, pipeEndShape);
      if (k < 0) break;
      j = k;
      continue;
    }
    if (LONE_PIPES.test(t)) {
      // Where cells end in " |", a lone "|" opens a row: text before it that no " |" closed was prose.
      if (pipeEndShape && pending && !(pending as Seg).pipeEnd) break;
      pushPipes(t.length, j + 1);
      j++;
      continue;
    }
    const end = t.match(/^(.*\S)\s*(\|+)$/);
    if (end && !t.startsWith("|")) {
      if (!pending && segs.length === 0) pipeEndShape = true;
      if (pipeEndShape && pending && (pending as Seg).parts.length >= MAX_PIPE_END_CELL_LINES) break;
      const seg: Seg = pending ?? { parts: [], line: j + 1, endLine: j + 1, pipeEnd: true };
      seg.parts.push(end[1]!);
      seg.endLine = j + 1;
      seg.pipeEnd = true;
      pending = seg;
      pushPipes(end[2]!.length, j + 1);
      j++;
      continue;
    }
    if (t.startsWith("|") && MD_ROW.test(t)) break; // a Markdown table follows
    // An appendix or article heading after the signature block is the text again, not one more cell;
    // so is an appendix's "(Kèm theo …)" line, even inside what looked like a cell.
    if (!pending && SECTION_START.test(t)) break;
    if (!pipeEndShape && ATTACHED.test(t)) break;
    if (!pending) pending = { parts: [], line: j + 1, endLine: j + 1, pipeEnd: false };
    pending.parts.push(t);
    pending.endLine = j + 1;
    // In the pipe-end shape a cell of more than a few lines is prose after the table.
    if (pending.parts.length > (pipeEndShape ? MAX_PIPE_END_CELL_LINES : MAX_CELL_LINES)) break;
    j++;
  }
  return pipeStreamGrid(runs, segs, pending, pipeEndShape, st.lastPipeLine);
}

/** After a blank line at j: the index to go on from when the table continues (a page break), or −1. */
function afterPageBreak(lines: string[], j: number, inCell: boolean, pipeEndShape: boolean): number {
  let k = j + 1;
  while (k < lines.length && lines[k]!.trim() === "") k++;
  const nx = (lines[k] ?? "").trim();
  return inCell || !(LONE_PIPES.test(nx) || (/\S\s*\|$/.test(nx) && pipeEndShape)) ? -1 : k;
}

/** The grid of a scanned pipe stream. */
function pipeStreamGrid(runs: Run[], segs: Seg[], tail: Seg | null, pipeEndShape: boolean, lastPipeLine: number): Grid {
  // Whatever follows the last pipe without being closed is not part of the table …
  const next = lastPipeLine;
  if (runs.length > segs.length + 1) runs.length = segs.length + 1;
  // … unless the pipes were stripped (every segment a row): then the segment after the last pipe is the last row.
  const rowPerSeg = !pipeEndShape && segs.length >= 1 && segs[0]!.parts.length >= 2;
  if (rowPerSeg) {
    const rows = rowsFromLineSegments(segs, tail);
    if (rows) return { scheme: "cell-lines", rows: rows.rows, next: rows.next };
  }
  if (segs.length === 0) return { scheme: "pipe-cells", rows: [], next };
  return { scheme: pipeEndShape ? "cell-lines" : "pipe-cells", rows: rowsFromStream(runs, segs, pipeEndShape), next };
}

/** "3", "II", "1.2", "A", "a)" — what a number column holds. */
export function looksLikeItemNumber(s: string): boolean {
  return /^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVXLC]{1,6}(?:\.\d{1,3}){0,3}\.?|[A-ZĐ]\.?|[a-zđ]\))$/u.test(s.trim());
}

/** Does `cand` follow `prev` as the next item number ("3" after "2", "1.1" after "1", "II" or "1" after anything)? */
function followsNumber(prev: string, cand: string): boolean {
  const c = cand.replace(/\.$/, "");
  if (/^[IVXLC]+$|^[A-ZĐ]$/u.test(c)) return true;
  if (!/^\d+(?:\.\d+)*$/.test(c)) return false;
  const p = prev.replace(/\.$/, "");
  if (c === "1" || !/^\d+(?:\.\d+)*$/.test(p)) return true;
  if (c.startsWith(p + ".")) return true;
  const pc = p.split(".").map(Number);
  const cc = c.split(".").map(Number);
  // Same depth or shallower: the last level goes up by one ("1.3" → "1.4", "1.4" → "2").
  if (cc.length > pc.length) return false;
  const d = cc.length - 1;
  return cc.slice(0, d).every((v, x) => v === pc[x]) && cc[d] === (pc[d] ?? 0) + 1;
}

/** The row being read from a pipe stream, and the rows already read. */
class RowBuilder {
  rows: GridRow[] = [];
  /** Widest row so far: the header's column count, then the data rows'. */
  n = 0;
  /** The header opens with a number column ("STT", "TT"). */
  numbered = false;
  cur: string[] = [];
  curSegs: (Seg | null)[] = [];
  curEnd: number;
  constructor(
    public curLine: number,
    private readonly pipeEnd: boolean,
  ) {
    this.curEnd = curLine;
  }
  push(text: string, seg: Seg | null): void {
    this.cur.push(text);
    this.curSegs.push(seg);
  }
  finish(): void {
    // Where cells end in " |", a row short of cells has lost a " |" to a cut line: "Tỉ lệ … c" + "% |" are two cells.
    while (this.pipeEnd && this.cur.length < this.n) {
      const x = this.curSegs.findIndex((sg) => sg !== null && sg.parts.length > 1);
      if (x < 0) break;
      const sg = this.curSegs[x]!;
      const rest: Seg = { ...sg, parts: sg.parts.slice(1) };
      this.cur.splice(x, 1, cellText(sg.parts.slice(0, 1)), cellText(rest.parts));
      this.curSegs.splice(x, 1, null, rest);
    }
    if (this.cur.some((c) => c !== "")) this.rows.push({ cells: this.cur, line: this.curLine, endLine: this.curEnd });
    if (fieldRoleOf(this.cur[0] ?? "") === "tt") this.numbered = true;
    this.n = fieldRoleOf(this.cur[0] ?? "") === "tt" ? this.cur.length : Math.max(this.n, this.cur.length);
    this.cur = [];
    this.curSegs = [];
  }
  /** A run of k pipes ends the row: the empty cells between fill the row that ends, then open the next one. */
  breakRow(run: Run, k: number): void {
    let empties = k - 2;
    let used = 0; // pipes of the run that belong to the row ending
    while (empties > 0 && this.cur.length < this.n) {
      this.push("", null);
      empties--;
      used++;
    }
    this.curEnd = run.at[used]!;
    this.finish();
    // Pipes enough for whole rows of empty cells (a group row whose cells were lost) are those rows.
    while (this.n > 0 && empties >= this.n + 1) empties -= this.n + 1;
    for (let e = 0; e < empties; e++) this.push("", null);
    this.curLine = run.at[k - 1 - empties]!;
  }
}

function rowsFromStream(runs: Run[], segs: Seg[], pipeEnd: boolean): GridRow[] {
  const rb = new RowBuilder(runs[0]?.at.at(-1) ?? segs[0]!.line, pipeEnd);
  for (let k = 0; k < (runs[0]?.pipes ?? 1) - 1; k++) rb.push("", null);
  let prevNumber = "";
  for (let s = 0; s < segs.length; s++) {
    const seg = segs[s]!;
    const text = cellText(seg.parts);
    if (rb.cur.length === 0 && looksLikeItemNumber(text)) prevNumber = text;
    rb.push(text, seg);
    rb.curEnd = seg.endLine;
    const run = runs[s + 1];
    const nextSeg = segs[s + 1];
    if (!run || !nextSeg) {
      rb.curEnd = run?.at[0] ?? rb.curEnd;
      for (let k = 1; k < (run?.pipes ?? 1) && rb.cur.length < rb.n; k++) {
        rb.push("", null);
        rb.curEnd = run!.at[k]!;
      }
      break;
    }
    const k = run.pipes;
    if (k === 1) continue; // one pipe: the next cell of the same row
    const nextText = cellText(nextSeg.parts);
    // Continuing must leave room for every cell up to the next run that can end a row.
    let span = 1;
    while (s + 1 + span < segs.length && (runs[s + 1 + span]?.pipes ?? 2) === 1) span++;
    // A row opened by a number column's label ("STT", "TT") is a header: a new table starts there,
    // with its own width (two tables can follow each other with nothing between).
    const header = fieldRoleOf(rb.cur[0] ?? "") === "tt";
    const fits = rb.n === 0 || header ? false : rb.cur.length + (k - 1) + span <= rb.n;
    const startsRow = looksLikeItemNumber(nextText) && followsNumber(prevNumber, nextText);
    // Under a number column, a row that opens with text lost its leading cells to spans from the item above: the
    // "|" "|" after its cells ends it (a merged-cell table: "1 | Nhóm | Dữ liệu A | Ban X", then "Dữ liệu B", …).
    const spanned = rb.numbered && k === 2 && rb.cur[0] !== "" && !looksLikeItemNumber(rb.cur[0]!);
    if (fits && !startsRow && !spanned) {
      for (let e = 0; e < k - 1; e++) rb.push("", null);
      continue;
    }
    rb.breakRow(run, k);
  }
  rb.finish();
  return rb.numbered ? markSpans(rb.rows, rb.n) : rb.rows;
}

/**
 * Rows that lost cells to spans from the item above: a run of two or more rows that open with text under a number
 * column (a lone one is a title row) right after a full row — "1 | Nhóm | Dữ liệu A | Ban X", then "Dữ liệu B",
 * "Dữ liệu C | Văn phòng Y". They are marked `spanned`; the table layer lines them up under the item and carries down
 * the cells they lack.
 */
function markSpans(rows: GridRow[], n: number): GridRow[] {
  const short = (r: GridRow) => r.cells.length < n && r.cells[0] !== "" && !looksLikeItemNumber(r.cells[0]!) && fieldRoleOf(r.cells[0]!) !== "tt";
  const out = [...rows];
  for (let i = 1; i < out.length; i++) {
    if (!short(out[i]!) || short(out[i - 1]!) || out[i - 1]!.cells.length !== n) continue;
    let j = i;
    while (j < out.length && short(out[j]!)) j++;
    if (j - i >= 2) for (let x = i; x < j; x++) out[x] = { ...out[x]!, spanned: true };
    i = j - 1;
  }
  return out;
}

/**
 * Rows laid out one cell per line with the " |" ends removed: each segment between lone "|" lines is a row.
 * The first segment must be a header of known labels ("TT", "Nhiệm vụ", "Cơ quan chủ trì" …) — that gives
 * the column count; a row with more lines than columns has wrapped cells, rejoined where a line continues
 * the one above (lower-case start).
 */
function rowsFromLineSegments(segs: Seg[], tail: Seg | null): { rows: GridRow[]; next: number } | null {
  const head = segs[0]!.parts.map((p) => cellText([p]));
  const labelled = head.filter((h) => fieldRoleOf(h) !== null).length;
  if (labelled < 2 || labelled < head.length * 0.6) return null;
  const n = head.length;
  const rows: GridRow[] = [];
  let next = segs.at(-1)!.endLine;
  const all = tail ? [...segs, tail] : segs;
  for (const [x, seg] of all.entries()) {
    let parts = [...seg.parts];
    let endLine = seg.endLine;
    if (seg === tail) {
      // The last row has no closing pipe: it is the next n cells, the rest is prose after the table.
      const take = fitLines(parts, n).taken;
      parts = parts.slice(0, take);
      endLine = seg.line + take - 1;
    }
    const cells = fitLines(parts, n).cells.map((c) => cellText([c]));
    rows.push({ cells, line: Math.max(1, seg.line - 1), endLine });
    next = x === all.length - 1 ? endLine : next;
  }
  return { rows, next };
}

/** Join wrapped lines until n cells remain: "Tổ chức triển khai" + "các dự án …" → one cell. */
function fitLines(parts: string[], n: number): { cells: string[]; taken: number } {
  const cells: string[] = [];
  let taken = 0;
  let over = parts.length - n;
  for (const p of parts) {
    if (cells.length >= n && over <= 0) break;
    if (cells.length > 0 && over > 0 && /^[\p{Ll},;)]/u.test(p.trim())) {
      cells[cells.length - 1] += " " + p.trim();
      over--;
    } else {
      if (cells.length >= n) break;
      cells.push(p.trim());
    }
    taken++;
  }
  while (cells.length < n) cells.push("");
  return { cells, taken };
}

// ---------------------------------------------------------------------------------------------
// Markdown pipe tables, through mdast (GFM tables). A block without a delimiter row ("|---|") still is a
// table here: one is supplied after its first row.

function readMarkdownTable(lines: string[], start: number, bare = false): Grid {
  let j = start;
  const isRow = (l: string) => (bare ? l.includes("|") && l !== "" : MD_ROW.test(l));
  while (j < lines.length && isRow(lines[j]!.trim())) j++;
  const block = lines.slice(start, j).map((l) => l.trim());
  const hasDelimiter = block.length > 1 && MD_DELIMITER.test(block[1]!);
  const source = hasDelimiter ? block : [block[0]!, "|" + " --- |".repeat(Math.max(1, block[0]!.split("|").length - 2)), ...block.slice(1)];
  const tree = fromMarkdown(source.join("\n"), { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const rows: GridRow[] = [];
  for (const node of tree.children) {
    if (node.type !== "table") continue;
    for (const tr of node.children as MdTableRow[]) {
      const srcLine = tr.position?.start.line ?? 1;
      // Map back to the file: the supplied delimiter row is not in it.
      const line = start + (hasDelimiter || srcLine === 1 ? srcLine : srcLine - 1);
      const cells = tr.children.map((c: TableCell) => cleanInline(mdText(c.children)));
      if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === "")) continue; // a repeated delimiter row
      rows.push({ cells, line, endLine: line });
    }
  }
  return { scheme: "markdown", rows, next: j };
}

function mdText(nodes: RootContent[] | readonly RootContent[]): string {
  let s = "";
  for (const n of nodes) {
    if (n.type === "text" || n.type === "inlineCode") s += n.value;
    else if (n.type === "html") s += stripHtml(n.value);
    else if (n.type === "break") s += " ";
    else if ("children" in n) s += mdText(n.children as RootContent[]);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// HTML tables, through htmlparser2: entities decoded, rowspan cells carried down into the rows they
// cover, colspan cells repeated in header rows (so sub-headers find their parent) and left empty elsewhere.

function readHtmlTable(lines: string[], start: number): Grid {
  let j = start;
  let depth = 0;
  do {
    const l = lines[j]!;
    depth += (l.match(/<table[\s>]/gi) ?? []).length - (l.match(/<\/table>/gi) ?? []).length;
    j++;
  } while (j < lines.length && depth > 0);
  const src = lines.slice(start, j).join("\n");
  const lineAt = (offset: number) => start + 1 + (src.slice(0, offset).match(/\n/g)?.length ?? 0);
  const rows = layOutSpans(parseHtmlRows(src, lineAt));
  return { scheme: "html", rows: rows.filter((r) => r.cells.some((c) => c !== "")), next: j };
}

interface HtmlCell {
  text: string;
  rowspan: number;
  colspan: number;
  header: boolean;
}
interface HtmlRow {
  cells: HtmlCell[];
  line: number;
  endLine: number;
  head: boolean;
}

/** The rows and cells of the outer table (a nested table's text stays out), with their source lines. */
function parseHtmlRows(src: string, lineAt: (offset: number) => number): HtmlRow[] {
  const trs: HtmlRow[] = [];
  let tr: HtmlRow | null = null;
  let cell: HtmlCell | null = null;
  let inHead = false;
  let nested = 0;
  const span = (v: string | undefined) => Math.max(1, Math.min(MAX_SPAN, Number.parseInt(v ?? "1", 10) || 1));
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "table" && ++nested > 1) return;
        if (nested > 1) return;
        if (name === "thead") inHead = true;
        if (name === "tr") tr = { cells: [], line: lineAt(parser.startIndex), endLine: lineAt(parser.startIndex), head: inHead };
        if ((name === "td" || name === "th") && tr) cell = { text: "", rowspan: span(attrs.rowspan), colspan: span(attrs.colspan), header: name === "th" };
        if (cell && (name === "br" || name === "p" || name === "div" || name === "li")) cell.text += " ";
      },
      ontext(t) {
        if (cell && nested <= 1) cell.text += t;
      },
      onclosetag(name) {
        if (name === "table") nested--;
        if (nested > 1) return;
        if (name === "thead") inHead = false;
        if ((name === "td" || name === "th") && cell && tr) {
          tr.cells.push(cell);
          tr.endLine = lineAt(parser.endIndex);
          cell = null;
        }
        if (name === "tr" && tr) {
          trs.push(tr);
          tr = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(src);
  parser.end();
  return trs;
}

/** A span larger than this is a typo or an attack, not a table. */
const MAX_SPAN = 50;

/** Lay the cells on a matrix, honouring spans: rowspan text carried down, colspan repeated in header rows. */
function layOutSpans(trs: HtmlRow[]): GridRow[] {
  const carried = new Map<string, string>(); // "row,col" → text of a rowspan cell from above
  const rows: GridRow[] = [];
  trs.forEach((r, y) => {
    const out: string[] = [];
    let x = 0;
    const headerRow = r.head || (r.cells.length > 0 && r.cells.every((c) => c.header));
    const take = () => {
      while (carried.has(`${y},${x}`)) {
        out[x] = carried.get(`${y},${x}`)!;
        x++;
      }
    };
    for (const c of r.cells) {
      take();
      const text = cleanInline(c.text);
      for (let dx = 0; dx < c.colspan; dx++) {
        out[x + dx] = dx === 0 || headerRow ? text : "";
        for (let dy = 1; dy < c.rowspan; dy++) carried.set(`${y + dy},${x + dx}`, dx === 0 || headerRow ? text : "");
      }
      x += c.colspan;
    }
    take();
    rows.push({ cells: Array.from(out, (v) => v ?? ""), line: r.line, endLine: r.endLine });
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Tab-separated rows (text copied out of Word or a PDF). The table goes on across blank lines, page numbers
// and headers repeated at page breaks, and ends at the first line of prose.

const PAGE_NUMBER = /^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*--\s*\d+\s+of\s+\d+\s*--\s*$/;

function readTsv(lines: string[], start: number): Grid {
  const rows: GridRow[] = [];
  let j = start;
  let next = start;
  while (j < lines.length) {
    const l = lines[j]!;
    if (l.includes("\t")) {
      const cells = l.split("\t").map((c) => cleanInline(c));
      while (cells.length > 1 && cells.at(-1) === "") cells.pop();
      rows.push({ cells, line: j + 1, endLine: j + 1 });
      j++;
      next = j;
      continue;
    }
    if (l.trim() === "" || PAGE_NUMBER.test(l)) {
      j++;
      continue;
    }
    break;
  }
  return { scheme: "tsv", rows: rows.filter((r) => r.cells.some((c) => c !== "")), next };
}

// ---------------------------------------------------------------------------------------------
// Column-aligned text (a PDF's table as text): cells parted by runs of two or more spaces at the same
// offsets as a header row of known labels. A line with an item number in the first column opens a row;
// the lines under it add their words to the cells they stand under (wrapped cells).

/** How far (characters) a cell may start from its column's offset. */
const ALIGN_TOLERANCE = 3;

function chunksOf(line: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ at: m.index, text: m[0] });
  return out;
}

function readAligned(raw: readonly string[], start: number): Grid | null {
  const head = chunksOf(raw[start]!.replace(/\t/g, "    "));
  if (head.length < 3 || head.filter((c) => fieldRoleOf(c.text) !== null).length < 2) return null;
  const starts = head.map((c) => c.at);
  const column = (at: number) => {
    let k = -1;
    starts.forEach((s, x) => {
      if (s <= at + ALIGN_TOLERANCE) k = x;
    });
    return k;
  };
  const numbered = fieldRoleOf(head[0]!.text) === "tt";
  const rows: GridRow[] = [{ cells: head.map((c) => cellText([normalizeLine(c.text)])), line: start + 1, endLine: start + 1 }];
  let j = start + 1;
  let next = j;
  while (j < raw.length) {
    const line = raw[j]!.replace(/\t/g, "    ");
    if (line.trim() === "") {
      j++;
      continue;
    }
    const chunks = chunksOf(line);
    // A page number between two pages of the table ("- 7 -", "7") is not a row.
    if (PAGE_NUMBER.test(line)) {
      j++;
      continue;
    }
    // Every chunk must lie inside one column: prose running across the columns ends the table.
    const fits = chunks.every((c) => {
      const k = column(c.at);
      return k >= 0 && (k + 1 >= starts.length || c.at + c.text.length < starts[k + 1]! + ALIGN_TOLERANCE);
    });
    if (!fits) break;
    const first = chunks[0]!;
    const opens = column(first.at) === 0 && (numbered ? looksLikeItemNumber(first.text) : /^\p{Lu}/u.test(first.text));
    if (opens || rows.length === 1) {
      const cells = starts.map(() => "");
      for (const c of chunks) cells[column(c.at)] = cellText([normalizeLine(c.text)]);
      rows.push({ cells, line: j + 1, endLine: j + 1 });
    } else {
      const r = rows.at(-1)!;
      for (const c of chunks) {
        const k = column(c.at);
        r.cells[k] = r.cells[k] ? `${r.cells[k]} ${cellText([normalizeLine(c.text)])}` : cellText([normalizeLine(c.text)]);
      }
      r.endLine = j + 1;
    }
    j++;
    next = j;
  }
  if (rows.length < 2) return null;
  return { scheme: "aligned", rows, next };
}
