// Text layer: every deadline form of the corpus (DOMAIN.md) → kind, period, qualifier, original words.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDeadline, parseDeadline } from "../src/text/dates.ts";

describe("parseDeadline: days", () => {
  it("25/6/2025", () => {
    expect(parseDeadline("25/6/2025")).toEqual({ kind: "day", text: "25/6/2025", start: "2025-06-25", end: "2025-06-25" });
  });
  it("ngày 30/6/2025", () => {
    expect(parseDeadline("ngày 30/6/2025")).toEqual({ kind: "day", text: "ngày 30/6/2025", start: "2025-06-30", end: "2025-06-30" });
  });
  it("trước 30/6 without 'ngày' is a day of the plan's year; a bare 30/6 is none", () => {
    expect(parseDeadline("xong trước 30/6", 2025)).toMatchObject({ kind: "day", end: "2025-06-30", qualifier: "before", yearInferred: true });
    expect(parseDeadline("30/6", 2025).kind).toBe("none");
  });
  it("trước ngày 15 tháng 12 takes the year from the plan", () => {
    expect(parseDeadline("trước ngày 15 tháng 12", 2025)).toEqual({
      kind: "day",
      text: "trước ngày 15 tháng 12",
      qualifier: "before",
      start: "2025-12-15",
      end: "2025-12-15",
      yearInferred: true,
    });
    // Without a plan year there is no date to give.
    expect(parseDeadline("trước ngày 15 tháng 12").start).toBeUndefined();
  });
  it("trong ngày vs trước ngày", () => {
    const within = parseDeadline("Hoàn thành trong ngày 25/6/2025.");
    expect(within).toMatchObject({ kind: "day", qualifier: "within", start: "2025-06-25", end: "2025-06-25" });
    expect(within.text).toBe("Hoàn thành trong ngày 25/6/2025");
    expect(parseDeadline("trước ngày 30/6/2025")).toMatchObject({ kind: "day", qualifier: "before", end: "2025-06-30" });
  });
  it("trước ngày 31 tháng 12 năm 2025", () => {
    expect(parseDeadline("trước ngày 31 tháng 12 năm 2025")).toMatchObject({ kind: "day", start: "2025-12-31", end: "2025-12-31", qualifier: "before" });
  });
  it("rejects impossible days", () => {
    expect(parseDeadline("31/2/2025").kind).not.toBe("day");
  });
});

describe("parseDeadline: months", () => {
  it("Tháng 12/2025 and tháng 8/2025", () => {
    expect(parseDeadline("Tháng 12/2025")).toEqual({ kind: "month", text: "Tháng 12/2025", start: "2025-12-01", end: "2025-12-31" });
    expect(parseDeadline("hoàn thành trong tháng 8/2025")).toMatchObject({ kind: "month", start: "2025-08-01", end: "2025-08-31", qualifier: "within" });
    expect(parseDeadline("Tháng 02/2026")).toMatchObject({ kind: "month", start: "2026-02-01", end: "2026-02-28" });
  });
  it("Tháng 6 in a 2022 plan", () => {
    expect(parseDeadline("Tháng 6", 2022)).toEqual({ kind: "month", text: "Tháng 6", start: "2022-06-01", end: "2022-06-30", yearInferred: true });
    expect(parseDeadline("Tháng 6").kind).toBe("none");
  });
  it("Tháng 12 (Năm 2021): the year in brackets wins over the plan's", () => {
    const d = parseDeadline("Tháng 12 (Năm 2021)", 2022);
    expect(d).toMatchObject({ kind: "month", start: "2021-12-01", end: "2021-12-31" });
    expect(d.yearInferred).toBeUndefined();
  });
  it("typo tháng 8/025 from the news summary", () => {
    expect(parseDeadline("trong tháng 8/025")).toMatchObject({ kind: "month", start: "2025-08-01", end: "2025-08-31", text: "trong tháng 8/025" });
  });
});

