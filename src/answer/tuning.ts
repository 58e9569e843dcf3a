// Answer layer (pure): every tuning number of the answer engine, in one place. Scores are topic coverages in 0–1
// (coverage.ts) plus the bonuses below; a change here moves every evaluation set, so measure dev, extra and unseen.

// --- Tasks (engine.ts matchTasks) ---
/** Score a task needs to answer. */
export const TASK_THRESHOLD = 0.55;
/**
 * Coverage a task must reach before any bonus: the agency, the document and the final text's bonuses decide between
 * tasks that match, they do not make a task that shares a few words with the question answer it.
 */
export const TASK_MIN_COVERAGE = 0.4;
/** A task under this share of the threshold (with every bonus) is not scored at all. */
export const TASK_FLOOR_SHARE = 0.9;
/** Bonuses of a task naming the question's agency (or unit), and naming it as its lead. */
export const AGENCY_NAMED = 0.08;
export const AGENCY_LEADS = 0.07;
/** A task of the document the question names best, and of another document when it names one. */
export const TASK_HINT_BONUS = 0.1;
export const TASK_HINT_PENALTY = 0.05;
/** A task of a final text over a draft's or a summary's. */
export const FINAL_TEXT_BONUS = 0.01;
/** A task whose record names no lead. */
export const NO_LEAD_PENALTY = 0.2;
/** The most matchTasks adds to a task's coverage: agency named, as lead, document hint, final text. */
export const MAX_TASK_BONUS = 0.26;
/** Other tasks are considered beside the best when within this share of its score or of its coverage. */
export const NEAR_SHARE = 0.9;
/** The same task in another document: this share of both texts' word pairs in common. */
export const SAME_TASK_OVERLAP = 0.35;
/** Another task is a near match (a clarifying turn) within this share of the best's score. */
export const ALTERNATIVE_SHARE = 0.97;
/** A pair of words held by at most this many chunks is specific to what the question asks about ("phát thanh"). */
export const RARE_PAIR_CHUNKS = 8;
/** Share of the best task's score a task holding the question's specific pair needs to be offered as a near match. */
export const SPECIFIC_NEAR_SHARE = 0.8;
/** Candidates looked at beside the best, and tasks one answer names at most. */
export const TASK_CANDIDATES = 40;
export const MAX_TASKS_NAMED = 4;
/** Two statements of one document whose first characters agree are one task. */
export const SAME_TASK_PREFIX = 60;
/** Syllables a question's own topic (without document references) needs to replace its whole topic. */
export const MIN_OWN_TOPIC = 2;

// --- Lists (engine.ts listByAgency, listByUnit, listByPeriod) ---
/** A lead this many words long is found in a question by its words (LONG_LEAD_SHARE of them), not only as written:
 * "cơ quan, đơn vị có hệ thống thông tin, CSDL chuyên ngành kết nối …" names "cơ quan, đơn vị trên địa bàn tỉnh có …". */
export const LONG_LEAD_WORDS = 10;
export const LONG_LEAD_SHARE = 0.8;
/** Tasks a list shows before "… và N nhiệm vụ khác". */
export const MAX_LIST_ITEMS = 12;
/** Coverage of the topic (beyond the agency) a listed task needs when the question narrows a list. */
export const LIST_NARROW = 0.5;

// --- Indicators (engine.ts bestIndicators) ---
/** Score an indicator needs, and the share of the best's that a second one shown needs. */
export const INDICATOR_THRESHOLD = 0.6;
export const INDICATOR_NEAR_SHARE = 0.98;
/** An indicator of a year the question names; one with no target; a percentage where a count is asked. */
export const INDICATOR_YEAR_BONUS = 0.1;
export const INDICATOR_NO_TARGET_PENALTY = 0.3;
export const INDICATOR_PERCENT_PENALTY = 0.15;
/** An indicator table answers over a passage scoring up to this much more (tables win near-ties). */
export const INDICATOR_OVER_PASSAGE = 0.05;
/** Score a passage needs to answer a target question before the indicators are weighed against it. */
export const TARGET_PASSAGE_THRESHOLD = 0.6;

