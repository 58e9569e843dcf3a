// Answer layer (pure): an English question about the programme, read into Vietnamese words through a glossary of
// the domain — the bodies of the State and their provincial departments, the kinds of documents, the programme's
// terms and the question's frame — and answered in Vietnamese with a one-line note saying how it was read. A question
// whose content words the glossary does not know is not read at all: an answer from the rest would be about
// something else.

import { foldDiacritics } from "../text/normalize.ts";
import { PROVINCE_NAMES } from "../text/places.ts";
import { ENGLISH_SHARE, MAX_UNKNOWN_WORDS } from "./tuning.ts";

/** English words that are not also Vietnamese typed without diacritics ("the" is "thế", "do" is "do", "to" is "tổ"). */
const ENGLISH_WORDS = new Set(
  "what which who whom goal goals objective objectives whose when where why how is are was were does did will would should must shall of for with by from about and or this that these those there has have been being ministry ministries agency agencies task tasks deadline deadlines leads leading responsible charge digital government transformation national plan programme program decision law data many much percent target targets until before after coordinate coordinates coordinating support supports overdue due completed complete finished chair chairs chairman member members committee database databases center centre economy society portal services service public online security the a an in on at to be set aside minimum least share budget state science technology innovation issued signed under according official dispatch appendix strategy draft period level need needs still assigned province provinces city department".split(" "),
);

/** A Vietnamese syllable typed without diacritics: onset, vowels, coda ("nghieng", "truong", "qua"). */
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/** An English word: one of the programme's or the frame's, or one no Vietnamese syllable is spelt like ("eligible"). */
const englishWord = (w: string) => ENGLISH_WORDS.has(w) || (w.length > 1 && !VIETNAMESE_SYLLABLE.test(w));

/** Words only an English sentence is built with (not a Vietnamese syllable typed bare: "the" may be "thế"). */
const ENGLISH_FRAME = /\b(?:which|what|who|whom|whose|how|does|did|is|are|was|were|has|have|of|for|with|from|under|according|should|must|will|would|many|much)\b/i;

/** "Which ministry leads the Data Security Law?": most words English, a few of them at least, and an English frame
 * ("dich vu cong online website" is Vietnamese with two loanwords). (Codes in capitals, "UBND", "TTHC", count for
 * neither.) */
export function isEnglish(message: string): boolean {
  const all = (message.match(/[\p{L}]+/gu) ?? []).filter((w) => w.length < 2 || w !== w.toUpperCase());
  const english = all.filter((w) => /^[a-z]+$/i.test(w) && englishWord(w.toLowerCase())).length;
  return english >= 2 && english / Math.max(1, all.length) >= ENGLISH_SHARE && ENGLISH_FRAME.test(message);
}

/** The fields of government a ministry (Bộ …) and a province's department (Sở …) are named for. */
const FIELDS: [string, string][] = [
  ["public security", "Công an"],
  ["finance", "Tài chính"],
  ["planning and investment", "Kế hoạch và Đầu tư"],
  ["science and technology", "Khoa học và Công nghệ"],
  ["information and communications?", "Thông tin và Truyền thông"],
  ["health", "Y tế"],
  ["education and training", "Giáo dục và Đào tạo"],
  ["justice", "Tư pháp"],
  ["home affairs", "Nội vụ"],
  ["industry and trade", "Công Thương"],
  ["agriculture and environment", "Nông nghiệp và Môi trường"],
  ["agriculture and rural development", "Nông nghiệp và Phát triển nông thôn"],
  ["natural resources and environment", "Tài nguyên và Môi trường"],
  ["construction", "Xây dựng"],
  ["transport", "Giao thông vận tải"],
  ["national defen[cs]e", "Quốc phòng"],
  ["foreign affairs", "Ngoại giao"],
  ["culture,? sports? and tourism", "Văn hóa, Thể thao và Du lịch"],
  ["labou?r,? invalids and social affairs", "Lao động - Thương binh và Xã hội"],
  ["ethnic and religious affairs", "Dân tộc và Tôn giáo"],
];

