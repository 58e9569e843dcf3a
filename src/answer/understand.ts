// Answer layer (pure): understand a question — intent, agency, period, document hints, topic words —
// with or without diacritics, using the history for follow-ups ("Còn cơ quan phối hợp?").

import { foldDiacritics, normalizeText } from "../text/normalize.ts";
import { expandAbbreviations, TOPIC_BREAK, topicTerms } from "../text/tokenize.ts";
import { type Agency, findAgencies } from "../tasks/agencies.ts";
import { detectPeriod, type Period } from "./periods.ts";
import { UPCOMING_DAYS } from "./tuning.ts";
import type { ChatTurn, Intent } from "./types.ts";
import { countsTasks } from "./answerability.ts";
import { questionUnits, writtenUnits } from "./units.ts";
import { VIA_ASKED } from "./answer-type.ts";

export interface Understanding {
  intent: Intent;
  /** Every field asked about ("Ai chủ trì …? Hạn bao giờ?" asks lead and deadline). */
  asks: Set<"lead" | "coordinators" | "deadline" | "output">;
  agencies: Agency[];
  /** Units named as written, without their place ("Sở Tài chính Hà Nội" → "Sở Tài chính"): registry or not. */
  units: string[];
  /** The same units as the question writes them ("Sở KH&CN Ninh Bình"). */
  unitsWritten: string[];
  /** Agencies named outside a document reference ("trong kế hoạch … của Ủy ban Quốc gia …" names a document). */
  actors: Agency[];
  period: Period | null;
  topic: string[];
  /** The topic without the phrases naming a document ("Trong kế hoạch triển khai … của TP.HCM, …"). */
  ownTopic: string[];
  /** The text used to find the task: the question, plus the previous question for follow-ups. */
  query: string;
  followUp: boolean;
  /** "bao nhiêu nhiệm vụ …": a count of tasks is asked (answered with the /api/tasks selection's size). */
  counts: boolean;
  wantsDraft: boolean;
  folded: string;
}

const has = (f: string, re: RegExp) => re.test(f);

/** "trong/theo/của + a document (Quyết định 942, Kế hoạch 02-KH/BCĐTW, Chương trình … (2629), dự thảo …)", up to "thì", a comma or the end. */
// (Typed without diacritics too: "… trong ke hoach hoat dong 2022 cua uy ban …".)
const DOCUMENT_REFERENCE =
  /(?:^|\s)(?:trong|theo|tại|tai|của|cua|ở)\s+(?:(?:bản\s+|ban\s+)?(?:dự thảo\s+|du thao\s+)?(?:quyết định|quyet dinh|qđ|qd|kế hoạch|ke hoach|kh|chương trình|chuong trinh|chiến lược|chien luoc|đề án|de an|nghị quyết|nghi quyet|bản tin|ban tin|văn bản|van ban)(?![\p{L}]))[^,?]*?(?=\s+(?:thì|thi)(?![\p{L}])|[,?]|$)/giu;

/** What an overdue list is about: tasks, not "hồ sơ quá hạn" of a procedure. */
const OVERDUE_SUBJECT = /nhiem vu|cong viec|\bviec\b|hang muc|de an|du an|chi tieu|noi dung/;
/** "nhiệm vụ của BTC hạn quý 1 năm 2026", "việc do Bộ Công an chủ trì …": an agency's tasks, not one task's field. */
const AGENCY_TASKS = /^(?:cac |nhung )?(?:nhiem vu|viec|cong viec) (?:cua|do|ma)\b/;
/** Phrases of a follow-up that name the field asked, not a topic: "phối hợp với ai, bao lâu làm một lần?". */
/** Words asking for a task's result or product. */
const OUTPUT_WORDS = /ket qua|san pham|dau ra|can dat duoc|tao ra/;
/** Results as what a duty handles ("báo cáo kết quả", "đánh giá kết quả thực hiện"), not as the field asked. */
const RESULT_AS_OBJECT =
  /\b(bao cao|tong hop|danh gia|cong bo|thong bao|so ket|tong ket|kiem tra|giam sat|theo doi|cong khai|gui)(,? \S+){0,2} ket qua( (thuc hien|trien khai|giai quyet|xu ly|hoat dong))?\b|\bket qua (thuc hien|trien khai|giai quyet|xu ly)\b/g;
