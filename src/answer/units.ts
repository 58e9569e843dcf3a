// Answer layer (pure): the units a question names as written — "Sở Tài chính Hà Nội", "Công an TP.HCM", "Sở KH&CN",
// "NHNN chi nhánh khu vực 14" — reduced to a core name without its place ("Sở Tài chính", "Công an"), and matched
// against the leads that tasks record as written. The registry knows ministries; provinces' units are many more.

import { memoByText } from "../text/memo.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { PROVINCE_FOLDED_AHEAD } from "../text/places.ts";

/** Field abbreviations inside unit names, as every province writes them: "Sở KH&CN" → "Sở Khoa học và Công nghệ". */
const FIELD_ABBREVIATIONS: [RegExp, string][] = [
  [/\bKH&CN\b|\bKHCN\b/g, "Khoa học và Công nghệ"],
  [/\bNN&MT\b|\bNNMT\b/g, "Nông nghiệp và Môi trường"],
  [/\bTT&TT\b|\bTTTT\b/g, "Thông tin và Truyền thông"],
  [/\bTN&MT\b|\bTNMT\b/g, "Tài nguyên và Môi trường"],
  [/\bGD&ĐT\b|\bGDĐT\b/g, "Giáo dục và Đào tạo"],
  [/\bKH&ĐT\b|\bKHĐT\b/g, "Kế hoạch và Đầu tư"],
  [/\bVH,?\s?TT&DL\b|\bVHTTDL\b/g, "Văn hóa, Thể thao và Du lịch"],
  [/\bLĐ-TB&XH\b|\bLĐTBXH\b/g, "Lao động - Thương binh và Xã hội"],
  [/\bUBND\b/g, "Ủy ban nhân dân"],
  [/\bBQL\b/g, "Ban Quản lý"],
  [/\bNHNN\b/g, "Ngân hàng Nhà nước"],
];