/** Bodies of the State as English writes them (before the words they are made of). */
const BODIES: [string, string][] = [
  ...FIELDS.map(([en, vi]): [string, string] => [`(?:the )?ministry of ${en}`, `Bộ ${vi}`]),
  ...FIELDS.map(([en, vi]): [string, string] => [`(?:the )?(?:provincial )?department of ${en}`, `Sở ${vi}`]),
  ["state bank(?: of viet ?nam)?", "Ngân hàng Nhà nước Việt Nam"],
  ["government office", "Văn phòng Chính phủ"],
  ["government inspectorate", "Thanh tra Chính phủ"],
  ["viet ?nam social security", "Bảo hiểm xã hội Việt Nam"],
  ["supreme people'?s court", "Tòa án nhân dân tối cao"],
  ["supreme people'?s procuracy", "Viện Kiểm sát nhân dân tối cao"],
  ["voice of viet ?nam", "Đài Tiếng nói Việt Nam"],
  ["viet ?nam television", "Đài Truyền hình Việt Nam"],
  ["viet ?nam news agency", "Thông tấn xã Việt Nam"],
  ["(?:general )?statistics office", "Tổng cục Thống kê"],
  ["state treasury", "Kho bạc Nhà nước"],
  ["(?:general )?department of taxation|tax department", "Cục Thuế"],
  ["deputy prime minister", "Phó Thủ tướng Chính phủ"],
  ["prime minister", "Thủ tướng Chính phủ"],
  ["national assembly", "Quốc hội"],
  ["provincial people'?s committees?", "Ủy ban nhân dân tỉnh"],
  ["people'?s committees?", "Ủy ban nhân dân"],
  ["people'?s councils?", "Hội đồng nhân dân"],
  ["provincial police", "Công an tỉnh"],
  ["national committee (?:on|for) digital transformation", "Ủy ban Quốc gia về chuyển đổi số"],
  ["(?:central )?steering committee", "Ban Chỉ đạo"],
  ["emulation (?:and commendation )?council", "Hội đồng thi đua"],
  ["telecom(?:munications?)? (?:operators?|enterprises?|businesses|companies|firms)", "doanh nghiệp viễn thông"],
  ["(?:enterprises?|businesses|companies|firms)", "doanh nghiệp"],
  ["ministries,? sectors,? and localities|ministries,? sectors,? localities", "bộ, ngành, địa phương"],
  ["ministries and sectors", "bộ, ngành"],
  ["ministries", "các bộ"],
  ["sectors", "ngành"],
  ["localities|locals", "địa phương"],
  ["communes? and wards?", "xã, phường"],
  ["communes?", "xã"],
  ["wards?", "phường"],
  ["(?:communal|commune) level", "cấp xã"],
  ["provincial level", "cấp tỉnh"],
  ["provinces?", "tỉnh"],
  ["the government", "Chính phủ"],
];

/** Kinds of documents and their parts ("Decision 942/QĐ-TTg" keeps its số hiệu as written). */
const DOCUMENTS: [string, string][] = [
  ["(?:law on data security|data security law)", "Luật An ninh dữ liệu"],
  ["(?:law on digital transformation|digital transformation law)", "Luật Chuyển đổi số"],
  ["(?:law on artificial intelligence|artificial intelligence law|ai law)", "Luật Trí tuệ nhân tạo"],
  ["(?:law on data|data law)", "Luật Dữ liệu"],
  ["decision (?:no\\.? )?(\\d+[^\\s,?]*)", "Quyết định $1"],
  ["(?:legal|legal normative|legislative) documents?", "văn bản quy phạm pháp luật"],
  ["result documents?|result papers?", "giấy tờ kết quả"],
  ["official dispatch(?:es)?|urgent dispatch(?:es)?", "Công điện"],
  ["official letters?|dispatch(?:es)?", "Công văn"],
  ["decisions?", "Quyết định"],
  ["plans?", "Kế hoạch"],
  ["directives?", "Chỉ thị"],
  ["resolutions?", "Nghị quyết"],
  ["decrees?", "Nghị định"],
  ["circulars?", "Thông tư"],
  ["regulations?|rules", "Quy chế"],
  ["strateg(?:y|ies)", "Chiến lược"],
  ["programmes?|programs?", "Chương trình"],
  ["schemes?", "Đề án"],
  ["(?:appendix|annex)(?:es)?", "Phụ lục"],
  ["notices?|announcements?", "Thông báo"],
  ["footnotes?|notes?", "chú thích"],
  ["reports?", "báo cáo"],
  ["drafts?", "dự thảo"],
  ["laws?", "Luật"],
  ["documents?|texts?", "văn bản"],
];

