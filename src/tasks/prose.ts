// Tasks layer (pure): prose assignments as one small grammar. A clause is a task when someone is told to
// do something: an explicit subject ("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ xây dựng …"), an
// imperative head ("Giao Sở X …", "Yêu cầu Bộ Y …", "Đề nghị Z …"), or an action verb under an addressee
// ("1. Sở Tài chính:", "Điều 21. Sở Khoa học và Công nghệ", "a) Bộ Công an: (1) …; (2) …"). Sentences that
// report, assess or describe ("công tác … đã được đẩy mạnh", "còn chậm") are not tasks.

import { foldDiacritics } from "../text/normalize.ts";
import { agencyNames, findAgencies, findAgencyMentions } from "./agencies.ts";

/** The one list of assignment verbs (lower case as they run in a sentence; capitalised at a clause start). */
export const ASSIGN_VERBS = [
  "chủ trì", "phối hợp", "xây dựng", "ban hành", "hoàn thiện", "triển khai", "tổ chức", "rà soát", "nghiên cứu", "khẩn trương",
  "thực hiện", "báo cáo", "hướng dẫn", "tham mưu", "trình", "đẩy mạnh", "bảo đảm", "đảm bảo", "cập nhật", "phát triển", "nâng cấp",
  "kết nối", "thống nhất", "hoàn thành", "tiến hành", "đôn đốc", "kiểm tra", "đề xuất", "ưu tiên", "số hóa", "chuẩn hóa", "công bố",
  "tăng cường", "sửa đổi", "tiếp tục", "tổng kết", "chủ động", "tập trung", "bổ sung", "cung cấp", "duy trì", "đánh giá", "bố trí",
  "huy động", "giám sát", "theo dõi", "lựa chọn", "hỗ trợ", "nhanh chóng", "kịp thời", "chỉ đạo", "đa dạng hóa", "ứng dụng",
  "tuyên truyền", "thành lập", "kiện toàn", "mở rộng", "thiết lập", "phổ biến", "đầu tư", "lập", "gửi", "tích hợp", "đồng bộ",
  "chịu trách nhiệm", "có trách nhiệm", "thẩm định", "phê duyệt", "tập huấn", "đào tạo", "giải quyết", "khắc phục", "chia sẻ",
  "vận hành", "khảo sát", "làm sạch", "tổng hợp", "phân công", "xử lý", "tiếp nhận", "quán triệt", "vận động",
  "phát động", "chuẩn bị", "điều chỉnh", "sắp xếp", "kiểm soát", "bồi dưỡng", "phân bổ", "cân đối", "ký kết",
  "cụ thể hóa", "khen thưởng", "rút kinh nghiệm", "căn cứ", "quyết định", "triệu tập", "là đầu mối", "có phương án",
  "tích cực", "tuân thủ", "nghiêm túc", "thường xuyên", "cử", "tham gia", "định kỳ", "đăng ký", "thúc đẩy", "thí điểm",
  "nhân rộng", "phát hành", "thu thập", "áp dụng", "chỉnh sửa", "thông báo", "quản lý",
] as const;

const VERB_ALT = [...ASSIGN_VERBS].sort((a, b) => b.length - a.length).join("|");
/** A clause that opens with an action: "Chủ trì, phối hợp …", "Khẩn trương hoàn thành …". */
const ACTION_START = new RegExp(`^(?:${VERB_ALT})(?![\\p{L}\\p{N}])`, "iu");
/** A lower-case verb ends an agency list ("phối hợp với Sở A, Sở B xây dựng …"); "Bộ Xây dựng" is a name. */
// After "các", "những", "mỗi" a verb form is a noun: "các tổ chức chính trị - xã hội" names bodies.
// ("đơn vị sự nghiệp công lập": "công lập" is public, not "lập".)
const VERB_STOP = new RegExp(`(?<!(?:các|những|mỗi|từng|công))\\s(?:${VERB_ALT}|để|trong|theo|tại|về|nhằm|đối với)(?![\\p{L}])|[:.](?:\\s|$)`, "u");
const VERB_ANY = new RegExp(`(?<![\\p{L}])(?<!(?:các|những|mỗi|từng|công)\\s)(?:${VERB_ALT})(?![\\p{L}])`, "u");

