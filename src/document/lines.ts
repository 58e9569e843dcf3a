// Document layer (pure): raw file text → logical blocks (paragraphs, headings, table rows) with their
// source line numbers. Handles the three table shapes of the seeds, HTML-tagged cells, Markdown
// emphasis, PDF hard-wraps, page numbers and "DỰ THẢO" stamps.

import { normalizeLine } from "../text/normalize.ts";

export interface RawBlock {
  kind: "text" | "row";
  /** For text: the joined paragraph. For row: cells joined by " | ". */
  text: string;
  cells?: string[];
  /** True when the line was emphasised as a heading (Markdown #, bold-only, <b>-only). */
  heading?: number;
  line: number;
  endLine: number;
  /** Identifies the table a row belongs to (rows of one table share it). */
  table?: number;
}

export interface LineScan {
  blocks: RawBlock[];
  /** Line numbers of "DỰ THẢO" stamps (they mark the nearby document as a draft). */
  draftStamps: number[];
  warnings: string[];
}

const STAMP = /^\s*(?:\*\*)?DỰ THẢO(?:\*\*)?\s*$/u;
const PAGE_NO = /^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$/;
const PAGE_MARK = /^\s*--\s*\d+\s+of\s+\d+\s*--\s*$/;

/** Strip HTML tags and entities from a cell or line; footnote <sup>n</sup> markers go away. */
export function stripHtml(s: string): string {
  return s
    .replace(/<sup>\s*\d+\s*<\/sup>/gi, "")
    .replace(/<\/p>\s*<p>/gi, " ")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Strip Markdown emphasis and escapes: "**a)** x" → "a) x", "\*" → "*". */
export function stripMarkdown(s: string): string {
  return s
    .replace(/\\([*_#\-.()[\]])/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/(^|\s)\*(?=\S)([^*]*\S)\*(?=\s|$|[.,;:)])/g, "$1$2")
    .replace(/^\*(.+)\*$/, "$1")
    .replace(/ {2,}$/, "");
}

function headingLevel(raw: string): number | undefined {
  const t = raw.trim();
  const md = t.match(/^(#{1,6})\s+\S/);
  if (md) return md[1]!.length;
  if (/^\*\*[^*].*\*\*:?$/.test(t) && !/\*\*.+\*\*.+\*\*/.test(t.slice(2, -2))) return 7;
  if (/^<b>.*<\/b>$/i.test(t) && !t.includes("\t")) return 7;
  return undefined;
}

function cleanCell(s: string): string {
  return stripMarkdown(stripHtml(s)).replace(/\s+/g, " ").trim();
}

const LIST_START = /^\s*(?:[-+•*]\s|\(?[a-zđ]\)\s|\(\d+\)\s|\d+(?:\.\d+)*[.)]\s|[IVXLC]+[.\-–]\s|Điều\s+\d+|Chương\s+[IVXLC\d]+|Phụ lục|PHỤ LỤC|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám))/u;

/**
 * Scan a whole file. Lines are 1-based. `pdfLike` forces hard-wrap joining (set for PDF input);
 * otherwise it is detected from trailing spaces, as in text copied out of PDFs.
 */
export function scanLines(raw: string, opts: { pdfLike?: boolean } = {}): LineScan {
  const src = raw.replace(/\r\n?/g, "\n").split("\n");
  const lines = src.map((l) => normalizeLine(l));
  const warnings: string[] = [];
  const draftStamps: number[] = [];
  const blocks: RawBlock[] = [];

  const nonBlank = src.filter((l) => l.trim() !== "");
  const trailing = src.filter((l) => / $/.test(l) && l.trim() !== "").length;
  const hardWrapped = opts.pdfLike === true || (nonBlank.length > 20 && trailing / nonBlank.length > 0.3);
  // Width the text was wrapped at: a line about this long was broken by the layout, a shorter one ended
  // (a header line, a title, the last line of a paragraph). PDF text has no blank lines between paragraphs.
  const lengths = nonBlank.map((l) => l.trim().length).sort((a, b) => a - b);
  const wrapWidth = lengths[Math.floor(lengths.length * 0.8)] ?? 80;
  let lastLen = 0;

  let tableId = 0;
  let i = 0;
  let para: { text: string; line: number; endLine: number } | null = null;

  const flushPara = () => {
    if (para?.text.trim()) {
      blocks.push({ kind: "text", text: para.text.trim(), line: para.line, endLine: para.endLine });
    }
    para = null;
  };

  // Markdown table state.
  let mdHeaderSeen = false;
  // Tab table state: the current table id, reset by a run of non-table text.
  let inTab = false;

  while (i < lines.length) {
    const rawLine = lines[i]!;
    const no = i + 1;
    const t = rawLine.trim();

    // --- Pipe-per-line tables: a bare "|" starts a row; cells are lines ending in "|". ---
    if (t === "|") {
      flushPara();
      const table = readPipeTable(lines, i);
      tableId++;
      for (const r of table.rows) blocks.push({ kind: "row", text: r.cells.join(" | "), cells: r.cells, line: r.line, endLine: r.endLine, table: tableId });
      i = table.next;
      continue;
    }

    if (STAMP.test(t)) {
      draftStamps.push(no);
      i++;
      continue;
    }
    if (PAGE_NO.test(t) || PAGE_MARK.test(t)) {
      i++;
      continue;
    }

    // --- Markdown tables ---
    if (/^\|.*\|$/.test(t) && t.split("|").length >= 4) {
      flushPara();
      if (/^\|[\s:|-]+\|$/.test(t)) {
        mdHeaderSeen = true;
        i++;
        continue;
      }
      const cells = t.slice(1, -1).split("|").map(cleanCell);
      if (!mdHeaderSeen && (blocks.at(-1)?.kind !== "row" || blocks.at(-1)?.table !== tableId)) tableId++;
      blocks.push({ kind: "row", text: cells.join(" | "), cells, line: no, endLine: no, table: tableId });
      i++;
      continue;
    }
    mdHeaderSeen = false;

    // --- Tab-separated rows (HTML-tagged cells) ---
    if (rawLine.includes("\t")) {
      flushPara();
      if (!inTab) {
        tableId++;
        inTab = true;
      }
      const cells = rawLine.split("\t").map(cleanCell);
      while (cells.length > 1 && cells.at(-1) === "") cells.pop();
      blocks.push({ kind: "row", text: cells.join(" | "), cells, line: no, endLine: no, table: tableId });
      i++;
      continue;
    }

    if (t === "" || /^-{3,}$/.test(t) || /^\\?\*$/.test(t)) {
      flushPara();
      i++;
      continue;
    }
    // A tab table ends at real prose, not at blank lines or repeated headers between page breaks.
    if (inTab && t.length > 0) inTab = false;

    // Bold headings split over lines ("**PHÊ DUYỆT … VÀ  \nXÃ HỘI SỐ …**") are joined first.
    let span = 0;
    let joined = t;
    if (/^\*\*/.test(t) && !/\*\*:?$/.test(t)) {
      for (let k = 1; k <= 4 && i + k < lines.length; k++) {
        const nx = lines[i + k]!.trim();
        if (nx === "" || nx.includes("\t")) break;
        joined += " " + nx;
        if (/\*\*:?$/.test(nx)) {
          span = k;
          break;
        }
      }
      if (span === 0) joined = t;
    }
    const level = headingLevel(joined);
    const clean = stripMarkdown(stripHtml(joined.replace(/^#{1,6}\s+/, ""))).replace(/\s+/g, " ").trim();
    if (!clean) {
      i++;
      continue;
    }
    if (level !== undefined) {
      flushPara();
      blocks.push({ kind: "text", text: clean, heading: level, line: no, endLine: no + span });
      i += span + 1;
      continue;
    }

    const startsList = LIST_START.test(clean);
    if (para) {
      const prev: string = para.text;
      const join = hardWrapped
        ? !startsList && ((lastLen >= wrapWidth * 0.7 && !/[.:;!?]$/.test(prev)) || /^[\p{Ll},)]/u.test(clean) || (/:$/.test(prev) && /^\d/.test(clean)))
        : !startsList && ((!/[.:;!?)"]$/.test(prev) && /^[\p{Ll},]/u.test(clean)) || (prev.split("(").length > prev.split(")").length && !prev.endsWith(":")));
      if (join) {
        para.text = prev.replace(/\s+$/, "") + " " + clean;
        para.endLine = no;
        lastLen = t.length;
        i++;
        continue;
      }
      flushPara();
    }
    para = { text: clean, line: no, endLine: no };
    lastLen = t.length;
    if (!hardWrapped) {
      // Lines in non-PDF text are paragraphs unless the next one obviously continues them.
      const nx = (lines[i + 1] ?? "").trim();
      if (nx === "" || LIST_START.test(nx) || nx.includes("\t") || nx === "|") flushPara();
    }
    i++;
  }
  flushPara();
  return { blocks: joinBrokenParagraphs(blocks), draftStamps, warnings };
}

/**
 * A paragraph cut by a page break (blank lines in between) continues in lower case after a line that
 * ends mid-sentence: "… những bài" + "toán chuyển đổi số phức tạp …" is one paragraph.
 */
function joinBrokenParagraphs(blocks: RawBlock[]): RawBlock[] {
  const out: RawBlock[] = [];
  for (const b of blocks) {
    const prev = out.at(-1);
    if (
      prev &&
      prev.kind === "text" &&
      b.kind === "text" &&
      prev.heading === undefined &&
      b.heading === undefined &&
      !/[.:;!?)"”…]$/u.test(prev.text) &&
      // An upper-case line is a title ("KẾ HOẠCH" above its lower-case trích yếu), never a broken sentence.
      prev.text.replace(/[^\p{L}]/gu, "") !== prev.text.replace(/[^\p{L}]/gu, "").toUpperCase() &&
      /^\p{Ll}/u.test(b.text) &&
      !LIST_START.test(b.text) &&
      b.line - prev.endLine <= 8
    ) {
      prev.text = `${prev.text} ${b.text}`;
      prev.endLine = b.endLine;
      continue;
    }
    out.push(b);
  }
  return out;
}


/**
 * Read a table laid out one cell per line ("cell |"), rows separated by a bare "|" line. A bare "|"
 * inside a row is an empty cell: the column count comes from the first row, so
 * "|, I |, Giai đoạn 2025-2027 |, |, |, |" is one row ["I", "Giai đoạn 2025-2027", "", "", ""].
 */
function readPipeTable(lines: string[], start: number): { rows: { cells: string[]; line: number; endLine: number }[]; next: number } {
  type Tok = { cell: string | null; line: number; endLine: number };
  const toks: Tok[] = [];
  let j = start;
  let pending: string[] = [];
  let pendingLine = 0;
  while (j < lines.length) {
    const t = lines[j]!.trim();
    if (t === "") {
      j++;
      continue;
    }
    if (/^\|+$/.test(t)) {
      for (let c = 0; c < t.length; c++) toks.push({ cell: null, line: j + 1, endLine: j + 1 });
      j++;
      continue;
    }
    if (/\|$/.test(t)) {
      if (pending.length === 0) pendingLine = j + 1;
      pending.push(t.replace(/\s*\|$/, ""));
      toks.push({ cell: cleanCell(pending.join(" ")), line: pendingLine, endLine: j + 1 });
      pending = [];
      j++;
      continue;
    }
    // A text line belongs to a multi-line cell only if a cell end follows before the next bare "|".
    let k = j;
    while (k < lines.length && lines[k]!.trim() !== "|" && !/\|$/.test(lines[k]!.trim())) k++;
    if (k < lines.length && lines[k]!.trim() !== "|" && k - j < 4) {
      if (pending.length === 0) pendingLine = j + 1;
      pending.push(t);
      j++;
      continue;
    }
    break;
  }
  const rows: { cells: string[]; line: number; endLine: number }[] = [];
  // Column count: cells of the first row (between the first two separators).
  let n = 0;
  for (let x = 1; x < toks.length && toks[x]!.cell !== null; x++) n++;
  if (n === 0) return { rows, next: j };
  let p = 0;
  while (p < toks.length) {
    if (toks[p]!.cell === null) p++; // separator
    const cells: string[] = [];
    const line = toks[p]?.line ?? toks[Math.max(0, p - 1)]!.line;
    let endLine = line;
    while (cells.length < n && p < toks.length) {
      const tk = toks[p]!;
      // A separator where a row should end early (fewer cells) is taken as the next row's start
      // only when a full row of cells follows it.
      cells.push(tk.cell ?? "");
      endLine = tk.endLine;
      p++;
    }
    if (cells.some((c) => c !== "")) rows.push({ cells, line: Math.max(1, line - 1), endLine });
  }
  return { rows, next: j };
}