/** The programme's terms, longest first. */
const TERMS: [string, string][] = [
  ["national data cent(?:er|re)", "Trung tâm dữ liệu quốc gia"],
  ["data cent(?:er|re)s?", "trung tâm dữ liệu"],
  ["national population database", "cơ sở dữ liệu quốc gia về dân cư"],
  ["national databases?", "cơ sở dữ liệu quốc gia"],
  ["national public service portal", "Cổng Dịch vụ công quốc gia"],
  ["national single window", "Cơ chế một cửa quốc gia"],
  ["full process online public services?", "dịch vụ công trực tuyến toàn trình"],
  ["online public services?", "dịch vụ công trực tuyến"],
  ["public services?", "dịch vụ công"],
  ["administrative procedures?", "thủ tục hành chính"],
  ["information systems?", "hệ thống thông tin"],
  ["reporting system", "hệ thống thông tin báo cáo"],
  ["business conditions?", "điều kiện kinh doanh"],
  ["digital government", "Chính phủ số"],
  ["e-government", "Chính phủ điện tử"],
  ["electronic government", "Chính phủ điện tử"],
  ["e-cabinet", "eCabinet"],
  ["digital transformation", "chuyển đổi số"],
  ["digital economy", "kinh tế số"],
  ["digital society", "xã hội số"],
  ["digital skills?", "kỹ năng số"],
  ["digital platforms?", "nền tảng số"],
  ["digital signatures?", "chữ ký số"],
  ["digital infrastructure", "hạ tầng số"],
  ["community digital technology teams?", "Tổ công nghệ số cộng đồng"],
  ["electronic identification|e-?id", "định danh điện tử"],
  ["e-?invoices?|electronic invoices?", "hóa đơn điện tử"],
  ["electronic documents?", "văn bản điện tử"],
  ["electronic health records?", "hồ sơ sức khỏe điện tử"],
  ["artificial intelligence", "trí tuệ nhân tạo"],
  ["cyber ?security", "an ninh mạng"],
  ["information security", "an toàn thông tin"],
  ["data governance", "quản trị dữ liệu"],
  ["data sharing", "chia sẻ dữ liệu"],
  ["smart cit(?:y|ies)", "đô thị thông minh"],
  ["cloud computing|the cloud", "điện toán đám mây"],
  ["mobile base stations?|base transceiver stations?|bts", "trạm phát sóng di động"],
  ["base stations?", "trạm phát sóng"],
  ["high tech parks?", "khu công nghệ cao"],
  ["industrial parks?|industrial zones?", "khu công nghiệp"],
  ["industrial clusters?", "cụm công nghiệp"],
  ["emulation movements?", "phong trào thi đua"],
  ["certificates? of merit", "Bằng khen"],
  ["cashless payments?|non-cash payments?", "thanh toán không dùng tiền mặt"],
  ["cashless|non-cash", "không dùng tiền mặt"],
  ["social (?:allowances?|assistance|benefits?)", "trợ cấp xã hội"],
  ["social pensions?", "hưu trí xã hội"],
  ["bank accounts?", "tài khoản ngân hàng"],
  ["human resources", "nguồn nhân lực"],
  ["state budget", "ngân sách nhà nước"],
  ["accounting", "kế toán"],
  ["treasury", "kho bạc"],
  ["health consultations?", "tư vấn sức khỏe"],
  ["remote|telemedicine", "từ xa"],
  ["consultations?|counsell?ing", "tư vấn"],
  ["healthcare|health", "y tế"],
  ["science\\W+technology\\W+innovation", "khoa học, công nghệ, đổi mới sáng tạo"],
  ["science and technology", "khoa học và công nghệ"],
  ["innovation", "đổi mới sáng tạo"],
  ["maturity", "mức độ trưởng thành"],
  ["statistical indicators?", "chỉ tiêu thống kê"],
  ["statistics|statistical", "thống kê"],
  ["indicators?|targets?", "chỉ tiêu"],
  ["index(?:es)?|indices", "chỉ số"],
  ["infrastructure", "hạ tầng"],
  ["databases?", "cơ sở dữ liệu"],
  ["data", "dữ liệu"],
  ["platforms?", "nền tảng"],
  ["software|applications?|apps?", "phần mềm ứng dụng"],
  ["international forums?", "diễn đàn quốc tế"],
  ["forums?", "diễn đàn"],
  ["surveys?", "khảo sát"],
  ["rankings?", "xếp hạng"],
  ["international", "quốc tế"],
  ["adults?", "người trưởng thành"],
  ["citizens|people|residents|population", "người dân"],
  ["individuals?", "cá nhân"],
  ["collectives?|groups", "tập thể"],
  ["officials|civil servants|public employees", "cán bộ, công chức, viên chức"],
  ["eligible|eligibility", "đối tượng"],
  ["bonus points?|extra points?", "điểm cộng"],
  ["points?|scores?", "điểm"],
  ["training", "đào tạo"],
  ["land", "đất đai"],
  ["taxe?s?", "thuế"],
  ["budget", "ngân sách"],
  ["funding|funds|expenditure", "kinh phí"],
  ["investment", "đầu tư"],
  ["security", "an ninh"],
  ["mobile", "di động"],
  ["5g", "5G"],
  ["iot|internet of things", "IoT"],
  ["merger|merging|amalgamation", "sáp nhập"],
  ["reorgani[sz]ation|restructuring", "sắp xếp"],
  ["apparatus", "bộ máy"],
  ["development", "phát triển"],
  ["national", "quốc gia"],
  ["electronic", "điện tử"],
  ["online", "trực tuyến"],
  ["digital", "số"],
  ["services?", "dịch vụ"],
  ["systems?", "hệ thống"],
  ["portals?", "cổng thông tin"],
  ["members?", "thành viên"],
  ["committee", "Ủy ban"],
];

