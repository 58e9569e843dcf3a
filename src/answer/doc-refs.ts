// Answer layer (pure): which documents a question names — by số hiệu ("Công điện 220", "theo công văn 4085",
// "KH 310", "220/CĐ-TTg"), by the place of its issuer ("Quy chế … của Ninh Bình", "kế hoạch … của Hà Nội") and by
// its title words. Read from each document's metadata only, so any new document is named the same way.

import type { DocumentMeta } from "../document/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { PROVINCE_FOLDED, PROVINCE_WRITTEN } from "../text/places.ts";
import { foldSyllable, syllables } from "../text/tokenize.ts";
import { type TermSets, termSets } from "./coverage.ts";
import { COMMON_TITLE_PAIR, HINT, NAMED_STRONG, NAMED_UNIQUE, TITLE_PAIRS_ALONE, TITLE_PAIRS_SHARE, TITLE_PAIRS_SOME } from "./tuning.ts";


/**
 * Document-type words a number may follow, folded: "công điện 220", "cv 4085", "quy chế 163", "số 2629".
 * A Quy chế is issued by a Quyết định of the same number, so any type word with the number names the document.
 */
const TYPE_WORDS =
  "quyet dinh|qd|ke hoach|kh|cong dien|cd|cong van|cv|van ban|vb|quy che|quy dinh|chi thi|ct|thong bao|tb|nghi quyet|nq|nghi dinh|nd|thong tu|tt|chuong trinh|chien luoc|de an|bao cao|bc|so";
const NUMBER_AFTER_TYPE = new RegExp(`(?:^|[^a-z])(${TYPE_WORDS})\\s*(?:so\\s*)?(\\d+)(?![\\d,.]\\d)`, "g");
/** A full số hiệu written in the question: "220/CĐ-TTg", "163/2025/QĐ-CTUBND", "02-KH/BCĐTW". */
const FULL_NUMBER = /(\d+)(?:\/\d{4})?[/-]([a-z]+(?:[-/][a-z&]+)*)/g;

/** Type words of a document's type, folded ("Công điện" → "cong dien"). */
const fold = (s: string) => foldDiacritics(s).toLowerCase().replace(/đ/g, "d");

/**
 * The place a text names after "tỉnh"/"thành phố"/"TP", folded: its capitalised words ("Ủy ban nhân dân tỉnh
 * Ninh Bình" → "ninh binh"; "… trên địa bàn thành phố Hà Nội đến năm 2030" → "ha noi"); in a text written all in
 * capitals, the words up to its end.
 */
export function placeOf(text: string | null): string | null {
  if (!text) return null;
  const caps = text === text.toUpperCase();
  const m = caps
    ? text.match(/(?:TỈNH|THÀNH PHỐ|TP\.?)\s+([\p{L} ]+?)\s*$/u)
    : text.match(/(?:tỉnh|thành phố|Thành phố|TP\.?)\s+((?:\p{Lu}[\p{Ll}]*\s*){1,4})/u);
  if (!m) return null;
  const place = fold(m[1]!).replace(/\s+/g, " ").trim();
  return place.split(" ").length >= 2 && place.split(" ").length <= 4 ? place : null;
}

/** Short ways of writing a place in questions ("TP.HCM" for Hồ Chí Minh). */
const PLACE_ALIASES: [RegExp, string][] = [[/\b(tp\.?\s?hcm|tphcm|hcm|sai gon)\b/g, "ho chi minh"]];

/** A question folded with place abbreviations written out: "kế hoạch của TP.HCM" → "ke hoach cua ho chi minh". */
export function foldQuestion(q: string): string {
  let f = fold(q);
  for (const [re, to] of PLACE_ALIASES) f = f.replace(re, to);
  return f;
}

/** The numbers a question gives next to a document-type word or inside a full số hiệu, with the type word. */
export function numberReferences(q: string): { number: number; type: string; suffix?: string }[] {
  const f = fold(q);
  const out: { number: number; type: string; suffix?: string }[] = [];
  for (const m of f.matchAll(NUMBER_AFTER_TYPE)) {
    // "chuyển đổi số 2025" is a year, not "số 2025".
    if (m[1] === "so" && /^(19|20)\d{2}$/.test(m[2]!)) continue;
    out.push({ number: Number(m[2]), type: m[1]! });
  }
  for (const m of f.matchAll(FULL_NUMBER)) out.push({ number: Number(m[1]), type: "", suffix: m[2]! });
  // A number in brackets after a name: "Chương trình phát triển Chính phủ số (2629)".
  for (const m of f.matchAll(/\((\d{2,})\)/g)) out.push({ number: Number(m[1]), type: "" });
  return out;
}

