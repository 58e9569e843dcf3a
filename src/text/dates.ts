// Text layer (pure): Vietnamese deadlines → structured periods. Keeps the source's words next to the
// parsed value: "Tháng 12/2026" → { kind: "month", start: "2026-12-01", end: "2026-12-31" }.

import { foldDiacritics } from "./normalize.ts";

export type DeadlineKind = "day" | "month" | "quarter" | "year" | "range" | "from" | "recurring" | "none";

export interface Deadline {
  kind: DeadlineKind;
  /** Words as written in the source. */
  text: string;
  start?: string;
  end?: string;
  /** "before" for "trước ngày X", "within" for "trong ngày/tháng X", undefined otherwise. */
  qualifier?: "before" | "within";
  /** Set when the year was not written and came from the document ("Tháng 6" in a 2022 plan). */
  yearInferred?: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function validYear(y: number): boolean {
  return y >= 1990 && y <= 2100;
}

function fixYear(raw: string): number {
  // "8/025" typo in the news summary → 2025; two-digit years → 20xx.
  const n = Number(raw);
  if (raw.length === 3 && raw.startsWith("0")) return 2000 + n;
  if (raw.length <= 2) return 2000 + n;
  return n;
}

type Base = Pick<Deadline, "text" | "qualifier">;
const dayOf = (base: Base, y: number, mo: number, d: number, inferred = false): Deadline => ({
  kind: "day",
  ...base,
  start: iso(y, mo, d),
  end: iso(y, mo, d),
  ...(inferred ? { yearInferred: true } : {}),
});
const validDay = (y: number, mo: number, d: number) => validYear(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(y, mo);

/**
 * Parse a deadline phrase. `defaultYear` supplies the year for "Tháng 6" in a yearly plan.
 * Returns kind "none" when nothing date-like is found. Readings are tried from the most specific (a day) to the
 * least (a bare year); the first that reads a valid date wins.
 */
/** "Luật An ninh mạng 2025", "Bộ luật Dân sự năm 2015": the name without its year. */
const LAW_NAME_YEAR = /((?:Bộ luật|Luật)(?:\s+[\p{L}-]+){1,7}?)\s+(?:năm\s+)?(?:19|20)\d{2}\b/gu;

export function parseDeadline(raw: string, defaultYear?: number): Deadline {
  const text = raw.replace(/\s+/g, " ").trim().replace(/[.;,]+$/, "");
  // Dashes as typed or pasted ("2025 – 2026") read as "-". A law's name carries a year that is no deadline: "Theo
  // tiến độ được giao của Luật An ninh mạng 2025" gives none.
  const f = foldDiacritics(text.replace(LAW_NAME_YEAR, "$1")).replace(/[\u2010-\u2015\u2212]/g, "-");
  const qualifier: Deadline["qualifier"] = /\btruoc\b/.test(f) ? "before" : /\btrong\b/.test(f) ? "within" : undefined;
  const base: Base = { text, ...(qualifier ? { qualifier } : {}) };

  // "trước ngày 30 tháng 01 của năm tiếp theo" repeats every year: it is not a date in the plan's year.
  if (/thuong xuyen|hang nam|hang quy|hang thang|hang ngay|dinh ky|lien tuc|hang tuan|(?:cua )?nam (?:tiep theo|sau)\b/.test(f) && !/\d{4}\s*-\s*\d{4}/.test(f)) {
    return { kind: "recurring", ...base };
  }
  const from = startOnly(f, base, defaultYear);
  if (from) return from;
  for (const read of [spanDeadline, dayDeadline, quarterDeadline, halfDeadline, monthDeadline, rangeDeadline, yearDeadline]) {
    const d = read(f, base, defaultYear);
    if (d) return d;
  }
  return { kind: "none", text };
}

/**
 * "Bắt đầu triển khai từ năm 2026", "từ tháng 6/2025": a start with no end is not a deadline (it is never due nor
 * overdue); "từ 2021 đến 2025" and "từ năm 2021 - 2025" stay ranges (null here).
 */
function startOnly(f: string, base: Base, defaultYear?: number): Deadline | null {
  const from = f.match(/^(?:bat dau(?: [a-z ]+?)? )?tu ((?:ngay |thang |quy |nam )?(?:\d|[ivx]+\b).*)$/);
  if (!from || /\bden\b|\d\s*-\s*\d/.test(from[1]!) || SPAN.test(from[1]!)) return null;
  const inner = parseDeadline(from[1]!, defaultYear);
  if (!inner.start) return null;
  return { kind: "from", ...base, start: inner.start, ...(inner.yearInferred ? { yearInferred: true } : {}) };
}

/**
 * One calendar point finer than a year, as a span's end is written (folded): a dated day, a quarter, a month, a
 * half-year — the year optional ("quý II", "tháng 9"), taken from the other end or the plan.
 */
const CAL_POINT = String.raw`(?:(?:ngay\s+)?\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{2,4}|quy\s+(?:iv|iii|ii|i|[1-4])\b(?:\s*(?:\/|nam)\s*\d{2,4})?|thang\s+\d{1,2}\b(?:\s*(?:\/|nam)\s*\d{2,4})?|\d{1,2}\s*\/\s*\d{4}|(?:(?:6|sau)\s+thang|nua)\s+(?:dau|cuoi)\s+nam(?:\s+\d{4})?)`;
/** "A - B", "A – B", "(từ) A đến/tới (hết) B" between two calendar points. */
const SPAN = new RegExp(`(${CAL_POINT})(?:\\s*-\\s*|\\s+(?:den|toi)\\s+(?:het\\s+)?)(${CAL_POINT})(?![\\d/])`);

/** One end of a span, read as the single-point readers read it; null when it is no calendar point. */
function spanEnd(s: string, base: Base, year?: number): Deadline | null {
  for (const read of [dayDeadline, quarterDeadline, halfDeadline, monthDeadline]) {
    const d = read(s, base, year);
    if (d) return d;
  }
  return null;
}
const yearOf = (d: Deadline) => Number(d.start!.slice(0, 4));

/**
 * A span of quarters, months or days: from the start of its first end to the end of its last —
 * "Quý IV/2025- Quý II/2026" → 2025-10-01…2026-06-30, "tháng 9 – tháng 12/2025" → 2025-09-01…2025-12-31,
 * "Tháng 11/2025 - Quý I/2026" → 2025-11-01…2026-03-31. An end written without a year takes the other end's
 * ("tháng 11/2025 - tháng 2" → February 2026, the first one after), or the plan's when neither has one.
 * Ranges of bare years are rangeDeadline's.
 */
function spanDeadline(f: string, base: Base, defaultYear?: number): Deadline | null {
  const m = SPAN.exec(f);
  if (!m) return null;
  const [a, b] = [m[1]!, m[2]!];
  const aWritten = spanEnd(a, base);
  const bWritten = spanEnd(b, base);
  let first = aWritten;
  let last = bWritten;
  if (!first && !last) {
    if (!defaultYear) return null;
    first = spanEnd(a, base, defaultYear);
    last = spanEnd(b, base, defaultYear);
  } else if (!first) {
    const y = yearOf(last!);
    first = spanEnd(a, base, y);
    if (first && first.start! > last!.end!) first = spanEnd(a, base, y - 1);
  } else if (!last) {
    const y = yearOf(first);
    last = spanEnd(b, base, y);
    if (last && last.end! < first.start!) last = spanEnd(b, base, y + 1);
  }
  if (!first?.start || !last?.end || last.end < first.start) return null;
  const inferred = !aWritten && !bWritten;
  return { kind: "range", ...base, start: first.start, end: last.end, ...(inferred ? { yearInferred: true } : {}) };
}

/** A day: 25/6/2025, ngày 30/6/2025, 15 tháng 12 năm 2025, "trước ngày 15 tháng 12" and "ngày 30/6" (year implied). */
function dayDeadline(f: string, base: Base, defaultYear?: number): Deadline | null {
  let m = f.match(/(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})/);
  if (m) {
    const y = fixYear(m[3]!);
    if (validDay(y, Number(m[2]), Number(m[1]))) return dayOf(base, y, Number(m[2]), Number(m[1]));
  }
  m = f.match(/(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/);
  if (m && /ngay/.test(f)) {
    const y = m[3] ? Number(m[3]) : defaultYear;
    if (y && validDay(y, Number(m[2]), Number(m[1]))) return dayOf(base, y, Number(m[2]), Number(m[1]), !m[3]);
  }
  // "ngày 30/6", and "trước 30/6" / "xong trước 30/6" written without "ngày" (a bare "30/6" alone stays no date).
  m = f.match(/(?:ngay|truoc|han|trong)\s+(\d{1,2})\s*\/\s*(\d{1,2})(?!\s*\/)/);
  if (m && defaultYear && validDay(defaultYear, Number(m[2]), Number(m[1]))) return dayOf(base, defaultYear, Number(m[2]), Number(m[1]), true);
  return null;
}

/** A quarter: quý I/2025, Quý IV năm 2021, "quý II" (year from the plan). */
function quarterDeadline(f: string, base: Base, defaultYear?: number): Deadline | null {
  const m = f.match(/quy\s+(iv|iii|ii|i|[1-4])\s*(?:\/|nam|-)?\s*(\d{4})?/);
  if (!m) return null;
  const q = ROMAN[m[1]!] ?? Number(m[1]);
  const y = m[2] ? Number(m[2]) : defaultYear;
  if (!y || !validYear(y) || q < 1 || q > 4) return null;
  const sm = (q - 1) * 3 + 1;
  return { kind: "quarter", ...base, start: iso(y, sm, 1), end: iso(y, sm + 2, lastDay(y, sm + 2)), ...(m[2] ? {} : { yearInferred: true }) };
}

/** Half a year: "6 tháng đầu năm 2025" → 1/1–30/6, "sáu tháng cuối năm 2025", "nửa cuối năm" (year from the plan). */
function halfDeadline(f: string, base: Base, defaultYear?: number): Deadline | null {
  const m = f.match(/(?:(?:6|sau) thang|nua) (dau|cuoi) nam(?:\s+(\d{4}))?/);
  if (!m) return null;
  const y = m[2] ? Number(m[2]) : defaultYear;
  if (!y || !validYear(y)) return null;
  const first = m[1] === "dau";
  return { kind: "range", ...base, start: iso(y, first ? 1 : 7, 1), end: iso(y, first ? 6 : 12, first ? 30 : 31), ...(m[2] ? {} : { yearInferred: true }) };
}

/** A month: Tháng 12/2025, tháng 8/025, tháng 12 năm 2025, "Tháng 6 (2025)", Tháng 6 (year from the plan), 12/2025. */
function monthDeadline(f: string, base: Base, defaultYear?: number): Deadline | null {
  const month = (y: number, mo: number, inferred: boolean): Deadline | null =>
    mo >= 1 && mo <= 12 && validYear(y) ? { kind: "month", ...base, start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)), ...(inferred ? { yearInferred: true } : {}) } : null;
  let m = f.match(/thang\s+(\d{1,2})\s*(?:\/|nam)\s*(\d{2,4})/);
  if (m) {
    const d = month(fixYear(m[2]!), Number(m[1]), false);
    if (d) return d;
  }
  m = f.match(/^(?:trong |truoc |hoan thanh |den )*thang\s+(\d{1,2})\b(?:\s*\((?:nam\s+)?(\d{4})\))?/);
  if (m) {
    const y = m[2] ? Number(m[2]) : defaultYear;
    const d = y ? month(y, Number(m[1]), !m[2]) : null;
    if (d) return d;
  }
  m = f.match(/^(\d{1,2})\s*\/\s*(\d{4})$/);
  return m ? month(Number(m[2]), Number(m[1]), false) : null;
}