/** What is done with them: the verbs of tasks. */
const ACTIONS: [string, string][] = [
  ["(?:take|taking|takes) part in|participat(?:e|es|ing) in", "tham gia"],
  ["build(?:s|ing)?|construct(?:s|ing)?|establish(?:es|ing)?", "xây dựng"],
  ["develop(?:s|ing)?", "phát triển"],
  ["deploy(?:s|ing|ment)?|implement(?:s|ing|ation)?|roll(?:ing)? out", "triển khai"],
  ["upgrad(?:e|es|ed|ing)", "nâng cấp"],
  ["migrat(?:e|es|ed|ing|ion)", "chuyển"],
  ["digiti[sz](?:e|es|ed|ing|ation)", "số hóa"],
  ["standardi[sz](?:e|es|ed|ing|ation)", "chuẩn hóa"],
  ["simplif(?:y|ies|ied|ying|ication)", "đơn giản hóa"],
  ["(?:cut|reduc(?:e|es|ed|ing|tion)) (?:down )?", "cắt giảm"],
  ["amend(?:s|ed|ing|ment|ments)?|revis(?:e|ed|ing|ion)", "sửa đổi"],
  ["connect(?:s|ed|ing|ion)?|integrat(?:e|es|ed|ing|ion)", "kết nối"],
  ["shar(?:e|es|ed|ing) (?=data|information)", "chia sẻ"],
  ["monitor(?:s|ed|ing)?|track(?:s|ed|ing)?", "theo dõi"],
  ["evaluat(?:e|es|ed|ing|ion)|assess(?:es|ed|ing|ment)?", "đánh giá"],
  ["supervis(?:e|es|ed|ing|ion)", "giám sát"],
  ["inspect(?:s|ed|ing|ion)?|check(?:s|ed|ing)?", "kiểm tra"],
  ["review(?:s|ed|ing)?", "rà soát"],
  ["guid(?:e|es|ed|ing|ance)", "hướng dẫn"],
  ["propos(?:e|es|ed|ing|al)", "đề xuất"],
  ["disseminat(?:e|es|ed|ing|ion)|publish(?:es|ed|ing)?|releas(?:e|es|ed|ing)", "phổ biến"],
  ["schedules?|calendars?", "lịch"],
  ["compet(?:e|es|ing)|contest(?:s|ing)?", "thi đua"],
  ["(?:meet|meets|convene|convenes) to (?:consider|review)|consider(?:s|ed|ing)?", "họp xét"],
  ["rank(?:s|ed|ing)?", "xếp hạng"],
  ["award(?:s|ed|ing)?|commend(?:s|ed|ing)?", "tặng"],
  ["reach(?:es|ed|ing)?|achiev(?:e|es|ed|ing)", "đạt"],
  ["(?:be )?us(?:e|es|ed|ing)", "sử dụng"],
  ["open(?:s|ed|ing)?", "mở"],
  ["pa(?:y|ys|id|ying|yment)s?", "chi trả"],
  ["(?:be )?set aside|allocated?", "bố trí"],
  ["submit(?:s|ted|ting)?(?: to)?", "trình"],
  ["(?:issued|signed|promulgated|adopted)", "ban hành ngày nào"],
  ["report(?:s|ed|ing)? to", "báo cáo"],
  ["done|carried out|performed|executed", "thực hiện"],
];