describe("parseDeadline: quarters, years, ranges", () => {
  it("quý I/2025", () => {
    expect(parseDeadline("quý I/2025")).toEqual({ kind: "quarter", text: "quý I/2025", start: "2025-01-01", end: "2025-03-31" });
  });
  it("Quý IV năm 2021", () => {
    expect(parseDeadline("Quý IV năm 2021")).toEqual({ kind: "quarter", text: "Quý IV năm 2021", start: "2021-10-01", end: "2021-12-31" });
  });
  it("năm 2025 / trong năm 2026", () => {
    expect(parseDeadline("năm 2025")).toEqual({ kind: "year", text: "năm 2025", start: "2025-01-01", end: "2025-12-31" });
    expect(parseDeadline("trong năm 2026")).toEqual({ kind: "year", text: "trong năm 2026", qualifier: "within", start: "2026-01-01", end: "2026-12-31" });
  });
  it("Năm 2025-2030 and 2021 - 2022", () => {
    expect(parseDeadline("Năm 2025-2030")).toEqual({ kind: "range", text: "Năm 2025-2030", start: "2025-01-01", end: "2030-12-31" });
    expect(parseDeadline("2021 - 2022")).toEqual({ kind: "range", text: "2021 - 2022", start: "2021-01-01", end: "2022-12-31" });
    expect(parseDeadline("2025 – 2026")).toMatchObject({ kind: "range", start: "2025-01-01", end: "2026-12-31" });
  });
  it("a reversed range is not a range", () => {
    expect(parseDeadline("2030-2025").kind).not.toBe("range");
  });
  it("từ năm 2021 đến (hết) năm 2025 is a range, not the year 2021", () => {
    expect(parseDeadline("Từ năm 2021 đến năm 2025")).toEqual({ kind: "range", text: "Từ năm 2021 đến năm 2025", start: "2021-01-01", end: "2025-12-31" });
    expect(parseDeadline("từ 2021 đến hết năm 2025")).toMatchObject({ kind: "range", start: "2021-01-01", end: "2025-12-31" });
    expect(parseDeadline("năm 2025 đến 2030")).toMatchObject({ kind: "range", start: "2025-01-01", end: "2030-12-31" });
  });
});

describe("parseDeadline: spans of quarters, months and days", () => {
  it("a span of quarters runs from the first one's start to the last one's end, not the first quarter alone", () => {
    expect(parseDeadline("Quý IV/2025- Quý II/2026")).toEqual({ kind: "range", text: "Quý IV/2025- Quý II/2026", start: "2025-10-01", end: "2026-06-30" });
    expect(parseDeadline("Quý 4/2025 - Quý 2/2026")).toMatchObject({ kind: "range", start: "2025-10-01", end: "2026-06-30" });
    expect(parseDeadline("từ quý III/2025 đến quý I/2026")).toMatchObject({ kind: "range", start: "2025-07-01", end: "2026-03-31" });
    expect(parseDeadline("Quý I - Quý II năm 2027")).toMatchObject({ kind: "range", start: "2027-01-01", end: "2027-06-30" });
  });
  it("a span of months, with any dash", () => {
    expect(parseDeadline("Tháng 10/2025 - Tháng 3/2026")).toEqual({ kind: "range", text: "Tháng 10/2025 - Tháng 3/2026", start: "2025-10-01", end: "2026-03-31" });
    expect(parseDeadline("tháng 9/2025 – tháng 12/2025")).toMatchObject({ kind: "range", start: "2025-09-01", end: "2025-12-31" });
    expect(parseDeadline("12/2025 - 3/2026")).toMatchObject({ kind: "range", start: "2025-12-01", end: "2026-03-31" });
  });
  it("a month to a quarter, and dated days", () => {
    expect(parseDeadline("Tháng 11/2025 - Quý I/2026")).toMatchObject({ kind: "range", start: "2025-11-01", end: "2026-03-31" });
    expect(parseDeadline("Từ ngày 01/7/2025 đến ngày 31/12/2025")).toMatchObject({ kind: "range", start: "2025-07-01", end: "2025-12-31" });
  });
  it("'từ A - B' is a span, not a start with no end", () => {
    expect(parseDeadline("Từ tháng 11/2025 - quý I/2026")).toMatchObject({ kind: "range", start: "2025-11-01", end: "2026-03-31" });
  });
  it("an end without a year takes the other end's, the first one after the start", () => {
    expect(parseDeadline("tháng 9 - tháng 12/2025")).toEqual({ kind: "range", text: "tháng 9 - tháng 12/2025", start: "2025-09-01", end: "2025-12-31" });
    expect(parseDeadline("tháng 11/2025 - tháng 2")).toMatchObject({ kind: "range", start: "2025-11-01", end: "2026-02-28" });
    expect(parseDeadline("Tháng 11 - tháng 2/2026")).toMatchObject({ kind: "range", start: "2025-11-01", end: "2026-02-28" });
  });
  it("neither end with a year takes the plan's, and says so", () => {
    expect(parseDeadline("Tháng 6 - tháng 9", 2024)).toEqual({ kind: "range", text: "Tháng 6 - tháng 9", start: "2024-06-01", end: "2024-09-30", yearInferred: true });
    expect(parseDeadline("Tháng 6 - tháng 9").kind).toBe("none");
  });
  it("a reversed span is not a range; a quarter with a dashed year is one quarter", () => {
    expect(parseDeadline("Quý II/2026 - Quý IV/2025").kind).not.toBe("range");
    expect(parseDeadline("Quý I-2025")).toMatchObject({ kind: "quarter", start: "2025-01-01", end: "2025-03-31" });
  });
});

