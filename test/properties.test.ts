// Property tests (fast-check) for the pure text and document layers: no input makes them throw, and the
// normalisers and the deadline parser keep their invariants.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanLines } from "../src/document/lines.ts";
import { parseFile } from "../src/document/parse.ts";
import { formatDeadline, parseDeadline } from "../src/text/dates.ts";
import { foldDiacritics, matchKey, normalizeText } from "../src/text/normalize.ts";
import { foldSyllable, searchTerms, topicTerms } from "../src/text/tokenize.ts";

const RUNS = { numRuns: 500 };

/** Any code point (astral planes included), plus lone surrogates and the invisible characters the normaliser removes. */
const anyUnicode = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("\u200B", "\u00AD", "\uFEFF", "\u2060", "\u00A0", "\u0301", "\u0300", "\u0303", "\u0309", "\u0323", "\u0302", "\u031B", "\u0306", "\t", "\n", " ", "o", "a", "u", "y", "q", "Đ"),
    ),
    maxLength: 60,
  }),
);

// Vietnamese letters: every base vowel with every tone, upper and lower case, plus consonants and đ/Đ.
const BASE_VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
const CONSONANTS = "bcdđghklmnpqrstvx".split("");
const VI_LETTERS = [
  ...BASE_VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize("NFC"))),
  ...CONSONANTS,
].flatMap((l) => [l, l.toUpperCase()]);
const vietnameseText = fc
  .array(fc.oneof(fc.constantFrom(...VI_LETTERS), fc.constant(" ")), { maxLength: 80 })
  .chain((chars) => fc.constantFrom("NFC", "NFD").map((form) => chars.join("").normalize(form as "NFC" | "NFD")));

describe("normalizeText", () => {
  it("never throws on arbitrary unicode and returns a string", () => {
    fc.assert(
      fc.property(anyUnicode, (s) => {
        expect(typeof normalizeText(s)).toBe("string");
      }),
      RUNS,
    );
  });

  it("is idempotent on Vietnamese text (NFC or NFD input)", () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      RUNS,
    );
  });

  // The invisible characters unifyPunctuation deletes; the test below covers a letter and its tone mark split by one.
  const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

  it("is idempotent on arbitrary unicode (without invisible characters)", () => {
    fc.assert(
      fc.property(anyUnicode, (raw) => {
        const s = raw.replace(INVISIBLE, "");
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).toBe(once.normalize("NFC"));
      }),
      { numRuns: 2000 },
    );
  });

  // Was a bug (src/text/normalize.ts normalizeText): NFC ran before unifyPunctuation deleted zero-width
  // characters (U+200B–U+200D, U+2060, U+FEFF, U+00AD), so a base letter and a combining tone mark that a
  // zero-width space separated stay decomposed: normalizeText("a\u200B\u0323") is "a\u0323" (not NFC,
  // and not equal to normalizeText("ạ") = "ạ"); a second normalizeText composes it. Expected: the result
  // is NFC and normalizeText is idempotent (normalise to NFC after removing invisible characters).
  it("is idempotent and NFC when a zero-width character separates a letter from its tone mark (fixed: NFC after removing invisibles)", () => {
    for (const zw of ["\u200B", "\u00AD", "\uFEFF"]) {
      const once = normalizeText(`Bo\u0302${zw}\u0323 Co\u0302ng an`);
      expect(once).toBe(once.normalize("NFC"));
      expect(normalizeText(once)).toBe(once);
    }
  });

  it("makes old and new tone placement equal (hoá = hóa, Uỷ = Ủy, thuỷ = thủy)", () => {
    expect(normalizeText("hoá")).toBe(normalizeText("hóa"));
    expect(normalizeText("Uỷ ban")).toBe(normalizeText("Ủy ban"));
    expect(normalizeText("thuỷ")).toBe(normalizeText("thủy"));
    expect(normalizeText("quý")).toBe("quý");
  });
});

describe("foldDiacritics", () => {
  it("gives ASCII only for Vietnamese letters", () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(foldDiacritics(s)).toMatch(/^[\x00-\x7F]*$/);
      }),
      RUNS,
    );
  });

  it("folds every Vietnamese letter to one ASCII letter", () => {
    for (const l of VI_LETTERS) expect(foldDiacritics(l), l).toMatch(/^[a-z]$/);
  });

  it("never throws on arbitrary unicode", () => {
    fc.assert(fc.property(anyUnicode, (s) => void foldDiacritics(s)), RUNS);
  });
});

