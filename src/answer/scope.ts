// Answer layer (pure): what the assistant is for, read before understanding — a citizen's own procedure question
// ("làm lại CCCD ở đâu?") is pointed to Cổng Dịch vụ công quốc gia; an English question is read through a small
// glossary of the programme's words into Vietnamese, and answered in Vietnamese with a one-line note.

import { foldDiacritics, normalizeText } from "../text/normalize.ts";
import { ENGLISH_SHARE, MAX_UNKNOWN_WORDS } from "./tuning.ts";

/** Matters of a citizen's own papers, residence, land, vehicle or insurance: "cấp lại CCCD", "tách hộ khẩu". */
const PERSONAL_MATTER =
  /\b(cccd|can cuoc|chung minh nhan dan|cmnd|ho khau|tam tru|thuong tru|ho chieu|khai sinh|dang ky ket hon|so do|so hong|quyen su dung dat|dat dai|bang lai|giay phep lai xe|dang ky xe|bien so xe|luong huu|bao hiem xa hoi|bhxh|the bao hiem y te|bhyt|thue thu nhap ca nhan|ly lich tu phap|vneid)\b/;
/** A person asking for themselves: "tôi", "em", "con tôi" … (folded, for a question typed without diacritics) */
const PERSONAL = /\b(toi|minh|con toi|nha toi|gia dinh toi|bo me toi)\b|^em\b/;
/** The same with diacritics: "tiến tới", "mình" — folded "toi" would also be "tới". */
const PERSONAL_MARKED = /(?:^|[^\p{L}])(tôi|mình|con tôi|nhà tôi|gia đình tôi|bố mẹ tôi)(?=$|[^\p{L}])|^em(?=$|[^\p{L}])/u;
/** Letters with Vietnamese diacritics: a question that has any was typed with them. */
const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/u;
/** Steps of a procedure: "làm lại", "cấp đổi", "thủ tục", "hồ sơ gồm gì", "lệ phí", "ở đâu", "bao lâu" … */
const PROCEDURE = /\b(lam (lai|moi)|cap (lai|doi|moi)|thu tuc|ho so|nop|le phi|bi mat|o dau|bao lau|giay to|lam sao|lam the nao|the nao de|tach|sang ten|dang ky)\b/;
/**
 * Words of the programme itself: "Ai chủ trì CSDL quốc gia về đất đai?" is a question about a task; "HĐND thành phố hỗ
 * trợ bao nhiêu tiền … chữ ký số … VNeID?" about a body's resolution.
 */
const PROGRAMME =
  /\b(nhiem vu|chu tri|phoi hop|ke hoach|quyet dinh|chuong trinh|de an|chi tieu|co so du lieu|csdl|chuyen doi so|chinh phu so|van ban|trien khai|bo nao|co quan nao|thoi han|tien do|lam sach|ket noi|du lieu quoc gia|so hoa|lo trinh|he thong thong tin|phan mem|ha tang|nen tang|qd|kh|cv|nq|tb|hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan|nghi quyet|thong bao|cong van|chinh sach|muc ho tro)\b|\b\d+\/(?:\d{4}\/)?[a-z]/;

/** "Tôi bị mất CCCD thì làm lại ở đâu?" → true; "Ai chủ trì xây dựng CSDL quốc gia về đất đai?" → false. */
export function isCitizenProcedure(message: string): boolean {
  const f = foldDiacritics(normalizeText(message));
  const personal = MARKED.test(message.toLowerCase()) ? PERSONAL_MARKED.test(normalizeText(message).toLowerCase()) : PERSONAL.test(f);
  return PERSONAL_MATTER.test(f) && (personal || PROCEDURE.test(f)) && !PROGRAMME.test(f);
}

export const OUT_OF_SCOPE_ANSWER =
  "Không tìm thấy thông tin về thủ tục này trong các văn bản hiện có: trợ lý chỉ trả lời về các quyết định, kế hoạch về Chính phủ số và chuyển đổi số đã được nạp (nhiệm vụ, cơ quan chủ trì, phối hợp, thời hạn, chỉ tiêu). Thủ tục hành chính của công dân (căn cước, cư trú, đất đai …) bạn có thể tra cứu và nộp hồ sơ trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc hỏi cơ quan tiếp nhận hồ sơ nơi cư trú.";

