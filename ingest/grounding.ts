// Evaluation (pure): is an answer grounded? The agencies, dates and percentages an answer states, each looked for in
// the quotes of the citations it gives — by registry identity for agencies, by normalised value for dates. Used by
// `npm run eval` and test/eval.test.ts next to judge.ts.
//
// What is not a fact of a document, and how each is still checked rather than skipped:
// - the cited document's own number, title and date ("Theo Quyết định 2629/QĐ-TTg ngày 01/12/2025"), and the section
//   path the citation names: checked against the citation's document metadata and section, not its quote;
// - "tính đến ngày 23/11/2026" in an overdue list: checked against the injected today;
// - a registry successor ("Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)", "nay thuộc … từ 1/3/2025"):
//   checked against the agency registry (successor, since);
// - the period in a list's heading ("Các nhiệm vụ có thời hạn trong quý I/2026 — 2 nhiệm vụ:"), the question's
//   filter: checked against the deadlines of the items listed, each of which must end inside it;
// - the sentence that says what was not found ("Không tìm thấy thông tin về … trong quý I/2026") and the reading of
//   an English question: the question's own words, stating nothing the documents hold.
// Counts ("6 nhiệm vụ") are not among the facts checked.

import type { ChatAnswer, Citation } from "../src/answer/types.ts";
import { AGENCIES, type Agency, agencyById, agencyKey, findAgencyMentions } from "../src/tasks/agencies.ts";
import { foldDiacritics, normalizeText } from "../src/text/normalize.ts";

export type FactKind = "agency" | "date" | "percent";

export interface UngroundedFact {
  kind: FactKind;
  /** The fact as the answer writes it: "Bộ Tài chính", "10/12/2025", "28,05%". */
  text: string;
}

export interface GroundingOptions {
  /** The "today" the answerer was given: an overdue list states it ("tính đến ngày 23/11/2026"). */
  today?: Date;
}

/** How far back from a name its successor marker is looked for: "(nay là " → 10 characters and some slack. */
const MARKER_WINDOW = 24;
/** Years a bare four-digit number may be: others are counts ("2.000" is written with a dot anyway). */
const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

