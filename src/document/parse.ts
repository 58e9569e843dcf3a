// Document layer (pure): a file's blocks → documents (found by their own headers, several per file),
// header metadata (số hiệu, ngày, loại, trích yếu), section paths and table rows with column labels.

import type { DocumentStatus } from "./types.ts";
import { documentId, findDocumentStarts, headerWarnings, isUpper, readHeader } from "./header.ts";
import { type RawBlock, scanLines } from "./lines.ts";
import { TableReader, toRoman } from "./table.ts";
import type { Block, ParsedDocument } from "./types.ts";

export { documentId, sentenceCase, titleLineType } from "./header.ts";

export interface DocumentOverride {
  /** Match by số hiệu or by 0-based index of the document in its file. */
  number?: string | null;
  index?: number;
  id?: string;
  title?: string;
  type?: string;
  issuer?: string;
  issuedDate?: string;
  status?: DocumentStatus;
  year?: number;
  newNumber?: string;
}

export interface FileOverride {
  file: string;
  original?: string;
  status?: DocumentStatus;
  documents?: DocumentOverride[];
}

/** Split a file into documents and parse each. */
export function parseFile(
  file: string,
  raw: string,
  opts: { pdfLike?: boolean; override?: FileOverride } = {},
): ParsedDocument[] {
  const scan = scanLines(raw, { pdfLike: opts.pdfLike });
  const blocks = scan.blocks;
  const source = raw.replace(/\r\n?/g, "\n").split("\n");
  const starts = findDocumentStarts(blocks, source);
  const docs: ParsedDocument[] = [];
  const totalLines = source.length;
  for (let d = 0; d < starts.length; d++) {
    const from = starts[d]!;
    const to = d + 1 < starts.length ? starts[d + 1]! : blocks.length;
    const slice = blocks.slice(from, to);
    if (slice.length === 0) continue;
    const firstLine = d === 0 ? 1 : slice[0]!.line;
    const lastLine = d + 1 < starts.length ? blocks[to]!.line - 1 : totalLines;
    const stamps = scan.draftStamps.filter((l) => l >= firstLine && l <= lastLine);
    docs.push(buildDocument(file, d, slice, source, [firstLine, lastLine], stamps, opts.override));
  }
  if (docs.length > 0) docs[0]!.warnings.push(...scan.warnings);
  return docs;
}

function buildDocument(
  file: string,
  index: number,
  blocks: RawBlock[],
  source: readonly string[],
  lines: [number, number],
  stamps: number[],
  override?: FileOverride,
): ParsedDocument {
  const { meta, warnings } = readHeader(file, source, lines, stamps, override?.status);
  if (override?.original) meta.original = override.original;
  const number = meta.number;
  const ov = override?.documents?.find((o) => (o.index !== undefined ? o.index === index : o.number !== undefined && o.number === number));
  if (ov) {
    if (ov.newNumber !== undefined) meta.number = ov.newNumber;
    if (ov.title) meta.title = ov.title;
    if (ov.type) meta.type = ov.type;
    if (ov.issuer) meta.issuer = ov.issuer;
    if (ov.issuedDate) meta.issuedDate = ov.issuedDate;
    if (ov.status) meta.status = ov.status;
    if (ov.year) meta.year = ov.year;
    if (ov.id) meta.id = ov.id;
  }
  if (meta.year === null && meta.issuedDate) meta.year = Number(meta.issuedDate.slice(0, 4));
  if (meta.year === null) {
    const y = meta.title.match(/năm (\d{4})/)?.[1] ?? meta.number?.match(/\/(\d{4})\//)?.[1];
    if (y) meta.year = Number(y);
  }
  if (!meta.id) meta.id = documentId(meta, file, index);

  warnings.push(...headerWarnings(file, index, meta));
  return { meta, blocks: structure(blocks), warnings };
}

// ---------------------------------------------------------------------------------------------
// Section structure

interface Marker {
  rank: number;
  label: string;
}

const ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];