const FIELD_PHRASES = /\b(bao lau|(mot|1|may) lan|du kien|dau ra|cu the|the nao|ra sao)\b/g;

/**
 * Abbreviations written out, as the answerer compares texts: "Cổng DVC quốc gia và các CSDL" → "Cổng dịch vụ công
 * quốc gia và các cơ sở dữ liệu" (task and passage texts are compared in the same long forms).
 */
export function longForms(text: string): string {
  // Two letters stay: "AI" is a term, and the question word "ai" (who) must not turn into one.
  return text.replace(/[\p{L}&]{3,}/gu, (w) => {
    const e = expandAbbreviations(w);
    return e === w ? w : e.slice(w.length + 1);
  });
}

/** Concepts named after a body: "Luật Chính phủ số", "chính quyền điện tử" name no agency. */
const CONCEPTS = /(?<![\p{L}])(chính (phủ|quyền)|chinh (phu|quyen)) (số|điện tử|so|dien tu)(?![\p{L}])/giu;

/**
 * A số hiệu names its issuer's code, not an actor: "Kế hoạch 310/KH-UBND", "163/2025/QĐ-CTUBND", "220/CĐ-TTg", and the
 * Party's "02-KH/BCĐTW", "57-NQ/TW".
 */
const DOCUMENT_NUMBER = /(?<![\p{L}\d])\d+(?:(?:\/\d{4})?\/[\p{L}&]+(?:-[\p{L}&]+)*|-[\p{L}&]+\/[\p{L}&]+(?:-[\p{L}&]+)*)/gu;

function withoutConcepts(text: string): string {
  return text.replace(CONCEPTS, " ").replace(DOCUMENT_NUMBER, " ");
}

/** The question without the phrases that name a document ("trong kế hoạch triển khai … của TP.HCM"). */
export function withoutDocumentReferences(text: string): string {
  return text.replace(DOCUMENT_REFERENCE, " ");
}

type Field = Understanding["asks"] extends Set<infer T> ? T : never;

/** The fields a question asks ("Ai chủ trì …? Hạn bao giờ?" → lead, deadline); `fWho` reads "ai" only as "who". */
function fieldsAsked(f: string, fWho: string): Set<Field> {
  const asks = new Set<Field>();
  if (has(fWho, /\bai\b|do ai/) || has(f, /\b(bo|co quan|don vi|ben|ban) nao\b|chu tri|chiu trach nhiem|giao cho|phu trach|dau moi/)) asks.add("lead");
  // ("Hệ thống có những chức năng hỗ trợ nào?" asks for functions: "hỗ trợ" asks who only with a who-word.)
  if (has(f, /phoi hop|cung tham gia|\b(ai|nao|nhung ai|don vi nao|co quan nao)( se| duoc)? ho tro\b|\bho tro (boi|cung)\b|\bai ho tro\b/)) asks.add("coordinators");
  if (has(f, /khi nao|bao gio|han chot|thoi han|\bhan\b|thoi gian|ngay nao|thang (may|nao)|nam nao|giai doan nao|luc nao|moc nao|thoi diem nao|den han|truoc ngay|xong/)) asks.add("deadline");
  // How often ("bao lâu … một lần", "định kỳ mấy tháng", "tần suất"): a recurring deadline ("Hằng năm") answers.
  else if (has(f, /bao lau (\S+ ){0,4}(mot|1) lan|may lan|bao nhieu lan|tan suat|dinh ky (bao lau|may|nhu the nao|ra sao)/)) asks.add("deadline");
  if (has(f, OUTPUT_WORDS)) asks.add("output");
  // "… tổng hợp, báo cáo kết quả triển khai trước ngày nào?": results reported are what the task is about; with
  // another field asked, that "kết quả" is topic, not the output asked.
  if (asks.size > 1 && asks.has("output") && !has(f.replace(RESULT_AS_OBJECT, " "), OUTPUT_WORDS)) asks.delete("output");
  // "… qua cơ quan nào?" asks which body a report goes through (answer-type.ts), not who leads.
  if (has(f, VIA_ASKED)) asks.delete("lead");
  // "Ai phối hợp …" asks for coordinators, not the lead.
  if (asks.has("coordinators") && !has(f, /chu tri/)) asks.delete("lead");
  return asks;
}

