// Document layer (pure): raw file text → logical blocks (paragraphs, headings, table rows) with their
// source line numbers. Paragraphs are recovered from hard-wrapped text by evidence (no sentence end, a
// lower-case or continuing next line, a line as long as the file's own wrap width); tables of every
// delimiter scheme come from grid.ts; inline marks (Markdown, HTML, footnote numbers) from inline.ts.

import { normalizeLine } from "../text/normalize.ts";
import { type GridScheme, readGrid } from "./grid.ts";
import { cleanInline, stripHtml, stripMarkdown } from "./inline.ts";

export { stripHtml, stripMarkdown };

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
  /** How the table was laid out (a TSV row can be cut by a page break; a pipe or HTML row cannot). */
  scheme?: GridScheme;
  /** A row that lost its leading cells to spans from the item above (grid.ts markSpans). */
  spanned?: boolean;
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

function headingLevel(raw: string): number | undefined {
  const t = raw.trim();
  const md = t.match(/^(#{1,6})\s+\S/);
  if (md) return md[1]!.length;
  if (/^\*\*[^*].*\*\*:?$/.test(t) && !/\*\*.+\*\*.+\*\*/.test(t.slice(2, -2))) return 7;
  if (/^<b>.*<\/b>$/i.test(t) && !t.includes("\t")) return 7;
  return undefined;
}

const LIST_START = /^\s*(?:[-+•*]\s|\(?[a-zđ]\)\s|\(\d+\)\s|\([ivx]+\)\s|\[\d{1,3}\]\s|\d+(?:\.\d+)*[.)]\s|[IVXLC]+[.\-–]\s|Điều\s+\d+(?=\s*[.:]|\s*$|\s+\p{Lu})|Chương\s+[IVXLC\d]+|Phụ lục|PHỤ LỤC|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám))/u;

/** A line that is only layout: a rule ("-----"), a stray escaped asterisk, an empty bold run ("** **"). */
const LAYOUT_ONLY = /^(?:-{3,}|_{3,}|(?:\\?\*+\s*)+)$/;

/** A line at least this share of the file's wrap width was broken by the layout, not by the author. */
const FULL_LINE_SHARE = 0.8;
/** Wrapped lines a file must show before its wrap width is trusted. */
const MIN_WRAP_EVIDENCE = 8;
/** A bold run left open joins at most this many lines ("**1. Sở" + "Tài chính **(cơ quan chủ trì)"). */
const MAX_BOLD_SPAN = 6;

/** Share of lines followed by a blank line above which blank lines part paragraphs. */
const BLANK_SEPARATED_SHARE = 0.12;

const ATTACHED_LINE = /^\((?:Ban hành )?[Kk]èm theo\s/u;

const SENTENCE_END = /[.:;!?…]$/u;

/** Text of a raw line without emphasis marks, to judge how it ends or starts. */
function bare(line: string): string {
  return line.replace(/\*+|_{2,}/g, "").replace(/<[^>]+>/g, "").trim();
}

/**
 * The file's own wrap width: the median length of lines that certainly wrapped (no sentence end, the next
 * line goes on in lower case). Crawled pages wrap near 80 characters, PDFs at the page width; text written
 * one paragraph per line shows no such evidence and gets no width (only lower-case starts join).
 */
export function measureWrapWidth(lines: string[]): number {
  const wrapped: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = bare(lines[i]!);
    const b = bare(lines[i + 1]!);
    if (a.length > 20 && b !== "" && !a.endsWith("|") && !SENTENCE_END.test(a) && /^\p{Ll}/u.test(b)) wrapped.push(a.length);
  }
  if (wrapped.length < MIN_WRAP_EVIDENCE) return Number.POSITIVE_INFINITY;
  wrapped.sort((x, y) => x - y);
  return wrapped[Math.floor(wrapped.length / 2)]!;
}

function isAllCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, "");
  return letters.length > 0 && letters === letters.toUpperCase();
}

interface Para {
  raw: string[];
  line: number;
  endLine: number;
}