/**
 * Head words of a unit name as a clause's subject ("Sở X chủ trì …"). Stricter than the agency reader's
 * heads (src/tasks/agencies.ts), which also read units inside running text; tried both ways on the unseen
 * fixtures, the reader's looser heads take more clause openings for subjects.
 */
const UNIT_HEAD =
  /^(?:các\s+)?(?:Bộ Tư lệnh|Bộ Chỉ huy|Bộ|Sở|Cục|Tổng cục|Vụ|Viện|Trung tâm|Học viện|Đại học|Trường|Tập đoàn|Tổng công ty|Công ty|Đài|Báo|Ban|Văn phòng|Ủy ban|Uỷ ban|UBND|Công an|Thuế|Kho bạc|Bảo hiểm xã hội|Ngân hàng|Hội|Hiệp hội|Liên đoàn|Mặt trận|Đoàn|Thanh tra|Chi cục|Phòng|Hội đồng|Tòa án|Viện kiểm sát|Kiểm toán|Bưu điện|Đảng ủy|Tỉnh ủy|Thành ủy|Tổ)\s+(?:\p{Lu}|(?:tỉnh|thành phố|các|cấp|xã|phường|huyện|quận|nhân dân|đặc khu|trung ương|ngang bộ)(?![\p{L}]))/u;
/**
 * A person's office addresses tasks as a class ("Bộ trưởng các Bộ", "Chủ tịch Ủy ban nhân dân các tỉnh") or before
 * a unit ("Bộ trưởng Bộ Công Thương", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"); "Chủ tịch Ủy ban quyết định
 * triệu tập …" in a working regulation states a power, not a task.
 */
const ROLE_CLASS = /^(?:(?:Bộ trưởng|[Tt]hủ trưởng|[Cc]hủ tịch|Chủ nhiệm|Thống đốc|Giám đốc|Tổng Giám đốc|[Nn]gười đứng đầu)(?:\s*,\s*|\s+))+(?:(?:\S+\s+){0,4}?các\s|(?:Bộ|Sở|Ủy ban nhân dân|UBND|Cục|Trung tâm|Công an|Văn phòng|Ngân hàng|Kho bạc)\s|cơ quan\s+(?:ngang|thuộc|chuyên môn|trung ương)\s)/u;
/** Class subjects: "Các bộ, ngành, địa phương", "Các sở, ban, ngành", "các doanh nghiệp viễn thông", "Các cơ quan, đơn vị". */
const CLASS_HEAD = /^(?:(?:các|mỗi|từng)\s+(?:ủy viên|thành viên|bộ|sở|cơ quan|đơn vị|địa phương|doanh nghiệp|tập đoàn|tổ chức|ngân hàng|cấp|ngành|xã|phường|tỉnh|thành phố|nhà mạng|trường|hội|hiệp hội|viện|trung tâm|cá nhân)|(?:Doanh nghiệp|Nhà mạng)\s+(?:viễn thông|bưu chính|công nghệ số|hạ tầng|cung cấp))(?![\p{L}])/iu;

/** What a request heading asks for when it names no one: "Đề nghị các nội dung sau:", "Giao các nhiệm vụ:". */
const NOT_A_BODY = /^(?:các|những)\s+(?:nội dung|vấn đề|nhiệm vụ|giải pháp|việc|công việc|hoạt động|biện pháp|yêu cầu|chỉ tiêu|mục tiêu|chương trình|kế hoạch|văn bản|quy định|thủ tục|dự án|đề án|ý kiến|kiến nghị)(?![\p{L}])/iu;

const CLAUSE_WORD = /(?<![\p{L}])(?:có|là|được|đã|sẽ|đang|như sau|ý kiến|để|nhằm|nếu|khi|thì|này|đó)(?![\p{L}])/u;

const MARKER = /^(?:[-+•*]\s*)?(?:[a-zđ]\)|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]+\.)?\s*/u;