/** A range of years: Năm 2025-2030, 2021 - 2022, giai đoạn 2026-2030, từ năm 2021 đến (hết) năm 2025. */
function rangeDeadline(f: string, base: Base): Deadline | null {
  const m = f.match(/(\d{4})\s*(?:-|\s(?:den|toi)\s+(?:het\s+)?(?:nam\s+)?)\s*(\d{4})/);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return validYear(a) && validYear(b) && b >= a ? { kind: "range", ...base, start: iso(a, 1, 1), end: iso(b, 12, 31) } : null;
}

/** A year: năm 2025, trong năm 2026, 2021. */
function yearDeadline(f: string, base: Base): Deadline | null {
  const m = f.match(/(?:^|\D)(\d{4})(?:\D|$)/);
  if (!m) return null;
  const y = Number(m[1]);
  return validYear(y) ? { kind: "year", ...base, start: iso(y, 1, 1), end: iso(y, 12, 31) } : null;
}

/** Format a parsed deadline the way an answer writes it, preferring the source's own words. */
export function formatDeadline(d: Deadline): string {
  if (d.kind === "none") return d.text || "không nêu thời hạn";
  if (d.kind === "recurring") return lowerFirst(d.text);
  let t = lowerFirst(d.text);
  if (d.yearInferred && d.end) t += ` (năm ${d.end.slice(0, 4)})`;
  return t;
}

function lowerFirst(s: string): string {
  // Keep proper nouns; only the leading "Tháng", "Năm", "Quý", "Hoàn thành" are lowered.
  return s.replace(/^(Tháng|Năm|Quý|Hoàn thành|Trước|Trong|Thường xuyên|Hằng năm|Hàng năm|Giai đoạn)(?![\p{L}])/u, (w) => w.toLowerCase());
}

/** Whole period of a calendar expression in a question: "tháng 12/2025", "quý I/2026", "năm 2025". */
export function periodOf(d: Deadline): { start: string; end: string } | null {
  if (d.start && d.end) return { start: d.start, end: d.end };
  return null;
}
