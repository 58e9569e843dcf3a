// Periods a question asks about (src/answer/periods.ts): calendar phrasings and ones relative to an injected today.
import { describe, expect, it } from "vitest";
import { detectPeriod } from "../src/answer/periods.ts";
import { understand } from "../src/answer/understand.ts";

/** A Monday in November. */
const today = new Date("2026-11-23T00:00:00Z");
const span = (q: string, t = today) => {
  const p = detectPeriod(q, t);
  return p ? [p.start, p.end] : null;
};

describe("calendar periods", () => {
  it("reads a quarter however it is written", () => {
    for (const q of ["nhiệm vụ hạn quý 1 năm 2026", "hạn Q1/2026", "q1 2026", "Q1 năm 2026", "quý I năm 2026", "quy I/2026", "trong quý 1-2026"]) {
      expect(span(q), q).toEqual(["2026-01-01", "2026-03-31"]);
    }
    expect(span("quý IV/2025")).toEqual(["2025-10-01", "2025-12-31"]);
  });
  it("names a period as the documents write periods, however it was typed", () => {
    expect(detectPeriod("hạn trong tháng 12 năm 2025", today)?.text).toBe("tháng 12/2025");
    expect(detectPeriod("nhung nhiem vu nao den han trong quy 1 nam 2026", today)?.text).toBe("quý I/2026");
    expect(detectPeriod("trong nam 2025", today)?.text).toBe("năm 2025");
    expect(detectPeriod("hạn Q2/2026", today)?.text).toBe("quý II/2026");
  });
  it("reads halves of a year, with the year written or this year's", () => {
    expect(span("6 tháng đầu năm 2026")).toEqual(["2026-01-01", "2026-06-30"]);
    expect(span("sáu tháng cuối năm 2025")).toEqual(["2025-07-01", "2025-12-31"]);
    expect(span("nửa cuối năm")).toEqual(["2026-07-01", "2026-12-31"]);
    expect(span("nua dau nam toi")).toEqual(["2027-01-01", "2027-06-30"]);
  });
  it("does not read a quarter into 'Q' words or a month 13", () => {
    expect(detectPeriod("QĐ 749 giao việc gì?", today)).toBeNull();
    expect(detectPeriod("tháng 13/2025", today)).toBeNull();
  });
});

describe("periods relative to today", () => {
  it("this and next week, Monday to Sunday", () => {
    expect(span("trong tuần này")).toEqual(["2026-11-23", "2026-11-29"]);
    expect(span("tuần này", new Date("2026-11-29T00:00:00Z"))).toEqual(["2026-11-23", "2026-11-29"]);
    expect(span("tuần tới")).toEqual(["2026-11-30", "2026-12-06"]);
  });
  it("this and next month, across a year's end", () => {
    expect(span("trong tháng này")).toEqual(["2026-11-01", "2026-11-30"]);
    expect(span("tháng sau", new Date("2026-12-10T00:00:00Z"))).toEqual(["2027-01-01", "2027-01-31"]);
  });
  it("the end of the year: its last month, or from today to it", () => {
    expect(span("cuối năm nay")).toEqual(["2026-12-01", "2026-12-31"]);
    expect(span("hạn cuối năm 2027")).toEqual(["2027-12-01", "2027-12-31"]);
    expect(span("từ nay đến cuối năm")).toEqual(["2026-11-23", "2026-12-31"]);
    expect(span("tu nay den het nam 2027")).toEqual(["2026-11-23", "2027-12-31"]);
  });
  it("before a day: everything due up to it, with no start; next year's day when this year's has passed", () => {
    expect(detectPeriod("trước 30/6/2025", today)).toEqual({ end: "2025-06-30", text: "trước ngày 30/6/2025" });
    expect(detectPeriod("phải xong trước ngày 30/6", today)).toEqual({ end: "2027-06-30", text: "trước ngày 30/6/2027" });
    expect(span("trước ngày 15/12")).toEqual([undefined, "2026-12-15"]);
    expect(span("trước ngày 31 tháng 12 năm 2026")).toEqual([undefined, "2026-12-31"]);
    expect(detectPeriod("trước 30/6", new Date("2026-03-01T00:00:00Z"))?.text).toBe("trước ngày 30/6/2026");
  });
  it("before a month, a quarter or a year: up to the day before it begins, with no start", () => {
    expect(detectPeriod("nhiệm vụ nào hạn trước tháng 7/2026?", today)).toEqual({ end: "2026-06-30", text: "trước tháng 7/2026" });
    expect(detectPeriod("trước quý III/2026", today)).toEqual({ end: "2026-06-30", text: "trước quý III/2026" });
    expect(detectPeriod("trước quý 1 năm 2027", today)).toEqual({ end: "2026-12-31", text: "trước quý I/2027" });
    expect(span("trước tháng 1/2026")).toEqual([undefined, "2025-12-31"]);
    expect(span("trước năm 2027")).toEqual([undefined, "2026-12-31"]);
    // No year: the next one not yet begun (asked in November 2026).
    expect(span("trước quý III")).toEqual([undefined, "2027-06-30"]);
    expect(span("trước tháng 12")).toEqual([undefined, "2026-11-30"]);
  });
  it("'trước' that names no time is no period", () => {
    expect(detectPeriod("trước khi triển khai cần làm gì", today)).toBeNull();
    expect(detectPeriod("trước năm nào", today)).toBeNull();
  });
  it("years and quarters by word", () => {
    expect(span("năm tới")).toEqual(["2027-01-01", "2027-12-31"]);
    expect(span("sang năm")).toEqual(["2027-01-01", "2027-12-31"]);
    expect(span("trong năm nay")).toEqual(["2026-01-01", "2026-12-31"]);
    expect(span("quý này")).toEqual(["2026-10-01", "2026-12-31"]);
    expect(span("quý tới")).toEqual(["2027-01-01", "2027-03-31"]);
    expect(span("quý 2 năm nay")).toEqual(["2026-04-01", "2026-06-30"]);
  });
});

describe("a period with an agency lists that agency's tasks due in it", () => {
  it("'nhiệm vụ của BTC hạn quý 1 năm 2026' keeps the agency and the quarter", () => {
    const u = understand("nhiệm vụ của BTC hạn quý 1 năm 2026", [], today);
    expect(u.intent).toBe("tasks_due");
    expect(u.agencies.map((a) => a.name)).toEqual(["Bộ Tài chính"]);
    expect(u.period).toMatchObject({ start: "2026-01-01", end: "2026-03-31" });
  });
  it("'… bao nhiêu nhiệm vụ phải hoàn thành trước 30/6/2025' counts that agency's tasks due up to that day", () => {
    const u = understand("Bộ Tài chính có bao nhiêu nhiệm vụ phải hoàn thành trước 30/6/2025?", [], today);
    expect(u.intent).toBe("tasks_due");
    expect(u.agencies.map((a) => a.name)).toEqual(["Bộ Tài chính"]);
    expect(u.period).toEqual({ end: "2025-06-30", text: "trước ngày 30/6/2025" });
  });
});