export interface Actor {
  leadText: string;
  lead: string[];
}

/** True when a phrase reads as one or more agency names ("Sở Tài chính, Sở Nội vụ", "UBND các phường, xã"). */
/** "tổ chức" listed among bodies ("Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan") is a noun, not the verb. */
const LISTED_ORGANISATIONS = /(?<=,\s*|\svà\s)tổ chức(?=\s*(?:,|và\s|có liên quan|liên quan|$))/gu;

export function isAgencyPhrase(phrase: string): boolean {
  const p = phrase.replace(/\s*\((?:cơ quan|đơn vị)[^)]*\)\s*$/iu, "").replace(/[,:;]\s*$/u, "").trim();
  if (p.length < 3 || p.length > 200) return false;
  // A name does not end on a joining word ("Mặt trận Tổ quốc và các").
  if (/(?<![\p{L}])(?:và|các|của|với|cùng|hoặc)$/u.test(p)) return false;
  if (!UNIT_HEAD.test(p) && !CLASS_HEAD.test(p) && !ROLE_CLASS.test(p) && (findAgencies(p)[0]?.start ?? 99) > 2) return false;
  // No verb of assignment or clause word inside (lower case): "Sở Tài chính chủ trì", "Chủ tịch UBND có ý
  // kiến" are clauses, not names; the capitalised words of a name ("Bộ Xây dựng") are not verbs.
  const lower = p.replace(/^\S+\s*/u, " ").replace(/(?<=\s)\p{Lu}\S*/gu, "").replace(LISTED_ORGANISATIONS, " ");
  return !VERB_ANY.test(lower) && !CLAUSE_WORD.test(lower.replace(/có liên quan/gu, ""));
}

/** Names of the agencies in a phrase: the registry's canonical names, else the phrase as written. */
export function actorOf(leadText: string): Actor {
  const t = leadText.replace(/\s*\((?:cơ quan|đơn vị)[^)]*\)\s*/giu, " ").replace(/[,:;.]\s*$/u, "").replace(/\s+/g, " ").trim();
  // Addressees parted by ";" are named each ("người đứng đầu các cơ quan chuyên môn …; Chủ tịch Ủy ban nhân dân các xã"):
  // an office over a class that the registry does not know is kept as written.
  const parts = t.split(/\s*;\s*/u);
  const names = parts.length > 1 ? [...new Set(parts.flatMap((x) => {
    const n = unitNames(x);
    return n.length ? n : ROLE_CLASS.test(x) ? [x.charAt(0).toUpperCase() + x.slice(1)] : [];
  }))] : unitNames(t);
  return { leadText: t, lead: names.length ? names : t ? [t] : [] };
}

/**
 * The units a phrase lists, in the order written: registry names where the registry knows them, other
 * units as written (src/tasks/agencies.ts). "các cơ quan liên quan" names nobody.
 */
export function unitNames(t: string): string[] {
  // A registry group ("các bộ, ngành, địa phương liên quan") stays a coordinator; an unnamed class does not.
  return agencyNames(distributeHead(t).replace(GENERIC_SPAN, (m) => (findAgencies(m).length ? m : " "))).filter((n) => !GENERIC.test(n));
}

/** "Các Sở: Nội vụ, Tài chính" — one head noun for a list of names after a colon. */
const SHARED_HEAD = /(?<![\p{L}])(?:(?:[Cc]ác|[Nn]hững)\s+)?(Bộ|Sở|Cục|Vụ|Tổng cục|Chi cục)\s*:\s*([^;.:]+)/gu;

/**
 * A head noun shared by a list ("Các Sở: Nội vụ, Tài chính, Khoa học và Công nghệ", "Các Cục: Di sản văn hóa, Bản
 * quyền tác giả") written out for each name: "Sở Nội vụ, Sở Tài chính, Sở Khoa học và Công nghệ". (Names are parted
 * at commas only: "Khoa học và Công nghệ" is one name.)
 */
export function distributeHead(t: string): string {
  return t.replace(SHARED_HEAD, (_m, head: string, list: string) => {
    return list
      .split(/\s*,\s*/)
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => `${head} ${n}`)
      .join(", ");
  });
}

