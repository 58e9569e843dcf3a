// Tasks layer: extraction over the real corpus compared with hand-checked expected tasks
// (test/fixtures/expected-tasks.json), field by field, plus precision/recall and per-document row counts.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, type CorpusData, type Manifest } from "../src/tasks/corpus.ts";
import type { Task } from "../src/tasks/types.ts";

interface Expected {
  doc: string;
  /** A source line inside the task (disambiguates repeated texts). */
  line?: number;
  layout: Task["layout"];
  section?: string;
  /** The start of the task text. */
  text: string;
  lead: string[];
  coordinators: string[];
  result: string;
  deadline: { kind: string; text: string; end?: string };
}

const ROOT = join(import.meta.dirname, "..");
const fixture = JSON.parse(readFileSync(join(ROOT, "test/fixtures/expected-tasks.json"), "utf8")) as { tasks: Expected[] };

let corpus: CorpusData;
beforeAll(() => {
  const dir = join(ROOT, "corpus");
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
  const files = readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f) && f !== "README.md")
    .map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
  corpus = buildCorpus(files, manifest);
});

function find(e: Expected): Task | undefined {
  const hits = corpus.tasks.filter(
    (t) => t.documentId === e.doc && t.text.startsWith(e.text) && (e.line === undefined || (t.lines[0] <= e.line && e.line <= t.lines[1])) && (e.section === undefined || t.section === e.section),
  );
  return hits[0];
}

type Field = "layout" | "text" | "lead" | "coordinators" | "result" | "deadline";
const FIELDS: Field[] = ["layout", "text", "lead", "coordinators", "result", "deadline"];

/** The extractor's task seen through the fixture's fields. */
function project(t: Task, e: Expected): Record<Field, unknown> & { section?: string } {
  return {
    layout: t.layout,
    text: t.text.slice(0, e.text.length),
    lead: t.lead,
    coordinators: t.coordinators,
    result: t.result,
    deadline: { kind: t.deadline.kind, text: t.deadline.text, ...(t.deadline.end ? { end: t.deadline.end } : {}) },
    ...(e.section !== undefined ? { section: t.section } : {}),
  };
}

function expectedOf(e: Expected): Record<Field, unknown> & { section?: string } {
  return {
    layout: e.layout,
    text: e.text,
    lead: e.lead,
    coordinators: e.coordinators,
    result: e.result,
    deadline: e.deadline,
    ...(e.section !== undefined ? { section: e.section } : {}),
  };
}

const isEmpty = (v: unknown) => v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && (v as { kind?: string }).kind === "none");

describe("fixture", () => {
  it("has at least 40 hand-checked tasks, 8 or more per source file", () => {
    expect(fixture.tasks.length).toBeGreaterThanOrEqual(40);
    const perFile = (prefix: RegExp) => fixture.tasks.filter((t) => prefix.test(t.doc)).length;
    expect(perFile(/^qd-2629/)).toBeGreaterThanOrEqual(8);
    expect(perFile(/^tin-/)).toBeGreaterThanOrEqual(8);
    expect(perFile(/^du-thao-kh-cds/)).toBeGreaterThanOrEqual(8);
    expect(perFile(/^kh-02/)).toBeGreaterThanOrEqual(8);
    expect(perFile(/^(tai-lieu|qd-942|qd-749|du-thao-chien-luoc)/)).toBeGreaterThanOrEqual(8);
  });
});

describe("extracted tasks match the hand-checked fixture", () => {
  it.each(fixture.tasks.map((e) => [`${e.doc} L${e.line ?? "?"} ${e.text.slice(0, 50)}`, e] as const))("%s", (_name, e) => {
    const t = find(e);
    expect(t, "task not found").toBeDefined();
    expect(project(t!, e)).toEqual(expectedOf(e));
  });
});