describe("parseDeadline: halves of a year", () => {
  it("'6 tháng đầu năm 2025' ends on 30/6, not with the year", () => {
    expect(parseDeadline("Hoàn thành trong 6 tháng đầu năm 2025")).toMatchObject({ kind: "range", start: "2025-01-01", end: "2025-06-30", qualifier: "within" });
    expect(parseDeadline("Sáu tháng cuối năm 2026")).toMatchObject({ kind: "range", start: "2026-07-01", end: "2026-12-31" });
  });
  it("'nửa cuối năm' takes the plan's year, and says so", () => {
    expect(parseDeadline("Nửa cuối năm", 2024)).toMatchObject({ kind: "range", start: "2024-07-01", end: "2024-12-31", yearInferred: true });
    expect(parseDeadline("Nửa cuối năm")).toMatchObject({ kind: "none" });
  });
});

describe("parseDeadline: a start with no end", () => {
  it("'Bắt đầu triển khai từ năm 2026' starts in 2026 and is never due", () => {
    expect(parseDeadline("Bắt đầu triển khai từ năm 2026")).toEqual({ kind: "from", text: "Bắt đầu triển khai từ năm 2026", start: "2026-01-01" });
  });
  it("từ tháng 6/2025, từ quý III/2025, từ tháng 6 in a 2025 plan", () => {
    expect(parseDeadline("từ tháng 6/2025")).toEqual({ kind: "from", text: "từ tháng 6/2025", start: "2025-06-01" });
    expect(parseDeadline("Từ quý III/2025")).toMatchObject({ kind: "from", start: "2025-07-01" });
    expect(parseDeadline("từ tháng 6", 2025)).toEqual({ kind: "from", text: "từ tháng 6", start: "2025-06-01", yearInferred: true });
  });
  it("'từ' that is not about time is not a start", () => {
    expect(parseDeadline("bắt đầu từ các thành phố lớn").kind).toBe("none");
    expect(parseDeadline("tư vấn năm 2025").kind).toBe("year");
  });
});

describe("parseDeadline: recurring and none", () => {
  it.each(["Thường xuyên", "Hằng năm", "Nhiệm vụ thường xuyên", "định kỳ hằng quý", "Hàng năm"])("%s is recurring", (t) => {
    const d = parseDeadline(t, 2025);
    expect(d.kind).toBe("recurring");
    expect(d.text).toBe(t);
    expect(d.start).toBeUndefined();
  });
  it("'trước ngày 30 tháng 01 của năm tiếp theo' repeats every year: no date in the plan's year", () => {
    const d = parseDeadline("trước ngày 30 tháng 01 của năm tiếp theo", 2025);
    expect(d.kind).toBe("recurring");
    expect(d.qualifier).toBe("before");
    expect(d.end).toBeUndefined();
  });
  it("no date at all", () => {
    expect(parseDeadline("Theo lộ trình")).toEqual({ kind: "none", text: "Theo lộ trình" });
    expect(parseDeadline("")).toEqual({ kind: "none", text: "" });
  });
});

describe("formatDeadline", () => {
  it("keeps the source words and says an inferred year", () => {
    expect(formatDeadline(parseDeadline("Tháng 6", 2022))).toBe("tháng 6 (năm 2022)");
    expect(formatDeadline(parseDeadline("Tháng 12/2025"))).toBe("tháng 12/2025");
    expect(formatDeadline({ kind: "none", text: "" })).toBe("không nêu thời hạn");
  });
});

describe("properties", () => {
  const datey = fc.string({ unit: fc.constantFrom(..."0123456789/ -.tháng năm quý ngày trước trong IVX()".split("")), maxLength: 40 });
  it("never throws; end >= start whenever both are set; start/end are ISO dates", () => {
    for (const arb of [fc.string({ maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 80 }), datey]) {
      fc.assert(
        fc.property(arb, fc.option(fc.integer({ min: 1900, max: 2200 }), { nil: undefined }), (s, y) => {
          const d = parseDeadline(s, y);
          expect(["day", "month", "quarter", "year", "range", "recurring", "none"]).toContain(d.kind);
          if (d.start) expect(d.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (d.end) expect(d.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (d.start && d.end) expect(d.end >= d.start).toBe(true);
          if (d.start) expect(Number.isNaN(Date.parse(d.start))).toBe(false);
        }),
        { numRuns: 700 },
      );
    }
  });
});