/** "các Sở, Ban, ngành liên quan", "Sở, ban ngành liên quan", "các cơ quan, đơn vị có liên quan": nobody named. */
const GENERIC_SPAN =
  /(?<![\p{L}])(?:(?:các|những)\s+)?(?:sở|ban|ngành|bộ|cơ quan|đơn vị|tổ chức|địa phương)(?:(?:\s*,\s*|\s+)(?:sở|ban|ngành|bộ|cơ quan|đơn vị|tổ chức|địa phương))*\s+(?:có\s+)?liên quan(?![\p{L}])/giu;

/** Class phrases that name nobody in particular. */
const GENERIC = /^(?:các|những)\s+(?:cơ quan|đơn vị|tổ chức|bộ, ngành)(?:,\s*\S+)*\s+(?:có\s+)?liên quan$/iu;

export interface Subject {
  leadText: string;
  /** The clause after the subject ("chủ trì, phối hợp với … xây dựng …"). */
  rest: string;
  /** "Giao …", "Yêu cầu …", "Đề nghị …": the clause is an assignment even without another verb. */
  imperative: boolean;
}

// ("Chỉ đạo Công an các phường …" under an addressee is the addressee's task: directing is the work.)
// "Đề xuất Bộ trưởng Bộ Y tế chủ trì …" in a report proposes the assignment.
const IMPERATIVE = /^(?:[Gg]iao(?:\s+cho)?|[Yy]êu cầu|[Đđ]ề nghị|[Đđ]ề xuất|[Kk]huyến khích|[Pp]hân công|[Ủủ]y quyền|[Uu]ỷ quyền)\s+(?=\p{Lu}|các\s|UBND|(?:người đứng đầu|thủ trưởng|chủ tịch)\s)/u;
/** Longest addressee a "Đề nghị / Giao …" heading is taken to name as written. */
const ASKED_MAX = 100;
const REQUEST = /^(?:yêu cầu|đề nghị|giao(?:\s+cho)?)\s+/u;
// "Về tập huấn, hướng dẫn: Sở X …" — a topic before a colon is an adverbial too.
const ADVERBIAL = /^(?:Về|Trên cơ sở|Căn cứ|Theo|Sau khi|Đối với|Để|Nhằm)\s(?:[^:,]{2,40}(?:,\s*[^:,]{2,40})?:|[^,:]{2,120}(?:,\s*nhiệm vụ[^,]{0,60})?,)\s*/u;

/**
 * The subject of a clause: "Sở Tài chính chủ trì, …" → "Sở Tài chính"; "Giao Sở Xây dựng khảo sát …" →
 * "Sở Xây dựng" (imperative); "Về kinh phí, Bộ Tài chính bố trí …" → "Bộ Tài chính"; null when the clause
 * starts with no agency.
 */
export function subjectOf(clause: string): Subject | null {
  const own = subjectAtStart(clause);
  if (own) return own;
  // "Trên cơ sở văn bản đề xuất của các Sở, ban, ngành, Sở Tài chính phối hợp …": after a long adverbial the
  // subject is the first comma-separated part that reads as an agency followed by a verb.
  const body = clauseBody(clause);
  const inner = subjectInside(body);
  if (inner) return inner;
  if (!ADVERB_START.test(body)) return null;
  for (const m of body.matchAll(/,\s+/gu)) {
    const rest = body.slice((m.index ?? 0) + m[0].length);
    const s = subjectAtStart(rest);
    if (s && (startsWithAction(s.rest) || REQUEST.test(s.rest))) return s;
  }
  return null;
}

/**
 * A subject inside the clause, before a verb of duty: "Toàn bộ dữ liệu của … (ba tỉnh trước sáp nhập) Sở Khoa học và
 * Công nghệ có trách nhiệm xây dựng phương án …" → "Sở Khoa học và Công nghệ". Only "chủ trì" and "có/chịu
 * trách nhiệm" are strong enough to find a subject away from the clause's start.
 */