/**
 * Title word pairs of a document, folded, without its type words and its period (many titles share "đến năm 2030"),
 * and those of the names its text gives itself and its author: "Ban chỉ đạo của Chính phủ về sắp xếp … (sau đây viết
 * là Ban Chỉ đạo của Chính phủ) yêu cầu …" names a letter whose header the copy lost as well as its title would.
 */
export function titlePairsOf(d: DocumentMeta, texts: readonly string[] = []): Set<string> {
  const pairs = new Set<string>();
  const title = d.title.replace(/^(Quyết định|Kế hoạch|Bản tin|Dự thảo|Văn bản|Công điện|Công văn|Quy chế|Chỉ thị|Thông báo)(\s+(về việc|phê duyệt|ban hành))?[:\s]+/iu, "");
  for (const name of [title, ...texts.flatMap(definedNames)]) {
    const syl = syllables(name).map(foldSyllable);
    const period = (w: string) => /^\d+$/.test(w) || /^(nam|den|giai|doan|dinh|huong|toi|tam|nhin)$/.test(w);
    for (let i = 0; i + 1 < syl.length; i++) if (!period(syl[i]!) && !period(syl[i + 1]!)) pairs.add(`${syl[i]}_${syl[i + 1]}`);
  }
  return pairs;
}

/** "(sau đây gọi tắt là Ban Chỉ đạo Trung ương)", "(sau đây viết là …)", "(gọi chung là …)": the short names a text defines. */
const DEFINED_NAME = /\((?:sau đây\s+)?(?:được\s+)?(?:gọi|viết)(?:\s+(?:tắt|chung))?\s+là\s*:?\s*([^()]{3,80})\)/giu;