/** "sắp đến hạn" without a period: the next UPCOMING_DAYS days. */
function upcoming(f: string, today: Date): Period | null {
  if (!/sap (den|het|toi) han|sap phai hoan thanh|sap het thoi han/.test(f)) return null;
  const end = new Date(today.getTime() + UPCOMING_DAYS * 86_400_000);
  const vn = (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
  return { start: today.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10), text: `${UPCOMING_DAYS} ngày tới (${vn(today)}–${vn(end)})` };
}

/**
 * When a document was issued, said of it in passing: "… mà Bộ VHTTDL công bố tháng 11/2025", "Quyết định ban hành năm
 * 2025 …", "… do UBND tỉnh ký ngày 19/11/2025". (Not "… phải ban hành trong tháng 12/2025", a deadline.)
 */
const ISSUED_AT =
  /(?<=(?:(?:^|[^\p{L}])(?:mà|do|đã|vừa)\s(?:(?:(?!phải|cần|sẽ|dự kiến|được giao|chưa)[^,;?]){0,60}?\s)?|(?:quyết định|kế hoạch|công văn|thông báo|nghị quyết|văn bản|chỉ thị|quy chế)\s(?:được\s)?)(?:ban hành|công bố|ký|phê duyệt))\s+(?:vào\s+|trong\s+|hồi\s+)?(?:ngày\s+\d{1,2}(?:\/\d{1,2}\/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})|tháng\s+\d{1,2}(?:\/|\s+năm\s+)\d{4}|năm\s+\d{4}|\d{1,2}\/\d{4})/giu;

/** A question asking who: "giao ai …", "cơ quan nào chủ trì …" (folded). */
const ASKS_WHO = /\b(?:ai|(?:co quan|don vi|bo|so|nganh|ban) nao)\b/;

/** A year as a question writes it: "năm 2025", "đến năm 2030". */
const YEAR_PHRASE = /(?:đến\s+)?năm\s+\d{4}/giu;

/** Words of the question before a year that, with it, must be part of a document's title for the year to be the title's. */
const TITLE_WORDS_BEFORE_YEAR = 4;

/** Folded words of a text, one space apart: "Xã hội số đến năm 2025," → "xa hoi so den nam 2025". */
export const titleWords = (text: string): string => (foldDiacritics(normalizeText(text)).toLowerCase().match(/[a-z0-9]+/g) ?? []).join(" ");

/**
 * A year the question writes as part of a document's title ("… Chiến lược quốc gia phát triển kinh tế số và xã hội số
 * đến năm 2025, định hướng đến năm 2030, Bộ Y tế được giao …"; "Kế hoạch chuyển đổi số năm 2025 giao …") names that
 * document, not a period its tasks are due in: read with the words before it, it is in a title of the corpus.
 */
