// Tasks layer (pure): agencies in a text — the registry's (canonical names, abbreviations, diacritic-free forms,
// typos, groups, the 2025 reorganisation: Nghị quyết 176/2025/QH15) and the units no registry lists (a
// province's Sở, a ministry's Cục, Công an tỉnh, UBND xã …), read from the shape of Vietnamese unit names.

import { AGENCY_RECORDS, type AGENCY_KINDS } from "../text/agency-registry.ts";
import { memoByText } from "../text/memo.ts";
import { foldDiacritics, matchKey, normalizeText } from "../text/normalize.ts";

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: string;
  name: string;
  short?: string;
  aliases: string[];
  kind: AgencyKind;
  /** Set when the agency was merged in the 2025 reorganisation: the body holding its portfolio now. */
  successor?: string;
  since?: string;
}

/** The registry (src/text/agency-registry.json, validated at load) as the tasks layer uses it. */
export const AGENCIES: Agency[] = AGENCY_RECORDS.map((r) => ({ ...r, aliases: [...r.aliases] }));

const BY_ID = new Map(AGENCIES.map((a) => [a.id, a]));

export function agencyById(id: string): Agency | undefined {
  return BY_ID.get(id);
}

/** Key used for matching names: folded, "&" kept, punctuation collapsed. "Bộ KH&CN" → "bo kh&cn". */
export function agencyKey(s: string): string {
  return key(s);
}

const key = memoByText((s) => foldDiacritics(normalizeText(s)).replace(/[^a-z0-9&]+/g, " ").trim());

/** Abbreviations that are ordinary words (or other things) when written in lower case. */
const AMBIGUOUS_LOWER = new Set(["vov", "btc", "bct", "ttcp", "ktnn", "mttq", "kh&cn", "khcn", "tt&tt", "kh&đt"]);

export interface Pattern {
  agency: Agency;
  key: string;
  /** Abbreviations are matched case-sensitively on the original text to avoid "ai"/"bct" noise. */
  caseSensitive?: string;
}

export const PATTERNS: readonly Pattern[] = (() => {
  const out: Pattern[] = [];
  for (const a of AGENCIES) {
    for (const n of [a.name, ...a.aliases]) {
      // Short abbreviations ("BCA", "VPCP") are also typed in lower case ("bca"); two-letter ones and
      // ones that are ordinary words when lower-cased stay case-sensitive.
      const isAbbrev = !/\s/.test(n) && n === n.toUpperCase();
      const strict = isAbbrev && (n.replace(/[^A-ZĐ]/gu, "").length < 3 || AMBIGUOUS_LOWER.has(n.toLowerCase()));
      out.push({ agency: a, key: key(n), ...(strict ? { caseSensitive: n } : {}) });
    }
  }
  // Longest first so "Ủy ban nhân dân các tỉnh" wins over "Ủy ban nhân dân".
  return out.sort((x, y) => y.key.length - x.key.length);
})();

const PATTERNS_BY_FIRST_WORD = (() => {
  const m = new Map<string, number[]>();
  PATTERNS.forEach((p, i) => {
    if (!p.key) return;
    const first = p.key.split(" ")[0]!;
    const l = m.get(first);
    if (l) l.push(i);
    else m.set(first, [i]);
  });
  return m;
})();

/** The head word of a local department just before a match: "Sở", "Phòng", "Chi cục" (folded). */
const LOCAL_HEAD_BEFORE = / (?:so|phong|chi cuc) $/;

/**
 * A province's department named by its field's abbreviation ("Sở KH&CN", "Phòng TN&MT") is not the ministry of that
 * field: a one-word pattern (an abbreviation) right after a department's head word. `k` is the folded text, `s` where
 * the pattern `key` starts in it.
 */
export function localDepartment(key: string, k: string, s: number): boolean {
  return !key.includes(" ") && LOCAL_HEAD_BEFORE.test(k.slice(0, s));
}

/** Words after "Ủy ban nhân dân" that make it a commune's or district's, not a province's: "UBND cấp xã", "UBND các xã, phường". */
const LOWER_LEVEL_AFTER = /^ (cap xa|cap huyen|cac xa|cac huyen|cac phuong|xa|phuong|huyen|quan|thi xa|thi tran|dac khu)\b/;

/** A bare "UBND" or "Ủy ban nhân dân" read as the provinces' People's Committees, when the text goes on to a lower level. */
export function lowerLevelCommittee(agency: Agency, key: string, k: string, e: number): boolean {
  return agency.id === "ubnd-tinh" && /^(ubnd|uy ban nhan dan)$/.test(key.trim()) && LOWER_LEVEL_AFTER.test(k.slice(e));
}

export interface AgencyMention {
  agency: Agency;
  /** Character offsets in the folded key string of the input. */
  start: number;
  end: number;
}

/**
 * Find agencies named in a text, in order, longest match first and without overlaps.
 * Works on text with or without diacritics: "bo cong an" → Bộ Công an.
 */
