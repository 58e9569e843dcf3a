// Document layer (pure): a document's header — số hiệu, ngày, loại, cơ quan ban hành, trích yếu, người ký —
// and where each document of a file starts, read from the source lines themselves (markup stripped, wrapped
// lines rejoined), so any layout works: plain lines, Markdown, "| cell |" rows, one cell per line between
// lone "|" lines, tab rows. parse.ts splits files with these and assigns sections.

import { foldDiacritics, normalizeLine } from "../text/normalize.ts";
import { PROVINCE_FOLDED_AHEAD } from "../text/places.ts";
import type { RawBlock } from "./lines.ts";
import type { DocumentMeta, DocumentStatus } from "./types.ts";

/** How many source lines of a document its header may span (agency, motto, số, date, title, trích yếu). */
const HEADER_LINES = 60;
/** A unit this long, in mixed case, is body text rather than a header line. */
const BODY_UNIT_CHARS = 250;
/** Units between a document's first header line and its title that still count as one header. */
const HEADER_CLUSTER_UNITS = 8;
/** Header lines (agency, motto, Số, date) a document start is pulled back over. */
const HEADER_PULLBACK_UNITS = 6;
/** Units after a title searched for "(Ban hành kèm theo Quyết định …)". */
const ATTACHED_LOOKAHEAD_UNITS = 6;
/** A trích yếu is at most this many units ("Về việc phê duyệt" / "Danh sách …" on their own lines). */
const SUBJECT_MAX_UNITS = 3;
const SUBJECT_MAX_CHARS = 400;
/** Units after a signer's title or "Nơi nhận:" searched for the name (past the recipients list, "(Đã ký)"). */
const SIGNER_LOOKAHEAD_UNITS = 40;
/** A unit this long is body text: the signature block has ended. */
const SIGNATURE_UNIT_CHARS = 160;

// ---------------------------------------------------------------------------------------------
// Source lines → text units

/** A header line as a reader sees it: markup stripped, hard-wrapped pieces rejoined. */
export interface TextUnit {
  text: string;
  line: number;
  endLine: number;
  /** One cell of a row written on one line ("| a | b |", tab-separated). */
  cell?: boolean;
}

const RULE_LINE = /^[-_=*\s]{3,}$|^\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$/;

/** A source line this long is body prose: it is only stripped, not normalised (headers are short lines). */
const LONG_LINE_CHARS = 400;