/** The question's frame: what it asks, and its periods. */
const FRAMES: [string, string][] = [
  ["when (?:was|were)", ""],
  ["how many tasks", "có bao nhiêu nhiệm vụ"],
  ["how (?:many|much)", "bao nhiêu"],
  ["(?:what )?(?:share|proportion|percentage|per ?cent)(?: of)?", "tỷ lệ bao nhiêu"],
  ["(?:minimum|at least)", "tối thiểu"],
  ["(?:maximum|at most|up to)", "tối đa"],
  ["which (?:tasks|duties)", "những nhiệm vụ nào"],
  ["which (?:agencies|bodies|units|organi[sz]ations)", "những cơ quan nào"],
  ["which ministries", "những bộ nào"],
  ["which ministry", "bộ nào"],
  ["which (?:agency|body|organi[sz]ation)", "cơ quan nào"],
  ["which units?", "đơn vị nào"],
  ["which (?:individuals|people|persons)", "những cá nhân nào"],
  ["who (?:chairs|is (?:the )?chair(?:man)? of)", "ai làm Chủ tịch"],
  ["who (?:is )?(?:responsible for|in charge of|leads?)", "ai chủ trì"],
  ["who coordinates?", "ai phối hợp"],
  ["(?:is |are )?responsible for|in charge of|leads?|leading|to lead", "chủ trì"],
  ["(?:is |are )?assigned(?: to)?", "được giao"],
  ["vice chair(?:man)?", "Phó Chủ tịch"],
  ["chairman|chair", "Chủ tịch"],
  ["(?:goals?|objectives?|aims?)", "mục tiêu"],
  ["coordinat(?:e|es|ing) with|in coordination with", "phối hợp với"],
  ["coordinat(?:e|es|ing)|supports?", "phối hợp"],
  ["(?:over|in|for) what (?:period|time ?frame)|what (?:period|time ?frame)", "thời gian thực hiện"],
  ["(?:what is the )?deadline(?: for)?|by when|when", "thời hạn khi nào"],
  ["how long", "bao lâu"],
  ["working days?", "ngày làm việc"],
  ["overdue", "quá hạn"],
  ["due in", "đến hạn trong"],
  ["tasks?|duties", "nhiệm vụ"],
  ["responsibilit(?:y|ies)", "trách nhiệm"],
  ["percent(?:age)?", "phần trăm"],
  ["completed|complete|completing|completion|finished", "hoàn thành"],
  ["(?:still )?(?:need|needs|have|has) to be|must be|still to be", "còn phải"],
  ["not yet", "chưa"],
  ["currently|now|at present", "hiện nay"],
  ["(?:in )?(?:the )?(\\d{4}\\s?[-–]\\s?\\d{4}) period|(?:the )?period (\\d{4}\\s?[-–]\\s?\\d{4})", "giai đoạn $1"],
  ["by (\\d{4})", "đến năm $1"],
  ["(?:before|prior to) (?:the )?", "trước"],
  ["in (\\d{4})", "năm $1"],
  ["(?:under|according to|pursuant to)", "theo"],
  ["towards?", "hướng tới"],
  ["level", "mức"],
  ["with", "với"],
];

