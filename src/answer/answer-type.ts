// Answer layer (pure): what kind of fact a question asks for (a date, a recurrence, a duration, a percentage,
// points, money, a number, an address) and whether a piece of text carries one. The passage picker prefers the
// sentence that carries it, and the gate answers "Không tìm thấy" when no sentence near the passage does.

import { memoByText } from "../text/memo.ts";
import { foldDiacritics } from "../text/normalize.ts";

export type AnswerKind = "day" | "time" | "recurrence" | "duration" | "percent" | "points" | "money" | "number" | "level" | "list" | "address" | "phone" | "where" | "place" | "who" | "holder" | "via" | "partner";

/** Words naming each kind in a "không tìm thấy" answer. */
export const KIND_LABEL: Record<AnswerKind, string> = {
  day: "ngày cụ thể",
  time: "thời hạn, thời gian",
  recurrence: "định kỳ thực hiện",
  duration: "thời gian",
  percent: "tỷ lệ",
  points: "số điểm",
  money: "số tiền",
  number: "số liệu",
  level: "cấp độ, mức độ",
  list: "danh sách cụ thể",
  address: "địa chỉ",
  phone: "số điện thoại",
  where: "nơi gửi, nơi thực hiện",
  place: "địa danh, địa điểm",
  who: "cơ quan thực hiện",
  holder: "người giữ chức vụ",
  via: "cơ quan đầu mối tiếp nhận",
  partner: "cơ quan phối hợp",
};

const fold = (s: string) => foldDiacritics(s).toLowerCase().replace(/đ/g, "d");

/** A question asking which body something goes through, folded: "qua cơ quan nào", "thông qua đơn vị nào", "qua đâu". */
export const VIA_ASKED = /\b(thong )?qua (co quan|don vi|so|ban|bo|to chuc|dau moi) nao\b|\b(thong )?qua dau\b/;

/**
 * What the question asks for, folded question in, most specific first:
 * "… định kỳ bao lâu một lần?" → recurrence; "… trước ngày nào?" → time; "… cộng mấy điểm?" → points, number.
 */
const ASKS: [AnswerKind, RegExp][] = [
  // ("… cao hơn mức quy định tối đa bao nhiêu lần?" asks a multiple, a number.)
  ["recurrence", /dinh ky|bao lau (mot|1) lan|(?<!\b(gap|hon|tang|toi da) )(may|bao nhieu) lan|tan suat/],
  // "… được tổ chức vào ngày nào?", "… lấy ngày nào hằng năm làm …": a day of the calendar, not a period or a
  // recurrence ("định kỳ hằng năm" answers no such question). (Not a deadline: "trước ngày nào?" may be a month.)
  ["day", /(?<!\b(?:truoc|den|tu|han|cham nhat|muon nhat|hoan thanh)\s)\bngay nao\b|\b(?:la|vao) ngay (?:bao nhieu|may)\b/],
  ["time", /khi nao|bao gio|ngay nao|thang nao|quy nao|nam nao|(ngay|thang|quy|nam) may\b|\b(moc|thoi diem|luc) nao\b|thoi han|han chot|\bhan (khi|bao|hoan thanh|la)|thoi gian (hoan thanh|thuc hien|trien khai)|dien ra (tu|khi|vao)|truoc ngay|den ngay nao|tu ngay nao/],
  // ("… lưu trữ tối thiểu bao nhiêu năm?" asks for years; "bao nhiêu năm 2025" is a year's figure.)
  ["duration", /bao lau|(trong|mat|toi thieu|toi da) (bao nhieu|may) (ngay|gio|thang|tuan|nam)|(bao nhieu|may) ngay( lam viec)?|(bao nhieu|may) nam\b(?! (19|20)\d{2})/],
  ["percent", /phan tram|%|\bti le\b|\bty le\b/],
  ["points", /(may|bao nhieu) diem|tong diem|diem chuan/],
  // "Mức lương thuê chuyên gia là bao nhiêu một tháng?", "tổng vốn đầu tư bao nhiêu?" ask for money too.
  ["money", /bao nhieu tien|phat tien|muc phat|(bao nhieu|may) (ty|trieu|nghin)? ?dong|\b(kinh phi|(?<!so )luong|tien luong|chi phi|von|ngan sach|muc chi|muc ho tro|phu cap|don gia)\b[^?.;]{0,60}\bbao nhieu|\b(duoc chi|chi tra|ho tro|thu|nop) (toi da |toi thieu |khong qua )?bao nhieu( tien)?\b/],
  // "… an toàn thông tin cấp độ mấy?", "dịch vụ công mức độ mấy?": a numbered level ("cấp độ 3", "mức độ 4").
  ["level", /\bcap do (may|nao|bao nhieu)\b|\bcap may\b|\bmuc do (may|bao nhieu)\b|\bmuc may\b/],
  ["number", /bao nhieu|\bmay (diem|ngay|thang|nam|lan|gio|giai doan|nhom|tieu chi|nhiem vu|van de|buoc|muc|tram|doanh nghiep|thu tuc)/],
  // "Số tổng đài hỗ trợ … là số nào?", "hotline", "số điện thoại liên hệ": a phone number, not any number.
  ["phone", /\b(so dien thoai|dien thoai|tong dai|hotline|duong day nong|so may)\b/],
  ["address", /\bdia chi\b(?! so\b)|trang (web|thong tin dien tu) nao|website|duong dan|ten mien/],
  ["where", /\b(o|ve|gui|den|tai) dau\b/],
  // "… báo cáo UBND tỉnh qua cơ quan nào?": the body a report or a request goes through ("(qua Sở Nội vụ)").
  ["via", VIA_ASKED],
  // "… phải phối hợp với cơ quan nào?": the body worked with, read where the text says "phối hợp với …".
  ["partner", /\bphoi hop (?:chat che )?(?:voi|cung) (?:(?:nhung|cac) )?(?:(?:co quan|don vi|bo|so|to chuc|ban) nao|ai)\b/],
  // "… đặt tại những tỉnh, thành phố nào?", "… ở huyện nào?": a place name answers, not a body or a number.
  // ("cơ quan nào" asks for a body.)
  ["place", /\b(tinh|thanh pho|dia danh|dia diem|vung|khu vuc|(?<!co )quan|huyen)( [a-z]+)? nao\b/],
];