export function findAgencies(text: string): AgencyMention[] {
  const k = ` ${key(text)} `;
  // Occurrences of each pattern, found by looking up each word of the text among the patterns' first
  // words (one pass over the text instead of one indexOf per pattern; ~400 patterns).
  const hits = new Map<number, number[]>();
  for (let p = 1; p < k.length; ) {
    const end = k.indexOf(" ", p);
    if (end < 0) break;
    const cands = PATTERNS_BY_FIRST_WORD.get(k.slice(p, end));
    if (cands) {
      for (const i of cands) {
        const pk = PATTERNS[i]!.key;
        if (k.startsWith(pk, p) && k[p + pk.length] === " ") {
          const l = hits.get(i);
          if (l) l.push(p);
          else hits.set(i, [p]);
        }
      }
    }
    p = end + 1;
  }
  const taken: [number, number][] = [];
  const found: AgencyMention[] = [];
  // Longest patterns first (PATTERNS order), each left to right without overlapping itself or a longer one.
  for (const i of [...hits.keys()].sort((a, b) => a - b)) {
    const p = PATTERNS[i]!;
    let from = 0;
    for (const s of hits.get(i)!) {
      if (s < from) continue;
      const e = s + p.key.length;
      from = e;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      if (localDepartment(p.key, k, s) || lowerLevelCommittee(p.agency, p.key, k, e)) continue;
      if (p.caseSensitive && !new RegExp(`(^|[^\\p{L}])${p.caseSensitive.replace(/[&]/g, "&")}($|[^\\p{L}])`, "u").test(text)) continue;
      taken.push([s, e]);
      found.push({ agency: p.agency, start: s, end: e });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Words that join agency names in a cell without naming anything ("A, B và các cơ quan có liên quan"). */
const JOINING_WORDS = new Set(["va", "cac", "co", "quan", "lien", "khac", "theo", "chuc", "nang", "nhiem", "vu", "duoc", "giao", "phoi", "hop", "voi", "chu", "tri", "cung"]);

/**
 * Words of a cell naming who acts that no recognised agency accounts for: "các doanh nghiệp viễn thông di
 * động" → ["doanh", "nghiep", "vien", "thong", "di", "dong"] when no agency covers it. An answer then quotes
 * the cell as written rather than a list of canonical names that would leave part of it out.
 */
export function unrecognisedWords(text: string): string[] {
  const k = ` ${key(text)} `;
  const chars = [...k];
  for (const m of findAgencies(text)) for (let i = m.start; i < m.end; i++) chars[i] = " ";
  return chars
    .join("")
    .split(" ")
    .filter((w) => w && !JOINING_WORDS.has(w) && !/^\d+$/.test(w));
}

/** Resolve one agency name in any form ("BCA", "bo cong an", "Bộ KH&CN"). */
export function resolveAgency(text: string): Agency | undefined {
  const k = key(text);
  const exact = PATTERNS.find((p) => p.key === k && (!p.caseSensitive || k === key(p.caseSensitive)));
  if (exact) return exact.agency;
  return findAgencies(text)[0]?.agency;
}

/** Agencies excluded in a parenthesis are not named: "các bộ, ngành (trừ Bộ Quốc phòng)" → no Bộ Quốc phòng. */
const EXCLUDED = /\((?:trừ|ngoại trừ|không bao gồm)\s[^)]*\)/giu;

/**
 * Names of the agencies in a text, de-duplicated, in order: the registry's canonical name when the registry
 * knows the agency, otherwise the unit as written — "Bộ KH&CN, Sở Tài chính" → ["Bộ Khoa học và Công nghệ",
 * "Sở Tài chính"].
 */
export function agencyNames(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of findAgencyMentions(text.replace(EXCLUDED, (x) => `;${" ".repeat(x.length - 1)}`))) {
    const name = m.canonical ?? capitalise(m.name);
    const k = key(name);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(name);
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Ids of agencies whose portfolio the given agency now holds (Bộ KH&CN ← Bộ TT&TT). */
export function predecessorsOf(id: string): Agency[] {
  return AGENCIES.filter((a) => a.successor === id);
}

export function successorOf(a: Agency): Agency | undefined {
  return a.successor ? BY_ID.get(a.successor) : undefined;
}

export function agencyByName(name: string): Agency | undefined {
  return BY_NAME_KEY.get(key(name));
}

/** Registry entries by the key of their name (the first entry of a name wins). */
const BY_NAME_KEY = new Map<string, Agency>();
for (const a of AGENCIES) if (!BY_NAME_KEY.has(key(a.name))) BY_NAME_KEY.set(key(a.name), a);

// ---------------------------------------------------------------------------------------------------------
// Units the registry does not list, read from the shape of Vietnamese unit names: a head word ("Sở", "Cục",
// "Trung tâm", "Công an", "UBND" …) and the words after it up to a boundary — a comma or semicolon, "và"
// before another unit, "chủ trì", "phối hợp", a verb, a preposition. "Sở Khoa học và Công nghệ chủ trì" →
// "Sở Khoa học và Công nghệ"; "Sở Tài chính, Sở Nội vụ" → two units; "Cổng Dịch vụ công quốc gia" → none.

export interface AgencyMentionSpan {
  /** The name as written (markup removed, spaces collapsed): "Sở Tài chính", "UBND các xã". */
  name: string;
  /** The registry's canonical name, when the registry knows this agency. */
  canonical?: string;
  agency?: Agency;
  /** Offsets in the input text. */
  start: number;
  end: number;
}

/** How a word is joined to the one before it. */
type Gap = "start" | "space" | "comma" | "dash" | "glued" | "hard";

interface Word {
  text: string;
  start: number;
  end: number;
  /** Lower case with diacritics (matchKey): heads and stop words are told apart by their tones ("sở" ≠ "số"). */
  low: string;
  /** Registry key form (folded). */
  fold: string;
  cap: boolean;
  gap: Gap;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}&]*/gu;

function words(text: string): Word[] {
  const out: Word[] = [];
  let prev = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const w = m[0];
    out.push({ text: w, start, end: start + w.length, low: matchKey(w), fold: key(w), cap: /^\p{Lu}/u.test(w), gap: prev < 0 ? "start" : gapOf(text.slice(prev, start)) });
    prev = start + w.length;
  }
  return out;
}

/** Emphasis markup is not a boundary: "Sở Nội vụ**" ends where the words end. A line break is (the reader gives paragraphs). */
function gapOf(raw: string): Gap {
  const g = raw.replace(/[*_`]/g, "");
  if (/^[ \t]+$/.test(g)) return "space";
  if (/^\s*,\s*$/.test(g)) return "comma";
  if (/^\s+[-–—]\s+$/.test(g) || /^\s*[–—]\s*$/.test(g)) return "dash";
  if (/^[-&]$/.test(g)) return "glued";
  return g.length === 0 ? "space" : "hard";
}

/** Head words and what must follow them for the phrase to name a unit. */
type Need = "any" | "cap" | "local";
const HEADS: readonly (readonly [string, Need])[] = [
  ["bộ tư lệnh", "any"], ["bộ chỉ huy", "any"], ["bộ", "cap"],
  ["tổng cục", "cap"], ["chi cục", "cap"], ["cục", "cap"], ["vụ", "cap"], ["sở", "cap"],
  ["ban chỉ đạo", "any"], ["ban quản lý", "any"], ["ban", "cap"],
  ["ủy ban nhân dân", "local"], ["ubnd", "local"], ["hội đồng nhân dân", "local"], ["hđnd", "local"],
  ["ủy ban", "cap"], ["hội đồng", "cap"], ["văn phòng", "cap"], ["trung tâm", "cap"], ["học viện", "cap"],
  ["viện kiểm sát", "local"], ["viện", "cap"], ["công an", "local"], ["thuế", "local"], ["kho bạc", "cap"],
  ["bảo hiểm xã hội", "any"], ["ngân hàng", "cap"], ["tập đoàn", "cap"], ["tổng công ty", "any"], ["công ty", "cap"],
  ["đài", "cap"], ["báo", "cap"], ["trường", "cap"], ["bệnh viện", "cap"], ["bưu điện", "local"], ["hiệp hội", "cap"],
  ["liên đoàn", "cap"], ["mặt trận", "cap"], ["hội", "cap"], ["đoàn", "cap"], ["thanh tra", "local"], ["tòa án", "local"],
  ["tổ công tác", "any"], ["tổ", "cap"],
  // A ministry's Party committee is its own body: "Đảng ủy Bộ Khoa học và Công nghệ" is not the ministry.
  ["đảng ủy", "cap"], ["đảng uỷ", "cap"], ["ban cán sự đảng", "cap"],
];
const HEAD_NEED = new Map(HEADS);
const MAX_HEAD_WORDS = 4;

/** Lower-case words that may follow a head needing a capital: "Trung tâm phục vụ hành chính công", "Đoàn đại biểu Quốc hội". */
const LOWER_AFTER_HEAD = new Set(["phục vụ", "đại biểu", "thanh niên", "cổ phần", "tnhh", "trách nhiệm"]);

/** A head right after these is part of a thing's or a sector's name: "Hệ thống Thuế", "Luật Bảo hiểm xã hội", "ngành Công an", "Nhiệm Vụ". */
const NOT_AFTER = new Set(["hệ thống", "cổng", "nền tảng", "cơ sở dữ liệu", "luật", "nghị định", "thông tư", "phần mềm", "ứng dụng", "ngành", "lực lượng", "chiến sĩ", "nhiệm", "dịch", "phục", "cơ", "thị", "môi", "quốc", "xã"]);
/** What "Bộ …" names when it is not a ministry: "Bộ Chỉ số chuyển đổi số", "Bộ Tiêu chí". */
const NOT_AFTER_BO = new Set(["chỉ số", "tiêu chí", "quy tắc", "công cụ", "dữ liệu", "tài liệu", "câu hỏi", "luật", "mã", "trưởng"]);

/** Administrative levels and areas, which qualify a unit: "Công an tỉnh", "UBND các phường, xã, đặc khu". */
const LOCALITY = new Set(["tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu", "thị trấn", "cơ sở", "khu vực", "trung ương", "địa phương"]);

/**
 * Lower-case words that end a unit's name: the predicate or a complement begins. Verbs that also occur
 * inside names ("quản lý", "phát triển", "phục vụ", "điều hành") are not here: "Cục Cảnh sát quản lý hành
 * chính …", "Viện Nghiên cứu phát triển Thành phố".
 */
const STOP = new Set(
  [
    "hoặc", "với", "cho", "của", "để", "theo", "tại", "trong", "trên", "dưới", "từ", "đến", "tới", "là", "thì", "mà", "khi", "nếu", "đã", "đang", "sẽ",
    "được", "bị", "có", "không", "chưa", "cần", "phải", "nên", "cũng", "đều", "vẫn", "còn", "ngày", "số", "năm", "tháng", "quý", "trước", "sau", "giao",
    "trình", "gửi", "ký", "lập", "làm", "nhận", "tặng", "thuộc", "này", "đó", "nêu", "như", "kèm", "bằng", "qua", "do", "vì", "nhằm", "khác", "cùng",
    "chủ trì", "phối hợp", "thực hiện", "triển khai", "tổ chức", "hướng dẫn", "xây dựng", "rà soát", "kiểm tra", "theo dõi", "tổng hợp", "báo cáo",
    "đề xuất", "tham mưu", "ban hành", "bố trí", "cung cấp", "cập nhật", "bảo đảm", "đảm bảo", "chỉ đạo", "phê duyệt", "xem xét", "giám sát",
    "đôn đốc", "tiếp nhận", "giải quyết", "chịu", "tuyên truyền", "vận hành", "duy trì", "kết nối", "chia sẻ", "đánh giá", "thẩm định", "lựa chọn",
    "khen thưởng", "quyết định", "thông qua", "yêu cầu", "đề nghị", "nghiên cứu", "hoàn thành", "hoàn thiện", "sử dụng", "áp dụng", "soạn thảo",
    "sửa đổi", "bổ sung", "điều chỉnh", "phát động", "xử lý", "công bố", "công khai", "thông báo", "tập huấn", "bồi dưỡng", "tăng cường", "đẩy mạnh",
    "nâng cao", "nâng cấp", "mở rộng", "tích hợp", "đồng bộ", "hỗ trợ", "chủ động", "tiếp tục", "khẩn trương", "kịp thời", "nghiêm túc", "định kỳ",
    "thường xuyên", "hằng năm", "hàng năm", "liên quan", "trực thuộc", "căn cứ", "phụ trách", "quán triệt", "ưu tiên", "bàn giao", "phân công", "cử",
    "thành lập", "nhiệm kỳ", "dự thảo", "phương án", "kế hoạch", "đôn đốc", "ứng dụng", "vận động", "rà", "kiến nghị", "lấy", "ra", "đưa", "phổ biến",
    "cân đối", "phân bổ", "tham gia", "thẩm tra", "chuẩn bị", "điều phối", "huy động", "tổng kết", "sơ kết", "lồng ghép",
    "tập trung", "thống nhất", "quy định", "trả lời", "giải trình",
  ].map((w) => w.normalize("NFC")),
);
const MAX_STOP_WORDS = 2;
/** Heads whose names go on with "về": "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "Ủy ban Quốc gia về chuyển đổi số". */
const ABOUT_HEADS = new Set(["cục", "tổng cục", "vụ", "ủy ban", "ban", "ban chỉ đạo", "hội đồng", "viện"]);
const NOT_ABOUT = new Set(["việc", "kết quả", "tình hình", "tiến độ", "nội dung", "các", "những", "công tác", "thực hiện", "tổ chức"]);
/** Lower-case words a name runs through before it is cut: a verb the stop list lacks does not swallow the sentence. */
const MAX_LOWER_RUN = 9;
/** Collective nouns of a group ("các sở, ban, ngành", "các doanh nghiệp viễn thông"); not "cơ quan", "đơn vị": filler ("và các cơ quan liên quan"). */
const GROUP_NOUNS = new Set(["bộ", "ngành", "sở", "ban", "địa phương", "doanh nghiệp", "tập đoàn", "tổng công ty", "hiệp hội", "trường học", "bệnh viện", "ngân hàng", "nhà mạng"]);
const MAX_GROUP_TAIL = 4;
/** Words that coordinate nothing by themselves ("… và các đơn vị"): not a parallel of a name's noun. */
const FUNCTION_WORDS = new Set(["các", "những", "một", "cơ quan", "đơn vị"]);
/** A group's qualifier ends at these too: "các bộ, ngành Trung ương phục vụ …". */
const GROUP_STOP = new Set(["phục vụ", "quản lý", "phát triển", "điều hành"]);

/** The phrase of n words at i (space-joined), or undefined when a hard gap lies inside it. */
function phraseAt(ws: readonly Word[], i: number, n: number): string | undefined {
  if (i + n > ws.length) return undefined;
  const parts: string[] = [];
  for (let j = i; j < i + n; j++) {
    if (j > i && ws[j]!.gap !== "space") return undefined;
    parts.push(ws[j]!.low);
  }
  return parts.join(" ");
}

/** Length of the longest phrase of a set at i (0 when none). */
function inSet(set: ReadonlySet<string>, ws: readonly Word[], i: number, max = 3): number {
  for (let n = max; n >= 1; n--) {
    const p = phraseAt(ws, i, n);
    if (p !== undefined && set.has(p)) return n;
  }
  return 0;
}

/** Words of a locality at i: "tỉnh" 1, "thành phố" 2, "các xã" 2, "cấp tỉnh" 2. */
function localityLen(ws: readonly Word[], i: number): number {
  const w = ws[i];
  if (!w) return 0;
  if ((w.low === "các" || w.low === "cấp") && ws[i + 1]?.gap === "space") {
    const n = inSet(LOCALITY, ws, i + 1, 2);
    return n ? n + 1 : 0;
  }
  return inSet(LOCALITY, ws, i, 2);
}

/** A head word at i: its phrase and length, when capitalised and not part of a thing's name. */
function headAt(ws: readonly Word[], i: number): { head: string; n: number } | undefined {
  const w = ws[i]!;
  if (!w.cap || w.gap === "glued") return undefined;
  // In a line of capitals ("IV. TỔ CHỨC THỰC HIỆN", "BAN HÀNH QUY CHẾ") capitals say nothing of names; only
  // the acronyms (UBND, HĐND) are heads there.
  if (allCaps(w) && !ACRONYM_HEADS.has(w.low)) return undefined;
  for (let n = MAX_HEAD_WORDS; n >= 1; n--) {
    const p = phraseAt(ws, i, n);
    if (p !== undefined && HEAD_NEED.has(p)) return { head: p, n };
  }
  return undefined;
}

const ACRONYM_HEADS = new Set(["ubnd", "hđnd"]);

function allCaps(w: Word): boolean {
  return w.text.length > 1 && /\p{L}/u.test(w.text) && w.text === w.text.toUpperCase();
}

/** A number ends a name ("Khu vực 14", "Thuế cơ sở 1"); one followed by more capitals is a count in a table row ("Bộ Tư pháp 11 VBQPPL"). */
function numberEndsName(ws: readonly Word[], j: number): boolean {
  const next = ws[j + 1];
  return !next || next.gap !== "space" || !next.cap || stopAt(ws, j + 1) > 0;
}

function blockedBefore(ws: readonly Word[], i: number): boolean {
  if (ws[i]!.gap !== "space") return false;
  for (let n = 1; n <= 3 && i - n >= 0; n++) {
    const p = phraseAt(ws, i - n, n);
    if (p !== undefined && NOT_AFTER.has(p)) return true;
  }
  return false;
}

/** Does the word at j satisfy what the head needs? */
function needMet(need: Need, head: string, ws: readonly Word[], j: number): boolean {
  const w = ws[j];
  const joined = w !== undefined && (w.gap === "space" || w.gap === "dash");
  if (need === "any") return true;
  if (!joined) return false;
  if (head === "bộ" && inSet(NOT_AFTER_BO, ws, j, 2)) return false;
  if (w.cap || /^\p{N}/u.test(w.text)) return true;
  if (need === "local") return localityLen(ws, j) > 0;
  return inSet(LOWER_AFTER_HEAD, ws, j, 2) > 0;
}

/** Stop phrase at j (its length), 0 when the word may go on the name. */
function stopAt(ws: readonly Word[], j: number): number {
  // "số" starts a reference ("Quyết định số 12") but is a word of the name in "Trung tâm Chuyển đổi số Thành phố".
  if (ws[j]!.low === "số") return ws[j + 1] && /^(?:\p{N}|hiệu$|lượng$)/u.test(ws[j + 1]!.low) ? 1 : 0;
  return inSet(STOP, ws, j, MAX_STOP_WORDS);
}

/** Inside "( … )" a name opened by a head runs to the bracket: "(Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính)". */
function bracketedEnd(text: string, ws: readonly Word[], i: number): number | undefined {
  const before = text.slice(i > 0 ? ws[i - 1]!.end : 0, ws[i]!.start);
  if (!/\(\s*$/.test(before)) return undefined;
  for (let j = i + 1; j < ws.length; j++) {
    const g = text.slice(ws[j - 1]!.end, ws[j]!.start).replace(/[*_`]/g, "");
    if (/^\s*\)/.test(g) || /\)\s*$/.test(g)) return j;
    if (/[,;:(\n]/.test(g)) return undefined;
  }
  return /\)/.test(text.slice(ws.at(-1)!.end)) ? ws.length : undefined;
}