/** "**Đà Lạt, ngày 18**" → "Đà Lạt, ngày 18"; tags, entities, footnote marks "[1]", escapes and heading marks go. */
export function cleanMarkup(s: string): string {
  return (s.length > LONG_LINE_CHARS ? s : normalizeLine(s))
    .replace(/<sup>[^<]*<\/sup>/gi, "")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/\\([*_#\-.()[\]|])/g, "$1")
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(/^\s*>\s?/, "")
    .replace(/\*+|__/g, "")
    .replace(/(\S)\[\d{1,3}\]/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Emphasis still open after this line: "**THỦ" opens bold, "TƯỚNG CHÍNH PHỦ**" closes it. */
function emphasisAfter(raw: string, state: { bold: boolean; italic: boolean }): { bold: boolean; italic: boolean } {
  let { bold, italic } = state;
  // A leading "* " is a bullet, not emphasis.
  for (const m of raw.replace(/^\s*\*\s/, "").matchAll(/\*+/g)) {
    const n = m[0].length;
    if (n >= 2) bold = !bold;
    if (n % 2 === 1) italic = !italic;
  }
  const opens = raw.match(/<(b|strong|i|em)\b[^>]*>/gi)?.length ?? 0;
  const closes = raw.match(/<\/(b|strong|i|em)>/gi)?.length ?? 0;
  if (opens > closes) bold = true;
  else if (closes > opens) bold = false;
  return { bold, italic };
}

/** The cells of one source line: "| a | b |" and tab-separated rows give several, anything else one. */
function cellsOf(t: string): string[] {
  if (t.includes("\t")) return t.split("\t");
  const inner = t.replace(/^\|/, "").replace(/\|\s*$/, "");
  const parts = inner.split(/(?<!\\)\|/);
  return parts.length > 1 && t.startsWith("|") ? parts : [t];
}

const CONNECTIVE_END = /(?:(?:^|\s)(?:CỦA|VÀ|VỀ|VỚI|CHO|TẠI|THEO|TRONG|ĐỐI VỚI)|[,-])$/u;

/** A line naming another agency ("BỘ KHOA HỌC VÀ CÔNG NGHỆ" over "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA"), not a place that ends a name. */
const NEW_AGENCY = /^(BỘ|ỦY BAN|UBND|SỞ|CỤC|TỔNG CỤC|CHI CỤC|VỤ|VĂN PHÒNG|BAN(?! HÀNH)|TRUNG TÂM|HỘI ĐỒNG|VIỆN)\s/u;

/** Does `next` continue the wrapped line `prev`? ("*Đà Lạt, ngày 18" + "tháng 11 năm 2025*", "Số:" + "45/2025/QĐ-CTUBND") */
function continues(prev: string, next: string): boolean {
  // A bullet, a section marker ("I. MỤC TIÊU", "Điều 1."), a số hiệu or a stamp starts a line of its own.
  if (/^[-+•(]/u.test(next) || BODY_START.test(next) || DOC_NUMBER.test(next) || /^DỰ THẢO$/u.test(next)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  if (/^\d/.test(next)) return !/^\d+(\.\d+)*[.)]\s/.test(next);
  if (/:$/.test(prev) && prev.length < 20) return true;
  if (isUpper(prev) && isUpper(next)) {
    // "VỀ VIỆC PHÊ DUYỆT …" then "THỦ TƯỚNG CHÍNH PHỦ" (the enacting authority) are two lines, but
    // "… QUYẾT ĐỊNH SỐ 06/QĐ-TTG CỦA" + "THỦ TƯỚNG CHÍNH PHỦ VÀ …" is one wrapped trích yếu.
    if ((AUTHORITY.test(next) || typeWordOnly(next) || NEW_AGENCY.test(next)) && !CONNECTIVE_END.test(prev)) return false;
    return !MOTTO.test(next) && !typeWordOnly(prev);
  }
  return false;
}

/**
 * Source lines [from, to] (1-based, inclusive) → units. A unit ends at a blank line, a lone "|", a rule
 * ("-------"), a cell end ("… |"), or a closing emphasis at the line end; wrapped lines are rejoined while
 * an emphasis is open or the next line plainly continues the previous one.
 */
export function textUnits(source: readonly string[], from: number, to: number): TextUnit[] {
  const whole = fileUnits.get(source);
  if (whole) return whole.filter((u) => u.line >= from && u.endLine <= to);
  return scanUnits(source, from, to);
}

// The units of a whole file, computed once: document starts, every header and every signature read them.
const fileUnits = new WeakMap<readonly string[], TextUnit[]>();

/** Units of a whole file, kept for the headers read next from the same lines. */
export function allUnits(source: readonly string[]): TextUnit[] {
  let u = fileUnits.get(source);
  if (!u) {
    u = scanUnits(source, 1, source.length);
    fileUnits.set(source, u);
  }
  return u;
}

function scanUnits(source: readonly string[], from: number, to: number): TextUnit[] {
  const out: TextUnit[] = [];
  let cur: TextUnit | null = null;
  let emph = { bold: false, italic: false };
  const flush = () => {
    if (cur && cur.text) out.push(cur);
    cur = null;
  };
  const last = Math.min(to, source.length);
  for (let n = Math.max(1, from); n <= last; n++) {
    const t = (source[n - 1] ?? "").replace(/\r$/, "").trim();
    if (t === "" || t === "|" || RULE_LINE.test(t)) {
      flush();
      emph = { bold: false, italic: false };
      continue;
    }
    const cells = cellsOf(t);
    if (cells.length > 1) {
      flush();
      emph = { bold: false, italic: false };
      for (const c of cells) {
        const x = cleanMarkup(c);
        if (x && !RULE_LINE.test(x)) out.push({ text: x, line: n, endLine: n, cell: true });
      }
      continue;
    }
    const text = cleanMarkup(t.replace(/\s*\|$/, "").replace(/^\|\s*/, ""));
    const open = emph.bold || emph.italic;
    emph = emphasisAfter(t, emph);
    if (!text) {
      if (!open) flush();
      continue;
    }
    const opensMark = /^(\*(?!\s)|<(b|strong|i|em)\b)/i.test(t);
    const c = cur as TextUnit | null;
    if (c && (open || (!opensMark && continues(c.text, text)))) {
      c.text = `${c.text} ${text}`;
      c.endLine = n;
    } else {
      flush();
      cur = { text, line: n, endLine: n };
    }
    const closesMark = /(\*|<\/(b|strong|i|em)>)$/i.test(t) && !emph.bold && !emph.italic;
    if (/\S\s*\|$/.test(t) || closesMark) {
      flush();
      emph = { bold: false, italic: false };
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a header line is

const DOC_TYPES = [
  "QUYẾT ĐỊNH", "KẾ HOẠCH", "NGHỊ QUYẾT", "CHỈ THỊ", "BÁO CÁO", "THÔNG BÁO", "CHƯƠNG TRÌNH", "TỜ TRÌNH", "NGHỊ ĐỊNH",
  "THÔNG TƯ", "CHIẾN LƯỢC", "ĐỀ ÁN", "CÔNG ĐIỆN", "QUY ĐỊNH", "QUY CHẾ", "HƯỚNG DẪN", "KẾT LUẬN", "CÔNG VĂN",
];

/** The type code of a số hiệu: "12/CĐ-TTg" → Công điện, "45/2025/QĐ-CTUBND" → Quyết định, "07-KH/BCĐ" → Kế hoạch. */
const TYPE_BY_CODE: Record<string, string> = {
  QĐ: "Quyết định",
  KH: "Kế hoạch",
  NQ: "Nghị quyết",
  CT: "Chỉ thị",
  TB: "Thông báo",
  BC: "Báo cáo",
  NĐ: "Nghị định",
  TT: "Thông tư",
  CĐ: "Công điện",
  TTr: "Tờ trình",
  TTLT: "Thông tư liên tịch",
  QH: "Luật",
  PA: "Phương án",
  GM: "Giấy mời",
  QĐi: "Quy định",
  QC: "Quy chế",
  QyĐ: "Quy định",
  ĐA: "Đề án",
  CTr: "Chương trình",
  HD: "Hướng dẫn",
  KL: "Kết luận",
};

/** Has letters, none of them lower case ("THÀNH PHỐ HỒ CHÍ MINH", "5G, IOT"). Stops at the first lower-case letter. */
export function isUpper(s: string): boolean {
  let letters = false;
  for (const ch of s) {
    if (ch.toUpperCase() !== ch) return false;
    if (!letters && ch.toLowerCase() !== ch) letters = true;
  }
  return letters;
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

function typeWordOnly(t: string): boolean {
  return DOC_TYPES.includes(t.trim());
}

const DOC_NUMBER = /^Số\s*:?\s*[.…_\s]*([0-9][0-9A-Za-zĐđ./-]*\/[A-ZĐa-zđ0-9\-/]+|[0-9]+-[A-ZĐ]+\/[A-ZĐ0-9-]+|\/[A-ZĐ][A-ZĐa-z0-9-/]*)/u;

/** "Số: 12/CĐ-TTg" → 12/CĐ-TTg; "Số: /NQ-CP" (left blank in a draft) → number null. */
export function docNumberOf(text: string): { number: string | null } | null {
  const m = text.trim().match(DOC_NUMBER);
  if (!m) return null;
  const num = m[1]!.replace(/[.,;]$/, "");
  return { number: /\d/.test(num.split("/")[0] ?? "") || /^\d+-/.test(num) ? num : null };
}

/**
 * The type a số hiệu names: its code after the number (and year), or before the slash in party numbering.
 * "12/CĐ-TTg" → Công điện, "45/2025/QĐ-CTUBND" → Quyết định, "07-KH/BCĐ" → Kế hoạch, "/NQ-CP" → Nghị quyết.
 * A công văn has no type code, its số hiệu names the issuer instead: "901/UBND-KT" → Công văn.
 */
export function typeOfNumber(text: string): string | null {
  const m = text.trim().match(DOC_NUMBER);
  if (!m) return null;
  const num = m[1]!.replace(/[.,;]$/, "");
  const code = num.match(/^\d+-([A-ZĐ][A-Za-zĐđ]*)\//u)?.[1] ?? num.match(/^[^/]*\/(?:\d{4}\/)?([A-ZĐ][A-Za-zĐđ]*?)\d*(?:-|\/|$)/u)?.[1];
  if (!code) return null;
  return TYPE_BY_CODE[code] ?? "Công văn";
}

/** The national or party motto that sits beside the agency name. */
const MOTTO = /CỘNG HO?ÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM|^Độc lập\s*-\s*Tự do/u;

/** The enacting authority on its own line under the trích yếu ("THỦ TƯỚNG CHÍNH PHỦ", "ỦY BAN NHÂN DÂN TỈNH X"). */
const AUTHORITY =
  /^(THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|BỘ TRƯỞNG BỘ [\p{Lu} ,]+|CHỦ TỊCH [\p{Lu} ,]+|ỦY BAN NHÂN DÂN [\p{Lu} ]+|HỘI ĐỒNG NHÂN DÂN [\p{Lu} ]+|BAN CHỈ ĐẠO [\p{Lu} ,]+|BAN CHẤP HÀNH [\p{Lu} ]+|BAN THƯỜNG VỤ [\p{Lu} ]+|GIÁM ĐỐC [\p{Lu} ]+|TRƯỞNG BAN [\p{Lu} ]+)(\s+điện\s*:?)?$/u;

/** A header line that names an agency ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH"). */
const AGENCY_HEAD =
  /^(BỘ|ỦY BAN|UBND|THỦ TƯỚNG|CHÍNH PHỦ|BAN|SỞ|CỤC|TỔNG CỤC|VỤ|VĂN PHÒNG|HỘI ĐỒNG|CHỦ TỊCH|TRUNG TÂM|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ XÃ|ĐẶC KHU|TỈNH ỦY|THÀNH ỦY|ĐẢNG ỦY|QUỐC HỘI|BỘ CHÍNH TRỊ|TẬP ĐOÀN|NGÂN HÀNG|KIỂM TOÁN|TÒA ÁN|VIỆN|CÔNG AN|BẢO HIỂM|ĐẠI HỌC|TRƯỜNG)(?![\p{L}\p{N}])/u;

/** Lines that start the body: nothing after them is header. */
const BODY_START =
  /^(Căn cứ|Thực hiện|Theo đề nghị|Xét|Kính gửi|Đồng kính gửi|Triển khai|Nhằm|Để|Thời gian qua|Điều \d|Chương [IVXLC\d]+\b|Phần [IVXLC\d]+\b|QUYẾT ĐỊNH:|[IVXLC]+[.\-–]\s|\d+(\.\d+)*[.)]\s|[a-zđ]\)\s|[-+•]\s)/u;

/** "<Nơi>, ngày 18 tháng 11 năm 2025", "<Nơi>, ngày 18/11/2025" (the place is letters only: not "số 57-NQ/TW, ngày"). */
const DATE_LINE =
  /(?:^|[\s(])\p{Lu}[\p{L}.]*(?:[ -][\p{L}.]+){0,6},\s*ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))/u;
/** A date line whose day and month were left blank for signing: "Đà Lạt, ngày   tháng   năm 2021". */
const BLANK_DATE_LINE = /\p{Lu}[\p{L}.]*(?:[ -][\p{L}.]+){0,6},\s*ngày[\s.…]*tháng[\s.…]*năm\s*\d{0,4}/u;

function dateOf(text: string): string | null {
  const m = text.match(DATE_LINE);
  if (!m) return null;
  const [d, mo, y] = m[1] !== undefined && m[2] !== undefined ? [m[1], m[2], m[3]!] : [m[1]!, m[4]!, m[5]!];
  const day = Number(d);
  const month = Number(mo);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const STAMP_UNIT = /^DỰ THẢO(\s+\d+)?$/u;

function isBodyUnit(u: TextUnit): boolean {
  return BODY_START.test(u.text) || (!isUpper(u.text) && u.text.length > BODY_UNIT_CHARS && !/^V\/v/u.test(u.text));
}

/** The header zone: units from the document's first line up to the first body line. */
function headerZone(units: TextUnit[]): TextUnit[] {
  // The line under a bare "KẾ HOẠCH" / "QUYẾT ĐỊNH" is its trích yếu even in sentence case ("Triển khai nền tảng số …"
  // starts like body text): it ends no sentence and is no item.
  const trichYeu = (i: number) => {
    const prev = units[i - 1]?.text ?? "";
    return titleLineType(prev) !== null && isUpper(prev) && prev.split(/\s+/).length <= 3 && !/[.;:]$/u.test(units[i]!.text) && !/^(Căn cứ|Kính gửi|[IVXLC]+[.\-–]\s|\d+(\.\d+)*[.)]\s|[-+•]\s)/u.test(units[i]!.text);
  };
  const end = units.findIndex((u, i) => i > 0 && isBodyUnit(u) && !trichYeu(i));
  return end < 0 ? units : units.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Sentence case with proper names kept

const CAPITALISE = [
  "Chính phủ", "Thủ tướng", "Quốc hội", "Việt Nam", "Ủy ban Quốc gia", "Ban Chỉ đạo Trung ương", "Trung ương",
  "Bộ Chính trị", "Ban Bí thư", "Nghị quyết", "Tổ công tác", "Chính phủ số", "Chính phủ điện tử", "Ủy ban nhân dân",
  "Hội đồng nhân dân", "Thủ đô",
];

/** Ministries (and the provincial Sở of the same field): "bộ khoa học và công nghệ" → "Bộ Khoa học và Công nghệ". */
const MINISTRIES = [
  "Bộ Công an", "Bộ Quốc phòng", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương",
  "Bộ Nông nghiệp và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tài nguyên và Môi trường", "Bộ Xây dựng",
  "Bộ Giao thông vận tải", "Bộ Khoa học và Công nghệ", "Bộ Thông tin và Truyền thông", "Bộ Giáo dục và Đào tạo", "Bộ Y tế",
  "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Lao động - Thương binh và Xã hội", "Bộ Kế hoạch và Đầu tư", "Bộ Dân tộc và Tôn giáo",
];

/** Upper-case words that keep a mixed case of their own: "IOT" → "IoT". */
const MIXED_CASE: Record<string, string> = { IOT: "IoT", VNEID: "VNeID", EKYC: "eKYC", TTG: "TTg", TTR: "TTr", CTR: "CTr" };

/** Words a place name does not continue with ("thành phố Đà Lạt đến năm 2030", "tỉnh, thành phố trực thuộc", "xã hội"). */
const NOT_PLACE = new Set([
  "đến", "năm", "giai", "đoạn", "về", "và", "trong", "trên", "của", "theo", "tại", "với", "thời", "kỳ", "tầm", "nhìn", "định",
  "hướng", "trực", "thuộc", "sau", "trước", "các", "có", "là", "ban", "hành", "thực", "hiện", "phê", "duyệt", "giai", "cho",
  "nhằm", "để", "từ", "giữa", "mới", "hai", "cấp", "hội", "phường", "thị", "đặc", "xã",
]);

/** Cities whose name is a person's keep "Thành phố" capitalised (Nghị định 30/2020/NĐ-CP, Phụ lục II). */
const PERSON_NAMED_CITIES = ["Hồ Chí Minh"];

const VOWELS = /[aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/iu;

function keepWord(w: string): string | null {
  const bare = w.replace(/^[("'“]+|[)"'”,.;:]+$/g, "");
  if (MIXED_CASE[bare]) return w.replace(bare, MIXED_CASE[bare]!);
  // Numbers and codes: "5G", "06/QĐ-TTG" (the Thủ tướng code is "TTg"), "2021-2025".
  if (/\d/.test(bare)) return w.replace(/\bTTG\b/g, "TTg");
  // Acronyms without a vowel are not Vietnamese syllables: "TTHC", "CNTT", "ĐKKD".
  if (bare.length >= 2 && !VOWELS.test(bare)) return w;
  return null;
}

function capitaliseWords(s: string): string {
  return s.replace(/(^|[\s-])(\p{Ll})/gu, (_m, a: string, c: string) => a + c.toUpperCase());
}

/** Place names after "thành phố", "tỉnh", "huyện" …: "trên địa bàn thành phố đà nẵng" → "… thành phố Đà Nẵng". */
function capitalisePlaces(s: string): string {
  return s.replace(/(?<![\p{L}\p{N}])(thành phố|tỉnh|huyện|quận|thị xã|xã|phường|đặc khu|thủ đô|Thủ đô) ((?:[\p{Ll}]+)(?: [\p{Ll}]+){0,2})/gu, (m, geo: string, words: string) => {
    const kept: string[] = [];
    // A province's name is its own length ("tỉnh đồng tháp đối với …" → "Đồng Tháp"); other places stop at a word
    // that is no name.
    const province = foldDiacritics(words).match(PROVINCE_FOLDED_AHEAD)?.[0].trim();
    for (const w of words.split(" ")) {
      if (NOT_PLACE.has(w) || (province && kept.length === province.split(/\s+/).length)) break;
      kept.push(w);
    }
    if (kept.length === 0) return m;
    const name = capitaliseWords(kept.join(" "));
    const lead = PERSON_NAMED_CITIES.includes(name) && geo === "thành phố" ? "Thành phố" : geo;
    return `${lead} ${name}${words.slice(kept.join(" ").length)}`;
  });
}

/** "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ" → "về việc phê duyệt Chương trình phát triển Chính phủ số". */
export function sentenceCase(s: string): string {
  if (!isUpper(s)) return s;
  let out = s
    .split(/(\s+)/)
    .map((w) => (/\s/.test(w) ? w : keepWord(w) ?? w.toLowerCase()))
    .join("");
  for (const w of CAPITALISE) out = out.replace(new RegExp(w.toLowerCase(), "g"), w);
  // Provincial departments carry their ministry's name: "sở khoa học và công nghệ" → "Sở Khoa học và Công nghệ".
  for (const m of MINISTRIES) {
    const name = m.slice("Bộ ".length);
    out = out.replace(new RegExp(`(bộ|sở) ${name.toLowerCase()}`, "gu"), (_x, head: string) => `${head.charAt(0).toUpperCase()}${head.slice(1)} ${name}`);
  }
  out = capitalisePlaces(out);
  out = out.replace(/(?<![\p{L}\p{N}])(chương trình|chiến lược|kế hoạch|đề án) (chuyển đổi số|phát triển|quốc gia)/u, (m) => m.charAt(0).toUpperCase() + m.slice(1));
  // A document named by its number, or the one being issued: "quyết định số 06/QĐ-TTg" → "Quyết định số …",
  // "ban hành quy chế …" → "ban hành Quy chế …".
  const types = DOC_TYPES.map((d) => d.toLowerCase()).join("|");
  out = out.replace(new RegExp(`(^|[\\s"(])(${types}) số(?= )`, "gu"), (_m, a: string, t: string) => `${a}${t.charAt(0).toUpperCase()}${t.slice(1)} số`);
  out = out.replace(new RegExp(`(?<![\\p{L}])(ban hành|phê duyệt|triển khai|sửa đổi, bổ sung) (["“]?)(${types})(?![\\p{L}])`, "gu"), (_m, v: string, q: string, t: string) => `${v} ${q}${t.charAt(0).toUpperCase()}${t.slice(1)}`);
  return out;
}

export function sentenceCaseIssuer(s: string): string {
  const out = sentenceCase(s).replace(/^./, (c) => c.toUpperCase());
  // Ministry names capitalise each part: "BỘ KHOA HỌC VÀ CÔNG NGHỆ" → "Bộ Khoa học và Công nghệ",
  // "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Bộ Văn hóa, Thể thao và Du lịch".
  if (/^Bộ /u.test(out) && isUpper(s)) return out.replace(/(^Bộ |\svà |,\s*|\s-\s)(\p{Ll})/gu, (_m, a: string, c: string) => a + c.toUpperCase());
  // An office's own name starts with a capital after its generic head: "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA" →
  // "Cục Chuyển đổi số quốc gia", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP" → "Ban Quản lý các khu công nghiệp".
  if (isUpper(s)) return out.replace(/^(Cục|Tổng cục|Vụ|Sở|Ban|Trung tâm|Văn phòng|Viện|Học viện|Đài|Kho bạc|Chi cục|Thanh tra) (\p{Ll})/u, (_m, a: string, c: string) => `${a} ${c.toUpperCase()}`);
  return out;
}

/** Stable id: "qd-1234-2025", "kh-07-bcd", or the file stem plus index. */
export function documentId(meta: Pick<DocumentMeta, "number" | "type" | "issuedDate">, file: string, index: number): string {
  if (meta.number) {
    const parts = foldDiacritics(meta.number).split(/[^a-z0-9]+/).filter(Boolean);
    const code = foldDiacritics(meta.type).split(" ").map((w) => w[0]).join("");
    const year = meta.issuedDate?.slice(0, 4);
    // "1234/QĐ-TTg" → "qd-1234-2025"; "07-KH/BCĐ" → "kh-07-bcd"
    if (/^\d+\//.test(meta.number)) return [code, parts[0], year ?? parts.slice(1).join("-")].join("-");
    return [code, parts[0], ...parts.slice(2)].join("-");
  }
  const stem = file.replace(/\.[a-z]+$/i, "").replace(/[^a-zA-Z0-9]+/g, "-").toLowerCase();
  return index === 0 ? stem : `${stem}-${index + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Issuer, title, signer

/**
 * The agency lines above the motto: "ỦY BAN NHÂN DÂN" + "THÀNH PHỐ HỒ CHÍ MINH" → one name; "BỘ X" + "CỤC Y"
 * → the unit that issues (the last line); "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA …" on one line → the part before the motto.
 */
function issuerOf(zone: TextUnit[]): string | null {
  const motto = zone.findIndex((u) => MOTTO.test(u.text));
  const limit = motto >= 0 ? motto : zone.findIndex((u) => docNumberOf(u.text) || titleLineType(u.text) || dateOf(u.text));
  const parts: string[] = [];
  for (const u of zone.slice(0, limit < 0 ? 0 : limit + (motto >= 0 ? 1 : 0))) {
    const who = u.text.split(/\s*(?:CỘNG HO?ÒA|ĐẢNG CỘNG SẢN)/u)[0]!.trim();
    if (!who || !isUpper(who) || who.length > 120 || docNumberOf(who) || titleLineType(who) || STAMP_UNIT.test(who) || who.endsWith(":")) continue;
    if (motto < 0 && parts.length === 0 && !AGENCY_HEAD.test(who)) continue;
    parts.push(who);
  }
  // PDF text puts the agency and the motto side by side, so the agency's second line shares the motto's:
  // "ỦY BAN NHÂN DÂN CỘNG HÒA …" / "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc".
  const beside = motto >= 0 ? zone[motto + 1]?.text.match(/^(.+?)\s+Độc lập\s*-/u)?.[1] : undefined;
  if (beside && parts.length > 0 && isUpper(beside) && !MOTTO.test(beside)) parts.push(beside);
  if (parts.length === 0) return null;
  let name = parts[0]!;
  for (const p of parts.slice(1)) {
    // A place or the rest of a name continues it; another agency is the sub-unit that issues.
    if (/^(THÀNH PHỐ|TỈNH|HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ XÃ|THỊ TRẤN|ĐẶC KHU|VỀ|NHÂN DÂN|QUỐC GIA)(?![\p{L}\p{N}])/u.test(p) || CONNECTIVE_END.test(name)) name = `${name} ${p}`;
    else name = p;
  }
  return sentenceCaseIssuer(name.replace(/\s+điện\s*:?$/u, ""));
}

/** Words an agency's name starts with, in running text. */
const AGENCY_START = "Ban|Bộ|Ủy ban|UBND|Thủ tướng|Chính phủ|Hội đồng|Sở|Cục|Văn phòng|Tỉnh ủy|Thành ủy|Đảng ủy|Chủ tịch";
/** Document types a preamble says its issuer "ban hành". */
const ISSUED_TYPES = "Kế hoạch|Quyết định|Quy chế|Quy định|Chương trình|Chỉ thị|Đề án|Chiến lược|Hướng dẫn|Kết luận";
/** "…, Ban Chỉ đạo … (sau đây gọi tắt là Ban Chỉ đạo Trung ương) ban hành Kế hoạch …" → the short name. */
const PREAMBLE_SHORT = new RegExp(`\\(sau đây gọi (?:tắt )?là ([^)]{3,80})\\)\\s+ban hành\\s+(?:${ISSUED_TYPES})(?![\\p{L}])`, "u");
/** "… , Ủy ban nhân dân tỉnh X ban hành Kế hoạch …": an agency right before "ban hành". */
const PREAMBLE_LONG = new RegExp(`(?:^|[,;:]\\s*)((?:${AGENCY_START})[^,;()]{2,100}?)\\s+ban hành\\s+(?:${ISSUED_TYPES})(?![\\p{L}])`, "u");
/** How far into the body the preamble may run. */
const PREAMBLE_UNITS = 30;

/** The issuer a headerless text names in its preamble (a party or committee plan has no agency lines). */
function preambleIssuer(body: TextUnit[]): string | null {
  for (const u of body.slice(0, PREAMBLE_UNITS)) {
    const m = u.text.match(PREAMBLE_SHORT) ?? u.text.match(PREAMBLE_LONG);
    if (m) return m[1]!.trim();
  }
  return null;
}

interface Subject {
  text: string;
  /** The title keeps its own type word ("BÁO CÁO TÓM TẮT …", "CHƯƠNG TRÌNH …"). */
  whole: boolean;
  /** The enacting authority line right under it, if any. */
  authority: string | null;
}

/** Trích yếu: the rest of the title line, or the lines under it up to the authority line or the body. */
function subjectAfter(zone: TextUnit[], at: number): Subject {
  const tl = zone[at]!.text;
  const type = DOC_TYPES.find((d) => tl === d || tl.startsWith(d + " "))!;
  const rest = tl.slice(type.length).trim();
  const next = zone[at + 1];
  const authorityAfter = (u: TextUnit | undefined) => (u && AUTHORITY.test(u.text) ? u.text : null);
  if (rest) {
    const whole = type === "BÁO CÁO" || type === "CHƯƠNG TRÌNH";
    return { text: whole ? tl : rest, whole, authority: authorityAfter(next) };
  }
  const parts: string[] = [];
  let j = at + 1;
  for (; j < zone.length && parts.length < SUBJECT_MAX_UNITS; j++) {
    const u = zone[j]!.text;
    if (AUTHORITY.test(u) || /^\(|^(Căn cứ|Kính gửi)/u.test(u) || docNumberOf(u) || dateOf(u) || STAMP_UNIT.test(u)) break;
    // A trích yếu never ends a sentence, and a sentence-case line under an upper-case one is body text.
    if (/[.;]$/u.test(u) || (parts.length > 0 && isUpper(parts[0]!) && !isUpper(u))) break;
    if (parts.join(" ").length + u.length > SUBJECT_MAX_CHARS) break;
    parts.push(u);
  }
  return { text: parts.join(" "), whole: false, authority: authorityAfter(zone[j]) };
}

/** "Bùi Xuân Cường", "Nguyễn Thị Ngọc Điệp": two to five capitalised syllables. */
const PERSON_NAME = /^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$/u;
/** A signer's title line: "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "THỦ TƯỚNG", "TM. ỦY BAN NHÂN DÂN", "K/T TRƯỞNG BAN". */
const SIGN_TITLE =
  /^(?:(?:KT|TM|TL|TUQ|Q|K\/T|T\/M)\.?\s*)?[\p{Lu} .]*(THỦ TƯỚNG|CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|GIÁM ĐỐC|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|VỤ TRƯỞNG|BÍ THƯ|ỦY BAN NHÂN DÂN)[\p{Lu} ]*$/u;
/** "Nơi nhận:" alone, or beside the signer's title in PDF text ("Nơi nhận: KT. CHỦ TỊCH"). */
const RECIPIENTS = /^Nơi nhận\s*(:|$)/u;

/**
 * The signer: the name that closes the signature block — under its title ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH /
 * Bùi Xuân Cường") or after the recipients list ("Nơi nhận: - Như trên; … / Phạm Minh Chính").
 */
export function signerOf(units: TextUnit[]): { name: string; line: number } | null {
  for (let i = 0; i < units.length; i++) {
    const t = units[i]!.text;
    // PDF text can put the name on the title's line: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn An".
    const inline = t.match(/^(.*?)\s+(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}*){1,4})$/u);
    if (inline && SIGN_TITLE.test(inline[1]!) && !AGENCY_HEAD.test(inline[2]!.toUpperCase())) return { name: inline[2]!, line: units[i]!.line };
    if (!RECIPIENTS.test(t) && !(SIGN_TITLE.test(t) && t.length <= 80)) continue;
    for (let k = i + 1; k <= i + SIGNER_LOOKAHEAD_UNITS && k < units.length; k++) {
      const u = units[k]!.text;
      if (u.length > SIGNATURE_UNIT_CHARS) break;
      if (PERSON_NAME.test(u) && !AGENCY_HEAD.test(u.toUpperCase())) return { name: u, line: units[k]!.line };
      // Titles, seal notes, recipients ("- Như trên;", "các Vụ, Cục, Công báo;") and filing codes sit between.
      const between = isUpper(u) || /^\(?(đã ký|Đã ký)\)?$/u.test(u) || RECIPIENTS.test(u) || /^[-+•]/u.test(u) || /[;,.:]$/u.test(u) || /\d/.test(u);
      if (!between) break;
    }
  }
  return null;
}

/** "kh-45-ubnd-tinh-2025-ha-tang-so.txt" → "kh 45 ubnd tinh 2025 ha tang so": a title of last resort. */
function titleFromFileName(file: string): string {
  const stem = file.replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "").replace(/[-_]+/g, " ").trim();
  return stem ? stem.charAt(0).toUpperCase() + stem.slice(1) : file;
}

// ---------------------------------------------------------------------------------------------
// Reading one header

export interface HeaderReading {
  meta: DocumentMeta;
  warnings: string[];
}

/**
 * Header metadata of the document on source lines `lines` (before manifest overrides). `stamps` are lines
 * with a "DỰ THẢO" stamp found by the line scanner; a stamp in the header, or anywhere in a text with no
 * header at all, makes a draft.
 */
/** A label of a legal database's attribute box, which stands where a copied page lost the document's own header. */
const BOX_LABEL = /^(Số hiệu|Loại văn bản|Nơi ban hành|Cơ quan ban hành|Ngày ban hành|Người ký)\s*:\s*(.*)$/u;

export interface AttributeBox {
  number?: string;
  type?: string;
  issuer?: string;
  issuedDate?: string;
  signer?: string;
}

/**
 * The attribute box a page copied from a legal database opens with ("Số hiệu: | 6225/BVHTTDL-VP | Loại văn bản: |
 * Công văn | Nơi ban hành: | … | Ngày ban hành: | 18/11/2025"): each label's value is the rest of its unit or the
 * next unit. Only values of the expected shape are kept (a số hiệu with its "/", a dd/mm/yyyy date).
 */
export function attributeBox(units: readonly TextUnit[]): AttributeBox {
  const box: AttributeBox = {};
  for (let i = 0; i < units.length; i++) {
    const m = BOX_LABEL.exec(units[i]!.text);
    if (!m) continue;
    const value = (m[2]!.trim() || units[i + 1]?.text || "").trim();
    if (!value || BOX_LABEL.test(value)) continue;
    const label = m[1]!;
    if (label === "Số hiệu" && /^\d[\dA-Za-zĐđ.-]*\/[\p{L}\d/-]+$/u.test(value)) box.number ??= value;
    else if (label === "Loại văn bản" && value.length <= 40) box.type ??= value;
    else if ((label === "Nơi ban hành" || label === "Cơ quan ban hành") && value.length <= 120) box.issuer ??= value;
    else if (label === "Ngày ban hành") {
      const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
      if (d && Number(d[1]) <= 31 && Number(d[2]) <= 12) box.issuedDate ??= `${d[3]}-${d[2]!.padStart(2, "0")}-${d[1]!.padStart(2, "0")}`;
    } else if (label === "Người ký" && value.length <= 60) box.signer ??= value;
  }
  return box;
}

/**
 * An appendix's caption names the document it is attached to: "(Kèm theo Công văn số 174/CV-BCĐ ngày 02 tháng 12 năm
 * 2025 của Ban Chỉ đạo)". A letter copied without its header (it starts at "Kính gửi:") is known by it.
 */
const ANNEX_CAPTION =
  /^\(?\s*Kèm theo\s+(Quyết định|Công văn|Kế hoạch|Thông báo|Chỉ thị|Công điện|Nghị quyết|Thông tư|Nghị định|Văn bản|Báo cáo|Chương trình)\s+(?:số\s+)?(\d[\dA-Za-zĐđ.-]*\/[\p{L}\d/&.-]+)(?:,?\s+ngày\s+(\d{1,2})(?:\s+tháng\s+|\/)(\d{1,2})(?:\s+năm\s+|\/)(\d{4}))?(?:\s+của\s+([^)]+?))?\s*\)?\.?$/u;

export function annexCaption(units: readonly TextUnit[]): AttributeBox {
  for (const u of units) {
    const m = ANNEX_CAPTION.exec(cleanMarkup(u.text).trim());
    if (!m) continue;
    const [, type, number, d, mo, y, issuer] = m;
    const issuedDate = d && mo && y && Number(d) <= 31 && Number(mo) <= 12 ? `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}` : undefined;
    return { number, type, ...(issuedDate ? { issuedDate } : {}), ...(issuer && issuer.length <= 120 ? { issuer: issuer.trim() } : {}) };
  }
  return {};
}

export function readHeader(file: string, source: readonly string[], lines: [number, number], stamps: number[], fallbackStatus?: DocumentStatus): HeaderReading {
  const warnings: string[] = [];
  const units = textUnits(source, lines[0], Math.min(lines[1], lines[0] + HEADER_LINES - 1));
  const zone = headerZone(units);
  // (Where neither the header nor a legal database's box gives the số hiệu, the document's appendix caption does.)
  const ownBox = attributeBox(units);
  const box = ownBox.number ? ownBox : { ...annexCaption(textUnits(source, lines[0], lines[1])), ...ownBox };
  const numbered = zone.map((u) => docNumberOf(u.text)).find((n) => n !== null) ?? (box.number ? { number: box.number } : null);
  const number = numbered?.number ?? null;
  const dateUnit = zone.find((u) => dateOf(u.text));
  const issuedDate = dateUnit ? dateOf(dateUnit.text) : (box.issuedDate ?? null);
  const titleAt = zone.findIndex((u) => titleLineType(u.text) !== null && !AUTHORITY.test(u.text));
  let type = titleAt >= 0 ? titleLineType(zone[titleAt]!.text) : null;
  let subject: Subject | null = titleAt >= 0 ? subjectAfter(zone, titleAt) : null;
  // No title line: a công văn's "V/v …" trích yếu, or "VỀ VIỆC …" straight under the date.
  const vv = zone.find((u) => /^(V\/v|VỀ VIỆC|Về việc)(?![\p{L}\p{N}])/u.test(u.text));
  if ((!subject || !subject.text) && vv) {
    const at = zone.indexOf(vv);
    subject = { text: vv.text.replace(/^V\/v\b\.?\s*/u, "về việc "), whole: false, authority: zone[at + 1] && AUTHORITY.test(zone[at + 1]!.text) ? zone[at + 1]!.text : null };
  }
  const numberUnit = zone.find((u) => docNumberOf(u.text));
  if (!type && numberUnit) type = typeOfNumber(numberUnit.text);
  if (!type && box.type) type = sentenceCase(box.type);
  if (!type && box.number) type = typeOfNumber(`Số: ${box.number}`);
  // A letter with no type word and no số hiệu read: a "V/v" subject or a "Kính gửi:" list.
  if (!type && (vv || units.some((u) => /^Kính gửi/u.test(u.text)))) type = "Công văn";
  let issuer = issuerOf(zone) ?? (box.issuer ? sentenceCaseIssuer(box.issuer) : null);
  if (!issuer && subject?.authority) issuer = sentenceCaseIssuer(subject.authority.replace(/\s+điện\s*:?$/u, ""));

  const typeName = type ?? "Văn bản";
  const text = (subject?.text ?? "").replace(/^\(|\)$/g, "").trim();
  const title = titleOf(file, lines[0], typeName, type !== null, number, subject, text, warnings);
  const headerEnd = Math.min(lines[1], (zone.at(-1)?.endLine ?? lines[0]) + 3);
  const ownStamps = zone.filter((u) => STAMP_UNIT.test(u.text)).map((u) => u.line);
  const allStamps = [...stamps, ...ownStamps];
  const headerless = numbered === null && titleAt < 0;
  let status: DocumentStatus =
    allStamps.some((l) => l <= headerEnd) || (stamps.length > 0 && headerless) || /^DỰ THẢO/u.test(text) ? "draft" : fallbackStatus ?? "final";
  if ((numbered !== null && number === null) || (!issuedDate && zone.some((u) => BLANK_DATE_LINE.test(u.text)) && number === null)) status = "draft";

  let year: number | null = issuedDate ? Number(issuedDate.slice(0, 4)) : null;
  const titleYear = title.match(/năm (\d{4})\b(?!\s*-)/)?.[1];
  if (titleYear && !/đến năm|giai đoạn/.test(title)) year = Number(titleYear);

  const body = textUnits(source, (zone.at(-1)?.endLine ?? lines[0]) + 1, lines[1]);
  issuer ??= preambleIssuer(body);
  const signer = signerOf(body)?.name ?? box.signer ?? null;
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
    signer,
  };
  return { meta, warnings };
}

/**
 * The document's title from its trích yếu ("Kế hoạch phát động phong trào thi đua …"); else from its type and
 * số hiệu, else from the file name — each fallback with a warning.
 */
function titleOf(file: string, at: number, typeName: string, typed: boolean, number: string | null, subject: Subject | null, text: string, warnings: string[]): string {
  if (text) {
    let cased = sentenceCase(text);
    // "CÔNG ĐIỆN / TẬP TRUNG HOÀN THÀNH …" is titled "Công điện về việc tập trung hoàn thành …".
    if (typeName === "Công điện" && !/^(về|Về)(?![\p{L}\p{N}])/u.test(cased)) cased = `về việc ${cased.replace(/^./, (c) => c.toLowerCase())}`;
    return subject!.whole ? cased.replace(/^./, (c) => c.toUpperCase()) : `${typeName} ${cased.replace(/^./, (c) => c.toLowerCase())}`;
  }
  if (typed && number) {
    warnings.push(`${file}: document starting at line ${at}: no trích yếu under the header; titled by its số hiệu`);
    return `${typeName} ${number}`;
  }
  warnings.push(`${file}: document starting at line ${at}: header not read (no số hiệu, type or trích yếu); title taken from the file name`);
  return titleFromFileName(file);
}

/** Warnings for a header that lacks its số hiệu (a final text) or date. */
export function headerWarnings(file: string, index: number, meta: DocumentMeta): string[] {
  const warnings: string[] = [];
  if (!meta.number && meta.status === "final") warnings.push(`${file}: document ${index + 1} ("${meta.title.slice(0, 60)}") has no số hiệu`);
  if (!meta.issuedDate) warnings.push(`${file}: document ${index + 1} ("${meta.title.slice(0, 60)}") has no date`);
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Where documents start

const HEADERISH = /^(Số(?![\p{L}\p{N}])|\p{Lu}[\p{L} ]+, ngày|CỘNG HO?ÒA|Độc lập|ĐẢNG CỘNG SẢN|BAN CHẤP HÀNH|THỦ TƯỚNG|BỘ |ỦY BAN|BAN CHỈ ĐẠO|VĂN PHÒNG|CHÍNH PHỦ|CHỦ TỊCH|HỘI ĐỒNG|SỞ |TỈNH |THÀNH PHỐ|DỰ THẢO$)/u;

/** An attached plan or regulation ("KẾ HOẠCH … (Ban hành kèm theo Quyết định số …)") belongs to its decision. */
function isAttached(units: TextUnit[], at: number): boolean {
  for (let k = at + 1; k <= at + ATTACHED_LOOKAHEAD_UNITS && k < units.length; k++) {
    const t = units[k]!.text;
    if (/^\(?\s*(Ban hành )?[Kk]èm theo\b/u.test(t) || /kèm theo (Quyết định|Nghị quyết|Kế hoạch|Công điện|Chỉ thị|Công văn|Thông báo|Tờ trình)/iu.test(t)) return true;
    if (isBodyUnit(units[k]!) || docNumberOf(t)) return false;
  }
  return false;
}

/**
 * Titles that open a document of their own. A "QUY CHẾ", "QUY ĐỊNH" or "HƯỚNG DẪN" title is an attached text or
 * a chapter ("Chương I / QUY ĐỊNH CHUNG") unless a số hiệu comes with it.
 */
const STANDALONE_TYPES = new Set(["Quyết định", "Kế hoạch", "Nghị quyết", "Chỉ thị", "Báo cáo", "Thông báo", "Chương trình", "Tờ trình", "Nghị định", "Thông tư", "Chiến lược", "Đề án", "Công điện"]);

function startsDocument(t: string): boolean {
  const type = titleLineType(t);
  return type !== null && STANDALONE_TYPES.has(type) && !AUTHORITY.test(t);
}

function hasBody(units: TextUnit[], from: number, to: number): boolean {
  return units.slice(from, to).some((u) => !isUpper(u.text) && u.text.length > 200);
}

/**
 * Block indexes where documents start in a file: at each header (a số hiệu line or a type title, with the
 * agency, motto and date lines before it), not at an attached plan or appendix. Read from the source
 * lines, so the block shapes of the line scanner do not matter.
 */
export function findDocumentStarts(blocks: RawBlock[], source: readonly string[]): number[] {
  const units = allUnits(source);
  const cands: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const t = units[i]!.text;
    if (docNumberOf(t)) cands.push(i);
    else if (startsDocument(t) && !isAttached(units, i)) cands.push(i);
  }
  // Merge candidates belonging to one header (Số … then the title a few lines later).
  const starts: number[] = [];
  for (const c of cands) {
    const last = starts.at(-1);
    if (last !== undefined && c - last <= HEADER_CLUSTER_UNITS && !hasBody(units, last, c)) continue;
    // Pull the start back over header lines (agency, CỘNG HÒA, Số, date, stamps).
    let s = c;
    const floor = last ?? -1;
    while (s - 1 > floor && s > c - HEADER_PULLBACK_UNITS && HEADERISH.test(units[s - 1]!.text)) s--;
    starts.push(s);
  }
  if (starts.length === 0) return [0];
  // A short preamble before the first document (only header lines) belongs to it.
  const first = starts[0]!;
  if (first > 0) {
    const substantive = units.slice(0, first).filter((u) => !u.cell && !isUpper(u.text) && u.text.length > 60).length;
    if (substantive >= 3) starts.unshift(0);
    else starts[0] = 0;
  }
  // Source lines → the block holding (or first after) each start line.
  const out: number[] = [];
  for (const s of starts) {
    const line = s === 0 ? 1 : units[s]!.line;
    let b = blocks.findIndex((x) => x.endLine >= line);
    if (b < 0) continue;
    if (s === 0) b = 0;
    if (out.length === 0 || b > out.at(-1)!) out.push(b);
  }
  return out.length ? out : [0];
}
