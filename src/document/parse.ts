// Document layer (pure): a file's blocks → documents (found by their own headers, several per file),
// header metadata (số hiệu, ngày, loại, trích yếu), section paths and table rows with column labels.

import type { DocumentStatus } from "../answer/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { type RawBlock, scanLines } from "./lines.ts";
import type { Block, DocumentMeta, ParsedDocument, } from "./types.ts";

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

const DOC_TYPES = ["QUYẾT ĐỊNH", "KẾ HOẠCH", "NGHỊ QUYẾT", "CHỈ THỊ", "BÁO CÁO", "THÔNG BÁO", "CHƯƠNG TRÌNH", "TỜ TRÌNH", "NGHỊ ĐỊNH", "THÔNG TƯ", "CHIẾN LƯỢC", "ĐỀ ÁN"];

const TYPE_BY_CODE: Record<string, string> = {
  QĐ: "Quyết định",
  KH: "Kế hoạch",
  NQ: "Nghị quyết",
  CT: "Chỉ thị",
  TB: "Thông báo",
  BC: "Báo cáo",
  NĐ: "Nghị định",
  TT: "Thông tư",
};

function isUpper(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, "");
  return letters.length > 0 && letters === letters.toUpperCase();
}

/** "QUYẾT ĐỊNH" alone, or a whole upper-case title starting with a document type. */
export function titleLineType(text: string): string | null {
  const t = text.trim().replace(/\s+/g, " ");
  if (t.endsWith(":") || !isUpper(t) || t.length > 220) return null;
  for (const d of DOC_TYPES) {
    if (t === d || t.startsWith(d + " ")) return d.charAt(0) + d.slice(1).toLowerCase();
  }
  return null;
}

const NUMBER_RE = /^Số\s*:?\s*([0-9][0-9A-Za-zĐđ./-]*\/[A-ZĐa-zđ0-9\-/]+|[0-9]+-[A-ZĐ]+\/[A-ZĐ0-9-]+|\/[A-ZĐ][A-ZĐ0-9-]*)/u;

function docNumberOf(text: string): { number: string | null } | null {
  const m = text.trim().match(NUMBER_RE);
  if (!m) return null;
  const num = m[1]!.replace(/[.,;]$/, "");
  return { number: /\d/.test(num.split("/")[0] ?? "") || /^\d+-/.test(num) ? num : null };
}

const HEADERISH = /^(Số\b|Hà Nội|[A-ZĐ][\p{L} ]+, ngày|CỘNG HÒA|Độc lập|BAN CHẤP HÀNH|THỦ TƯỚNG|ĐẢNG CỘNG SẢN|BỘ |ỦY BAN|BAN CHỈ ĐẠO|VĂN PHÒNG|CHÍNH PHỦ)/u;

/** Split a file into documents and parse each. */
export function parseFile(
  file: string,
  raw: string,
  opts: { pdfLike?: boolean; override?: FileOverride } = {},
): ParsedDocument[] {
  const scan = scanLines(raw, { pdfLike: opts.pdfLike });
  const blocks = scan.blocks;
  const starts = findDocumentStarts(blocks);
  const docs: ParsedDocument[] = [];
  const totalLines = raw.split("\n").length;
  for (let d = 0; d < starts.length; d++) {
    const from = starts[d]!;
    const to = d + 1 < starts.length ? starts[d + 1]! : blocks.length;
    const slice = blocks.slice(from, to);
    if (slice.length === 0) continue;
    const firstLine = d === 0 ? 1 : slice[0]!.line;
    const lastLine = d + 1 < starts.length ? blocks[to]!.line - 1 : totalLines;
    const stamps = scan.draftStamps.filter((l) => l >= firstLine && l <= lastLine);
    docs.push(buildDocument(file, d, slice, [firstLine, lastLine], stamps, opts.override));
  }
  if (docs.length > 0) docs[0]!.warnings.push(...scan.warnings);
  return docs;
}