/** End (exclusive word index) of a unit whose head starts at i, or undefined when the phrase names none. */
function readUnit(text: string, ws: readonly Word[], i: number): number | undefined {
  const h = headAt(ws, i);
  if (!h || blockedBefore(ws, i)) return undefined;
  let j = i + h.n;
  if (!needMet(HEAD_NEED.get(h.head)!, h.head, ws, j)) return undefined;
  const inBracket = bracketedEnd(text, ws, i);
  if (inBracket !== undefined) return inBracket;
  const seen = new Set(ws.slice(i, j).map((w) => w.low));
  const take = (n: number) => {
    for (let k = j; k < j + n; k++) seen.add(ws[k]!.low);
    j += n;
  };
  let lowerRun = 0;
  while (j < ws.length) {
    const w = ws[j]!;
    const next = ws[j + 1];
    const nested = headAt(ws, j);
    // A head right after the head is part of it ("Văn phòng UBND tỉnh", "Cục Thuế"); later, it starts the next unit.
    const freshHead = nested !== undefined && j > i + h.n;
    if (w.gap === "hard" || w.gap === "start") break;
    if (w.gap === "comma") {
      const n = commaStep(ws, j, nested !== undefined);
      if (n === 0) break;
      take(n);
      if (w.cap) lowerRun = 0;
      continue;
    }
    if (w.gap === "dash" || w.gap === "glued") {
      // "Sở Quy hoạch - Kiến trúc", "Hội đồng Thi đua – Khen thưởng".
      if (!(w.cap || w.gap === "glued") || freshHead) break;
      take(1);
      continue;
    }
    if (w.low === "và" || w.low === "về") {
      const n = w.low === "và" ? andStep(ws, j, seen) : aboutStep(ws, j, h.head);
      if (n === 0) break;
      take(n);
      lowerRun = 0;
      continue;
    }
    if (/^\p{N}/u.test(w.text)) {
      if (!numberEndsName(ws, j)) break;
      take(1);
      continue;
    }
    if (w.cap) {
      // A capitalised verb right after the head names the unit ("Sở Xây dựng"); later it opens a sentence
      // the name ran into ("Công an Thành phố Chỉ đạo …").
      if (freshHead || (j > i + h.n && stopAt(ws, j))) break;
      take(1);
      lowerRun = 0;
      continue;
    }
    // "các" goes on only before levels or zones: "UBND các xã", "Ban Quản lý các khu …" (not "UBND Thành phố các nội dung").
    if ((w.low === "các" && !(localityLen(ws, j) > 0 || next?.low === "khu")) || stopAt(ws, j) || lowerRun >= MAX_LOWER_RUN) break;
    take(1);
    lowerRun++;
  }
  return trimJoining(ws, i + h.n, j);
}