function withoutTitleYears(text: string, inTitle: (words: string) => boolean): string {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(YEAR_PHRASE)) {
    const before = titleWords(text.slice(0, m.index)).split(" ").filter(Boolean).slice(-TITLE_WORDS_BEFORE_YEAR);
    if (before.length === TITLE_WORDS_BEFORE_YEAR && inTitle(`${before.join(" ")} ${titleWords(m[0])}`)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans.reduceRight((t, [a, b]) => `${t.slice(0, a)} ${t.slice(b)}`, text);
}

/** What the corpus knows that a question is read with (each optional; without them a question is read on its own words). */
export interface CorpusReading {
  /** Does the corpus use these two folded syllables as a pair ("giao_thong")? With it, a question typed without
   * diacritics keeps the halves of content words that look like function words (tokenize.ts topicTerms). */
  knownPair?: (a: string, b: string) => boolean;
  /** The units the texts write that a question typed without diacritics names ("so tai chinh" → "Sở Tài chính"). */
  typedUnits?: (message: string) => { name: string; typed: string }[];
  /** Is this run of folded words (titleWords) part of a document title? */
  inTitle?: (words: string) => boolean;
}

export function understand(message: string, history: ChatTurn[] = [], today = new Date(), texts: CorpusReading = {}): Understanding {
  const { knownPair, typedUnits } = texts;
  const q = normalizeText(message);
  const f = foldDiacritics(q);
  // "AI" in capitals is artificial intelligence ("Nguyên tắc AI First"), not "ai" (who) — unless the whole
  // message is typed in capitals.
  const fWho = q === q.toUpperCase() ? f : foldDiacritics(q.replace(/(^|[^\p{L}])AI(?=$|[^\p{L}])/gu, "$1 "));
  const asks = fieldsAsked(f, fWho);

  const agencies = findAgencies(withoutConcepts(q)).map((m) => m.agency);
  let units = questionUnits(q.replace(DOCUMENT_REFERENCE, " "));
  // A question typed without diacritics names the units the texts write ("so tai chinh" → "Sở Tài chính"; typedUnits,
  // given by the caller who knows the texts); the registry's bodies are read by findAgencies already.
  const typed = units.length ? [] : (typedUnits?.(withoutConcepts(q)) ?? []).filter((x) => !findAgencies(x.name).length);
  if (typed.length) units = typed.map((x) => x.name);
  // "… nhóm thủ tục mà Bộ VHTTDL công bố tháng 11/2025 …": the document's own date, neither a period asked nor a topic.
  const dated = q.replace(ISSUED_AT, " ");
  // "… xã hội số đến năm 2025, định hướng đến năm 2030, Bộ Y tế …": the years of a title the question names are no
  // period either (they stay topic words: "… lộ trình … đến năm 2035" is found by its "2035").
  const undated = texts.inTitle ? withoutTitleYears(dated, texts.inTitle) : dated;
  const period = detectPeriod(undated, today) ?? upcoming(foldDiacritics(undated), today);
  // A số hiệu's issuer code is no topic ("21/QĐ-UBND" → "21": the number still names the document).
  const topic = topicTerms(longForms(dated.replace(DOCUMENT_NUMBER, (m) => m.match(/^\d+/)![0])), knownPair).terms;

  // "Có bao nhiêu nhiệm vụ đến hạn trong quý I/2026?", "Bộ Công an có bao nhiêu nhiệm vụ?": the list's count.
  const counts = countsTasks(f);
  let intent: Intent;
  // "Nhiệm vụ nào đã quá hạn?" lists overdue tasks; "… phạt tiền bao nhiêu … để hồ sơ quá hạn?" asks something else.
  if (has(f, /qua han|tre han|cham tien do|het han ma/) && (agencies.length > 0 || has(f, OVERDUE_SUBJECT)) && (counts || !has(f, /bao nhieu|\bmay\b/))) intent = "overdue";
  else if (period && has(f, /(den han|het han|toi han|phai hoan thanh|can hoan thanh|han|hoan thanh|phai xong|xong truoc)/) && (counts || has(f, /nhung nhiem vu|nhiem vu nao|cac nhiem vu|viec nao|nhung viec|nhiem vu gi/) || (agencies.length > 0 && has(f, AGENCY_TASKS)))) intent = "tasks_due";
  // ("… Ban Chỉ đạo giao ai chủ động chỉ đạo …" with "các nhiệm vụ" in its topic asks who, not a body's list.)
  else if ((agencies.length > 0 || units.length > 0) && (counts || has(f, /nhung (nhiem vu|viec|noi dung|trach nhiem|kien nghi|de xuat)|(nhiem vu|trach nhiem|kien nghi|de xuat) (gi|nao)\b|viec gi\b|duoc giao (nhung|gi|chu tri|viec)|chu tri nhung|lam (nhung )?gi|cac nhiem vu/)) && !asks.has("deadline") && !ASKS_WHO.test(fWho)) intent = "tasks_by_agency";
  // (A "100%" that only names the task — "nhiệm vụ số hóa 100% hồ sơ … có kết quả là gì?" — asks for that field.)
  else if ((has(f, /chi tieu|bao nhieu|ti le|ty le|bao nhieu phan tram|muc tieu .*(dat|la)/) || (has(f, /%/) && !asks.has("output") && !asks.has("deadline") && !asks.has("lead"))) && !asks.has("coordinators")) intent = "target";
  else if (/^ai la\b|\bla ai\b/.test(fWho) && asks.size === 1) intent = "explain";
  else if (asks.has("output")) intent = "output";
  else if (asks.has("coordinators")) intent = "coordinators";
  else if (asks.has("lead")) intent = "lead";
  else if (asks.has("deadline")) intent = "deadline";
  else intent = "explain";

  // Follow-up: few topic words of its own, and an earlier user turn to lean on.
  // The task a follow-up refers to: the latest earlier question that had a topic of its own
  // ("Còn cơ quan phối hợp?" after "Thế hạn chót thì sao?" still means the first question's task).
  const contentOf = (text: string) => topicTerms(text).terms.filter((t) => t !== TOPIC_BREAK).length;
  const prevUser = [...history].reverse().find((t) => t.role === "user" && contentOf(t.content) >= 2)?.content;
  // A follow-up may only change the document ("Thế trong Chương trình … (2629) thì bộ nào chủ trì?", "Còn theo
  // Quyết định 942 thì sao?"): the words naming a document are not a topic of its own.
  // Nor are the words that only say which field is asked ("bao lâu làm một lần", "dự kiến").
  const ownText = foldDiacritics(q.replace(DOCUMENT_REFERENCE, " ")).replace(FIELD_PHRASES, " ");
  const content = topicTerms(ownText).terms.filter((t) => t !== TOPIC_BREAK).length;
  // (Its few words may repeat the earlier question's: "Bao lâu báo cáo một lần?" after "… ai tham mưu … báo cáo Bộ
  // Tài chính …?" asks about the same task.)
  const own = topicTerms(ownText).terms.filter((t) => t !== TOPIC_BREAK);
  const repeats = () => {
    const before = new Set(topicTerms(foldDiacritics(prevUser!)).terms);
    return own.every((t) => before.has(t));
  };
  const followUp = !!prevUser && content <= 2 && intent !== "tasks_by_agency" && (/^(con|the con|vay|the|va)\b/.test(f) || content <= 1 || repeats());
  const query = followUp ? `${prevUser} ${q}` : q;
  return {
    intent,
    asks,
    // A follow-up that names no agency keeps the earlier question's ("Còn thời hạn?" after "Bộ Y tế được giao …").
    agencies: followUp && agencies.length === 0 ? findAgencies(query).map((m) => m.agency) : agencies,
    units: followUp && units.length === 0 ? questionUnits(query.replace(DOCUMENT_REFERENCE, " ")) : units,
    unitsWritten: [...writtenUnits((followUp && units.length === 0 ? query : q).replace(DOCUMENT_REFERENCE, " ")), ...typed.map((x) => x.typed)],
    actors: findAgencies((followUp && agencies.length === 0 ? query : q).replace(DOCUMENT_REFERENCE, " ")).map((m) => m.agency),
    period,
    topic: followUp ? topicTerms(longForms(query), knownPair).terms : topic,
    ownTopic: topicTerms(longForms(withoutDocumentReferences(followUp ? query : q)), knownPair).terms,
    query,
    followUp,
    counts,
    wantsDraft: has(f, /du thao/),
    folded: f,
  };
}