function subjectInside(body: string): Subject | null {
  for (const m of findAgencyMentions(body)) {
    if (m.start === 0) continue;
    const rest = body.slice(m.end);
    const before = body.slice(0, m.start);
    if (!DUTY.test(rest) || /[.;:]/u.test(before.slice(-2))) continue;
    // Only after a topic (a noun phrase): "… trả lời rằng Bộ X chủ trì …" reports words, it assigns nothing.
    if (VERB_ANY.test(before) || /(?<![\p{L}])(?:rằng|là)(?![\p{L}])/u.test(before)) return null;
    return { leadText: m.name, rest: rest.replace(/^\s+/u, ""), imperative: false };
  }
  return null;
}
const DUTY = /^\s+(?:chủ trì|có trách nhiệm|chịu trách nhiệm)(?![\p{L}])/u;

const APPOSITIVE = /^(?:(?:Các\s+)?(?:Ủy viên|Thành viên|Phó Chủ tịch|Chủ tịch|Trưởng ban|Phó Trưởng ban|Tổ trưởng)(?:\s+\S+){0,4}?\s+là\s+)(?=\p{Lu})/u;
const HONORIFIC = /^(?:[Cc]ác\s+)?(?:[Đđ]ồng chí|đ\/c)\s+(?=\p{Lu})/u;
const ADVERB_START = /^(?:Trên cơ sở|Căn cứ|Theo|Để|Đối với|Trong|Sau khi|Khi|Trường hợp|Nhằm|Qua)\s/u;

function subjectAtStart(clause: string): Subject | null {
  let body = expandMinistryList(clause.replace(MARKER, "").replace(/\*+/g, "").trim());
  // "Ủy viên Ủy ban là Bộ trưởng Bộ Công an chịu trách nhiệm …": the office holder named after "là" acts.
  body = body.replace(APPOSITIVE, "");
  // "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ …": the honorific is no part of the office.
  body = body.replace(HONORIFIC, "");
  // A leading adverbial is not the subject: "Về kinh phí, Bộ X …", "Trên cơ sở kết quả rà soát, Sở Y …".
  body = body.replace(ADVERBIAL, "");
  const imp = body.match(IMPERATIVE);
  if (imp) body = body.slice(imp[0].length);
  // The subject ends at the first verb or clause word (lower case), a colon, or "(cơ quan chủ trì)".
  const stops = [body.search(VERB_STOP), body.search(CLAUSE_STOP)].filter((x) => x >= 0);
  const stop = stops.length ? Math.min(...stops) : -1;
  const head = (stop >= 0 ? body.slice(0, stop) : body).replace(/\s*\((?:cơ quan|đơn vị)[^)]*\)\s*$/iu, "").trim();
  if (!head || !isAgencyPhrase(head)) return null;
  if (ACTION_START.test(head)) return null;
  // "UBND Thành phố yêu cầu các Sở, ban, ngành … nghiêm túc triển khai …": the one asking ends at its verb (no verb of
  // the list above stops it there), and what it asks is read below as any request is.
  const after = (x: string) => body.slice(x.length).replace(/^\s*\((?:cơ quan|đơn vị)[^)]*\)/iu, "").replace(/^[\s:,]+/u, "");
  const rest = after(head);
  const asking = head.match(ASKS_WITHIN);
  const request = asking && isAgencyPhrase(asking[1]!) ? after(asking[1]!) : rest;
  // "Chủ tịch UBND Thành phố có ý kiến chỉ đạo như sau:" introduces directions; it is not their subject.
  if (/như sau\s*:?\s*$/u.test(rest)) return null;
  // "UBND Thành phố yêu cầu Sở X …": the one asked is the subject, not the one asking.
  if (REQUEST.test(request)) {
    const asked = subjectOf(request.replace(REQUEST, "Yêu cầu "));
    if (asked) return asked;
  }
  return { leadText: head.replace(/[,;]\s*$/u, ""), rest, imperative: Boolean(imp) };
}

/** A requester and its verb inside what reads as one subject: "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành". */
const ASKS_WITHIN = /^(.+?)\s(?:yêu cầu|đề nghị)\s+(.+)$/u;