/** Where a glossary phrase comes from: a body or place, a document, a term (a noun or its modifier), an action, the
 * question's frame. */
type Kind = "name" | "document" | "term" | "action" | "frame";

/** A run of words in a glossary pattern matches them however English spaces or hyphenates them ("data-governance");
 * ",? " also across a comma read apart. */
const compile = (entries: [string, string][], kind: Kind): [RegExp, string, Kind][] =>
  entries.map(([en, vi]) => [new RegExp(`\\b${en.replace(/,\? /g, "[\\s,-]+").replace(/ /g, "[\\s-]+")}\\b`, "gi"), vi, kind]);

/** Provinces as English writes them, without diacritics and often in one word: "Can Tho", "Hanoi", "Da Nang". */
const PROVINCES_EN: [RegExp, string, Kind][] = PROVINCE_NAMES.map((name) => [
  new RegExp(`\\b${foldDiacritics(name).replace(/\s*-\s*/g, "[\\s-]*").replace(/ /g, " ?")}(?: city| province)?\\b`, "gi"),
  name,
  "name",
]);

/** English → Vietnamese, in this order: bodies, documents, the frame ("which individuals" before "individuals"), terms,
 * actions (longest phrases first in each), then provinces (after the frame: "how long an …" is no Long An). */
const GLOSSARY: [RegExp, string, Kind][] = [
  ...compile(BODIES, "name"),
  ...compile(DOCUMENTS, "document"),
  ...compile(FRAMES, "frame"),
  ...compile(TERMS, "term"),
  ...compile(ACTIONS, "action"),
  ...PROVINCES_EN,
];

/** Words left over that carry nothing once the frame is read ("the", "does", "of" …); they end a run of terms. */
const FILLER =
  /\b(the|a|an|does|do|did|is|are|was|were|will|must|should|shall|can|could|be|been|being|of|for|to|with|what|which|who|how|and|or|in|on|at|by|as|such|like|also|its|it|their|they|them|this|that|these|those|there|has|have|had|many|much|from|into|than|so|any|all|each|every|whose|whom)\b/gi;

/** The nouns an English document name ends on ("… Development Programme") and a Vietnamese one begins with. */
const HEADS = new Set(["Chương trình", "Chiến lược", "Kế hoạch", "Đề án", "Quy chế"]);

/** Where a filler stood. */
const BREAK = "\u0003";

interface Read {
  vi: string;
  kind: Kind;
}

/**
 * English puts a noun's modifiers before it, Vietnamese after it: a run of terms read one after another is said last
 * first ("remote health-consultation services" → "dịch vụ tư vấn sức khỏe từ xa"), and so is a run of terms ending on a
 * document's head noun ("Digital Government Development Programme" → "Chương trình phát triển Chính phủ số"). A name,
 * a number, an action, a word of the frame or a filler ("digital economy and digital society", BREAK) ends a run.
 */