function findDocumentStarts(blocks: RawBlock[]): number[] {
  const cands: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const firstCell = b.kind === "row" ? (b.cells ?? []).join(" ") : b.text;
    const isNumber = (b.kind === "row" ? (b.cells ?? []) : [b.text]).some((c) => docNumberOf(c) !== null);
    const type = b.kind === "text" ? titleLineType(b.text) : null;
    if (type) {
      // An appendix or attached plan ("Ban hành kèm theo Quyết định …") belongs to its decision.
      const next = blocks.slice(i + 1, i + 4).map((x) => x.text).join(" ");
      if (/kèm theo (Quyết định|Nghị quyết|Kế hoạch)/i.test(next)) continue;
      if (/^KẾ HOẠCH$|^QUYẾT ĐỊNH$/.test(b.text.trim()) || b.heading !== undefined || isUpper(firstCell)) cands.push(i);
    } else if (isNumber) {
      cands.push(i);
    }
  }
  // Merge candidates belonging to one header (Số … then the title a few blocks later).
  const starts: number[] = [];
  for (const c of cands) {
    const last = starts.at(-1);
    if (last !== undefined && c - last <= 8 && !hasBody(blocks, last, c)) continue;
    // Pull the start back over header lines (agency, CỘNG HÒA, Số, date, stamps).
    let s = c;
    const floor = last ?? -1;
    while (s - 1 > floor && s > c - 6 && HEADERISH.test((blocks[s - 1]!.cells ?? [blocks[s - 1]!.text]).join(" ").trim())) s--;
    starts.push(s);
  }
  if (starts.length === 0) return [0];
  // A short preamble before the first document (only header lines) belongs to it.
  const first = starts[0]!;
  if (first > 0) {
    const pre = blocks.slice(0, first);
    const substantive = pre.filter((b) => b.kind === "text" && b.heading === undefined && b.text.length > 60).length;
    if (substantive >= 3) starts.unshift(0);
    else starts[0] = 0;
  }
  return starts;
}

function hasBody(blocks: RawBlock[], from: number, to: number): boolean {
  return blocks.slice(from, to).some((b) => b.kind === "text" && b.text.length > 200);
}

const CAPITALISE = [
  "Chính phủ", "Thủ tướng", "Quốc hội", "Việt Nam", "Ủy ban Quốc gia", "Ban Chỉ đạo Trung ương", "Trung ương",
  "Bộ Chính trị", "Ban Bí thư", "Nghị quyết", "Tổ công tác", "Chính phủ số", "Chính phủ điện tử",
];

/** "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ" → "về việc phê duyệt Chương trình phát triển Chính phủ số". */
export function sentenceCase(s: string): string {
  if (!isUpper(s)) return s;
  let out = s.toLowerCase();
  for (const w of CAPITALISE) out = out.replace(new RegExp(w.toLowerCase(), "g"), w);
  out = out.replace(/\b(chương trình|chiến lược|kế hoạch|đề án) (chuyển đổi số|phát triển|quốc gia)/, (m) => m.charAt(0).toUpperCase() + m.slice(1));
  return out;
}