// --- Passages (engine.ts passages) ---
/** Score a passage needs to answer (whole-passage coverage and best sentence's, weighted, plus bonuses). */
export const PASSAGE_THRESHOLD = 0.5;
/** A later clause of the question ("…; nếu vượt thẩm quyền thì đề nghị cơ quan nào?") this many words long, that the
 * passage's next sentence covers this much of (and better than the sentence picked), brings that sentence along. */
export const SECOND_CLAUSE_WORDS = 4;
export const SECOND_CLAUSE_COVERAGE = 0.5;
export const WHOLE_WEIGHT = 0.5;
export const SENTENCE_WEIGHT = 0.5;
/** Score a passage needs to answer instead of a task whose record and passage give no deadline asked for. */
export const PASSAGE_OVER_TASK = 0.6;
/** Under this coverage the best task is a weak match: a passage that covers the question clearly better answers. */
export const WEAK_TASK_COVERAGE = 0.6;
/** Score a passage needs to be read against a weak task match at all … */
export const PASSAGE_OVER_WEAK_TASK = 0.8;
/** … and how much more than the task's coverage it must score to answer instead. */
export const PASSAGE_OVER_TASK_MARGIN = 0.3;
/** A passage whose window carries the fact asked for ranks this much higher. */
export const PASSAGE_KIND_BONUS = 0.05;
/** A passage of the document the question names best. */
export const PASSAGE_HINT_BONUS = 0.1;
/** A short section title holding the question's topic ("Mục tiêu") — at this sentence coverage — and its bonus. */
export const TITLE_COVERAGE = 0.9;
export const TITLE_BONUS = 0.15;
/** How much of a question a section it names by its heading must cover, heading and items read together, to answer
 * with its items ("Đối tượng thi đua gồm những cá nhân nào?"). */
export const NAMED_SECTION_COVERAGE = 0.8;
/** Characters under which a chunk without a final stop is a heading. */
export const HEADING_CHARS = 90;
/** A labelled definition item ("- Thực chất, hiệu quả: …") up to this long is quoted whole; longer, its sentence. */
export const DEFINITION_ITEM_CHARS = 900;
/** A table row up to this long is quoted whole: its cells are one record ("Cơ quan: … Tổng số: 169. … Tỷ lệ (%): 60,36."). */
export const ROW_QUOTE_CHARS = 700;
/** A table row the question names by one of its cells (a value this many syllables long, written out in the
 * question: "… đối với dữ liệu kê khai tài sản, thu nhập?") is that much closer to it. */
export const ROW_NAMED_SYLLABLES = 4;
export const ROW_NAMED_BONUS = 0.2;
/** A heading's sub-items ("6. Tra cứu …" + "a) …", "b) …") are quoted with it up to this many characters in all. */
export const HEADING_ITEMS_CHARS = 1800;
/** A passage about other years than the question asks. */
export const YEAR_CLASH_PENALTY = 0.2;
/** A passage that holds the fact asked for answers over a better-worded one that does not, within this score. */
export const KIND_MARGIN = 0.2;
/**
 * "Cơ quan nào cấp …?" whose closest passage names no body: a passage above the threshold whose sentence has a body as
 * its subject ("- Ủy ban nhân dân cấp xã: Cấp Giấy phép …") answers instead, if its sentence covers at least this share
 * of what the closest one's does (a title covers the question's frame, the list item its verb and object).
 */
export const WHO_SUBJECT_COVER_SHARE = 0.5;
/** A second passage, from another document, within this share of the best's score. */
export const SECOND_PASSAGE_SHARE = 0.95;
/** Candidate passages of a plain question, of one asking for a fact of some kind, and from a named document. */
export const PLAIN_POOL = 8;
export const KIND_POOL = 40;
export const NAMED_POOL = 50;
/** Chunks whose passage term sets are kept: the whole bundled corpus, a popular slice of a large one. */
export const PASSAGE_CACHE = 5000;
/** Chunks a folded syllable pair must occur in to count as a word of the corpus ("giao_thong", "tai_chinh"). */
export const KNOWN_PAIR_CHUNKS = 3;

