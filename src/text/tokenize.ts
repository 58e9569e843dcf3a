// Text layer (pure): Vietnamese-aware tokens for search — syllables, syllable bigrams, and their
// diacritic-folded forms, so "bo cong an" finds "Bộ Công an" and exact diacritics still rank higher.

import { TERM_ABBREVIATIONS } from "./abbreviations.ts";
import { foldDiacritics, normalizeText } from "./normalize.ts";

/** Syllables of a text, lower-cased and normalised: "Bộ Công an" → ["bộ", "công", "an"]. */
export function syllables(text: string): string[] {
  return syllablesOfNormalized(normalizeText(text));
}

/** Syllables of text that already went through normalizeText (corpus text, at load time). */
export function syllablesOfNormalized(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Search terms: folded syllables and bigrams always; accented ones too when they differ.
 * "Công an" → ["cong", "công", "an", "cong_an", "công_an"].
 */
export function searchTerms(text: string): string[] {
  const syl = syllables(text);
  const out: string[] = [];
  for (let i = 0; i < syl.length; i++) {
    const s = syl[i]!;
    const f = foldSyllable(s);
    const a = accentedKey(s);
    out.push(f);
    if (f !== a) out.push(a);
    const next = syl[i + 1];
    if (next !== undefined) {
      const b = `${a}_${accentedKey(next)}`;
      const fb = `${f}_${foldSyllable(next)}`;
      out.push(fb);
      if (fb !== b) out.push(b);
    }
  }
  return out;
}

/**
 * Fold one syllable for matching: diacritics off, and the i/y spelling variants of open syllables
 * unified ("tỷ lệ" = "tỉ lệ", "kỹ" = "kĩ", "lý" = "lí"; "quy", "uy" untouched).
 */
export function foldSyllable(s: string): string {
  let f = FOLD_CACHE.get(s);
  if (f === undefined) {
    f = foldDiacritics(s);
    if (/^(k|l|m|t|s|h|n|v|d|b|r|x|ph|th|tr|ch|kh|nh|ng)y$/.test(f)) f = f.slice(0, -1) + "i";
    remember(FOLD_CACHE, s, f);
  }
  return f;
}

// Syllables repeat endlessly in a corpus (a few thousand distinct ones): cache their forms.
const FOLD_CACHE = new Map<string, string>();
const ACCENT_CACHE = new Map<string, string>();
function remember(m: Map<string, string>, k: string, v: string) {
  if (m.size > 200_000) m.clear();
  m.set(k, v);
}

/** Expand general abbreviations in place by appending their long form: "CSDL" → "CSDL (cơ sở dữ liệu)". */
export function expandAbbreviations(text: string): string {
  return text.replace(/[\p{L}&]+/gu, (w) => {
    // Only expand tokens written as abbreviations (upper case or short) — "ai" the pronoun stays. (Checked first:
    // most words are not, and folding every word of every passage was a tenth of an answer's time.)
    if (w !== w.toUpperCase() || w.length < 2) return w;
    const key = w.toLowerCase();
    const long = TERM_ABBREVIATIONS[key] ?? TERM_ABBREVIATIONS[foldDiacritics(key)];
    return long ? `${w} ${long}` : w;
  });
}

/** Multi-syllable question phrases (folded): they ask, they do not say what about. */
const QUESTION_PHRASES = [
  "bo nao", "co quan nao", "don vi nao", "ben nao", "ban nao", "chu tri", "phoi hop voi", "phoi hop", "khi nao", "bao gio",
  "han chot", "thoi han", "thoi gian", "la gi", "bao nhieu", "nhung nhiem vu", "nhiem vu", "hoan thanh", "duoc giao",
  "chiu trach nhiem", "trach nhiem", "phu trach", "thuc hien", "trien khai", "the nao", "ra sao", "nhu the nao", "ket qua",
  "san pham", "xin hoi", "cho biet", "cho hoi", "la ai", "ngay nao", "thang may", "nam nao", "giai doan nao", "cua ai", "do ai",
  "co quan", "don vi", "cac bo", "the con", "thi sao", "vay thi", "thoi diem nao", "moc nao", "luc nao",
  "duoc hieu", "duoc dinh nghia", "co nghia",
].map((p) => p.split(" "));
/** The phrases by their first word: a question's syllables are looked up, not every phrase tried at every place. */
const PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const ph of QUESTION_PHRASES) PHRASES_BY_FIRST.set(ph[0]!, [...(PHRASES_BY_FIRST.get(ph[0]!) ?? []), ph]);