/** The kinds of fact a question asks for; a recurrence question does not also ask for a duration. */
export function answerKinds(question: string): AnswerKind[] {
  const f = fold(question);
  const kinds = ASKS.filter(([, re]) => re.test(f)).map(([k]) => k);
  if (ASKS_ROLE.test(f)) kinds.push("holder");
  if (kinds.includes("recurrence")) return kinds.filter((k) => k !== "duration" && k !== "number");
  return kinds;
}

/** Roles of a committee or a working group, folded. */
const ROLE_F = "(pho )?(chu tich|truong ban|to truong|to pho|thuong truc|thanh vien|uy vien|giam doc|thu ky|truong nhom)";

/** Does the text carry a fact of this kind? Folded text in: "trước ngày 20 hằng tháng" carries time and recurrence. */
const CARRIES: Record<AnswerKind, RegExp> = {
  // "ngày 10/10", "ngày 10 tháng 10", "10/10/2025".
  day: /\bngay \d{1,2}\b|\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/,
  // ("Khi có phát sinh", "khi cần thiết": a time by occasion, as a deadline column writes it.)
  // (A time of day and a working-day rule are times too: "trước 10 giờ sáng ngày làm việc tiếp theo", "ngay trong ngày".)
  time: /\b(?:truoc|sau|luc|den|tu|cham nhat) \d{1,2} ?(?:gio|h)\b|\bngay lam viec (?:tiep theo|ke tiep)\b|\bngay trong ngay\b|\btrong (?:thoi han|vong|thoi gian) (?:toi da )?\d+\s*(?:\([a-z ]+\)\s*)?(?:ngay|thang|tuan|gio)\b|\bkhi (co )?phat sinh\b|\bkhi can thiet\b|\bngay \d{1,2}\b|\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b|\bthang \d{1,2}\b|\b\d{1,2}\/(19|20)\d{2}\b|\bquy (iv|iii|ii|i|[1-4])\b|\bnam (19|20)\d{2}\b|\b(19|20)\d{2}\s*-\s*(19|20)\d{2}\b|(nhiem vu|thuc hien|trien khai|thoi gian|thoi han|tien do)\W+thuong xuyen|^\W*thuong xuyen|hang (nam|thang|quy|tuan|ngay)|dinh ky/,
  recurrence: /dinh ky|hang (nam|quy|thang|tuan|ngay)|\d+ (thang|nam|quy|tuan)\s*\/\s*lan|lan\s*\/\s*(nam|thang|quy|tuan)|moi (nam|thang|quy|tuan)|(nhiem vu|thuc hien|trien khai|thoi gian|thoi han|tien do)\W+thuong xuyen|^\W*thuong xuyen/,
  // (Not a date's parts: "ngày 21 tháng 11 năm 2025" is no duration.)
  duration: /(?<!(ngay|thang) )\b\d+\s*(\([a-z ]+\)\s*)?(ngay|gio|thang|tuan|nam|phut)\b(?! (19|20)\d{2}\b)(?! \d{1,2} nam)/,
  // A table cell read with its column label carries the label's unit: "Tỷ lệ (%): 28,05", "ĐIỂM CHUẨN: 40",
  // "Kinh phí (triệu đồng): 500".
  percent: /\d\s*%|phan tram|(\bty le\b|%)[^:.;]{0,40}:\s*\d/,
  points: /\d+([.,]\d+)?\s*diem|\bdiem\b[^:.;]{0,30}:\s*\d/,
  money: /\d[\d.,]*\s*(dong|ty|trieu|nghin)\b|\b(kinh phi|dong)\b[^:.;]{0,40}:\s*\d/,
  number: /\d/,
  level: /\b(cap do|cap|muc do|muc)\s+(\d{1,2}|iv|iii|ii|v)\b/,
  // (Asked by the passage gate itself, listedNoun in passages.ts: what counts as a list depends on the noun asked.)
  list: /$^/,
  // "1800 1096", "0292.3820.123", "(0292) 3 820 123", "19001234" — not a year or a document number.
  phone: /\b(1800|1900)[ .]?\d{3,4}([ .]?\d{2,4})?\b|\(?\b0\d{2,3}\)?[ .]?\d{1,4}[ .]?\d{3}[ .]?\d{3,4}\b|\b\d{8,11}\b/,
  address: /https?:\/\/|www\.|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(gov\.vn|vn|com|org|net)\b/,
  who: /$^/,
  where: /$^/,
  place: /$^/,
  via: /$^/,
  partner: /$^/,
  // "1. Chủ tịch Ủy ban: Thủ tướng Chính phủ.", "Thủ tướng … - Chủ tịch Ủy ban", "… làm Trưởng ban",
  // "1. Ông …, Bộ trưởng Bộ …, Tổ trưởng.", "Đồng chí Tổng Bí thư, Trưởng Ban Chỉ đạo (để báo cáo)".
  holder: new RegExp(`(^|[^a-z])${ROLE_F}[^:.;()]{0,40}:\\s*\\S|[-–]\\s*${ROLE_F}|\\blam ${ROLE_F}|,\\s*${ROLE_F}[^,;:()]{0,60}(\\(|[.;]?\\s*$)`),
};