/** Recognise a section marker at the start of a block: "II. MỤC TIÊU" → rank 3, label "II". */
export function sectionMarker(text: string, heading?: number): Marker | null {
  const t = text.trim();
  let m = t.match(/^(?:PHỤ LỤC|Phụ lục)\s*([IVXLC]+|\d+)?\b/u);
  if (m) return { rank: 0, label: `Phụ lục${m[1] ? " " + m[1] : ""}` };
  m = t.match(/^Chương\s+([IVXLC]+|\d+)\b/iu);
  if (m) return { rank: 1, label: `Chương ${m[1]}` };
  // (An article's heading, "Điều 6. …" — not a reference wrapped onto a line's start: "Điều 6; khoản 5 Điều 9 …".)
  m = t.match(/^Điều\s+(\d+)(?=\s*[.:]|\s*$|\s+\p{Lu})/u);
  if (m) return { rank: 2, label: `Điều ${m[1]}` };
  // "A. …" lettered parts; I, V, X are roman numerals ("I- QUAN ĐIỂM") rather than letters.
  m = t.match(/^([A-HJ-UWYZ])[.\-–]\s/u);
  if (m && heading !== undefined) return { rank: 2.5, label: m[1]! };
  m = t.match(/^([IVX]{1,5})[.\-–]\s*\S/u);
  if (m) return { rank: 3, label: m[1]! };
  m = t.match(/^Thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?![\p{L}])/u);
  if (m) return { rank: 3, label: `Thứ ${m[1]}` };
  m = t.match(/^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\.?\s/u);
  if (m) return { rank: m[3] ? 5.5 : 5, label: m[3] ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}` };
  m = t.match(/^(\d{1,2})[.)]\s/u);
  // "1)" in running text numbers items, not sections ("1) Các tập đoàn …" after "4. Về các nền tảng").
  if (m && heading === undefined && t.charAt(m[1]!.length) === ")") return { rank: 6.5, label: `${m[1]})` };
  if (m) return { rank: 4, label: m[1]! };
  m = t.match(/^([a-zđ])\)\s/u);
  if (m) return { rank: 7, label: `${m[1]})` };
  if (heading !== undefined && t.length < 160) return { rank: 6, label: shorten(t, 70) };
  return null;
}

function shorten(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1).replace(/\s+\S*$/, "") + "…";
}

/** Assign section paths and table headers to blocks. */
function structure(raw: RawBlock[]): Block[] {
  const out: Block[] = [];
  const stack: (Marker & { title: string })[] = [];
  let appendixCount = 0;
  let lastAppendixAt = -10;
  const tables = new TableReader(raw);

  const pathLabels = () => stack.map((s) => s.label);
  const contexts = () => stack.map((s) => s.title).filter((t) => t.length > 0);

  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b.kind === "text") {
      const t = b.text;
      // An appendix title without "Phụ lục": "DANH MỤC …" followed by "(Kèm theo Quyết định …)".
      if (/^\((?:Ban hành )?[Kk]èm theo /u.test(t)) {
        const title = upperTitleBefore(raw, i);
        if (i - lastAppendixAt > 4) {
          // An attached plan or regulation ("KẾ HOẠCH … (Ban hành kèm theo Quyết định …)") is not an appendix.
          const attached = title.match(/^(KẾ HOẠCH|QUY CHẾ|CHƯƠNG TRÌNH|QUY ĐỊNH|ĐỀ ÁN)/u)?.[1];
          if (!attached) appendixCount++;
          while (stack.length) stack.pop();
          const label = attached ? `${attached.charAt(0)}${attached.slice(1).toLowerCase()} kèm theo` : `Phụ lục ${toRoman(appendixCount)}`;
          stack.push({ rank: 0, label, title });
          lastAppendixAt = i;
        } else if (stack[0]?.rank === 0 && !stack[0].title) stack[0].title = title;
        out.push({ kind: "text", text: t, line: b.line, endLine: b.endLine, path: pathLabels(), context: contexts() });
        continue;
      }
      const mk = sectionMarker(t, b.heading);
      // Upper-case lines right under "Phụ lục II" are its title ("DANH MỤC CÁC NỀN TẢNG SỐ QUỐC GIA"), not sections.
      if (mk && mk.rank === 6 && isUpper(t) && stack.length === 1 && stack[0]!.rank === 0 && i - lastAppendixAt <= 3) {
        stack[0]!.title = `${stack[0]!.title} ${t}`.trim();
        out.push({ kind: "text", text: t, line: b.line, endLine: b.endLine, path: pathLabels(), context: contexts() });
        continue;
      }
      if (mk) {
        if (mk.rank === 0) {
          appendixCount++;
          lastAppendixAt = i;
          // "Phụ lục" without numeral: number it.
          if (mk.label === "Phụ lục") mk.label = `Phụ lục ${toRoman(appendixCount)}`;
        }
        while (stack.length && stack.at(-1)!.rank >= mk.rank) stack.pop();
        const title = b.heading !== undefined || t.length < 160 ? t : shorten(t, 100);
        stack.push({ ...mk, title: mk.rank === 0 ? "" : title });
      }
      out.push({ kind: "text", text: t, line: b.line, endLine: b.endLine, path: pathLabels(), context: contexts() });
      continue;
    }
    // Table rows: their meaning (headers, groups, continuations) comes from table.ts.
    const row = tables.read(b, pathLabels(), contexts());
    if (row) out.push(row);
  }
  return out;
}

/** The upper-case title just above block i ("KẾ HOẠCH" over a subtitle, or a two-line "DANH MỤC …"). */
function upperTitleBefore(raw: RawBlock[], i: number): string {
  let j = i - 1;
  // Skip at most two subtitle lines ("Hoạt động của Ủy ban …") to reach the title.
  for (let skipped = 0; j >= 0 && skipped < 2 && raw[j]!.kind === "text" && !isUpper(raw[j]!.text); skipped++) j--;
  const run: string[] = [];
  while (j >= 0 && run.length < 3 && raw[j]!.kind === "text" && isUpper(raw[j]!.text) && raw[j]!.text.length < 200 && !/^\(/.test(raw[j]!.text)) {
    if (sectionMarker(raw[j]!.text)?.rank === 0) break;
    run.unshift(raw[j]!.text);
    j--;
  }
  return run.join(" ");
}

export { ORDINALS, toRoman };