/** A name does not end on a joining word: "UBND các" (cut before a verb) → "UBND". */
function trimJoining(ws: readonly Word[], minEnd: number, end: number): number {
  let j = end;
  while (j - 1 > minEnd - 1 && ["các", "cấp", "và", "những"].includes(ws[j - 1]!.low)) j--;
  return j;
}

/**
 * Words to take at a comma inside a unit name, or 0 when the comma ends it: "UBND các phường, xã, đặc khu"
 * (a list of levels), "Sở Văn hóa, Thể thao và Du lịch" (capitalised parts joined by "," then "và").
 */
function commaStep(ws: readonly Word[], j: number, nested: boolean): number {
  const w = ws[j]!;
  const lastLocal = localityLen(ws, j - 1) > 0 || LOCALITY.has(ws[j - 1]!.low);
  if (lastLocal && inSet(LOCALITY, ws, j, 2)) return inSet(LOCALITY, ws, j, 2);
  if (w.cap && !nested && !inSet(LOCALITY, ws, j, 2) && commaPartOfName(ws, j)) return 1;
  return 0;
}

/** "và" inside a name ("Sở Khoa học và Công nghệ", "các khu công nghệ cao và khu công nghiệp", "các xã và phường") takes two words. */
function andStep(ws: readonly Word[], j: number, seen: ReadonlySet<string>): number {
  const next = ws[j + 1];
  if (!next || next.gap !== "space") return 0;
  const parallel = !next.cap && seen.has(next.low) && !FUNCTION_WORDS.has(next.low);
  const levels = LOCALITY.has(ws[j - 1]!.low) && inSet(LOCALITY, ws, j + 1, 2) > 0;
  return (next.cap && !headAt(ws, j + 1)) || parallel || levels ? 2 : 0;
}