/**
 * Số hiệu of other texts look like dates: "Thông tư số 08/2024/TT-BXD" carries no deadline, nor does the date it was
 * issued on ("số 36/QĐ-TTg ngày 11/01/2024", "(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19 tháng 11 năm 2025 …)").
 */
const DOCUMENT_NUMBER = /\b\d+(\/\d{4})? ?[/-][a-z]+([-/&][a-z]+)*\b(,?\s*ngay\s+\d{1,2}(\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?/g;

/**
 * An agency as the subject of a sentence or heading, after its item marker: "Điều 22. Sở Tài chính",
 * "1.1. Giao Sở Nông nghiệp và Môi trường:", "(2) Bộ Y tế hoàn thành …" — not "Chủ trì, phối hợp với Sở …".
 */
const SUBJECT_AGENCY =
  /^\s*\**\s*(?:(?:Điều|Mục|Phần)\s+\d+\.?|\(?\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•])?\s*(?:(?:Giao|Yêu cầu|Đề nghị|Chỉ đạo)\s+(?:cho\s+)?)?(?:Bộ|Sở|Ủy ban|UBND|Ban|Cục|Vụ|Trung tâm|Công an|Văn phòng|Ngân hàng|Thanh tra|Viện|Chi nhánh|Tổ|Hội đồng|Kho bạc|Bảo hiểm|Tập đoàn|Tổng công ty|Đài|Thuế|Liên đoàn|Hội|Đoàn|Mặt trận|Các sở|Các bộ|Các cơ quan|Chủ tịch)\s+\S/u;

/**
 * A place named in a text: "tỉnh Bắc Ninh", "thành phố Đà Nẵng", "TP. Hồ Chí Minh", "tại Hà Nội" — not "tại Nghị quyết
 * số 175", "ở Bộ Công an", "tại Trung tâm …", whose capitals are a text or a body.
 */
const PLACE =
  /(?:^|[^\p{L}])(?:(?:tỉnh|thành phố|Thành phố|Tỉnh|TP\.?|quận|huyện|thị xã|vùng|miền|khu vực)\s+\p{Lu}|(?:tại|ở)\s+(?!(?:Nghị|Quyết|Điều|Khoản|Điểm|Phụ|Mục|Chương|Thông|Công|Kế|Văn|Luật|Bộ|Sở|Ủy|Ban|Cục|Trung|Cổng|Hệ|Tổ|Hội|Viện|Ngân)(?![\p{L}]))\p{Lu}\p{Ll}*\s+\p{Lu})/u;

/** A body something goes through: "báo cáo UBND tỉnh (qua Sở Nội vụ)", "gửi … thông qua Văn phòng UBND tỉnh". */
const VIA_BODY = /(?:^|[^\p{L}])(?:thông\s+)?qua\s+(?:Bộ|Sở|Ủy ban|UBND|Ban|Cục|Trung tâm|Công an|Văn phòng|Ngân hàng|Thanh tra|Viện|Chi nhánh|Kho bạc|Phòng)\s+\p{Lu}/u;

/** A body worked with: "phối hợp với cơ quan Thuế", "phối hợp chặt chẽ với Sở Nội vụ", "phối hợp cùng các đơn vị …". */
const PARTNER = /phối hợp(?:\s+chặt chẽ)?\s+(?:với|cùng)\s+(?:các\s+|những\s+)?(?:\p{Lu}|cơ quan|đơn vị|tổ chức|doanh nghiệp|ngân hàng)/u;

/** A body named anywhere in a text. */
const ANY_AGENCY = /(?:^|[^\p{L}])(?:Bộ|Sở|Ủy ban|UBND|Ban|Cục|Trung tâm|Công an|Văn phòng|Ngân hàng|Thanh tra|Viện|Chi nhánh|Kho bạc|Cổng)\s+\p{Lu}/u;

function carriesNow(kind: AnswerKind, text: string): boolean {
  if (kind === "who") return SUBJECT_AGENCY.test(text);
  // "gửi về đâu?" is answered by a place, an address or a body ("gửi về Sở Xây dựng").
  if (kind === "where") return ANY_AGENCY.test(text) || CARRIES.address.test(fold(text));
  if (kind === "place") return PLACE.test(text);
  if (kind === "via") return VIA_BODY.test(text);
  if (kind === "partner") return PARTNER.test(text);
  return CARRIES[kind].test(factText(text));
}

/** carriesNow by kind, kept per text: the same sentences are tested for the same kinds question after question. */
const carriesByKind = new Map<AnswerKind, (text: string) => boolean>();

export function carries(kind: AnswerKind, text: string): boolean {
  let f = carriesByKind.get(kind);
  if (!f) carriesByKind.set(kind, (f = memoByText((t) => carriesNow(kind, t), 1_000_000)));
  return f(text);
}

/** A text folded, other texts' số hiệu blanked: what the kinds' patterns read (the same passages, question after question). */
const factText = memoByText((text) => fold(text).replace(ATTACHED_CAPTION, " ").replace(DOCUMENT_NUMBER, " ").replace(TITLE_PERIOD, " "));

/** An appendix's caption dates its decision, whatever its number: "(Ban hành kèm theo Quyết định số: /2025/QĐ-UBND ngày
 * tháng 11 năm 2025 …)" states no deadline. */
const ATTACHED_CAPTION = /\(\s*(?:ban hanh )?kem theo (?:quyet dinh|ke hoach|cong van|thong bao|nghi quyet|chi thi|thong tu)[^)]*\)?/g;

/** The period in a plan's or strategy's title is no deadline: "… thời kỳ 2021-2030, tầm nhìn đến năm 2050". */
const TITLE_PERIOD = /\bthoi ky (19|20)\d{2}\s*[-–]\s*(19|20)\d{2}|\btam nhin (den )?(nam )?(19|20)\d{2}/g;

/** Does the text carry every kind asked (the first of time-like kinds is enough: a date answers "bao lâu")? */
export function carriesAll(kinds: AnswerKind[], text: string): boolean {
  return missingKinds(kinds, text).length === 0;
}

/** The kinds a text does not carry. "number" is met by any more specific kind's number. */
export function missingKinds(kinds: AnswerKind[], text: string): AnswerKind[] {
  return kinds.filter((k) => !carries(k, text) && !(k === "duration" && carries("time", text)));
}

/** Persons asked for in the plural: "những ai", "gồm những ai", "là những ai". */
// ("Những ai phối hợp / chủ trì …?", "… phối hợp với những ai?" ask for bodies, as "ai" does.)
const ASKS_MEMBERS = /(?<!(phoi hop|voi|cung|cho|giao) )\bnhung ai\b(?! (phoi hop|chu tri|thuc hien|chiu trach nhiem|duoc giao))/;

/**
 * A question about who holds a role ("Ai là Chủ tịch Ủy ban …?", "Tổ trưởng là ai?", "do ai làm Trưởng ban?"): a
 * member list answers it, not a task that mentions the role.
 */
const ASKS_ROLE = new RegExp(`\\b(ai la|ai lam|do ai lam) ${ROLE_F}\\b|\\b${ROLE_F}\\b.{0,160}\\b(la ai|do ai)\\b|${ASKS_MEMBERS.source}`);

export function asksRole(question: string): boolean {
  return ASKS_ROLE.test(fold(question));
}

/** "… có những ai tham gia?", "… gồm những ai?": the members a list names, several of them. */
export function asksMembers(question: string): boolean {
  return ASKS_MEMBERS.test(fold(question));
}

/** The role a question asks the holder of, folded: "Ai là Phó Chủ tịch thường trực Ủy ban …?" → "pho chu tich thuong truc". */
const ROLE_ASKED = new RegExp(`\\b${ROLE_F}( thuong truc)?\\b`);

export function askedRole(question: string): string | null {
  const f = fold(question);
  return asksRole(f) ? (f.match(ROLE_ASKED)?.[0] ?? null) : null;
}

/** The body whose role is asked, its first words folded: "Chủ tịch Hội đồng Tư vấn quốc gia …" → "hoi dong tu van". */
const BODY_ASKED = /\b(uy ban|hoi dong|ban chi dao|ban|to cong tac|to)( [a-z0-9]+){1,2}/;

export function askedBody(question: string): string | null {
  // ("Trưởng Ban Chỉ đạo …": the role's "Ban" begins the body's name.)
  const f = fold(question)
    .replace(new RegExp(`\\b${ROLE_F}( thuong truc)?\\b`, "g"), (m) => (m.endsWith(" ban") ? " ban" : " "))
    .replace(/\s+/g, " ");
  return f.match(BODY_ASKED)?.[0] ?? null;
}

/** Does a text name the role asked ("Phó Chủ tịch thường trực" is not "Chủ tịch", nor "cơ quan thường trực")? */
export function namesRole(text: string, role: string): boolean {
  return new RegExp(`(^|[^a-z])${role}([^a-z]|$)`).test(fold(text));
}

/** What the question's kinds are read from: the question, and for a follow-up the earlier one too. */
export interface KindsOf {
  folded: string;
  query: string;
  followUp: boolean;
}

/** The kinds of fact the question asks for; a follow-up that asks none keeps the earlier question's. */
export function askedKinds(u: KindsOf): AnswerKind[] {
  const own = answerKinds(u.folded);
  return own.length || !u.followUp ? own : answerKinds(u.query);
}

/** Kinds of fact a task's deadline answers. */
const TIME_KINDS: AnswerKind[] = ["time", "recurrence", "duration"];

/** The time-like kinds asked ("định kỳ bao lâu" is a recurrence), a date when none is named. */
export function timeKindsAsked(u: KindsOf): AnswerKind[] {
  const asked = askedKinds(u).filter((k) => TIME_KINDS.includes(k));
  return asked.length ? asked : ["time"];
}

/** Nouns whose "… là gì?" asks for content, not a meaning: "Mục tiêu chung là gì?", "Nhiệm vụ của Bộ … là gì?". */
const CONTENT_NOUN = /^(muc tieu|muc dich|nhiem vu|noi dung|yeu cau|giai phap|ket qua|san pham|thoi han|vai tro|trach nhiem|quan diem|chi tieu|pham vi|doi tuong|ten|so hieu|ly do|nguyen tac|dinh huong|tam nhin|chu de|tien do|kinh phi|nguon|dia chi|dia diem|website|trang web|duong dan|so dien thoai|thoi gian|ngay)\b/;

/**
 * The term a definition question asks the meaning of, folded: "Theo Kế hoạch 02, chuyển đổi số được hiểu là gì?"
 * → "chuyen doi so"; "Thế nào là Chính phủ số?" → "chinh phu so"; "Mục tiêu chung là gì?" → null (content asked).
 */
export function definedTerm(question: string): string | null {
  const f = fold(question).replace(/[?!.]+\s*$/, "").trim();

  const clause = (s: string) => s.split(/,\s*/).at(-1)!.replace(/^(khai niem|dinh nghia( ve)?|thuat ngu)\s+/, "").trim();
  const explicit = f.match(/^(?:.*,\s*)?(.+?)\s+(?:duoc hieu|duoc dinh nghia|co nghia|duoc hieu nhu the nao|hieu)\s+(?:la gi|nhu the nao)$/);
  if (explicit) return clause(explicit[1]!);
  const which = f.match(/\bthe nao (?:duoc goi )?la\s+(.+)$/) ?? f.match(/^(?:khai niem|dinh nghia)\s+(.+?)(?:\s+la gi)?$/);
  if (which) return clause(which[1]!);
  // What a term is made of: "(Theo …,) kinh tế số bao gồm những thành phần nào?" — answered by "Kinh tế số bao gồm: …".
  const parts = f.match(/^(?:(?:theo|trong|tai|o|voi|doi voi)\s[^,]*,\s*)?([^,]+?)\s+(?:bao gom|gom co|gom)\s+(?:nhung\s+)?(?:gi|(?:thanh phan|bo phan|linh vuc|noi dung|loai)\s+(?:nao|gi))$/);
  const whole = parts ? clause(parts[1]!) : "";
  if (whole && whole.split(" ").length <= 6 && !/\b(cua|nao)\b|\d/.test(whole) && !CONTENT_NOUN.test(whole)) return whole;
  // Only a leading frame ("Theo Kế hoạch 02, …") may come before a bare term: "địa chỉ hệ thống … của tỉnh …, xử lý hồ
  // sơ là gì?" asks for content, not the meaning of "xử lý hồ sơ".
  const plain = f.match(/^(?:(?:theo|trong|tai|o|voi|doi voi)\s[^,]*,\s*)?([^,]+?)\s+la gi$/);
  const term = plain ? clause(plain[1]!) : "";
  // A bare term ("Chính phủ số là gì?"), not "… của …", a document's number or a content noun.
  return term && term.split(" ").length <= 6 && !/\b(cua|theo|trong|nao)\b|\d/.test(term) && !CONTENT_NOUN.test(term) ? term : null;
}

/** The defining-sentence pattern of each term asked (a named document's chunks are all tested against one term). */
const definingPattern = new Map<string, RegExp>();
const MAX_TERM_PATTERNS = 1000;

/**
 * Does a sentence define the term: the term opens it (after an item marker, or "khái niệm") and "là", "được hiểu
 * là" follow, with its own words after them — "- Chuyển đổi số là quá trình đổi mới …" defines "chuyen doi so";
 * "Đẩy mạnh chuyển đổi số là nhiệm vụ …" and a title line "Kế hoạch thúc đẩy chuyển đổi số" do not. A labelled value
 * ("Mã kiểm thử: ABC-12") answers "Mã kiểm thử là gì?" too.
 */
export function definesTerm(term: string, text: string): boolean {
  const f = fold(text).replace(/[*_"“”']/g, "").trim();
  let re = definingPattern.get(term);
  if (!re) {
    if (definingPattern.size > MAX_TERM_PATTERNS) definingPattern.clear();
    const esc = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    re = new RegExp(`^(?:[-+•]|\\(?\\d+(?:\\.\\d+)*[.)]|[a-z]\\))?\\s*(?:khai niem\\s+)?${esc}(?:\\s*\\([^)]*\\))?\\s*(?:,\\s*)?(?:la|duoc hieu la|duoc dinh nghia la|co nghia la|duoc hieu nhu sau|bao gom|gom co|gom)\\s*:?\\s+(\\S+\\s+){2,}|^(?:[-+•]|\\(?\\d+(?:\\.\\d+)*[.)]|[a-z]\\))?\\s*${esc}\\s*:\\s*\\S`);
    definingPattern.set(term, re);
  }
  return re.test(f);
}

/** A phrase in quotes: “05 không”, "chủ quản dữ liệu". */
const QUOTED = /[“"]([^”"]{2,80})[”"]/;

/** The phrase a question quotes, folded ("“05 không”" → "05 khong"), whatever it asks of it; null when none. */
export function quotedPhrase(question: string): string | null {
  return QUOTED.exec(fold(question))?.[1]?.trim() ?? null;
}

/**
 * A quoted phrase in a question about meaning: 'Yêu cầu “thực chất, hiệu quả” … được hiểu như thế nào?' → "thuc chat,
 * hieu qua". It may be defined by the texts ("- Thực chất, hiệu quả: …") or only used in them ("… trí tuệ nhân tạo (AI
 * First)"), so it is a term to prefer, not one every answer must define.
 */
export function quotedTerm(question: string): string | null {
  const f = fold(question);
  const quoted = QUOTED.exec(f);
  // Meaning is asked of it ("… được hiểu như thế nào?", "“X” là gì?"), not of another noun after it ("… dữ liệu “đúng,
  // đủ, sạch, sống” có kết quả là gì?" asks for a result).
  const meaning = /\b(duoc hieu|duoc dinh nghia|co nghia|nghia la|hieu (nhu )?the nao)\b/.test(f) || /[”"]\s*(la gi|la the nao|nghia la gi)\b/.test(f);
  return quoted && meaning ? quoted[1]!.trim() : null;
}

/** A scope after the thing asked about: "… trong các khu công nghiệp", "… của thành phố", "… tại xã". */
const SCOPE_TAIL = /\s+(?:trong|tai|cua|o|thuoc|doi voi|cho|tren dia ban)\s.*$/;

/**
 * What a "… gồm những nội dung gì?" question asks the parts of, when it is longer than a bare term: "Theo KH 310,
 * phát triển hạ tầng 5G, IoT trong các khu công nghệ cao … gồm những nội dung gì?" → "phat trien ha tang 5g, iot" (the
 * scope after it dropped: the text says "Phát triển hạ tầng 5G, IoT bao gồm: …"). A term to prefer where some
 * passage spells its parts out, not one every answer must define.
 */
export function partsTerm(question: string): string | null {
  const f = fold(question).replace(/[?!.]+\s*$/, "").trim();
  const m = f.match(/^(?:(?:theo|trong|tai|o|voi|doi voi)\s[^,]*,\s*)?(.+?)\s+(?:bao gom|gom co|gom)\s+(?:nhung\s+)?(?:gi|(?:thanh phan|bo phan|linh vuc|noi dung|loai|phan|hang muc)\s+(?:nao|gi))$/);
  if (!m) return null;
  const x = m[1]!.replace(SCOPE_TAIL, "").replace(/^(?:viec|cong tac)\s+/, "").trim();
  const words = x.split(/\s+/).length;
  return words >= 2 && words <= 8 && !/\b(nao|gi)\b|\d+\/|\b(19|20)\d{2}\b/.test(x) && !CONTENT_NOUN.test(x) ? x : null;
}

/** The term a question asks about: a quoted one first, else the one "… là gì?", "… được hiểu là gì?" defines, else what "… gồm những gì?" asks the parts of. */
export function termAsked(question: string): string | null {
  return quotedTerm(question) ?? definedTerm(question) ?? partsTerm(question);
}

/**
 * Does a text define the term by a label ("- **Thực chất, hiệu quả:** Chấm dứt … Mọi giải pháp …")? Then the whole
 * item under the label is the definition, not its first sentence.
 */
export function definesByLabel(term: string, text: string): boolean {
  const f = fold(text).replace(/[*_"“”']/g, "").trim();
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^(?:[-+•]|\\(?\\d+(?:\\.\\d+)*[.)]|[a-z]\\))?\\s*${esc}\\s*:\\s*\\S`).test(f);
}