/** English words that are not also Vietnamese typed without diacritics ("the" is "thế", "do" is "do", "to" is "tổ"). */
const ENGLISH_WORDS = new Set(
  "what which who whom goal goals objective objectives whose when where why how is are was were does did will would should must shall of for with by from about and or this that these those there has have been being ministry ministries agency agencies task tasks deadline deadlines leads leading responsible charge digital government transformation national plan programme program decision law data many much percent target targets until before after coordinate coordinates coordinating support supports overdue due completed complete finished chair chairs chairman member members committee database databases center centre economy society portal services service public online security the a an in on at to be set aside minimum least share budget state science technology innovation issued signed".split(" "),
);

/** "Which ministry leads the Data Security Law?": most words English, a few of them at least. */
export function isEnglish(message: string): boolean {
  const words = message.toLowerCase().match(/[a-z]+/g) ?? [];
  const all = message.match(/[\p{L}]+/gu) ?? [];
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  return english >= 2 && english / Math.max(1, all.length) >= ENGLISH_SHARE;
}

/** English → Vietnamese, longest phrases first: agencies, the programme's terms, then the question's frame. */
const GLOSSARY: [RegExp, string][] = (
  [
    ["ministry of public security", "Bộ Công an"],
    ["ministry of finance", "Bộ Tài chính"],
    ["ministry of science and technology", "Bộ Khoa học và Công nghệ"],
    ["ministry of information and communications?", "Bộ Thông tin và Truyền thông"],
    ["ministry of health", "Bộ Y tế"],
    ["ministry of education and training", "Bộ Giáo dục và Đào tạo"],
    ["ministry of justice", "Bộ Tư pháp"],
    ["ministry of home affairs", "Bộ Nội vụ"],
    ["ministry of industry and trade", "Bộ Công Thương"],
    ["ministry of agriculture and environment", "Bộ Nông nghiệp và Môi trường"],
    ["ministry of construction", "Bộ Xây dựng"],
    ["ministry of national defen[cs]e", "Bộ Quốc phòng"],
    ["ministry of foreign affairs", "Bộ Ngoại giao"],
    ["state bank of viet ?nam", "Ngân hàng Nhà nước Việt Nam"],
    ["government office", "Văn phòng Chính phủ"],
    ["prime minister", "Thủ tướng Chính phủ"],
    ["national assembly", "Quốc hội"],
    ["people'?s committees?", "Ủy ban nhân dân"],
    ["(?:law on data security|data security law)", "Luật An ninh dữ liệu"],
    ["(?:law on digital transformation|digital transformation law)", "Luật Chuyển đổi số"],
    ["(?:law on artificial intelligence|artificial intelligence law|ai law)", "Luật Trí tuệ nhân tạo"],
    ["national committee (?:on|for) digital transformation", "Ủy ban Quốc gia về chuyển đổi số"],
    ["steering committee", "Ban Chỉ đạo"],
    ["national data cent(?:er|re)", "Trung tâm dữ liệu quốc gia"],
    ["national databases?", "cơ sở dữ liệu quốc gia"],
    ["national public service portal", "Cổng Dịch vụ công quốc gia"],
    ["online public services?", "dịch vụ công trực tuyến"],
    ["public services?", "dịch vụ công"],
    ["administrative procedures?", "thủ tục hành chính"],
    ["digital government", "Chính phủ số"],
    ["e-government", "Chính phủ điện tử"],
    ["digital transformation", "chuyển đổi số"],
    ["digital economy", "kinh tế số"],
    ["digital society", "xã hội số"],
    ["artificial intelligence", "trí tuệ nhân tạo"],
    ["cyber ?security", "an ninh mạng"],
    ["information security", "an toàn thông tin"],
    ["databases?", "cơ sở dữ liệu"],
    ["data", "dữ liệu"],
    ["platforms?", "nền tảng"],
    ["decision (?:no\\.? )?(\\d+[^\\s,?]*)", "Quyết định $1"],
    ["when (?:was|were)", ""],
    ["(?:issued|signed|promulgated|adopted)", "ban hành ngày nào"],
    ["state budget", "ngân sách nhà nước"],
    ["budget", "ngân sách"],
    ["(?:minimum|at least)", "tối thiểu"],
    ["(?:what )?(?:share|proportion)", "tỷ lệ bao nhiêu"],
    ["(?:be )?set aside|allocated?", "bố trí"],
    ["science\\W+technology\\W+innovation", "khoa học, công nghệ, đổi mới sáng tạo"],
    ["science and technology", "khoa học và công nghệ"],
    ["innovation", "đổi mới sáng tạo"],
    ["how many tasks", "có bao nhiêu nhiệm vụ"],
    ["which (?:tasks|duties)", "những nhiệm vụ nào"],
    ["which ministry", "bộ nào"],
    ["which agency", "cơ quan nào"],
    ["who (?:chairs|is (?:the )?chair(?:man)? of)", "ai làm Chủ tịch"],
    ["who (?:is )?(?:responsible for|in charge of|leads?)", "ai chủ trì"],
    ["(?:is )?responsible for|in charge of|leads?|leading", "chủ trì"],
    ["vice[- ]chair(?:man)?", "Phó Chủ tịch"],
    ["chairman|chair", "Chủ tịch"],
    ["members?", "thành viên"],
    ["committee", "Ủy ban"],
    ["national", "quốc gia"],
    ["(?:goals?|objectives?|aims?)", "mục tiêu"],
    ["coordinat(?:e|es|ing)|supports?", "phối hợp"],
    ["(?:what is the )?deadline(?: for)?|by when|when", "thời hạn khi nào"],
    ["overdue", "quá hạn"],
    ["due in", "đến hạn trong"],
    ["tasks?|duties", "nhiệm vụ"],
    ["targets?", "chỉ tiêu"],
    ["percent(?:age)?", "phần trăm"],
    ["completed|complete|finished", "hoàn thành"],
    ["submit(?:ted)?(?: to)?", "trình"],
    ["by (\\d{4})", "đến năm $1"],
    ["in (\\d{4})", "năm $1"],
  ] as const
).map(([en, vi]) => [new RegExp(`\\b${en}\\b`, "gi"), vi]);