/** "**" runs left open: "**1. Sở" is open, "**Điều 1.** Phạm vi" is closed. */
function boldOpen(raw: string[]): boolean {
  return (raw.join(" ").match(/\*\*/g)?.length ?? 0) % 2 === 1;
}

/**
 * Does `next` continue the paragraph `p` (no blank line between)? Evidence, in order: a new paragraph's
 * start (list marker, article, a bold run opening the line) says no; an open bold run, a lower-case start,
 * an unclosed parenthesis, or a previous line as long as the wrap width with no sentence end says yes.
 */
function continues(p: Para, next: string, width: number, pdf: boolean, blankSeparated: boolean): boolean {
  const prevRaw = p.raw.at(-1)!;
  const prev = bare(p.raw.join(" "));
  const nx = bare(next);
  if (headingLevel(p.raw.join(" ")) !== undefined && !boldOpen(p.raw)) return false;
  if (/^#{1,6}\s/.test(next)) return false;
  const opensBold = /^\*\*(?!\s*\p{Ll})/u.test(next) && !boldOpen(p.raw);
  // A heading word left alone by the layout ("**Điều" + "14. Trách nhiệm của Sở Nội vụ**") takes its number from the next line.
  if (/^(?:Điều|Chương|Mục|Phần|PHẦN|CHƯƠNG)$/u.test(prev) && /^\**\s*(?:\d+|[IVXLC]+)\b/u.test(next)) return true;
  if (LIST_START.test(cleanInline(next)) || opensBold) return false;
  // "(Kèm theo Quyết định số …)" under a title is the attachment line of an appendix or plan: its own block.
  if (ATTACHED_LINE.test(nx)) return false;
  if (boldOpen(p.raw) && p.raw.length < MAX_BOLD_SPAN) return true;
  // A reference in a list of references ("… khoản 4" + "Điều 6; khoản 5 Điều 9 …") goes on with it.
  if (/^(?:Điều|Khoản|Điểm)\s+\d+[a-zđ]?\s*[;,]/u.test(nx) && !SENTENCE_END.test(prev)) return true;
  if (/^[\p{Ll},;)…]/u.test(nx)) return !/[.!?]$/.test(prev) || pdf;
  // A line ending on an enumerator goes on with the item: "… 03 vấn đề tồn đọng: (i)" + "Tích hợp …".
  if (/(?:^|\s)(?:\([a-zđ\d]{1,4}\)|[a-zđ]\))$/u.test(prev)) return true;
  // A parenthesis opening the next line, after a line with no sentence end: "… thực hiện cắt giảm" + "(bãi bỏ) 248 TTHC".
  if (!pdf && /^\(/.test(nx) && !SENTENCE_END.test(prev) && !isAllCaps(prevRaw)) return true;
  const openParen = prev.split("(").length > prev.split(")").length;
  if (openParen && !/[.!?]$/.test(prev)) return true; // "(Kèm theo Kế hoạch số:" + "/KH-UBND ngày …)"
  if (SENTENCE_END.test(prev)) return pdf && /:$/.test(prev) && /^\d/.test(nx);
  // A comma at the end of a line, or (where blank lines part the paragraphs of a wrapped text) any line
  // that is not a new start: "- Thí điểm đầu tư ứng dụng" + "5G, IoT cho quản lý …".
  // A line of capitals is a title: only more capitals continue it ("KẾ HOẠCH PHÁT TRIỂN …," + "KHU CÔNG NGHIỆP …").
  if (isAllCaps(prevRaw) && !isAllCaps(next)) return false;
  if (/,$/.test(prev) || (blankSeparated && Number.isFinite(width))) return true;
  if (bare(prevRaw).length >= width * FULL_LINE_SHARE) return true;
  // Crawled pages cut a paragraph's first line short ("Xét báo cáo, đề xuất của" + a full line "Sở Xây dựng tại …").
  if (!pdf && p.raw.length === 1 && nx.length >= width * FULL_LINE_SHARE) return true;
  return false;
}