export function definedNames(text: string): string[] {
  return [...text.matchAll(DEFINED_NAME)].map((m) => m[1]!.replace(/[“”"']/gu, "").trim());
}

/** Does a document's số hiệu answer one of these references ("220" with a type word, "220/CĐ-TTg")? */
function numberMatches(d: DocumentMeta, refs: { number: number; suffix?: string }[]): boolean {
  if (!d.number) return false;
  const num = Number(d.number.match(/^(\d+)/)?.[1] ?? NaN);
  const suffix = fold(d.number).replace(/^\d+(?:\/\d{4})?[/-]/, "");
  return refs.some((r) => r.number === num && (!r.suffix || r.suffix === suffix));
}

/** The numbers the question itself gives, else those of the earlier question it follows up. */
function questionReferences(q: HintInput): { number: number; type: string; suffix?: string }[] {
  const own = numberReferences(q.folded);
  return own.length ? own : numberReferences(q.query);
}

/**
 * Documents named by their số hiệu: the one place a question's answer may come from ("theo Công điện 220").
 * Title words alone only weigh (they are often the question's topic too).
 */
export function numberedDocuments(q: HintInput, docs: DocumentMeta[]): Set<string> | null {
  const refs = questionReferences(q);
  if (!refs.length) return null;
  const ids = docs.filter((d) => numberMatches(d, refs)).map((d) => d.id);
  return ids.length ? new Set(ids) : null;
}

const pairFrequencies = new WeakMap<DocumentMeta[], Map<string, number>>();

/** In how many documents' titles each word pair appears (computed once per corpus). */
function pairFrequency(docs: DocumentMeta[], titlePairs: (d: DocumentMeta) => Set<string>): Map<string, number> {
  let m = pairFrequencies.get(docs);
  if (!m) {
    m = new Map();
    for (const d of docs) for (const b of titlePairs(d)) m.set(b, (m.get(b) ?? 0) + 1);
    pairFrequencies.set(docs, m);
  }
  return m;
}

export interface HintInput {
  /** The question with the earlier one it follows up, if any. */
  query: string;
  /** The question alone: a document it names overrides one the earlier question named. */
  folded: string;
  wantsDraft: boolean;
}

/** How a question names a document by its type and its place, read once per document ("kế hoạch", "ha noi"). */
const namings = new WeakMap<DocumentMeta, { type: RegExp | null; place: RegExp | null }>();

function namingOf(d: DocumentMeta): { type: RegExp | null; place: RegExp | null } {
  let n = namings.get(d);
  if (!n) {
    const typeF = fold(d.type);
    const place = placeOf(d.issuer) ?? placeOf(d.title);
    const word = (w: string) => new RegExp(`(^|[^a-z])${w}([^a-z]|$)`);
    n = { type: typeF.length > 2 ? word(typeF) : null, place: place ? word(place) : null };
    namings.set(d, n);
  }
  return n;
}

/**
 * The documents of another place than the one the question names: "Sở Tài chính Nghệ An chủ trì những việc gì?" is
 * not answered from Hà Nội's plan, nor from any province's when Quảng Ninh has no text here. Texts of no place (a
 * ministry's, the Prime Minister's) stay, as does a document named by its number. Null when the question names no place.
 */
export function otherPlaces(q: HintInput, docs: DocumentMeta[]): Set<string> | null {
  const f = foldQuestion(q.query);
  const named = docs.filter((d) => namingOf(d).place?.test(f));
  const province = /[\u0300-\u036f\u0111\u0110]/u.test(q.query.normalize("NFD")) ? PROVINCE_WRITTEN.test(q.query) : PROVINCE_FOLDED.test(f);
  if (!named.length && !province && !/\bho chi minh\b/.test(f)) return null;
  const refs = questionReferences(q);
  const out = new Set<string>();
  for (const d of docs) {
    const { place } = namingOf(d);
    if (place && !place.test(f) && !numberMatches(d, refs)) out.add(d.id);
  }
  return out.size ? out : null;
}

/** Score of every document the question names (absent: not named). */
export function documentHints(q: HintInput, docs: DocumentMeta[], titlePairs: (d: DocumentMeta) => Set<string>): Map<string, number> {
  const hints = new Map<string, number>();
  const qTerms: TermSets = termSets(q.query);
  const f = foldQuestion(q.query);
  const refs = questionReferences(q);
  const qYears = new Set(q.query.match(/\b\d{4}\b/g) ?? []);
  const plan = /ke hoach|nam \d{4}/.test(f);
  const common = pairFrequency(docs, titlePairs);
  const maxShared = Math.max(1, Math.floor(docs.length * COMMON_TITLE_PAIR));
  // A question naming a place ("… của TP.HCM …") is not about another place's text, however many title words it
  // shares with it ("Quy chế quản lý Hệ thống thông tin … tỉnh Ninh Bình"); texts of no place stay candidates.
  const someplace = docs.some((d) => namingOf(d).place?.test(f));
  for (const d of docs) {
    let s = 0;
    const { type, place } = namingOf(d);
    const typeNamed = !!type && type.test(f);
    const placeNamed = !!place && place.test(f);
    if (someplace && place && !placeNamed && !numberMatches(d, refs)) continue;
    if (numberMatches(d, refs)) s += HINT.number;
    if (placeNamed) s += HINT.place;
    if (typeNamed && (placeNamed || s > 0)) s += HINT.type;
    // Named by its title: a good share of its word pairs (not just "dữ liệu", "hệ thống"); fewer count when the
    // place or the type was named too ("kế hoạch 5G IoT của Hà Nội").
    const pairs = titlePairs(d);
    let bi = 0;
    // A pair many titles share ("kế hoạch triển khai") names none of them.
    for (const b of pairs) if (qTerms.bi.has(b) && (common.get(b) ?? 0) <= maxShared) bi++;
    if (bi >= TITLE_PAIRS_ALONE || (bi >= TITLE_PAIRS_SOME && bi / Math.max(1, pairs.size) >= TITLE_PAIRS_SHARE)) s += bi / 1.5;
    else if (bi > 0 && (placeNamed || typeNamed)) s += HINT.titlePair * bi;
    if (q.wantsDraft && d.status === "draft") s += HINT.draft;
    if (d.year && plan && qYears.has(String(d.year))) s += HINT.year;
    if (s > 0) hints.set(d.id, s);
  }
  return hints;
}

/** The documents the question clearly names, if any: a strong hint, or a unique best one. */
export function namedDocuments(hints: Map<string, number>): Set<string> | null {
  const max = Math.max(0, ...hints.values());
  const top = [...hints].filter(([, v]) => v === max).map(([k]) => k);
  if (max >= NAMED_STRONG || (max >= NAMED_UNIQUE && top.length === 1)) return new Set(top);
  return null;
}