/** A fact found in a text, at [start, end) of it. */
interface Found<T> {
  value: T;
  text: string;
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------------------
// Dates, by value. Each reading gives a key that equal dates share however they are written:
// "10/12/2025", "ngày 10 tháng 12 năm 2025" → "d:2025-12-10"; "tháng 12/2025", "Tháng 12 năm 2025" → "m:2025-12";
// "quý II/2025", "Quý 2 năm 2025" → "q:2025-2"; "năm 2025-2026", "2025 - 2026" → "r:2025-2026"; "năm 2025" → "y:2025".
// A date written without its year ("Tháng 9", "ngày 15 tháng 12") has "?" for it.

export interface DateValue {
  key: string;
  /** The year, when written. */
  year?: number;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const pad = (n: number) => String(n).padStart(2, "0");
const validYear = (y: number) => y >= YEAR_MIN && y <= YEAR_MAX;
const validDay = (d: number, m: number) => d >= 1 && d <= 31 && m >= 1 && m <= 12;

/** Diacritics folded one character at a time, so offsets in the folded text are offsets in the original. */
function foldKeepingOffsets(s: string): string {
  return s.replace(/[^\x00-\x7F]/g, (ch) => {
    const f = foldDiacritics(ch);
    return f.length === 1 ? f : ch;
  });
}

type DateReader = { re: RegExp; read: (m: RegExpExecArray) => DateValue | null };

const year2 = (y: string | undefined): number | undefined => (y ? Number(y) : undefined);
const dayKey = (d: number, m: number, y: number | undefined) => `d:${y ?? "?"}-${pad(m)}-${pad(d)}`;

/** Most specific first; a span read by one is not read again by a later one. */
const DATE_READERS: DateReader[] = [
  // 10/12/2025, 1/7/2025, 01-7-2025 (not inside a document number "180/2025/NĐ-CP").
  {
    re: /(?<![\d/])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])/g,
    read: (m) => (validDay(Number(m[1]), Number(m[3])) && validYear(Number(m[4])) ? { key: dayKey(Number(m[1]), Number(m[3]), Number(m[4])), year: Number(m[4]) } : null),
  },
  // ngày 10 tháng 12 năm 2025, 15 tháng 12 năm 2025, ngày 15 tháng 12 (year not written).
  {
    re: /(?:\bngay\s+)?(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:,\s*)?(?:nam\s+|\/\s*)(\d{4}))?(?!\d)/g,
    read: (m) => {
      const y = year2(m[3]);
      if (!validDay(Number(m[1]), Number(m[2])) || (y !== undefined && !validYear(y))) return null;
      // "6 tháng đầu năm" is a half year, read below; "15 tháng 12" without "ngày" or a year is still a day.
      return { key: dayKey(Number(m[1]), Number(m[2]), y), ...(y ? { year: y } : {}) };
    },
  },
  // 6 tháng đầu năm 2026, sáu tháng cuối năm 2025, nửa cuối năm.
  {
    re: /(?:\b(?:6|sau)\s+thang|\bnua)\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?(?!\d)/g,
    read: (m) => ({ key: `h:${m[2] ?? "?"}-${m[1] === "dau" ? 1 : 2}`, ...(m[2] ? { year: Number(m[2]) } : {}) }),
  },
  // quý II/2025, Quý IV năm 2021, quý 1 năm 2026, quý I.
  {
    re: /\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:\/|nam|-)\s*(\d{4}))?(?!\d)/g,
    read: (m) => ({ key: `q:${m[2] ?? "?"}-${ROMAN[m[1]!] ?? Number(m[1])}`, ...(m[2] ? { year: Number(m[2]) } : {}) }),
  },
  // tháng 12/2025, Tháng 06/2026, tháng 12 năm 2025, tháng 8/025 (a source's typo), Tháng 9 (year not written).
  {
    re: /\bthang\s+(\d{1,2})(?:\s*(?:\/|nam|-)\s*(\d{4}|0\d\d))?(?![\d/])/g,
    read: (m) => {
      const mo = Number(m[1]);
      const y = m[2] ? (m[2].length === 3 ? 2000 + Number(m[2]) : Number(m[2])) : undefined;
      if (mo < 1 || mo > 12 || (y !== undefined && !validYear(y))) return null;
      return { key: `m:${y ?? "?"}-${pad(mo)}`, ...(y ? { year: y } : {}) };
    },
  },
  // 12/2025 without "tháng" (not a document number "06/2025/TT-…").
  {
    re: /(?<![\d/]|\d[.,])(\d{1,2})\s*\/\s*(\d{4})(?![\d/])/g,
    read: (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 12 && validYear(Number(m[2])) ? { key: `m:${m[2]}-${pad(Number(m[1]))}`, year: Number(m[2]) } : null),
  },
  // trước 30/6, ngày 30/6 (year not written), after a word that makes it a date rather than a fraction.
  {
    re: /\b(?:ngay|truoc|den|han|tu|trong|vao)\s+(\d{1,2})\s*\/\s*(\d{1,2})(?![\d/])/g,
    read: (m) => (validDay(Number(m[1]), Number(m[2])) ? { key: dayKey(Number(m[1]), Number(m[2]), undefined) } : null),
  },
  // Năm 2025-2030, 2023 - 2025, giai đoạn 2021-2025, từ năm 2021 đến hết năm 2025.
  {
    re: /(?<![\d/]|\d[.,])(\d{4})\s*(?:-|\s(?:den|toi)\s+(?:het\s+)?(?:nam\s+)?)\s*(\d{4})(?![\d/]|[.,]\d)/g,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return validYear(a) && validYear(b) && b > a ? { key: `r:${a}-${b}`, year: a } : null;
    },
  },
  // năm 2025, đến 2030, giai đoạn 2026: a bare number is a year only after a word that makes it one.
  {
    re: /\b(?:nam|den|toi|tu|truoc|sau|giai doan|ky)\s+(\d{4})(?![\d/%]|[.,]\d)/g,
    read: (m) => (validYear(Number(m[1])) ? { key: `y:${m[1]}`, year: Number(m[1]) } : null),
  },
];