/** "về" belongs to the names of committees and boards ("Ủy ban Quốc gia về chuyển đổi số"). */
function aboutStep(ws: readonly Word[], j: number, head: string): number {
  const next = ws[j + 1];
  return !ABOUT_HEADS.has(head) || !next || next.gap !== "space" || inSet(NOT_ABOUT, ws, j + 1, 2) || stopAt(ws, j + 1) ? 0 : 1;
}

/** "A, B và C": after the comma, capitalised words and then "và" + a capital before any other boundary. */
function commaPartOfName(ws: readonly Word[], j: number): boolean {
  for (let k = j + 1; k < Math.min(ws.length, j + 5); k++) {
    const w = ws[k]!;
    if (w.gap !== "space") return false;
    if (w.low === "và") return ws[k + 1]?.gap === "space" && ws[k + 1]!.cap && !headAt(ws, k + 1);
  }
  return false;
}

/** A group at i: "các sở, ban, ngành", "các doanh nghiệp viễn thông", "Sở, ban, ngành Thành phố". */
function readGroup(ws: readonly Word[], i: number): number | undefined {
  const w = ws[i]!;
  if (w.gap === "glued") return undefined;
  let j = i;
  if (w.low === "các") j++;
  const first = inSet(GROUP_NOUNS, ws, j, 3);
  if (!first || (j > i && ws[j]!.gap !== "space")) return undefined;
  j += first;
  let nouns = 1;
  for (;;) {
    const w2 = ws[j];
    if (!w2) break;
    const viaAnd = w2.low === "và" && w2.gap === "space" && ws[j + 1]?.gap === "space";
    const at = viaAnd ? j + 1 : j;
    if (!viaAnd && w2.gap !== "comma") break;
    const n = inSet(GROUP_NOUNS, ws, at, 3);
    if (!n) break;
    j = at + n;
    nouns++;
  }
  // Without "các", only a list of collective nouns is a group ("Sở, ban, ngành"); "Sở" alone is a head's business.
  if (j === i + first && w.low !== "các") return undefined;
  if (nouns === 1 && w.low !== "các") return undefined;
  let tail = 0;
  while (j < ws.length) {
    const t = ws[j]!;
    if (t.gap !== "space" || t.low === "và" || headAt(ws, j) || stopAt(ws, j) || inSet(GROUP_STOP, ws, j, 2)) break;
    if (++tail > MAX_GROUP_TAIL) break;
    j++;
  }
  // One collective noun with nothing after it ("hướng dẫn các doanh nghiệp") names nobody in particular.
  if (nouns === 1 && tail === 0) return undefined;
  return j;
}

