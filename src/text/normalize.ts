// Text layer (pure): every string entering the system passes through here first — NFC, one tone-mark
// convention, unified quotes/dashes/whitespace, and diacritic folding for matching.

import { memoByText } from "./memo.ts";

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Move the tone mark of open syllables ending in "oa", "oe", "uy" (not after "q") onto the first vowel,
 * so old and new placement compare equal: "hoá" → "hóa", "Uỷ" → "Ủy", "thuỷ" → "thủy", "quý" stays.
 */
// Old placement in NFC: the tone sits on the last vowel of a word ending in oa/oe/uy ("hoá", "uỷ").
const OLD_TONE_TAIL = /[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]$|[uU][ỳýỷỹỵỲÝỶỸỴ]$/u;
const OLD_TONE_ANY = /[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ](?![\p{L}\p{M}])|[uU][ỳýỷỹỵỲÝỶỸỴ](?![\p{L}\p{M}])/u;

export function unifyTonePlacement(input: string): string {
  const text = input.normalize("NFC");
  // Fast path: most text has no old-style placement at all.
  if (!OLD_TONE_ANY.test(text)) return text;
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    if (!OLD_TONE_TAIL.test(word)) return word;
    const d = word.normalize("NFD");
    // Base letters with their positions in the decomposed string.
    const letters: { ch: string; at: number }[] = [];
    for (let i = 0; i < d.length; i++) {
      const ch = d[i]!;
      if (!/\p{M}/u.test(ch)) letters.push({ ch: ch.toLowerCase(), at: i });
    }
    const n = letters.length;
    if (n < 2) return word;
    const a = letters[n - 2]!;
    const b = letters[n - 1]!;
    const pair = a.ch + b.ch;
    if (pair !== "oa" && pair !== "oe" && pair !== "uy") return word;
    if (pair === "uy" && n >= 3 && letters[n - 3]!.ch === "q") return word;
    // Marks on the second vowel: everything after b.at.
    const marksB = d.slice(b.at + 1);
    const tone = marksB.match(TONE_MARKS);
    if (!tone) return word;
    const marksA = d.slice(a.at + 1, b.at);
    if (TONE_MARKS.test(marksA)) return word;
    // "oă", "oâ"-like vowels never end an open syllable, but a non-tone mark on the first vowel
    // (ô, ơ, ư) means a different vowel pair: leave it alone.
    if (marksA.length > 0) return word;
    const newA = d.slice(a.at, b.at) + tone[0];
    const newB = d[b.at]! + marksB.replace(TONE_MARKS, "");
    return (d.slice(0, a.at) + newA + newB).normalize("NFC");
  });
}

/** Quotes, dashes, odd spaces and invisible characters to one form. */
export function unifyPunctuation(text: string): string {
  return text
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-");
}

/** Full normalisation of a piece of text: NFC, punctuation, tone placement, collapsed spaces. */
export const normalizeText: (text: string) => string = memoByText((text) =>
  unifyTonePlacement(unifyPunctuation(text.normalize("NFC")))
    .replace(/[ \t]+/g, " ")
    .trim(),
);

/** Normalise without collapsing tabs or trimming (used line by line on raw files, tabs are table cells). */
export function normalizeLine(line: string): string {
  return unifyTonePlacement(unifyPunctuation(line.normalize("NFC"))).replace(/ {2,}/g, " ");
}

/** Strip diacritics and lower-case: "Bộ Công an" → "bo cong an", "Đà" → "da". */
export const foldDiacritics: (text: string) => string = memoByText((text) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase(),
);

/** Key for equality matching: normalised, lower-cased, spaces collapsed (diacritics kept). */
export const matchKey: (text: string) => string = memoByText((text) => normalizeText(text).toLowerCase().replace(/\s+/g, " "));

/** Key for loose matching: folded, punctuation to spaces. */
export function looseKey(text: string): string {
  return foldDiacritics(normalizeText(text))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** True when the text carries Vietnamese diacritics (so the user typed them). */
export function hasDiacritics(text: string): boolean {
  return /[^\x00-\x7F]/.test(text) && foldDiacritics(text) !== text.toLowerCase();
}

/**
 * Key that keeps a letter's shape but not its tone, lower-cased: "Sở Tài chính" → "sơ tai chinh", "số" → "sô",
 * "Uỷ ban"/"Ủy ban" → "uy ban". Folding all diacritics would read "kinh tế số tài chính" as naming "Sở Tài chính".
 */
export const tonelessKey: (text: string) => string = memoByText((text) =>
  matchKey(text)
    .normalize("NFD")
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "")
    .normalize("NFC"),
);

/**
 * Does a text name `name`? A name written with diacritics is compared by tonelessKey (so "số" is not "Sở"); one
 * written without them ("BCA", a question typed without diacritics) by folding.
 */
export function namesName(text: string, name: string): boolean {
  return hasDiacritics(name) ? tonelessKey(text).includes(tonelessKey(name)) : foldDiacritics(text).includes(foldDiacritics(name));
}