/** Single function words, compared with diacritics when the user typed them ("có" ≠ "cơ"). */
const FUNCTION_WORDS = new Set(
  [
    "ai", "nào", "gì", "là", "của", "và", "các", "những", "cho", "với", "trong", "theo", "được", "có", "không", "thì", "sao",
    "thế", "còn", "khi", "bao", "giờ", "nhiêu", "mấy", "đâu", "việc", "về", "để", "do", "phải", "cần", "đã", "sẽ", "đang",
    "này", "đó", "kia", "ra", "vào", "đến", "tới", "hạn", "nhé", "ạ", "vậy", "hả", "nhỉ", "tôi", "em", "anh", "chị",
    "mình", "bởi", "hay", "hoặc", "mà", "như", "lúc", "nay", "ở", "tại", "bằng", "nên", "vì", "bộ", "ngành", "làm", "giao",
    "hỏi", "biết", "muốn", "xong", "chót",
  ],
);
/**
 * Without diacritics only unambiguous function words are dropped: "cua" may be "của" or "cửa" (một cửa),
 * "ve" "về" or "vệ" (bảo vệ), "de" "để" or "đề" (đề án) — those stay and IDF weighs them.
 */
const FUNCTION_FOLDED = new Set(
  ("ai nao gi la va cac nhung duoc khong thi sao the con khi bao gio nhieu may viec phai can da se dang nay nhe vay " +
    "toi em anh chi minh hay hoac ma nhu luc o tai bang nen vi bo nganh lam giao hoi biet muon xong chot trong theo den").split(" "),
);

/** Marks where removed words separated two topic syllables: no bigram is formed across it. */
export const TOPIC_BREAK = "|";

export interface TopicTerms {
  /** Accented syllables when the text has diacritics, folded ones otherwise. */
  terms: string[];
  accented: boolean;
}

/**
 * Content syllables of a question, for topic coverage checks: question phrases and function words
 * removed. "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" → ["xây", "dựng", "luật", "an", "ninh", "dữ", "liệu"].
 */
/** Share of a text's syllables with diacritics above which it was typed with them. */
const ACCENTED_SHARE = 0.25;

export function topicTerms(text: string, knownPair?: (a: string, b: string) => boolean): TopicTerms {
  const acc = syllables(text);
  const fold = acc.map(foldSyllable);
  // Typed with diacritics: a good share of its syllables carry them. (A question typed without them is not, for the
  // few accented words that abbreviations expanded into it: "o cac KCN" → "o cac khu công nghiệp".)
  const marked = acc.filter((s, i) => s !== fold[i] && foldDiacritics(s) !== s).length;
  const accented = marked > 0 && marked >= acc.length * ACCENTED_SHARE;
  const drop = new Array<boolean>(acc.length).fill(false);
  // "AI" in capitals is a term (artificial intelligence), not the question word "ai" — unless all is in capitals.
  const raw = text === text.toUpperCase() ? [] : (normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? []);
  const acronym = (i: number) => raw.length === acc.length && raw[i] === "AI";
  for (let i = 0; i < fold.length; i++) {
    for (const ph of PHRASES_BY_FIRST.get(fold[i]!) ?? []) {
      if (i + ph.length <= fold.length && ph.every((w, k) => fold[i + k] === w)) for (let k = 0; k < ph.length; k++) drop[i + k] = true;
    }
  }
  const terms: string[] = [];
  const gap = () => {
    if (terms.length > 0 && terms.at(-1) !== TOPIC_BREAK) terms.push(TOPIC_BREAK);
  };
  // Typed without diacritics, a function word may be half of a content word: "giao thong van tai" is "giao thông vận
  // tải", not "giao" (assign) and "tại" (at); "tai chinh", "xa hoi", "nen tang" likewise. It stays when the corpus
  // knows it paired with a neighbour that is not a function word itself.
  const content = (j: number) => j >= 0 && j < fold.length && !drop[j] && !FUNCTION_FOLDED.has(fold[j]!);
  const paired = (i: number) => !!knownPair && ((content(i - 1) && knownPair(fold[i - 1]!, fold[i]!)) || (content(i + 1) && knownPair(fold[i]!, fold[i + 1]!)));
  for (let i = 0; i < acc.length; i++) {
    const a = acc[i]!;
    const f = fold[i]!;
    // (With diacritics the spelling tells them apart; keeping paired words there too let "do cơ quan …" in.)
    const functionWord = accented ? FUNCTION_WORDS.has(a) : FUNCTION_FOLDED.has(f) && !paired(i);
    if (!acronym(i) && (drop[i] || functionWord || /^\d$/.test(f))) {
      gap();
      continue;
    }
    terms.push(accented ? accentedKey(a) : f);
  }
  if (terms.at(-1) === TOPIC_BREAK) terms.pop();
  return { terms, accented };
}

/** Accented syllable with the i/y variants unified like foldSyllable ("tỷ" → "tỉ"). */
export function accentedKey(s: string): string {
  let a = ACCENT_CACHE.get(s);
  if (a === undefined) {
    const f = foldSyllable(s);
    // tỷ → tỉ: swap the final y for i, keeping the tone mark.
    a = f === foldDiacritics(s) ? s : s.normalize("NFD").replace(/y(\p{M}*)$/u, "i$1").normalize("NFC");
    remember(ACCENT_CACHE, s, a);
  }
  return a;
}

/** Content syllables (folded) of a question. */
export function topicSyllables(text: string): string[] {
  return topicTerms(text)
    .terms.filter((t) => t !== TOPIC_BREAK)
    .map((t) => foldSyllable(t));
}

export function isFunctionWord(folded: string): boolean {
  return FUNCTION_FOLDED.has(folded);
}