describe("precision and recall over the fixture", () => {
  it("are both at least 0.95 (a field counts correct when equal)", () => {
    let predicted = 0;
    let expectedCount = 0;
    let correct = 0;
    const wrong: string[] = [];
    for (const e of fixture.tasks) {
      const t = find(e);
      const want = expectedOf(e);
      for (const f of FIELDS) {
        const exp = want[f];
        if (!isEmpty(exp)) expectedCount++;
        if (!t) continue;
        const got = project(t, e)[f];
        if (!isEmpty(got)) predicted++;
        const equal = JSON.stringify(got) === JSON.stringify(exp);
        if (equal && !isEmpty(exp)) correct++;
        if (!equal) wrong.push(`${e.doc} L${e.line ?? "?"} ${f}: ${JSON.stringify(got)} ≠ ${JSON.stringify(exp)}`);
      }
    }
    const precision = predicted ? correct / predicted : 0;
    const recall = expectedCount ? correct / expectedCount : 0;
    console.log(
      `extraction fixture: ${fixture.tasks.length} tasks, precision ${precision.toFixed(3)} (${correct}/${predicted}), recall ${recall.toFixed(3)} (${correct}/${expectedCount})`,
    );
    if (wrong.length) console.log(wrong.join("\n"));
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe("row counts per document (counted by hand in the source)", () => {
  it("2629/QĐ-TTg: 75 task rows and 22 indicator rows", () => {
    // Task appendix: groups of 14 + 4 + 32 (III.1.1–III.2) + 7 + 4 + 7 + 3 + 2 + 2 rows = 75.
    // Indicator appendix: 3 + 7 (2025-2027) + 5 + 7 (2028-2030) = 22.
    const rows = corpus.tasks.filter((t) => t.documentId === "qd-2629-2025" && t.layout === "table");
    expect(rows).toHaveLength(75);
    expect(new Set(rows.map((t) => t.section)).size).toBe(75);
    const indicators = corpus.indicators.filter((i) => i.documentId === "qd-2629-2025");
    expect(indicators).toHaveLength(22);
    expect(indicators.filter((i) => i.period === "Giai đoạn 2025-2027")).toHaveLength(10);
    expect(indicators.filter((i) => i.period === "Giai đoạn 2028-2030")).toHaveLength(12);
    const first = indicators[0]!;
    expect(first).toMatchObject({ unit: "%", target: "100%", monitor: ["Văn phòng Chính phủ"], section: "Phụ lục I › I.1 › 1" });
    // Every task row has a lead, a result and a deadline.
    for (const t of rows) {
      expect(t.lead.length, t.section).toBeGreaterThan(0);
      expect(t.result, t.section).not.toBe("");
      expect(t.deadline.kind, t.section).not.toBe("none");
    }
  });

  it("2025 draft plan: 99 field-list tasks (one per '+ Thời hạn hoàn thành:' line)", () => {
    const fields = corpus.tasks.filter((t) => t.documentId === "du-thao-kh-cds-2025" && t.layout === "fields");
    expect(fields).toHaveLength(99);
    // Each has a "+ Cơ quan chủ trì …:" field (99 in the file) naming at least one agency, and a deadline.
    expect(fields.every((t) => t.lead.length > 0)).toBe(true);
    expect(fields.every((t) => t.deadline.kind !== "none")).toBe(true);
    expect(fields.filter((t) => t.deadline.kind === "recurring").length).toBeGreaterThanOrEqual(5);
  });

  it("2022 plan of the National Committee: 43 numbered rows, 40 with a lead", () => {
    // Groups I (8 rows), II (24), III (1), IV (4), V (1), VI (5) = 43. III.1 and VI.3 name no agency;
    // II.24 says only "Các cơ quan chủ trì, phối hợp triển khai theo danh mục …". VI.5 says "Tổ công tác": not a
    // registry name, quoted as written.
    const plan = corpus.tasks.filter((t) => t.documentId === "tai-lieu-phien-hop-1-ubqg-chuyen-doi-so-2021-5" && t.layout === "table" && t.section.startsWith("Kế hoạch kèm theo"));
    expect(plan).toHaveLength(43);
    expect(plan.filter((t) => t.lead.length > 0)).toHaveLength(40);
    // "Tháng 6" etc. take the plan's year 2022; "Tháng 12 (Năm 2021)" keeps its own.
    expect(plan.filter((t) => t.deadline.yearInferred).every((t) => t.deadline.end!.startsWith("2022"))).toBe(true);
    expect(plan.filter((t) => t.deadline.yearInferred).length).toBeGreaterThanOrEqual(35);
  });

  it("2025 draft plan: the 'Mục tiêu cụ thể năm 2025' bullets with a value are indicators", () => {
    // Lines 18-43: "- Quy mô kinh tế số: 20,5% GDP." … six "name: value" bullets (the others have no colon).
    const inds = corpus.indicators.filter((i) => i.documentId === "du-thao-kh-cds-2025");
    expect(inds.map((i) => i.name)).toEqual([
      "Tỉ lệ hồ sơ trực tuyến toàn trình của cả nước",
      "Tỉ lệ xử lý văn bản, hồ sơ công việc toàn trình trên môi trường điện tử của các cơ quan hành chính nhà nước",
      "Tỉ lệ nhiệm vụ được theo dõi, quản lý, giám sát của các cơ quan hành chính thực hiện trên môi trường điện tử",
      "Quy mô kinh tế số",
      "Tỷ lệ Make in Vietnam trong tổng doanh thu công nghiệp số Việt Nam",
      "Số doanh nghiệp công nghệ số ngang tầm các nước tiên tiến",
    ]);
    expect(inds[3]).toMatchObject({ target: "20,5% GDP", unit: "%", period: "Năm 2025", lines: [29, 29] });
  });

  it("news summary: the 29 sentences with a date ('hoàn thành trong tháng 8/2025', 'trong năm 2025' …) are dated tasks", () => {
    // Counted in the source: lines 7-10, 12-16, 18, 20, 21, 24, 27, 31-33, 35-37, 40-44, 46, 50-52.
    // Lines 23, 25 and 28 say only "hoàn thành theo lộ trình" (no date).
    const hand = [7, 8, 9, 10, 12, 13, 14, 15, 16, 18, 20, 21, 24, 27, 31, 32, 33, 35, 36, 37, 40, 41, 42, 43, 44, 46, 50, 51, 52];
    const dated = corpus.tasks.filter((t) => t.documentId === "tin-ke-hoach-kien-truc-du-lieu-2025" && ["day", "month", "year"].includes(t.deadline.kind));
    expect(dated.map((t) => t.lines[0])).toEqual(hand);
    expect(dated.every((t) => t.lead.length > 0)).toBe(true);
  });

  it("02-KH/BCĐTW: each of the 56 lettered items of part IV yields tasks", () => {
    // Part IV (lines 140-387) has 56 items "a) …" (one OCR'd as "1)"); every one names who acts (or heads bullets
    // that do) — "Các cơ quan, tổ chức chính trị - xã hội …" (×2), "Các cơ quan chủ trì quản lý, vận hành …" and
    // "Người đứng đầu các cơ quan …" name classes of bodies or office holders outside the registry, quoted as written.
    const lines = readFileSync(join(ROOT, "corpus/kh-02-bcdtw-2025-chuyen-doi-so-lien-thong.md"), "utf8").split("\n");
    const items = lines.map((l, i) => ({ n: i + 1, l })).filter(({ n, l }) => n >= 140 && n <= 387 && /^(#+ )?(\*\*)?[a-zđ1]\) /u.test(l));
    expect(items).toHaveLength(56);
    const tasks = corpus.tasks.filter((t) => t.documentId === "kh-02-bcdtw");
    const empty = items.filter((it, k) => !tasks.some((t) => t.lines[0] >= it.n && t.lines[0] < (items[k + 1]?.n ?? 388)));
    expect(empty.map((it) => it.n)).toEqual([]);
  });

  it("942/QĐ-TTg appendix and the platform table", () => {
    const q942 = corpus.tasks.filter((t) => t.documentId === "qd-942-2021" && t.layout === "table");
    expect(q942.length).toBeGreaterThanOrEqual(90);
    const platforms = corpus.tasks.filter((t) => t.documentId === "du-thao-chien-luoc-kinh-te-so-xa-hoi-so" && t.text.startsWith("Nền tảng"));
    expect(platforms).toHaveLength(35);
    expect(platforms.every((t) => t.lead.length > 0)).toBe(true);
  });
});