function headFirst(tokens: string[], read: Read[]): string[] {
  const markOf = (tok: string) => (/^\u0001\d+\u0002$/.test(tok) ? read[Number(tok.slice(1, -1))] : undefined);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...run.reverse());
    run = [];
  };
  for (const tok of tokens) {
    const r = markOf(tok);
    if (tok === BREAK) flush();
    else if (r?.kind === "term") run.push(tok);
    else if (r && run.length && HEADS.has(r.vi)) {
      run.push(tok);
      flush();
    } else {
      flush();
      out.push(tok);
    }
  }
  flush();
  return out;
}

/**
 * An English question in Vietnamese words: "Which ministry leads the Data Security Law?" → "bộ nào chủ trì Luật An
 * ninh dữ liệu". Null when content words are left that the glossary does not know (an answer from the rest would
 * be about something else). What the question writes in Vietnamese or as a code ("(Bộ Xây dựng)", "942/QĐ-TTg",
 * "OECD") is kept as written.
 */
export function englishToVietnamese(message: string): string | null {
  // Each phrase read is set aside as a mark, so that what is left is what the glossary did not know.
  const read: Read[] = [];
  const mark = (vi: string, kind: Kind) => {
    read.push({ vi, kind });
    return ` \u0001${read.length - 1}\u0002 `;
  };
  // "What is X?" → "X là gì" (Vietnamese asks it at the end).
  const definition = /^\s*what (?:is|are) (?!(?:the )?(?:deadline|target|goal|share|proportion|percentage|minimum|maximum))/i.exec(message);
  let t = ` ${(definition ? message.slice(definition[0].length) : message).replace(/[’']s\b/g, "").replace(/[?!]+/g, " ").replace(/[,;:](?=\s)/g, " , ")} `;
  // Vietnamese in brackets ("(Hệ thống thông tin giải quyết TTHC)") and codes ("(VPCP)") stay as written.
  t = t.replace(/\(([^()]*[^\x00-\x7f][^()]*|[A-ZĐ&]{2,}[^()]*)\)/gu, (_m, inner: string) => mark(`(${inner.trim()})`, "name"));
  for (const [re, vi, kind] of GLOSSARY) {
    t = t.replace(re, (...m: unknown[]) => {
      const groups = m.slice(1, -2).filter((g): g is string => typeof g === "string");
      return mark(vi.replace("$1", groups[0] ?? ""), kind);
    });
  }
  const tokens = headFirst(t.replace(FILLER, ` ${BREAK} `).split(/\s+/).filter(Boolean), read);
  // Only words typed in plain letters, not in capitals, are unknown English: a Vietnamese name in the question
  // ("Bộ Công an") and a code ("OECD", "ITU") are kept.
  const unknown = tokens.filter((w) => /^[a-z]{3,}$/i.test(w) && w !== w.toUpperCase());
  if (!read.length || unknown.length > MAX_UNKNOWN_WORDS) return null;
  const words = tokens.map((w) => (/^\u0001\d+\u0002$/.test(w) ? read[Number(w.slice(1, -1))]!.vi : w));
  // ("the Ministry of Construction (Bộ Xây dựng)": the Vietnamese in brackets once.)
  const said = words.filter((w, i) => !(i > 0 && w === `(${words[i - 1]})`));
  const vi = `${said.join(" ")}${definition ? " là gì" : ""}`
    .replace(/\s+,/g, ",")
    .replace(/(^|,)(?:\s*,)+/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/^[\s,]+|[\s,]+$/g, "");
  return vi.length ? vi : null;
}

export const ENGLISH_NOTE = (vi: string) => `(Câu hỏi tiếng Anh được hiểu là: “${vi}”; trả lời bằng tiếng Việt theo văn bản.)`;
export const ENGLISH_NOT_FOUND =
  "Không tìm thấy thông tin cho câu hỏi này trong các văn bản hiện có: trợ lý trả lời bằng tiếng Việt từ các quyết định, kế hoạch về Chính phủ số và chuyển đổi số đã được nạp; bạn có thể hỏi lại bằng tiếng Việt với tên nhiệm vụ, cơ quan hoặc văn bản. (This assistant answers in Vietnamese from Vietnam's digital-government decisions; please ask in Vietnamese.)";