function buildDocument(
  file: string,
  index: number,
  blocks: RawBlock[],
  lines: [number, number],
  stamps: number[],
  override?: FileOverride,
): ParsedDocument {
  const warnings: string[] = [];
  const head = blocks.slice(0, 14);
  let number: string | null = null;
  let numberSeen = false;
  let issuedDate: string | null = null;
  let type: string | null = null;
  let titleAt = -1;
  let issuer: string | null = null;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    const parts = b.kind === "row" ? (b.cells ?? []) : [b.text];
    for (const p of parts) {
      const n = docNumberOf(p);
      if (n && !numberSeen) {
        numberSeen = true;
        number = n.number;
      }
      const dm = p.match(/^[\p{L} ]+, ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u) ?? p.match(/^\(?[\p{L} ]+, ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u);
      if (dm && !issuedDate) issuedDate = `${dm[3]}-${dm[2]!.padStart(2, "0")}-${dm[1]!.padStart(2, "0")}`;
      if (!issuer && i < 3 && b.kind === "row" && isUpper(p) && !/CỘNG HÒA|Độc lập/u.test(p) && p.length < 80 && !docNumberOf(p)) issuer = sentenceCaseIssuer(p);
      // Text headers: the agency line above "CỘNG HÒA …" ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA …").
      if (!issuer && i < 3 && b.kind === "text" && (titleAt < 0 || i < titleAt)) {
        const who = p.split(/\s*CỘNG HÒA/u)[0]!.trim();
        if (who && isUpper(who) && who.length < 80 && !docNumberOf(who) && !titleLineType(who) && !/^(Độc lập|DỰ THẢO)/u.test(who)) issuer = sentenceCaseIssuer(who);
      }
    }
    if (type === null && b.kind === "text") {
      const t = titleLineType(b.text);
      if (t) {
        type = t;
        titleAt = i;
      }
    }
  }
  if (!type && number) {
    const code = number.match(/[/-]([A-ZĐ]{2,3})(?:-|\/|$)/u)?.[1];
    if (code && TYPE_BY_CODE[code]) type = TYPE_BY_CODE[code]!;
  }
  // Trích yếu: the line(s) after the title, or the "VỀ VIỆC …" line of a header without a title.
  let subject = "";
  const AUTH = /^(THỦ TƯỚNG|CHỦ TỊCH|BỘ TRƯỞNG|BAN CHỈ ĐẠO|Căn cứ|QUYẾT ĐỊNH:|\(|Theo đề nghị)/u;
  if (titleAt >= 0) {
    const tl = head[titleAt]!.text.trim();
    const rest = tl.replace(/^(QUYẾT ĐỊNH|KẾ HOẠCH|NGHỊ QUYẾT|CHỈ THỊ|BÁO CÁO|THÔNG BÁO|CHƯƠNG TRÌNH|TỜ TRÌNH|NGHỊ ĐỊNH|THÔNG TƯ|CHIẾN LƯỢC|ĐỀ ÁN)\s*/u, "");
    if (rest) subject = (tl.startsWith("BÁO CÁO") || tl.startsWith("CHƯƠNG TRÌNH") ? tl : rest);
    else {
      const nx = head[titleAt + 1];
      if (nx && nx.kind === "text" && !AUTH.test(nx.text) && nx.text.length < 300) subject = nx.text;
    }
  } else {
    const v = head.find((b) => b.kind === "text" && /^(VỀ VIỆC|V\/v|Về việc)/u.test(b.text));
    if (v) subject = v.text;
  }
  subject = subject.replace(/^\(|\)$/g, "").trim();
  const typeName = type ?? "Văn bản";
  let title = subject
    ? (titleAt >= 0 && /^(BÁO CÁO|CHƯƠNG TRÌNH)/u.test(subject) ? sentenceCase(subject).replace(/^./, (c) => c.toUpperCase()) : `${typeName} ${sentenceCase(subject).replace(/^./, (c) => c.toLowerCase())}`)
    : "";
  if (!title) {
    const h = blocks.find((b) => b.kind === "text" && b.heading !== undefined) ?? blocks.find((b) => b.kind === "text");
    title = h ? sentenceCase(h.text).slice(0, 160) : file;
  }
  const headerEnd = Math.min(lines[1], (blocks[Math.min(blocks.length - 1, Math.max(titleAt, 0) + 3)]?.endLine ?? lines[0]) + 3);
  // A "DỰ THẢO" stamp in the header, or anywhere in a text with no header at all (a PDF draft stamped on its pages).
  const headerless = !numberSeen && titleAt < 0;
  let status: DocumentStatus =
    stamps.some((l) => l <= headerEnd) || (stamps.length > 0 && headerless) || /^DỰ THẢO/u.test(subject) ? "draft" : override?.status ?? "final";
  if (numberSeen && number === null) status = "draft";

  let year: number | null = issuedDate ? Number(issuedDate.slice(0, 4)) : null;
  const titleYear = title.match(/năm (\d{4})\b(?!\s*-)/)?.[1];
  if (titleYear && !/đến năm|giai đoạn/.test(title)) year = Number(titleYear);

  const meta: DocumentMeta = {
    id: "",
    number,
    type: typeName,
    title: title.replace(/\s+/g, " ").trim(),
    issuer,
    issuedDate,
    status,
    year,
    file,
    ...(override?.original ? { original: override.original } : {}),
    lines,
  };
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
  if (!meta.number && meta.status === "final") warnings.push(`${file}: document ${index + 1} ("${meta.title.slice(0, 60)}") has no số hiệu`);
  if (!meta.issuedDate) warnings.push(`${file}: document ${index + 1} ("${meta.title.slice(0, 60)}") has no date`);

  return { meta, blocks: structure(blocks), warnings };
}

function sentenceCaseIssuer(s: string): string {
  const out = sentenceCase(s).replace(/^./, (c) => c.toUpperCase());
  // Ministry names capitalise each part: "BỘ KHOA HỌC VÀ CÔNG NGHỆ" → "Bộ Khoa học và Công nghệ",
  // "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Bộ Văn hóa, Thể thao và Du lịch".
  if (/^Bộ /u.test(out) && isUpper(s)) return out.replace(/(^Bộ |\svà |,\s*|\s-\s)(\p{Ll})/gu, (_m, a: string, c: string) => a + c.toUpperCase());
  return out;
}

/** Stable id: "qd-2629-2025", "kh-02-bcdtw", or the file stem plus index. */
export function documentId(meta: Pick<DocumentMeta, "number" | "type" | "issuedDate">, file: string, index: number): string {
  if (meta.number) {
    const parts = foldDiacritics(meta.number).split(/[^a-z0-9]+/).filter(Boolean);
    const code = foldDiacritics(meta.type).split(" ").map((w) => w[0]).join("");
    const year = meta.issuedDate?.slice(0, 4);
    // "2629/QĐ-TTg" → "qd-2629-2025"; "02-KH/BCĐTW" → "kh-02-bcdtw"
    if (/^\d+\//.test(meta.number)) return [code, parts[0], year ?? parts.slice(1).join("-")].join("-");
    return [code, parts[0], ...parts.slice(2)].join("-");
  }
  const stem = file.replace(/\.[a-z]+$/i, "").replace(/[^a-zA-Z0-9]+/g, "-").toLowerCase();
  return index === 0 ? stem : `${stem}-${index + 1}`;
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
  m = t.match(/^Điều\s+(\d+)/u);
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

const HEADER_WORDS = /^(tt|stt|nhiệm vụ|nội dung|chỉ tiêu|cơ quan|chủ trì|thời gian|thời hạn|kết quả|đơn vị|loại nền tảng|sản phẩm|phối hợp|ghi chú|năm|\d{4})/iu;

function isHeaderRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== "");
  if (filled.length < 2) return false;
  const hits = filled.filter((c) => HEADER_WORDS.test(c)).length;
  return hits >= Math.max(2, Math.ceil(filled.length * 0.6)) && /^(tt|stt|chỉ tiêu|nội dung|thời gian)$/iu.test(filled[0]!);
}

function isGroupTT(tt: string): boolean {
  return /^[IVXLC]+(\.\d+)*$/.test(tt) || /^[A-Z]$/.test(tt);
}

/** Assign section paths and table headers to blocks. */
function structure(raw: RawBlock[]): Block[] {
  const out: Block[] = [];
  const stack: (Marker & { title: string })[] = [];
  let appendixCount = 0;
  let lastAppendixAt = -10;
  const tables = new Map<
    number,
    { headers: string[]; groups: { tt: string; title: string }[]; lastRow?: Block; lastNum?: number; groupSince: boolean; topRoman: number }
  >();
  // Tables grouped by roman numerals (I, II, III.1 …). In those, a lost group-header row shows as item
  // numbering restarting at 1 with no group row between: the group is the next numeral (2629/QĐ-TTg appendix).
  const romanTables = new Set<number>();
  for (const b of raw) {
    const c0 = (b.cells?.[0] ?? "").replace(/\.$/, "");
    if (b.kind === "row" && b.table !== undefined && /^[IVXLC]+(?:\.\d+)*$|^[IVXLC]+\s+\S/.test(c0) && (b.cells ?? []).slice(1).filter(Boolean).length <= 1) romanTables.add(b.table);
  }

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
    // Table rows.
    const cells = b.cells ?? [];
    const id = b.table ?? -1;
    let tbl = tables.get(id);
    if (isHeaderRow(cells)) {
      if (!tbl) tables.set(id, { headers: cells, groups: [], groupSince: false, topRoman: 0 });
      else tbl.headers = cells;
      continue; // header rows (and their repeats at page breaks) carry no content
    }
    if (!tbl) {
      tbl = { headers: [], groups: [], groupSince: false, topRoman: 0 };
      tables.set(id, tbl);
    }
    let tt = (cells[0] ?? "").replace(/\.$/, "");
    let rest = cells.slice(1).filter((c) => c !== "");
    // "II Phát triển hạ tầng số" with the numeral and the title in one cell.
    const merged = rest.length === 0 ? tt.match(/^([IVXLC]+)[.\-–]?\s+(\S.*)$/u) : null;
    if (merged) {
      tt = merged[1]!;
      rest = [merged[2]!];
    }
    if (isGroupTT(tt) && rest.length <= 1) {
      if (/^[IVXLC]+/.test(tt)) tbl.topRoman = romanValue(tt.split(".")[0]!);
      tbl.groupSince = true;
      const depth = tt.split(".").length;
      tbl.groups = tbl.groups.filter((g) => g.tt.split(".").length < depth && /^[A-Z]$/.test(g.tt) === false ? true : g.tt.split(".").length < depth);
      // A letter group (A, B) resets roman groups below it.
      if (/^[A-Z]$/.test(tt) && !/^[IVXLC]+$/.test(tt)) tbl.groups = [];
      tbl.groups.push({ tt, title: rest[0] ?? "" });
      tbl.lastRow = undefined;
      continue;
    }
    if (tt === "" && rest.length === 1 && cells.length <= 2 && tbl.headers.length > 2 && !tbl.lastRow) {
      // A lone title row inside a table (group header without number).
      tbl.groups = [{ tt: "", title: rest[0]! }];
      continue;
    }
    if (tt === "" && tbl.lastRow && tbl.lastRow.row) {
      // Continuation of the previous row across a page break: merge cell by cell.
      const prev = tbl.lastRow;
      const pc = prev.row!.cells;
      for (let k = 1; k < Math.max(pc.length, cells.length); k++) {
        const add = cells[k] ?? "";
        if (add) pc[k] = pc[k] ? `${pc[k]} ${add}` : add;
      }
      prev.text = pc.join(" | ");
      prev.endLine = b.endLine;
      continue;
    }
    if (/^\d+$/.test(tt)) {
      const n = Number(tt);
      const restart = tbl.lastNum === undefined ? !tbl.groupSince : n <= tbl.lastNum && !tbl.groupSince;
      if (restart && romanTables.has(id)) {
        tbl.topRoman++;
        tbl.groups = [{ tt: toRoman(tbl.topRoman), title: "" }];
      }
      tbl.lastNum = n;
      tbl.groupSince = false;
    }
    const groupLabel = tbl.groups.filter((g) => g.tt).at(-1)?.tt;
    const path = [...pathLabels()];
    // Within an appendix, table positions replace inner text markers.
    const rowPath = [...path, ...(groupLabel ? [groupLabel] : []), ...(tt ? [tt] : [])];
    const block: Block = {
      kind: "row",
      text: cells.join(" | "),
      line: b.line,
      endLine: b.endLine,
      path: rowPath,
      context: [...contexts(), ...tbl.groups.map((g) => g.title).filter(Boolean)],
      row: { table: id, headers: tbl.headers, cells: [...cells], tt, groups: tbl.groups.map((g) => ({ ...g })) },
    };
    tbl.lastRow = block;
    out.push(block);
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

function romanValue(r: string): number {
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
  for (const [v, c] of r) while (n >= v) {
    s += c;
    n -= v;
  }
  return s;
}

export { ORDINALS };
