// Text layer (pure): Vietnamese-aware tokens for search — syllables, syllable bigrams, and their
// diacritic-folded forms, so "bo cong an" finds "Bộ Công an" and exact diacritics still rank higher.

import { TERM_ABBREVIATIONS } from "./abbreviations.ts";
import { foldDiacritics, normalizeText } from "./normalize.ts";

/** Syllables of a text, lower-cased and normalised: "Bộ Công an" → ["bộ", "công", "an"]. */
export function syllables(text: string): string[] {
  return normalizeText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
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
    out.push(f);
    if (f !== s) out.push(s);
    const next = syl[i + 1];
    if (next !== undefined) {
      const b = `${s}_${next}`;
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
  const f = foldDiacritics(s);
  return /^(k|l|m|t|s|h|n|v|d|b|r|x|ph|th|tr|ch|kh|nh|ng)y$/.test(f) ? f.slice(0, -1) + "i" : f;
}

/** Expand general abbreviations in place by appending their long form: "CSDL" → "CSDL (cơ sở dữ liệu)". */
export function expandAbbreviations(text: string): string {
  return text.replace(/[\p{L}&]+/gu, (w) => {
    const key = w.toLowerCase();
    const long = TERM_ABBREVIATIONS[key] ?? TERM_ABBREVIATIONS[foldDiacritics(key)];
    // Only expand tokens written as abbreviations (upper case or short) — "ai" the pronoun stays.
    if (!long) return w;
    if (w !== w.toUpperCase() || w.length < 2) return w;
    return `${w} ${long}`;
  });
}

/** Function words and question words that say nothing about the topic of a question. */
const STOP = new Set(
  [
    "ai", "bộ", "nào", "gì", "là", "của", "và", "các", "những", "cho", "với", "trong", "theo", "được", "có",
    "không", "thì", "sao", "thế", "còn", "khi", "bao", "giờ", "nhiêu", "mấy", "đâu", "việc", "về", "để",
    "do", "phải", "cần", "đã", "sẽ", "đang", "này", "đó", "kia", "ra", "vào", "lên", "từ", "đến", "tới",
    "chủ", "trì", "phối", "hợp", "hạn", "chót", "thời", "gian", "hoàn", "thành", "nhiệm", "vụ", "cơ", "quan",
    "đơn", "vị", "kết", "quả", "sản", "phẩm", "ngày", "tháng", "năm", "quý", "một", "mục", "tiêu", "chỉ",
    "nhé", "ạ", "vậy", "hả", "nhỉ", "xin", "hỏi", "cho", "biết", "muốn", "tôi", "em", "anh", "chị", "mình",
    "giao", "làm", "thực", "hiện", "triển", "khai", "chịu", "trách", "nhiệm", "người", "nội", "dung", "trước",
    "bởi", "hay", "hoặc", "mà", "như", "lúc", "nay", "sau", "ở", "tại", "bằng", "nên", "vì", "được",
    "ngành", "nhà", "nước", "chính", "phủ", "dự", "thảo", "văn", "bản", "đạt", "bao", "lâu", "kỳ",
  ].map((w) => foldDiacritics(w)),
);

/** Content syllables (folded) of a question, for topic coverage checks. */
export function topicSyllables(text: string): string[] {
  return syllables(text)
    .map((s) => foldSyllable(s))
    .filter((s) => !STOP.has(s) && !/^\d+$/.test(s) && s.length > 1);
}

export function isStopSyllable(foldedSyllable: string): boolean {
  return STOP.has(foldedSyllable);
}