/** Words a unit's name starts with; ministries ("Bộ …") are the registry's, with their predecessors. */
const UNIT_HEAD =
  /(?:^|[\s,(:;])(?<![Bb]ộ\s)((?:Sở|Ban Quản lý|Ban|Tổng [Cc]ông ty|Công ty|Tập đoàn|Cục|Chi cục|Vụ|Công an|Trung tâm|Ủy ban nhân dân|Văn phòng|Ngân hàng Nhà nước|Ngân hàng|Chi nhánh|Kho bạc|Bảo hiểm xã hội|Thuế|Viện|Đài|Báo|Thanh tra|Hội đồng|Tổ công tác|Liên đoàn|Hội|Đoàn|Đảng ủy|Đảng uỷ|Ban cán sự đảng)(?:\s+[\p{L}\d&,.-]+)*)/gu;
/** Where a unit's name stops: the verb or the function word after it ("Ban Chỉ đạo Trung ương chia mấy giai đoạn"). */
const UNIT_END =
  /\s+(?:có|được|phải|cần|chủ trì|phối hợp|giao|làm|thực hiện|tham mưu|trong|về|theo|của|với|thì|là|sẽ|đã|đang|nào|gì|ra sao|những|các việc|kể cả|để|và các|chia|gồm|đặt|đề ra|nêu|quy định|ban hành|yêu cầu|xác định|kéo dài|đạt|hoàn thành|báo cáo|chịu|gửi|tại|khi|bao giờ|mấy|bao nhiêu|ai|do|bởi|cho|ở|nhiệm vụ|việc)(?=[\s,.?]|$).*$/u;
/** A local body's name ends with its place: "Ủy ban nhân dân Thành phố điều chỉnh …" → "Ủy ban nhân dân Thành phố". */
const AFTER_PLACE = /^((?:Ủy ban nhân dân|Hội đồng nhân dân|Công an)\s+(?:Thành phố|thành phố|Tỉnh|tỉnh|xã|phường|huyện|quận)(?:\s+\p{Lu}[\p{Ll}.]*)*)\s+\p{Ll}.*$/u;

/** A place written after a unit: "… Hà Nội", "… TP.HCM", "… tỉnh Ninh Bình", "… Thành phố", "… khu vực 14". */
const PLACE_TAIL = /\s+(?:(?:tỉnh|thành phố|Thành phố|TP\.?)\s*(?:\p{Lu}[\p{Ll}.]*\s*)*|TP\.?\s?HCM|TPHCM|HCM)$/u;
/** A bare place name, two capitalised words, when a name of two words or more is left ("Sở Công Thương" keeps its). */
const BARE_PLACE = /\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+$/u;

/** Expand the field abbreviations of unit names. */
export function expandUnitAbbreviations(text: string): string {
  let t = text;
  for (const [re, long] of FIELD_ABBREVIATIONS) t = t.replace(re, long);
  return t;
}

/** A unit's name without its place: "Sở Tài chính Hà Nội" → "Sở Tài chính"; "Công an Thành phố" → "Công an". */
export function unitCore(name: string): string {
  let n = name.replace(/[.,;:]+$/, "").trim();
  for (let k = 0; k < 2; k++) n = n.replace(PLACE_TAIL, "").trim();
  const bare = n.replace(BARE_PLACE, "").trim();
  return bare.split(/\s+/).length >= 2 ? bare : n;
}

/**
 * A unit's name as compared, folded, with the levels of local government written one way: "UBND cấp xã", "UBND các xã,
 * phường", "UBND xã, phường, đặc khu" → "uy ban nhan dan xa"; "các Sở" → "so"; "cấp tỉnh" → "tinh".
 */
const key = memoByText((s) =>
  foldDiacritics(s)
    .toLowerCase()
    .replace(/[,;]/g, " ")
    .replace(/\s+/g, " ")
    // ("Các doanh nghiệp viễn thông" and "Doanh nghiệp viễn thông" are one class of bodies.)
    .replace(/^(?:cac|nhung) (?=\S+ \S)/, "")
    .replace(/\b(?:cac|cap) (xa|tinh|huyen|so)\b/g, "$1")
    .replace(/\bxa(?: (?:va )?(?:phuong|dac khu|thi tran))+\b/g, "xa")
    .trim(),
);

/** The units a question names, as core names: "Sở KH&CN Hà Nội được giao những việc gì?" → ["Sở Khoa học và Công nghệ"]. */
export function questionUnits(question: string): string[] {
  const out: string[] = [];
  // A name stops at the end of its sentence ("… Trung tâm dữ liệu quốc gia? Ai chủ trì?").
  const parts = expandUnitAbbreviations(question).split(/[?!;:]|\.(?=\s|$)/);
  for (const m of parts.flatMap((q) => [...q.matchAll(UNIT_HEAD)])) {
    const core = unitCore(m[1]!.replace(UNIT_END, "").replace(AFTER_PLACE, "$1"));
    // A head word alone ("Sở", "Ban") names no unit.
    if (core.split(/\s+/).length >= 2 && !out.includes(core)) out.push(core);
  }
  return out;
}

/** What an acting unit is followed by: "Sở KH&CN Ninh Bình chủ trì", "Công an tỉnh phải …", "… được giao". */
const ACTOR_VERB = /^\s+(?:chủ trì|phải|được giao|có (?:nhiệm vụ|trách nhiệm)|phối hợp|thực hiện|tham mưu|cần)/u;

/**
 * The units that act in the question, as it writes them (place and abbreviations kept): "Sở KH&CN Ninh Bình" of
 * "… Sở KH&CN Ninh Bình chủ trì, phối hợp với ai?" — not "Trung tâm dữ liệu quốc gia" of "xây dựng Trung tâm …".
 */
export function writtenUnits(question: string): string[] {
  const out: string[] = [];
  for (const q of question.split(/[?!;:]|\.(?=\s|$)/)) {
    for (const m of q.matchAll(UNIT_HEAD)) {
      const name = m[1]!.replace(UNIT_END, "").trim();
      const after = q.slice(m.index + m[0].indexOf(m[1]!) + name.length);
      if (name.split(/\s+/).length >= 2 && ACTOR_VERB.test(after)) out.push(name);
    }
  }
  return out;
}

/** Does a task lead, as written, name this unit? Place words aside, the names must be equal. */
export function leadIsUnit(lead: string, unit: string): boolean {
  // (A unit read from the leads themselves, "cơ quan, đơn vị … kết nối với Hệ thống … TTHC tỉnh", is its own lead.)
  return lead === unit || leadUnitKey(lead) === key(unit);
}

/** A lead's unit name as compared (every task's lead is compared with the unit of each question naming one). */
const leadUnitKey = memoByText((lead) => key(unitCore(expandUnitAbbreviations(lead))));

/**
 * The part of a document a question names, folded: "… trong phần tổ chức thực hiện kế hoạch …" → "to chuc thuc hien";
 * "ở Phụ lục II" → "phu luc ii". Null when it names none.
 */
export function sectionReference(question: string): string | null {
  const f = foldDiacritics(question).toLowerCase();
  // ("phần mềm", "phần trăm", "mức độ", "mục tiêu", "chương trình" are words, not parts.)
  const m = f.match(/\b(?:phan|muc|chuong)\s+(?!(?:mem|cung|anh|tram|bo|cap|quyen|loai|tich|dau|hoi|tieu|do|dich|phoi|nao|lon|trinh|nhieu|von|chi|thuong)\b)((?:[a-z]+\s+){1,3}?[a-z]+)(?=\s+(?:cua|trong|thi|ve|ke hoach|quyet dinh|cong van|quy che|tai|o)\b|[,?]|$)/);
  if (m) return m[1]!.trim();
  const annex = f.match(/\bphu luc\s+([ivx]+|\d+)\b/);
  return annex ? `phu luc ${annex[1]}` : null;
}

/** The folded short forms of each field name ("khoa hoc va cong nghe" → "khcn", "kh&cn"), from FIELD_ABBREVIATIONS. */
const FOLDED_SHORT_FORMS: [string, string[]][] = FIELD_ABBREVIATIONS.map(([re, long]) => [
  foldDiacritics(long).toLowerCase().replace(/[^a-z0-9&]+/g, " ").trim(),
  re.source.split("|").map((alt) => foldDiacritics(alt.replace(/\\b|\\s\?|\?/g, "").replace(/\\s/g, " ")).toLowerCase().replace(/[^a-z0-9&]+/g, " ").trim()),
]);

/** Does a text carry Vietnamese diacritics (or đ)? */
const HAS_DIACRITICS = /[\u0300-\u036f\u0111\u0110]/u;

/**
 * The units the texts write that a question typed without diacritics names ("so tai chinh", "so khcn nghe an", "ban
 * quan ly khu kinh te dong nam"): each with its written name ("Sở Tài chính", "Sở Khoa học và Công nghệ") and the
 * words the question typed. `written` are the leads the texts record, folded, longest first. None for a question
 * with diacritics (questionUnits reads those).
 */
export function typedUnitNames(message: string, written: readonly { name: string; folded: string }[]): { name: string; typed: string }[] {
  if (HAS_DIACRITICS.test(message.normalize("NFD"))) return [];
  const out: { name: string; typed: string }[] = [];
  let rest = message;
  for (const { name, forms } of typedForms(written)) {
    for (const re of forms) {
      const m = re.exec(rest);
      if (m) {
        // (Its place as typed goes with it: "so khcn nghe an" — its words are not the question's topic either.)
        const place = rest.slice(m.index + m[0].length).match(PROVINCE_FOLDED_AHEAD)?.[0] ?? "";
        out.push({ name, typed: `${m[1]!}${place}` });
        // (A shorter lead inside it — "so tai chinh" in "so tai chinh ke hoach" — is not named again.)
        rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
        break;
      }
    }
  }
  return out;
}

/**
 * The written leads a question may type, each with a pattern per short form, made once per list of leads (one
 * loaded corpus): built per question, the hundreds of RegExps were most of understanding a question typed without
 * diacritics. Two words at least, and a unit's head: "so tai chinh", not a class of bodies ("cac bo nganh") or a
 * ministry (the registry reads those without diacritics already).
 */
const typedFormsOf = new WeakMap<readonly { name: string; folded: string }[], { name: string; forms: RegExp[] }[]>();
function typedForms(written: readonly { name: string; folded: string }[]): { name: string; forms: RegExp[] }[] {
  let out = typedFormsOf.get(written);
  if (!out) {
    out = written
      .filter(({ folded }) => folded.split(" ").length >= 2 && UNIT_HEAD_FOLDED.test(folded))
      .map(({ name, folded }) => ({ name, forms: shortForms(folded).map((form) => new RegExp(`(?:^|[^a-z0-9&])(${form.split(" ").map(escapeRe).join("[\\s,]+")})(?=$|[^a-z0-9&])`, "i")) }));
    typedFormsOf.set(written, out);
  }
  return out;
}

/** Unit heads, folded (the UNIT_HEAD words). */
const UNIT_HEAD_FOLDED = /^(?:so|ban quan ly|ban|cuc|chi cuc|cong an|trung tam|uy ban nhan dan|van phong|kho bac|bao hiem xa hoi|thue|vien|dai|thanh tra|hoi dong|to cong tac|phong) /;

/** A folded name and its forms with a field written short: "so khoa hoc va cong nghe" → also "so khcn", "so kh&cn". */
function shortForms(folded: string): string[] {
  const out = [folded];
  for (const [long, shorts] of FOLDED_SHORT_FORMS) {
    if (!folded.includes(long)) continue;
    for (const s of shorts) out.push(...out.map((f) => f.replace(long, s)));
  }
  return [...new Set(out)];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