/**
 * Scan a whole file. Lines are 1-based. `pdfLike` marks text out of a PDF (no blank lines between
 * paragraphs); otherwise it is detected from trailing spaces, as in text copied out of PDFs.
 */
/**
 * What the file's own lines say about its layout: PDF-like (many lines end in a space, as text copied out
 * of a PDF), the width it was wrapped at, and whether blank lines part its paragraphs.
 */
function measureLayout(src: string[], lines: string[], pdfLike: boolean): { pdf: boolean; width: number; blankSeparated: boolean } {
  const nonBlank = src.filter((l) => l.trim() !== "");
  const trailing = src.filter((l) => / $/.test(l) && l.trim() !== "").length;
  const pdf = pdfLike || (nonBlank.length > PDF_MIN_LINES && trailing / nonBlank.length > PDF_TRAILING_SHARE);
  let width = measureWrapWidth(lines);
  if (pdf && !Number.isFinite(width)) {
    const lengths = nonBlank.map((l) => l.trim().length).sort((a, b) => a - b);
    width = lengths[Math.floor(lengths.length * PDF_WIDTH_QUANTILE)] ?? DEFAULT_WIDTH;
  }
  // Paragraphs parted by blank lines (crawled pages, Markdown): there a line within a block continues it.
  const beforeBlank = src.filter((l, k) => l.trim() !== "" && (src[k + 1] ?? "").trim() === "").length;
  const blankSeparated = !pdf && nonBlank.length > 0 && beforeBlank / nonBlank.length >= BLANK_SEPARATED_SHARE;
  return { pdf, width, blankSeparated };
}
/** A text this short is not judged PDF-like by its trailing spaces. */
const PDF_MIN_LINES = 20;
/** Share of lines ending in a space that marks text copied out of a PDF. */
const PDF_TRAILING_SHARE = 0.3;
/** Without a measured wrap width, a PDF's width is the 80th percentile of its line lengths. */
const PDF_WIDTH_QUANTILE = 0.8;
const DEFAULT_WIDTH = 80;

export function scanLines(raw: string, opts: { pdfLike?: boolean } = {}): LineScan {
  const src = raw.replace(/\r\n?/g, "\n").split("\n");
  const lines = src.map((l) => normalizeLine(l));
  const warnings: string[] = [];
  const draftStamps: number[] = [];
  const blocks: RawBlock[] = [];

  const { pdf, width, blankSeparated } = measureLayout(src, lines, opts.pdfLike === true);

  let tableId = 0;
  let para: Para | null = null;

  const flushPara = () => {
    const p = para;
    para = null;
    if (!p) return;
    const joined = p.raw.join(" ");
    const level = headingLevel(joined);
    const text = cleanInline(joined.replace(/^#{1,6}\s+/, ""));
    if (!text) return;
    blocks.push({ kind: "text", text, ...(level !== undefined ? { heading: level } : {}), line: p.line, endLine: p.endLine });
  };

  let i = 0;
  while (i < lines.length) {
    const t = lines[i]!.trim();
    const no = i + 1;
    if (STAMP.test(t) || PAGE_NO.test(t) || PAGE_MARK.test(t)) {
      if (STAMP.test(t)) draftStamps.push(no);
      i++;
      continue;
    }
    const grid = readGrid(lines, i, src);
    if (grid) {
      flushPara();
      if (grid.rows.length > 0) tableId++;
      for (const r of grid.rows) blocks.push({ kind: "row", text: r.cells.join(" | "), cells: r.cells, line: r.line, endLine: r.endLine, table: tableId, scheme: grid.scheme, ...(r.spanned ? { spanned: true } : {}) });
      i = Math.max(grid.next, i + 1);
      continue;
    }
    if (t === "" || LAYOUT_ONLY.test(t) || !cleanInline(t)) {
      flushPara();
      i++;
      continue;
    }
    if (para && continues(para, t, width, pdf, blankSeparated)) {
      para.raw.push(t);
      para.endLine = no;
    } else {
      flushPara();
      para = { raw: [t], line: no, endLine: no };
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