/** Clause words that end a subject: "Các bộ, ngành được giao …" → "Các bộ, ngành". */
const CLAUSE_STOP = /\s(?:có|được|đã|đang|sẽ|cần|phải|là|tiếp tục)(?![\p{L}])/u;

/**
 * "Các bộ, cơ quan: Công an, Nội vụ, Tài chính …" names ministries without the word "Bộ": rewrite the list
 * so each reads as a name ("Bộ Công an, Bộ Nội vụ, Bộ Tài chính …"); other bodies stay as written.
 */
export function expandMinistryList(s: string): string {
  const m = s.match(/^Các bộ(?:,\s*cơ quan)?(?:\s+ngang bộ)?\s*:\s*/iu);
  if (!m) return s;
  const rest = s.slice(m[0].length);
  // "Các bộ, cơ quan ngang bộ: Tập trung hoàn thành …" addresses the class; it lists no ministries.
  if (ACTION_START.test(rest)) return s;
  const stops = [rest.search(VERB_STOP), rest.search(CLAUSE_STOP)].filter((x) => x >= 0);
  const end = stops.length ? Math.min(...stops) : rest.length;
  const items = rest
    .slice(0, end)
    .split(/\s*,\s*|\s+và\s+(?=các\s)/u)
    .map((x) => x.trim())
    .filter(Boolean);
  const names = items.map((it) => (/^\p{Lu}/u.test(it) && agencyNames(it).length === 0 && agencyNames(`Bộ ${it}`).length > 0 ? `Bộ ${it}` : it));
  return `${names.join(", ")}${rest.slice(end)}`;
}

/** A block that only names an addressee: "c) Văn phòng Chính phủ", "1. Sở Tài chính (cơ quan chủ trì)", "Điều 21. Sở X", "1.1. Giao Sở Y". */
export function addresseeOf(text: string): string | null {
  // An upper-case line is a header or a title ("THỦ TƯỚNG CHÍNH PHỦ"), not an addressee heading.
  if (!/^\s*(?:[-+•*]|Điều|\(?[a-zđ\d]{1,3}[.)])/u.test(text) && text === text.toUpperCase()) return null;
  let t = text.replace(/\*+/g, "").replace(/^Điều\s+\d+[a-zđ]?\s*[.:]\s*/u, "").replace(MARKER, "").trim();
  // "Điều 25. Trách nhiệm của cơ quan, đơn vị … có hệ thống thông tin kết nối …": whoever the article names.
  const owner = t.match(/^(?:Trách nhiệm|Nhiệm vụ)(?:(?:,|\s+và)\s+(?:quyền hạn|trách nhiệm))*\s+của\s+(.{3,160}?)\s*:?\s*$/iu);
  if (owner) return owner[1]!;
  // "6. Đề nghị các tổ chức cung cấp dịch vụ chi trả": whoever a heading asks, described as it likes.
  const asked = t.match(IMPERATIVE) ? t.replace(IMPERATIVE, "").replace(/\s*:\s*$/u, "") : null;
  if (asked && asked.length <= ASKED_MAX && (CLASS_HEAD.test(asked) || UNIT_HEAD.test(asked))) return asked;
  // "2. Đề nghị các hợp tác xã nông nghiệp:" over its items: a heading that asks whoever it names, ending with ":",
  // names an addressee of any description — not "Đề nghị các nội dung sau:".
  if (asked && asked.length <= ASKED_MAX && /:\s*$/u.test(t) && !NOT_A_BODY.test(asked) && !CLAUSE_WORD.test(asked)) return asked;
  t = t.replace(IMPERATIVE, "");
  t = t.replace(/\s*(?:có trách nhiệm|chịu trách nhiệm|thực hiện)?(?:\s+các nhiệm vụ sau)?\s*:?\s*$/u, "").trim();
  if (t.length < 3 || t.length > 160) return null;
  return isAgencyPhrase(t) ? t.replace(/\s*\((?:cơ quan|đơn vị)[^)]*\)\s*$/iu, "").trim() : null;
}