interface Span {
  from: number;
  to: number;
  agency?: Agency;
}

/** Registry names over whole words, longest first, without overlaps; abbreviations that are ordinary words stay case-sensitive. */
function registrySpans(ws: readonly Word[]): Span[] {
  const cands: (Span & { len: number; order: number })[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (ws[i]!.gap === "glued") continue; // "…/QĐ-UBND" is a document number, not the committee
    for (const pi of PATTERNS_BY_FIRST_WORD.get(ws[i]!.fold) ?? []) {
      const p = PATTERNS[pi]!;
      const parts = p.key.split(" ");
      let ok = i + parts.length <= ws.length;
      for (let k = 0; ok && k < parts.length; k++) ok = ws[i + k]!.fold === parts[k] && (k === 0 || ws[i + k]!.gap !== "hard");
      if (ok && p.caseSensitive && parts.length === 1) ok = ws[i]!.text === p.caseSensitive;
      if (ok && p.caseSensitive && parts.length > 1) ok = false;
      if (ok) cands.push({ from: i, to: i + parts.length, agency: p.agency, len: p.key.length, order: pi });
    }
  }
  cands.sort((a, b) => a.order - b.order || a.from - b.from);
  const kept: Span[] = [];
  for (const c of cands) if (!kept.some((k) => c.from < k.to && c.to > k.from)) kept.push(c);
  return kept;
}

