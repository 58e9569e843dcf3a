// Answer layer (pure): the period a question asks about, absolute ("quý I/2026", "Q1/2026", "6 tháng đầu năm
// 2026") or relative to the injected today ("tuần này", "cuối năm nay", "từ nay đến cuối năm", "trước 30/6").
// understand.ts reads it; the task selector (tasks/select.ts) filters deadlines that end inside it.

import { parseDeadline } from "../text/dates.ts";
import { foldDiacritics, normalizeText } from "../text/normalize.ts";

export interface Period {
  /** Absent for "trước ngày 30/6/2025": everything due up to the end, overdue tasks included. */
  start?: string;
  end: string;
  /** How an answer names the period, as the documents write periods ("quý I/2026", "tháng 12/2025"). */
  text: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** "2026-06-30" → "30/6/2026", as answers write dates. */
const vnDay = (s: string) => s.split("-").reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join("/");
const ROMAN = ["", "I", "II", "III", "IV"];
const ROMAN_IN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const month = (y: number, m: number): Period => ({ start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)), text: `tháng ${m}/${y}` });
const quarter = (y: number, q: number): Period => ({ start: iso(y, q * 3 - 2, 1), end: iso(y, q * 3, lastDay(y, q * 3)), text: `quý ${ROMAN[q]}/${y}` });

/**
 * A year named by a word after "năm": "nay"/"hiện tại" → this year, "tới"/"sau"/"kế tiếp" → the next, digits as
 * written, nothing → this year ("nửa cuối năm" → this year's). Null when the words are no year.
 */
function yearWord(w: string | undefined, y: number): number | null {
  if (!w) return y;
  if (/^\d{4}$/.test(w)) return Number(w);
  if (/^(nay|hien tai)$/.test(w)) return y;
  if (/^(toi|sau|ke tiep)$/.test(w)) return y + 1;
  return null;
}
const YEAR_WORD = "(?:\\s+(\\d{4}|nay|hien tai|toi|sau|ke tiep))?";

/** "tuần này" → Monday to Sunday of today's week; "tuần tới/sau" → the next one. */
function weekPeriod(f: string, today: Date): Period | null {
  const m = /\btuan (nay|hien tai|toi|sau|ke tiep)\b/.exec(f);
  if (!m) return null;
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY_MS + (/nay|hien tai/.test(m[1]!) ? 0 : 7 * DAY_MS));
  const sunday = new Date(monday.getTime() + 6 * DAY_MS);
  return { start: isoDay(monday), end: isoDay(sunday), text: `tuần từ ${vnDay(isoDay(monday))} đến ${vnDay(isoDay(sunday))}` };
}

/** "tháng này" → this month; "tháng tới/sau" → the next. */
function monthPeriod(f: string, today: Date): Period | null {
  const m = /\bthang (nay|hien tai|toi|sau|ke tiep)\b/.exec(f);
  if (!m) return null;
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + (/nay|hien tai/.test(m[1]!) ? 0 : 1), 1));
  return month(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** "từ nay đến (hết/cuối) năm (nay)" → today to 31/12; "từ nay đến cuối năm 2027" → to 31/12/2027. */
function untilYearEnd(f: string, today: Date): Period | null {
  const m = new RegExp(`\\btu (?:nay|bay gio) (?:den|toi) (?:het|cuoi) nam${YEAR_WORD}`).exec(f);
  if (!m) return null;
  const y = yearWord(m[1], today.getUTCFullYear());
  if (y === null) return null;
  const start = isoDay(today);
  return { start, end: iso(y, 12, 31), text: `từ nay (${vnDay(start)}) đến hết năm ${y}` };
}

/**
 * "trước (ngày) 30/6/2025", "trước ngày 30 tháng 6 năm 2026": everything due up to that day, overdue or not — a
 * period with no start (the /api/tasks filter due_to with no due_from). Without a year, the next such day on or
 * after today ("trước 30/6" asked in November means next June).
 */
function beforeDay(f: string, today: Date): Period | null {
  const m = /\btruoc (?:ngay )?(\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{4})?|\d{1,2} thang \d{1,2}(?: nam \d{4})?)(?![\d/])/.exec(f);
  if (!m) return null;
  const y = today.getUTCFullYear();
  const todayIso = isoDay(today);
  const written = /\d{4}$/.test(m[1]!);
  let d = parseDeadline(`ngày ${m[1]}`, y);
  if (d.kind !== "day" || !d.end) return null;
  if (!written && d.end < todayIso) d = parseDeadline(`ngày ${m[1]}`, y + 1);
  if (d.kind !== "day" || !d.end) return null;
  return { end: d.end, text: `trước ngày ${vnDay(d.end)}` };
}

/**
 * "trước tháng 7/2026" → due up to 30/6/2026, "trước quý III/2026" → up to 30/6/2026, "trước năm 2027" → up to
 * 31/12/2026: the day before the named month, quarter or year begins, with no start. A month or quarter without a
 * year is the next one not yet begun ("trước quý III" asked in November means next year's).
 */
function beforeCalendar(f: string, today: Date): Period | null {
  const m = /\btruoc (quy (?:iv|iii|ii|i|[1-4])|thang \d{1,2}|nam)(?:\s*(?:\/|nam)?\s*(\d{4}))?(?![\p{L}\d/])/u.exec(f);
  if (!m || (m[1] === "nam" && !m[2])) return null;
  const todayIso = isoDay(today);
  const read = (y: number) => parseDeadline(m[1] === "nam" ? `năm ${y}` : `${m[1]}/${y}`);
  let d = read(m[2] ? Number(m[2]) : today.getUTCFullYear());
  if (!m[2] && d.start && d.start <= todayIso) d = read(today.getUTCFullYear() + 1);
  if (!d.start || !["month", "quarter", "year"].includes(d.kind)) return null;
  const end = isoDay(new Date(Date.parse(`${d.start}T00:00:00Z`) - DAY_MS));
  return { end, text: `trước ${calendarName(d.kind, d.start, m[0])}` };
}