/** Coordinators named after "phối hợp với": "… phối hợp với Sở A, Sở B xây dựng …" → "Sở A, Sở B". */
export function coordinatorsOf(clause: string): string {
  // "X chủ trì (chỉ đạo), Bộ Y, Bộ Z phối hợp …": the coordinators stand before "phối hợp".
  const before = clause.replace(/\*+/g, "").match(/chủ trì(?:\s+chỉ đạo)?\s*,\s*([^,;.]+(?:,\s*[^,;.]+){0,8}?)\s+(?:cùng\s+)?phối hợp(?![\p{L}])(?!\s+với)/u);
  if (before && isAgencyPhrase(before[1]!.split(/\s*,\s*/u)[0]!)) return before[1]!.trim();
  const m = clause.replace(/\*+/g, "").match(/[Pp]hối hợp(?: chặt chẽ)?(?:\s+với|\s+cùng)?\s+(?=\p{Lu}|các\s|cơ quan|đơn vị)(.*)$/u);
  if (!m) return "";
  const rest = m[1]!;
  const stop = rest.search(VERB_STOP);
  return (stop >= 0 ? rest.slice(0, stop) : rest).replace(/[,;]\s*$/, "").replace(/\s+và\s+(?:các\s+)?(?:cơ quan|đơn vị)\s+(?:có\s+)?liên quan$/u, "").trim();
}

/** Words of assessment: the sentence reports or reviews, it assigns nothing. */
// ("tồn tại, hạn chế" alone is no sign: "khắc phục những hạn chế" assigns.)
// "Mỗi người dân đều có thể …" describes a target state.
const REPORT = /(?<![\p{L}])(?:đã|đang|đã được|vẫn|còn chậm|còn hạn chế|còn nhiều|chưa đạt|chưa được|đạt tỷ lệ|đạt \d|mới đạt|góp phần|đều|có thể)(?![\p{L}])/u;
/** …unless it orders: a deadline word or a modal of duty wins over a report word. */
const ORDER = /(?<![\p{L}])(?:chủ trì|khẩn trương|phải|cần|yêu cầu|đề nghị|giao|chỉ đạo|hoàn thành (?:trước|trong|xong)|có trách nhiệm|chịu trách nhiệm)(?![\p{L}])/iu;

const REPORT_SPAN = 90;

/** True for a clause that reports, assesses or describes: "Công tác số hóa đã được đẩy mạnh" → true. */
export function isReport(clause: string): boolean {
  const c = clauseBody(clause);
  // "Cung cấp 25 dịch vụ … đã tích hợp …" orders; its "đã" qualifies the object.
  if (ACTION_START.test(c)) return false;
  const head = c.slice(0, REPORT_SPAN);
  if (!REPORT.test(head)) return false;
  const at = head.search(REPORT);
  const order = c.search(ORDER);
  return order < 0 || order > at;
}

/** True when a clause opens with an action verb: "Chủ trì, phối hợp …", "(2) Khẩn trương …". */
export function startsWithAction(clause: string): boolean {
  return ACTION_START.test(clause.replace(MARKER, "").replace(/\*+/g, "").trim().replace(ADVERBIAL, ""));
}

/** True when a clause holds an assignment verb anywhere. */
export function hasAssignVerb(clause: string): boolean {
  return VERB_ANY.test(clause);
}

/** Split a paragraph into clauses: sentences, and "(1) …; (2) …" sub-items. "3." alone is not a sentence. */
export function splitClauses(text: string): string[] {
  const parts = text
    .split(/(?<=[.;])\s+(?=[\p{Lu}(*])|\s+(?=\(\d{1,2}\)\s)|;\s+(?=[a-zđ]\)\s)/u)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if (prev !== undefined && /^(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]+)\.$/u.test(prev)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

/** The marker-free, emphasis-free words of a clause. */
export function clauseBody(clause: string): string {
  return clause.replace(MARKER, "").replace(/\*+/g, "").replace(/\s+/g, " ").trim();
}

/** Folded form for comparisons. */
export function folded(s: string): string {
  return foldDiacritics(s);
}