describe("tokenize", () => {
  it("searchTerms and topicTerms never throw and return strings without spaces", () => {
    fc.assert(
      fc.property(fc.oneof(anyUnicode, vietnameseText), (s) => {
        for (const t of searchTerms(s)) expect(t).not.toMatch(/\s/);
        const tt = topicTerms(s);
        expect(Array.isArray(tt.terms)).toBe(true);
        expect(typeof tt.accented).toBe("boolean");
      }),
      RUNS,
    );
  });

  it("typing without diacritics gives the same folded terms as the accented text", () => {
    const folded = (ts: string[]) => [...new Set(ts.filter((t) => t.split("_").every((p) => foldSyllable(p) === p)))].sort();
    fc.assert(
      fc.property(vietnameseText, (s) => {
        expect(folded(searchTerms(foldDiacritics(s)))).toEqual(folded(searchTerms(s)));
      }),
      RUNS,
    );
  });
});

// Date-like fragments, so the generator reaches every branch of parseDeadline.
const dateWords = fc.constantFrom(
  "Tháng", "tháng", "ngày", "Ngày", "năm", "Năm", "Quý", "quý", "I", "II", "III", "IV", "V", "trước", "Trước", "trong", "Trong",
  "Hoàn thành", "giai đoạn", "Giai đoạn", "hằng năm", "thường xuyên", "của năm tiếp theo", "/", "-", ".", ",", ";", "(", ")", "năm sau",
);
const dateNumbers = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1980, max: 2110 }), fc.integer({ min: 0, max: 99999 })).map(String);
const datePhrase = fc.array(fc.oneof(dateWords, dateNumbers, fc.constantFrom("/", "-", " ")), { maxLength: 12 }).map((a) => a.join(" "));
const dateGlued = fc.array(fc.oneof(dateWords, dateNumbers, fc.constantFrom("/", "-", " ")), { maxLength: 12 }).map((a) => a.join(""));

describe("parseDeadline", () => {
  it("never throws; end ≥ start when both are present", () => {
    fc.assert(
      fc.property(fc.oneof(anyUnicode, datePhrase, dateGlued), fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: undefined }), (s, year) => {
        const d = parseDeadline(s, year);
        expect(typeof d.text).toBe("string");
        if (d.start && d.end) expect(d.end >= d.start, `${s} → ${d.start}..${d.end}`).toBe(true);
        expect(typeof formatDeadline(d)).toBe("string");
      }),
      { numRuns: 3000 },
    );
  });

  it("start/end are real YYYY-MM-DD days for deadlines written with a year in 1990–2100", () => {
    const year4 = fc.integer({ min: 1990, max: 2100 }).map(String);
    const phrase = fc.tuple(fc.constantFrom("Tháng 6/", "quý II/", "Quý IV năm ", "ngày 30 tháng 4 năm ", "Năm ", "trước ngày 31/12/", "Tháng 2 ("), year4).map(([a, y]) => (a.endsWith("(") ? `${a}${y})` : a + y));
    fc.assert(
      fc.property(phrase, (s) => {
        const d = parseDeadline(s);
        for (const v of [d.start, d.end]) {
          expect(v, s).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10)).toBe(v);
        }
      }),
      RUNS,
    );
  });

  // Was a bug (src/text/dates.ts parseDeadline): the "ngày D tháng M năm YYYY", "quý Q/YYYY" and "Tháng M (YYYY)"
  // branches do not check validYear (the "Tháng M/YYYY", day-slash and range branches do), and iso() does not
  // pad the year, so "Quý 10001" → start "1-01-01", "ngày 1 tháng 1 năm 0001" → "1-01-01", "Quý I/0025" →
  // "25-01-01", "Tháng 6 (0001)" → "1-06-01": not ISO dates, and they sort wrongly against due_from/due_to.
  // Expected: such years are rejected (kind "none", or "year" only for a valid year), as "Tháng 12/0001" is.
  it("never returns a start/end that is not YYYY-MM-DD (years outside 1990–2100)", () => {
    for (const s of ["Quý 10001", "Quý I/0025", "ngày 1 tháng 1 năm 0001", "Tháng 6 (0001)"]) {
      const d = parseDeadline(s);
      for (const v of [d.start, d.end]) if (v !== undefined) expect(v, s).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  const pad = (n: number, p: boolean) => (p ? String(n).padStart(2, "0") : String(n));
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

  it('round-trips "Tháng M/YYYY": formatted text names the month and year, period is that month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2100 }), fc.boolean(), (m, y, p) => {
        const x = `Tháng ${pad(m, p)}/${y}`;
        const d = parseDeadline(x);
        expect(d.kind).toBe("month");
        const f = formatDeadline(d);
        expect(f).toContain(pad(m, p));
        expect(f).toContain(String(y));
        expect(d.start).toBe(`${y}-${pad(m, true)}-01`);
        expect(d.end).toBe(`${y}-${pad(m, true)}-${pad(lastDay(y, m), true)}`);
      }),
      RUNS,
    );
  });

  it('round-trips "ngày D/M/YYYY": formatted text names the day, month and year, period is that day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }).chain((y) => fc.integer({ min: 1, max: 12 }).chain((m) => fc.tuple(fc.constant(y), fc.constant(m), fc.integer({ min: 1, max: lastDay(y, m) })))),
        fc.boolean(),
        ([y, m, day], p) => {
          const x = `ngày ${pad(day, p)}/${pad(m, p)}/${y}`;
          const d = parseDeadline(x);
          expect(d.kind).toBe("day");
          const f = formatDeadline(d);
          expect(f).toContain(`${pad(m, p)}/${y}`);
          expect(f).toContain(String(y));
          expect(d.start).toBe(`${y}-${pad(m, true)}-${pad(day, true)}`);
          expect(d.end).toBe(d.start);
        },
      ),
      RUNS,
    );
  });

  it('round-trips "tháng M năm YYYY"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2100 }), (m, y) => {
        const d = parseDeadline(`tháng ${m} năm ${y}`);
        expect(d.kind).toBe("month");
        expect(formatDeadline(d)).toContain(`${m} năm ${y}`);
        expect(d.start?.slice(0, 7)).toBe(`${y}-${pad(m, true)}`);
      }),
      RUNS,
    );
  });
});