/** Words after a registry name that make it another unit: "Ngân hàng Nhà nước chi nhánh Khu vực 14", "UBND xã", "Ủy ban nhân dân Thành phố". */
function extendsRegistryName(ws: readonly Word[], j: number): boolean {
  const w = ws[j];
  if (!w || w.gap !== "space") return false;
  return localityLen(ws, j) > 0 || phraseAt(ws, j, 2) === "chi nhánh" || /^\p{N}/u.test(w.text);
}

/**
 * Every agency named in a text, in order: registry agencies (with their canonical name) and units the
 * registry does not list, quoted as written. "Sở Tài chính chủ trì, phối hợp với Bộ KH&CN và Công an tỉnh" →
 * "Sở Tài chính", "Bộ KH&CN" (canonical "Bộ Khoa học và Công nghệ"), "Công an tỉnh".
 */
export function findAgencyMentions(text: string): AgencyMentionSpan[] {
  const ws = words(text);
  if (ws.length === 0) return [];
  const registry = registrySpans(ws);
  const shapes: Span[] = [];
  for (let i = 0; i < ws.length; ) {
    const end = readGroup(ws, i) ?? readUnit(text, ws, i);
    if (end !== undefined && end > i) {
      shapes.push({ from: i, to: end });
      i = end;
    } else i++;
  }
  let spans = [...registry];
  for (const s of shapes) {
    const over = spans.filter((r) => r.from < s.to && r.to > s.from);
    const contains = over.every((r) => s.from <= r.from && r.to <= s.to);
    if (over.length === 0) spans.push(s);
    else if (contains && over.every((r) => r.to - r.from < s.to - s.from)) {
      // A longer unit around registry names: keep it when it starts before them ("Văn phòng Ủy ban nhân dân
      // Thành phố") or when what follows the registry name qualifies it ("UBND xã").
      const sameStart = over.find((r) => r.from === s.from);
      if (!sameStart || extendsRegistryName(ws, sameStart.to)) spans = [...spans.filter((r) => !over.includes(r)), s];
    }
  }
  return spans
    .sort((a, b) => a.from - b.from)
    .map((r) => regionalBranch(ws, r))
    .map((s) => {
      const start = ws[s.from]!.start;
      const end = ws[s.to - 1]!.end;
      const name = text.slice(start, end).replace(/[*_`]/g, "").replace(/\s+/g, " ").trim();
      return s.agency ? { name, canonical: s.agency.name, agency: s.agency, start, end } : { name, start, end };
    });
}

/**
 * A registry body followed by "khu vực XII" / "Khu vực 12" is one of its regional branches, a body of its own:
 * "Ngân hàng nhà nước khu vực XII" is not the State Bank, read as written.
 */
function regionalBranch(ws: readonly Word[], r: Span): Span {
  const a = ws[r.to];
  const b = ws[r.to + 1];
  const c = ws[r.to + 2];
  if (!r.agency || !a || !b || !c || a.gap === "hard" || b.gap === "hard" || c.gap === "hard") return r;
  return a.fold === "khu" && b.fold === "vuc" && /^(?:[ivxlc]+|\d+)$/iu.test(c.text) ? { from: r.from, to: r.to + 3 } : r;
}

/**
 * Does a name given by a user ("Sở Tài chính", "so tai chinh", "BCA") name the same agency as one written in
 * a task? Registry agencies compare by identity; other names by their folded words, the query as a whole
 * run of words of the written name or cell: "so tai chinh" finds "Sở Tài chính" and "Sở Tài chính chủ trì,
 * phối hợp …", not "Bộ Tài chính" or "Sở Tài nguyên".
 */
export function nameMatches(query: string, written: string): boolean {
  const q = key(query);
  if (!q) return false;
  return ` ${key(written)} `.includes(` ${q} `);
}

/**
 * The registry agency a user's name stands for — an id ("bkhcn"), a name or alias in any spelling ("bo cong
 * an", "Bộ KH&CN") — or undefined for a name the registry does not hold ("Sở Tài chính"). Unlike
 * resolveAgency, a longer name is not reduced to a registry name inside it: "Văn phòng UBND tỉnh" is not UBND.
 */
export function registryAgency(name: string): Agency | undefined {
  const byId = BY_ID.get(name.trim().toLowerCase());
  if (byId) return byId;
  const k = key(name);
  const exact = PATTERNS.find((p) => p.key === k && (!p.caseSensitive || name.trim() === p.caseSensitive));
  if (exact) return exact.agency;
  const ms = findAgencyMentions(name);
  const only = ms.length === 1 ? ms[0]! : undefined;
  return only?.agency && key(only.name) === k ? only.agency : undefined;
}

export interface AgencyDirectoryEntry {
  /** Registry id, or the folded name as a slug ("so-tai-chinh") for a unit the registry does not list. */
  id: string;
  /** Canonical name (registry) or the name as first written. */
  name: string;
  agency?: Agency;
  /** Tasks led / coordinated / either. */
  leadTasks: number;
  coordinatorTasks: number;
  tasks: number;
  /** Ids of the documents that name it (in a task or in their text), in corpus order. */
  documents: string[];
}

interface DirectoryInput {
  documents: readonly { id: string }[];
  chunks: readonly { documentId: string; text: string }[];
  tasks: readonly { documentId: string; lead: readonly string[]; coordinators: readonly string[] }[];
}

/**
 * Every agency the corpus names — the registry's and the units it does not list — with task counts and
 * the documents naming it. Registry agencies come first, in registry order (all of them, named or not);
 * then the other units, most tasks first.
 */
export function agencyDirectory(corpus: DirectoryInput): AgencyDirectoryEntry[] {
  const entries = new Map<string, AgencyDirectoryEntry & { docs: Set<string> }>();
  const entry = (name: string, agency: Agency | undefined) => {
    const id = agency?.id ?? key(name).replace(/&/g, "").trim().replace(/\s+/g, "-");
    let e = entries.get(id);
    if (!e) {
      e = { id, name: agency?.name ?? capitalise(name), ...(agency ? { agency } : {}), leadTasks: 0, coordinatorTasks: 0, tasks: 0, documents: [], docs: new Set() };
      entries.set(id, e);
    }
    return e;
  };
  for (const a of AGENCIES) entry(a.name, a);
  for (const t of corpus.tasks) {
    const touched = new Set<AgencyDirectoryEntry>();
    for (const [names, field] of [[t.lead, "leadTasks"], [t.coordinators, "coordinatorTasks"]] as const) {
      const counted = new Set<AgencyDirectoryEntry>();
      for (const n of names) {
        const e = entry(n, agencyByName(n) ?? registryAgency(n));
        e.docs.add(t.documentId);
        if (!counted.has(e)) e[field]++;
        counted.add(e);
        touched.add(e);
      }
    }
    for (const e of touched) e.tasks++;
  }
  for (const c of corpus.chunks) for (const m of findAgencyMentions(c.text)) entry(m.name, m.agency).docs.add(c.documentId);
  const order = new Map(corpus.documents.map((d, i) => [d.id, i]));
  const out = [...entries.values()].map(({ docs, ...e }) => ({ ...e, documents: [...docs].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) }));
  const registered = out.filter((e) => e.agency);
  const others = out.filter((e) => !e.agency).sort((a, b) => b.tasks - a.tasks || b.documents.length - a.documents.length || a.name.localeCompare(b.name, "vi"));
  return [...registered, ...others];
}