/** "6 tháng đầu năm 2026", "nửa cuối năm (nay)", "cuối năm nay" (its last month), "quý này/tới", "quý 1 năm nay". */
function partOfYear(f: string, today: Date): Period | null {
  const y0 = today.getUTCFullYear();
  const half = new RegExp(`\\b(?:(?:6|sau) thang|nua) (dau|cuoi) nam${YEAR_WORD}`).exec(f);
  if (half) {
    const y = yearWord(half[2], y0);
    if (y === null) return null;
    const first = half[1] === "dau";
    return { start: iso(y, first ? 1 : 7, 1), end: iso(y, first ? 6 : 12, first ? 30 : 31), text: `6 tháng ${first ? "đầu" : "cuối"} năm ${y}` };
  }
  // "cuối năm" with nothing after it, or a year word: December, the month a year's deadlines end in.
  const yearEnd = new RegExp(`\\bcuoi nam${YEAR_WORD}(?![\\p{L}\\d])`, "u").exec(f);
  if (yearEnd) {
    const y = yearWord(yearEnd[1], y0);
    if (y === null) return null;
    return { ...month(y, 12), text: `cuối năm ${y} (tháng 12/${y})` };
  }
  const rel = /\bquy (nay|hien tai|toi|sau|ke tiep)\b/.exec(f);
  if (rel) {
    const q0 = Math.floor(today.getUTCMonth() / 3) + 1 + (/nay|hien tai/.test(rel[1]!) ? 0 : 1);
    return q0 > 4 ? quarter(y0 + 1, 1) : quarter(y0, q0);
  }
  const qYear = /\bquy (iv|iii|ii|i|[1-4]) (?:nam )?(nay|hien tai|toi|sau|ke tiep)\b/.exec(f);
  if (qYear) {
    const y = yearWord(qYear[2], y0);
    return y === null ? null : quarter(y, ROMAN_IN[qYear[1]!] ?? Number(qYear[1]));
  }
  return null;
}

/** "năm nay" → this year; "năm tới/sau", "sang năm" → the next. */
function relativeYear(f: string, today: Date): Period | null {
  const y = today.getUTCFullYear();
  if (/\bnam (nay|hien tai)\b/.test(f)) return { start: iso(y, 1, 1), end: iso(y, 12, 31), text: `năm ${y}` };
  if (/\bnam (toi|sau|ke tiep)\b|\bsang nam\b/.test(f)) return { start: iso(y + 1, 1, 1), end: iso(y + 1, 12, 31), text: `năm ${y + 1}` };
  return null;
}

/** "Q1/2026", "q1 2026", "Q1 năm 2026": a quarter typed short. */
const Q_FORM = /\bq([1-4])\s*(?:\/|-|\s+nam\s+|\s+)(\d{4})\b/g;

/** How the documents name a period ("quy 1 nam 2026" typed → "quý I/2026"; "tháng 12 năm 2025" → "tháng 12/2025"). */
function calendarName(kind: string, start: string, written: string): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  if (kind === "quarter") return quarter(y, (m + 2) / 3).text;
  if (kind === "month") return month(y, m).text;
  return kind === "year" ? `năm ${y}` : written;
}

/** Absolute calendar periods as written: quarter before month before year ("quý I năm 2026", "tháng 12/2025"). */
function calendarPeriod(question: string): Period | null {
  const orig = normalizeText(question);
  // Indices of the folded text align with the NFC original.
  const fq = foldDiacritics(orig);
  const q = Q_FORM.exec(fq);
  Q_FORM.lastIndex = 0;
  if (q) {
    const y = Number(q[2]);
    // Named as the documents write quarters ("quý II/2026"), not as typed.
    return quarter(y, Number(q[1]));
  }
  const patterns: [RegExp, string][] = [
    [/quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:\/|nam|-)?\s*\d{4}/, "quarter"],
    [/thang\s+\d{1,2}\s*(?:\/|nam)\s*\d{4}/, "month"],
    [/(?<![\d/])\d{1,2}\/\d{4}/, "month"],
    [/nam\s+\d{4}/, "year"],
  ];
  for (const [re, kind] of patterns) {
    const m = re.exec(fq);
    if (!m) continue;
    const d = parseDeadline(m[0]);
    // "tháng 13/2025" is no month: do not silently widen it to the year.
    if (d.kind !== kind) return null;
    if (d.start && d.end) return { start: d.start, end: d.end, text: calendarName(d.kind, d.start, orig.slice(m.index, m.index + m[0].length)) };
  }
  return null;
}

/**
 * The period of a question, the most specific reading first: relative weeks and months, "từ nay đến cuối năm",
 * "trước ngày …", "trước tháng/quý …", parts of a year, relative years, then calendar periods as written.
 */
export function detectPeriod(question: string, today: Date): Period | null {
  const f = foldDiacritics(normalizeText(question));
  for (const read of [weekPeriod, monthPeriod, untilYearEnd, beforeDay, beforeCalendar, partOfYear, relativeYear]) {
    const p = read(f, today);
    if (p) return p;
  }
  return calendarPeriod(question);
}