/** Every date in a text with its value, left to right; spans do not overlap. */
export function findDates(text: string): Found<DateValue>[] {
  const f = foldKeepingOffsets(text).toLowerCase().replace(/[\u2010-\u2015\u2212]/g, "-");
  const taken: [number, number][] = [];
  const out: Found<DateValue>[] = [];
  for (const r of DATE_READERS) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(f); m; m = r.re.exec(f)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const value = r.read(m);
      if (!value) continue;
      taken.push([start, end]);
      out.push({ value, text: text.slice(start, end), start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The days a date value covers, as ISO strings; undefined when its year is not written. "q:2026-1" → 2026-01-01…2026-03-31. */
export function dateInterval(key: string): [string, string] | undefined {
  const last = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const m = /^([dmqhry]):(\d{4})(?:-(\d+))?(?:-(\d+))?$/.exec(key);
  if (!m) return undefined;
  const y = Number(m[2]);
  const a = Number(m[3]);
  const b = Number(m[4]);
  const day = (yy: number, mm: number, dd: number) => `${yy}-${pad(mm)}-${pad(dd)}`;
  switch (m[1]) {
    case "d":
      return [day(y, a, b), day(y, a, b)];
    case "m":
      return [day(y, a, 1), day(y, a, last(y, a))];
    case "q":
      return [day(y, 3 * a - 2, 1), day(y, 3 * a, last(y, 3 * a))];
    case "h":
      return a === 1 ? [day(y, 1, 1), day(y, 6, 30)] : [day(y, 7, 1), day(y, 12, 31)];
    case "r":
      return [day(y, 1, 1), day(a, 12, 31)];
    default:
      return [day(y, 1, 1), day(y, 12, 31)];
  }
}

/** A day as an answer reads it from an ISO date: "2025-12-01" → "d:2025-12-01". */
function isoDayKey(iso: string): string {
  return `d:${iso.slice(0, 10)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Percentages: "28,05%", "100 %", "20.5%" → "28.05", "100", "20.5".

export function findPercents(text: string): Found<string>[] {
  const out: Found<string>[] = [];
  for (const m of text.matchAll(/(?<![\d.,])(\d+(?:[.,]\d+)?)\s*%/g)) {
    out.push({ value: m[1]!.replace(",", ".").replace(/^0+(?=\d)/, ""), text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// What the composer adds that is not a fact of a document, each checked against what it comes from; the spans are
// blanked before the answer's facts are read.

type Span = [number, number];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every occurrence of a literal in a text. */
function occurrences(text: string, lit: string, before = "", after = ""): Span[] {
  if (!lit.trim()) return [];
  const re = new RegExp(`${before}${escapeRe(lit)}${after}`, "gu");
  return [...text.matchAll(re)].map((m) => {
    const at = m.index + m[0].indexOf(lit);
    return [at, at + lit.length] as Span;
  });
}

/**
 * The cited documents' own metadata as the answer names them: number, title, a date right after the number that is
 * the document's issue date ("2629/QĐ-TTg ngày 01/12/2025"), and the section path of a citation where the answer
 * names it as the place of a quote ("Theo …, IV › 3 › * Giai đoạn từ ngày 01/7/2025 …: “…”").
 */
function metadataSpans(text: string, cites: readonly Citation[]): Span[] {
  const spans: Span[] = [];
  for (const c of cites) {
    const d = c.document;
    if (d.title) spans.push(...occurrences(text, normalizeText(d.title)));
    if (d.number) {
      for (const [s, e] of occurrences(text, d.number)) {
        spans.push([s, e]);
        const after = text.slice(e);
        const dated = /^\s+ngày\s+/u.exec(after);
        const date = dated ? findDates(after).find((x) => x.start === dated[0].length) : undefined;
        if (date && d.issuedDate && date.value.key === isoDayKey(d.issuedDate)) spans.push([e, e + date.end]);
      }
    }
    // Where the composer names a section: after ", " or "(" or "phần ", before ":" or ")" or " ghi".
    const section = normalizeText(c.section);
    if (section.length) spans.push(...occurrences(text, section, "(?<=, |\\(|phần )", "(?=:|\\)| ghi)"));
  }
  return spans;
}

/** "tính đến ngày 23/11/2026", "từ nay (23/11/2026) đến hết năm 2026": the today the answerer was given. */
function todaySpans(text: string, today: Date | undefined): Span[] {
  if (!today) return [];
  const key = isoDayKey(today.toISOString());
  return findDates(text)
    .filter((d) => d.value.key === key && /(?:tính đến|hôm nay|từ nay|đến nay|tới nay)(?: ngày)?[\s(]*$/iu.test(text.slice(Math.max(0, d.start - MARKER_WINDOW), d.start)))
    .map((d) => [d.start, d.end] as Span);
}

/**
 * The sentence that says what was not found, and the reading of an English question: the question's words
 * ("Không tìm thấy thông tin về nhiệm vụ nào phù hợp (các nhiệm vụ có thời hạn trong quý I/2026) …."), ending at the
 * sentence's stop or at a quote it introduces. A quote of a passage after it is checked.
 */
function questionSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/Không tìm thấy thông tin[^“\n]*?(?:\.(?=\s|$)|(?=“)|$)/gmu)) spans.push([m.index, m.index + m[0].length]);
  // (normalizeText may have written its curly quotes straight.)
  for (const m of text.matchAll(/được hiểu là: ["“][^"”]*["”]/gu)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** "nay thuộc Bộ Khoa học và Công nghệ từ 1/3/2025": the registry's date of a successor the answer has just named. */
function registryDateSpans(text: string): Span[] {
  const since = new Set(AGENCIES.flatMap((a) => (a.since ? [isoDayKey(a.since)] : [])));
  return findDates(text)
    .filter((d) => since.has(d.value.key) && /nay (?:thuộc|là) [^()\n]{2,80} từ $/u.test(text.slice(Math.max(0, d.start - 100), d.start)))
    .map((d) => [d.start, d.end] as Span);
}

/** A list's heading line (dashes read as "-", as normalizeText writes them): "Các nhiệm vụ có thời hạn trong quý I/2026 — 2 nhiệm vụ:", "Bộ Công Thương chủ trì (thời hạn trong năm 2025) — 4 nhiệm vụ:". */
const LIST_HEADING = /^.* [-—] \d+ nhiệm vụ.*:$/u;
/** A listed item's deadline: "- Xây dựng … — thời hạn: tháng 3/2026 [2]". */
const ITEM_DEADLINE = / [-—] thời hạn: (.+?) \[\d+\]$/u;

/**
 * The period of a list's heading restates the question's filter (lists.ts builds it); it claims that the items listed
 * are due in it, so it is checked against them: grounded when every item states a deadline (itself checked against its
 * quote) that ends inside the period. Returns the spans of the heading's dates that pass.
 */
function listPeriodSpans(text: string): Span[] {
  const spans: Span[] = [];
  const lines = text.split("\n");
  let at = 0;
  lines.forEach((line, i) => {
    const offset = at;
    at += line.length + 1;
    if (!LIST_HEADING.test(line)) return;
    const items: string[] = [];
    for (const l of lines.slice(i + 1)) {
      if (LIST_HEADING.test(l)) break;
      if (l.startsWith("- ")) items.push(l);
    }
    const dues = items.map((l) => {
      const d = ITEM_DEADLINE.exec(l);
      return d ? itemDue(d[1]!) : undefined;
    });
    if (!dues.length || dues.some((k) => k === undefined)) return;
    for (const d of findDates(line)) {
      const p = dateInterval(d.value.key);
      if (p && dues.every((k) => endsWithin(k!, p))) spans.push([offset + d.start, offset + d.end]);
    }
  });
  return spans;
}

/**
 * The value of an item's deadline for a heading's check: its last date, with the year the composer adds to a date
 * written without one ("tháng 9 (năm 2022)" → "m:2022-09").
 */
function itemDue(words: string): string | undefined {
  const dates = findDates(words);
  const last = dates.at(-1);
  const prev = dates.at(-2);
  if (last && prev && prev.value.year === undefined && /^y:/.test(last.value.key) && /^\s*\($/.test(words.slice(prev.end, last.start))) {
    return prev.value.key.replace("?", String(last.value.year));
  }
  return last?.value.key;
}

/**
 * Does a deadline end inside a period? One written without its year recurs ("định kỳ hằng năm trước ngày 15 tháng
 * 12"): it does when it falls inside the period in one of the period's years.
 */
function endsWithin(key: string, [from, to]: [string, string]): boolean {
  const years = key.includes("?") ? Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => Number(from.slice(0, 4)) + i) : [undefined];
  return years.some((y) => {
    const end = dateInterval(y === undefined ? key : key.replace("?", String(y)))?.[1];
    return end !== undefined && end >= from && end <= to;
  });
}

function blank(text: string, spans: readonly Span[]): string {
  const chars = [...text.split("")];
  // A blanked span becomes a hard stop: no agency or date reads across it.
  for (const [s, e] of spans) for (let i = s; i < e; i++) chars[i] = i === s ? ";" : " ";
  return chars.join("");
}

// ---------------------------------------------------------------------------------------------------------
// What the quotes hold.

interface QuoteFacts {
  agencyIds: Set<string>;
  /** The quotes' folded words, for agencies the registry does not list ("Sở Tài chính", "Công an tỉnh"). */
  keys: string[];
  dates: Set<string>;
  percents: Set<string>;
  /** Years the cited documents are of (issue date, a year in the title): the year of "Tháng 9" in a 2022 plan. */
  docYears: Set<number>;
}

function quoteFacts(cites: readonly Citation[]): QuoteFacts {
  const q: QuoteFacts = { agencyIds: new Set(), keys: [], dates: new Set(), percents: new Set(), docYears: new Set() };
  for (const c of cites) {
    const quote = normalizeText(c.quote);
    for (const m of findAgencyMentions(quote)) if (m.agency) q.agencyIds.add(m.agency.id);
    q.keys.push(` ${agencyKey(quote)} `);
    for (const d of findDates(quote)) q.dates.add(d.value.key);
    for (const p of findPercents(quote)) q.percents.add(p.value);
    if (c.document.issuedDate) q.docYears.add(Number(c.document.issuedDate.slice(0, 4)));
    for (const m of normalizeText(c.document.title).matchAll(/(?<!\d)(\d{4})(?!\d)/g)) if (validYear(Number(m[1]))) q.docYears.add(Number(m[1]));
  }
  return q;
}

/**
 * The year an answer adds in parentheses to a date the quote writes without one, as the composer marks an implied year
 * ("tháng 9 (năm 2022)" for "Tháng 9" in the 2022 plan): grounded when it is the year of a cited document.
 */
function impliedYear(dates: readonly Found<DateValue>[], i: number, text: string, q: QuoteFacts): boolean {
  const d = dates[i]!;
  const prev = dates[i - 1];
  if (!prev || prev.value.year !== undefined || !/^y:/.test(d.value.key)) return false;
  return /^\s*\($/.test(text.slice(prev.end, d.start)) && /^\)/.test(text.slice(d.end)) && q.docYears.has(d.value.year!);
}

/**
 * A registry agency of the answer is in a quote when a quote names the same agency (any of its names); a successor the
 * answer marks "(nay là X)" / "nay thuộc X" when a quote names an agency the registry says X succeeded; a predecessor
 * marked "(trước đây là Y)" when a quote names Y's successor.
 */
function agencyGrounded(a: Agency, before: string, q: QuoteFacts): boolean {
  if (q.agencyIds.has(a.id)) return true;
  const b = foldDiacritics(before);
  if (/nay (?:la|thuoc)\s*$/.test(b)) return [...q.agencyIds].some((id) => agencyById(id)?.successor === a.id);
  if (/truoc (?:day|kia) (?:la|thuoc)\s*$/.test(b)) return !!a.successor && q.agencyIds.has(a.successor);
  return false;
}

/**
 * The agencies, dates and percentages of an answer's text that no quote of the citations its line gives holds (registry successors
 * and the composer's framing checked as the file's head says). Empty for a grounded answer.
 */
export function ungroundedFacts(ans: Pick<ChatAnswer, "answer" | "citations">, opts: GroundingOptions = {}): UngroundedFact[] {
  const text = normalizeText(ans.answer.replace(/\r\n?/g, "\n")).replace(/ ?\n ?/g, "\n");
  const masked = blank(text, [...metadataSpans(text, ans.citations), ...todaySpans(text, opts.today), ...questionSpans(text), ...registryDateSpans(text), ...listPeriodSpans(text)]);
  const quotesAt = citedOnLine(masked, ans.citations);
  const out: UngroundedFact[] = [];
  for (const m of findAgencyMentions(masked)) {
    const q = quotesAt(m.start);
    const before = masked.slice(Math.max(0, m.start - MARKER_WINDOW), m.start);
    // A registry agency by identity; a unit the registry does not list by its words — and so is a name a shortened
    // quote cuts, which is not one: "… của Bộ, ngành,…" of "… của Bộ, ngành, địa phương", "tham mưu cho UBND Thành…".
    const cut = /^[,;]?\s*[^\s…]*…/u.test(masked.slice(m.end));
    const ok = m.agency && !cut ? agencyGrounded(m.agency, before, q) : q.keys.some((k) => k.includes(` ${agencyKey(m.name)} `));
    if (!ok) out.push({ kind: "agency", text: m.name });
  }
  const dates = findDates(masked);
  dates.forEach((d, i) => {
    const q = quotesAt(d.start);
    if (!q.dates.has(d.value.key) && !impliedYear(dates, i, masked, q)) out.push({ kind: "date", text: d.text });
  });
  for (const p of findPercents(masked)) if (!quotesAt(p.start).percents.has(p.value)) out.push({ kind: "percent", text: p.text });
  return out;
}

/**
 * The quotes a fact is checked against: those of the citations its line marks ("… [2] [1]."), so that a fact is not
 * taken from another item's quote; all of them on a line that marks none (a count) and on a list's heading, which
 * speaks of every item listed.
 */
function citedOnLine(text: string, cites: readonly Citation[]): (at: number) => QuoteFacts {
  const all = quoteFacts(cites);
  const byLine = new Map<number, QuoteFacts>();
  return (at) => {
    const start = text.lastIndexOf("\n", at - 1) + 1;
    let q = byLine.get(start);
    if (!q) {
      const end = text.indexOf("\n", at);
      const line = text.slice(start, end < 0 ? undefined : end);
      const marks = new Set([...line.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
      q = marks.size && !LIST_HEADING.test(line) ? quoteFacts(cites.filter((c) => marks.has(c.n))) : all;
      byLine.set(start, q);
    }
    return q;
  };
}

/** One line of a report: `date "10/12/2025"; agency "Bộ Tài chính"`. */
export function describeFacts(facts: readonly UngroundedFact[]): string {
  return facts.map((f) => `${f.kind} "${f.text}"`).join("; ");
}