/** Words left over that carry nothing once the frame is read ("the", "does", "of" …). */
const FILLER = /\b(the|a|an|does|do|did|is|are|was|were|will|must|should|be|been|of|for|to|with|what|which|who|how|and|or|in|on|at|by|its|it|this|that|there|has|have|many|much|plan|programme|program|decision)\b/gi;

/**
 * An English question in Vietnamese words: "Which ministry leads the Data Security Law?" → "bộ nào chủ trì Luật An
 * ninh dữ liệu". Null when content words are left that the glossary does not know (an answer from the rest would
 * be about something else).
 */
export function englishToVietnamese(message: string): string | null {
  // Each phrase read is set aside as a mark, so that what is left is what the glossary did not know.
  const read: string[] = [];
  // "What is X?" → "X là gì" (Vietnamese asks it at the end).
  const definition = /^\s*what (?:is|are) (?!the (?:deadline|target|goal))/i.exec(message);
  let t = ` ${(definition ? message.slice(definition[0].length) : message).replace(/[?!.,]+/g, " ")} `;
  for (const [re, vi] of GLOSSARY) {
    t = t.replace(re, (_m, g1?: unknown) => {
      read.push(vi.replace("$1", typeof g1 === "string" ? g1 : ""));
      return ` \u0001${read.length - 1}\u0002 `;
    });
  }
  t = t.replace(FILLER, " ");
  // Only words typed in plain letters are unknown English: a Vietnamese name in the question ("Bộ Công an") is kept.
  const unknown = (t.replace(/\u0001\d+\u0002/g, " ").match(/[\p{L}]{3,}/gu) ?? []).filter((w) => /^[a-z]+$/i.test(w));
  if (!read.length || unknown.length > MAX_UNKNOWN_WORDS) return null;
  const vi = `${t.replace(/\u0001(\d+)\u0002/g, (_m, i: string) => read[Number(i)]!)}${definition ? " là gì" : ""}`.replace(/\s+/g, " ").trim();
  return vi.length ? vi : null;
}

export const ENGLISH_NOTE = (vi: string) => `(Câu hỏi tiếng Anh được hiểu là: “${vi}”; trả lời bằng tiếng Việt theo văn bản.)`;
export const ENGLISH_NOT_FOUND =
  "Không tìm thấy thông tin cho câu hỏi này trong các văn bản hiện có: trợ lý trả lời bằng tiếng Việt từ các quyết định, kế hoạch về Chính phủ số và chuyển đổi số đã được nạp; bạn có thể hỏi lại bằng tiếng Việt với tên nhiệm vụ, cơ quan hoặc văn bản. (This assistant answers in Vietnamese from Vietnam's digital-government decisions; please ask in Vietnamese.)";