// --- Understanding (understand.ts) ---
/** "sắp đến hạn" without a period: the next this many days. */
export const UPCOMING_DAYS = 90;

// --- Topic coverage (coverage.ts) ---
/** IDF smoothing: a word in every chunk still weighs a little. */
export const IDF_SMOOTHING = 0.5;
/** Weights of single words and of word pairs in a coverage. */
export const UNIGRAM_WEIGHT = 0.4;
export const BIGRAM_WEIGHT = 0.6;
/** Under this exact (accented) coverage, the folded one counts too, discounted by FOLDED_DISCOUNT. */
export const EXACT_ENOUGH = 0.9;
export const FOLDED_DISCOUNT = 0.85;

// --- Documents a question names (doc-refs.ts) ---
/** Hint weights; a document is "named" at NAMED_STRONG, or at NAMED_UNIQUE when it is the only best one. */
export const HINT = {
  /** Its number next to a document-type word, or its full số hiệu. */
  number: 3,
  /** The place of its issuer ("Ninh Bình", "Hà Nội"). */
  place: 1,
  /** The question's document-type word is the document's type ("kế hoạch" for a Kế hoạch). */
  type: 0.5,
  /** Each title word pair shared, when the place or the type also matched. */
  titlePair: 0.5,
  draft: 1,
  year: 0.5,
} as const;
export const NAMED_STRONG = 2;
/** A document hinted this strongly, with no other above HINT_EXCLUSIVE_LEAD of it, is the only one a task answers from. */
export const HINT_EXCLUSIVE = 5;
export const HINT_EXCLUSIVE_LEAD = 0.5;
export const NAMED_UNIQUE = 1.5;
/** Title pairs alone name a document from this many shared pairs (or from TITLE_PAIRS_SHARE of its pairs). */
export const TITLE_PAIRS_ALONE = 4;
export const TITLE_PAIRS_SOME = 3;
export const TITLE_PAIRS_SHARE = 0.3;
/** A title word pair shared by more than this share of the documents does not name one. */
export const COMMON_TITLE_PAIR = 0.2;

// --- A passage with its neighbours (passage-window.ts) ---
/** Chunks read after a passage whose last sentence is cut ("… trong tháng 11 năm" + "2025."). */
export const MAX_CONTINUATION = 2;
/** Chunks read back from a passage for the lead-in or heading that holds a missing fact. */
export const MAX_LEAD_BACK = 8;
/** The most list items an enumeration's lead-in ("… chia làm 2 giai đoạn:") is answered with, and the longest
 * lead-in kept whole (a longer one is shown from its last clause). */
export const MAX_ENUMERATED = 6;
export const ENUMERATION_LEAD_CHARS = 160;
/** How much carrying the asked-for fact weighs against topic coverage when picking a sentence. */
export const KIND_BONUS = 0.3;

// --- Scope and the clarifying turn (scope.ts, clarify.ts) ---
/** Share of a message's words that must be English ones for it to be read as English. */
export const ENGLISH_SHARE = 0.4;
/** English content words a translated question may keep (a name written in English, a code). */
export const MAX_UNKNOWN_WORDS = 1;
/** Near matches a clarifying turn lists: more are hard to choose from in a chat. */
export const CLARIFY_MAX = 3;
/** Messages short enough to be a choice rather than a new question ("nhiệm vụ của Bộ Công an"). */
export const CHOICE_WORDS = 10;

// --- Conflicts (conflicts.ts) ---
/** Share of the shorter wording's word pairs two task records hold in common to be one task written twice. */
export const SAME_RECORD_OVERLAP = 0.8;