// Lines shaped like the seeds: headers, sections, pipe tables, tab tables, HTML cells, Markdown tables.
const docLine = fc.oneof(
  fc.constantFrom(
    "QUYẾT ĐỊNH", "KẾ HOẠCH", "Số: 2629/QĐ-TTg", "Số: 02-KH/BCĐTW", "Hà Nội, ngày 01 tháng 12 năm 2025", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Điều 1.", "Chương II", "Phụ lục I", "I. MỤC TIÊU", "1. Nhiệm vụ", "a) Xây dựng", "- Bộ Công an", "DỰ THẢO", "**DỰ THẢO**", "12", "-- 1 of 3 --",
    "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |", "|---|---|---|---|", "| 1 | Xây dựng Luật | Bộ Công an | 2025 |", "||||", "|", "||", "| |",
    "<b>Tiêu đề</b>", "<td>x</td>\t<td>y</td>", "STT\tNhiệm vụ\tChủ trì\tPhối hợp\tThời hạn", "1\tXây dựng\tBộ Tư pháp\t\tTháng 12/2025", "\t\t\t",
    "# Tiêu đề", "**a)** nội dung", "Ban hành kèm theo Quyết định số 942/QĐ-TTg", "Cơ quan chủ trì: Bộ Tài chính", "+ Thời hạn: Quý IV/2025",
  ),
  fc.string({ unit: fc.constantFrom("|", "\t", " ", "a", "Đ", "ư", "1", "/", "-", "*", "#", "<", ">", ":", "\r", "."), maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const docText = fc.array(docLine, { maxLength: 60 }).map((ls) => ls.join("\n"));
const pipeTabHeavy = fc.string({ unit: fc.constantFrom("|", "|", "|", "\t", "\t", "\n", " ", "x", "Bộ", "2025"), maxLength: 400 });

describe("document layer", () => {
  it("scanLines never throws and reports lines within the input", () => {
    fc.assert(
      fc.property(fc.oneof(docText, pipeTabHeavy, anyUnicode), fc.boolean(), (raw, pdfLike) => {
        const s = scanLines(raw, { pdfLike });
        const n = raw.replace(/\r\n?/g, "\n").split("\n").length;
        for (const b of s.blocks) {
          expect(b.line).toBeGreaterThanOrEqual(1);
          expect(b.endLine).toBeLessThanOrEqual(n);
          expect(b.endLine).toBeGreaterThanOrEqual(b.line);
        }
      }),
      RUNS,
    );
  });

  it("parseFile never throws on arbitrary text, including pipe- and tab-heavy input", () => {
    fc.assert(
      fc.property(fc.oneof(docText, pipeTabHeavy, anyUnicode), fc.boolean(), (raw, pdfLike) => {
        const docs = parseFile("fuzz.txt", raw, { pdfLike });
        expect(Array.isArray(docs)).toBe(true);
      }),
      RUNS,
    );
  });

  it("matchKey of a quote is found in the matchKey of text containing it (NFC/NFD, tone placement)", () => {
    fc.assert(
      fc.property(vietnameseText, vietnameseText, (a, b) => {
        const q = `${a.trim()} hoá`.trim();
        expect(matchKey(`${b} ${q.normalize("NFD")} .`)).toContain(matchKey(q));
      }),
      RUNS,
    );
  });
});
