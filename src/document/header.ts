// Document layer (pure): a document's header — số hiệu, ngày, loại, cơ quan ban hành, trích yếu — and where
// each document of a file starts. parse.ts splits files with these and assigns sections.

import type { DocumentStatus } from "../answer/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import type { RawBlock } from "./lines.ts";
import type { DocumentMeta } from "./types.ts";

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

export function isUpper(s: string): boolean {
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

export function docNumberOf(text: string): { number: string | null } | null {
  const m = text.trim().match(NUMBER_RE);
  if (!m) return null;
  const num = m[1]!.replace(/[.,;]$/, "");
  return { number: /\d/.test(num.split("/")[0] ?? "") || /^\d+-/.test(num) ? num : null };
}

const HEADERISH = /^(Số\b|Hà Nội|[A-ZĐ][\p{L} ]+, ngày|CỘNG HÒA|Độc lập|BAN CHẤP HÀNH|THỦ TƯỚNG|ĐẢNG CỘNG SẢN|BỘ |ỦY BAN|BAN CHỈ ĐẠO|VĂN PHÒNG|CHÍNH PHỦ)/u;

export function findDocumentStarts(blocks: RawBlock[]): number[] {
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

export function sentenceCaseIssuer(s: string): string {
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

/** Header metadata read from a document's first blocks (before manifest overrides). */
export function readHeader(file: string, blocks: RawBlock[], lines: [number, number], stamps: number[], fallbackStatus?: DocumentStatus): DocumentMeta {
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
    stamps.some((l) => l <= headerEnd) || (stamps.length > 0 && headerless) || /^DỰ THẢO/u.test(subject) ? "draft" : fallbackStatus ?? "final";
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
    lines,
  };
  return meta;
}

/** Warnings for a header that lacks its số hiệu (a final text) or date. */
export function headerWarnings(file: string, index: number, meta: DocumentMeta): string[] {
  const warnings: string[] = [];
  if (!meta.number && meta.status === "final") warnings.push(`${file}: document ${index + 1} ("${meta.title.slice(0, 60)}") has no số hiệu`);
  if (!meta.issuedDate) warnings.push(`${file}: document ${index + 1} ("${meta.title.slice(0, 60)}") has no date`);
  return warnings;
}
