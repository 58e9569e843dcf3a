// `npm run inspect` and the coverage self-check (src/tasks/coverage-check.ts): which lines of a synthetic plan are
// assignment-like and which a task covers, then the CLI on the same plan (text and --json), and its errors.

import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFile } from "../src/document/parse.ts";
import { coveragePercent, readerCoverage, sumCoverage } from "../src/tasks/coverage-check.ts";
import type { Task } from "../src/tasks/types.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");

// Lines 11 and 12 give work (an agency next to "chủ trì" / "Giao …", with deadlines); line 13 reports ("đã phối
// hợp"), line 9 names no agency, and the header and "Căn cứ" lines come before the body.
const PLAN = [
  "ỦY BAN NHÂN DÂN",
  "TỈNH LÂM ĐỒNG",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Số: 12/KH-UBND",
  "Lâm Đồng, ngày 10 tháng 3 năm 2026",
  "KẾ HOẠCH",
  "CHUYỂN ĐỔI SỐ NĂM 2026",
  "I. MỤC TIÊU",
  "Hoàn thiện hạ tầng số của tỉnh.",
  "II. NHIỆM VỤ",
  "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính xây dựng nền tảng dữ liệu dùng chung, hoàn thành trước ngày 30/6/2026.",
  "2. Giao Sở Nội vụ rà soát quy trình nội bộ của các cơ quan, hoàn thành trong quý III/2026.",
  "3. Các sở, ngành đã phối hợp tốt với Bộ Công an trong năm 2025.",
].join("\n");

function task(documentId: string, lines: [number, number]): Task {
  return {
    id: `${documentId}#t`, documentId, layout: "prose", text: "", context: "", lead: [], leadText: "", coordinators: [], coordinatorsText: "",
    result: "", deadline: { kind: "none", text: "" }, section: "", lines, quote: "",
  };
}

describe("readerCoverage", () => {
  const doc = parseFile("kh-12.txt", PLAN)[0]!;

  it("finds the assignment-like lines of the body and which a task covers", () => {
    const c = readerCoverage(doc, [task(doc.meta.id, [11, 11])]);
    expect(c.candidates).toBe(2);
    expect(c.covered).toBe(1);
    expect(c.uncovered.map((u) => u.line)).toEqual([12]);
    expect(c.uncovered[0]!.text).toMatch(/^2\. Giao Sở Nội vụ rà soát quy trình nội bộ/);
    // Tasks of another document cover nothing here.
    expect(readerCoverage(doc, [task("other", [1, 20])]).covered).toBe(0);
    expect(coveragePercent(c)).toBe(50);
  });

  it("grounds, noun uses of the verbs, reports and recipients are not assignment-like", () => {
    const text = [
      PLAN,
      "4. Bảo đảm đáp ứng yêu cầu của các cơ quan, đơn vị về dữ liệu.",
      "5. Bộ Ngoại giao là đầu mối giao dịch với đối tác quốc tế.",
      "Nơi nhận:",
      "- Sở Tài chính (để phối hợp thực hiện);",
      "- Lưu: VT.",
    ].join("\n");
    const d = parseFile("kh-12b.txt", text)[0]!;
    expect(readerCoverage(d, []).uncovered.map((u) => u.line)).toEqual([11, 12]);
  });

  it("table rows with a filled lead column are candidates; indicator rows are not", () => {
    const text = [
      "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |",
      "|---|---|---|---|",
      "| 1 | Xây dựng kho dữ liệu dùng chung | Sở Tài chính | Quý II/2026 |",
      "| 2 | Số hóa hồ sơ đất đai | Sở Nông nghiệp và Môi trường | 2026 |",
      "",
      "| TT | Chỉ tiêu | Đơn vị | Cơ quan chủ trì theo dõi, đánh giá |",
      "|---|---|---|---|",
      "| 1 | Tỉ lệ hồ sơ trực tuyến | % | Sở Khoa học và Công nghệ |",
    ].join("\n");
    const d = parseFile("bang.md", text)[0]!;
    const c = readerCoverage(d, [task(d.meta.id, [3, 3])]);
    expect([c.candidates, c.covered, c.uncovered.map((u) => u.line)]).toEqual([2, 1, [4]]);
    expect(sumCoverage([c, c])).toMatchObject({ candidates: 4, covered: 2 });
  });
});

describe("npm run inspect", () => {
  let dir = "";
  let planFile = "";
  const inspect = (...args: string[]) => run(process.execPath, ["--import", "tsx", join(ROOT, "ingest", "inspect.ts"), ...args], { cwd: ROOT, maxBuffer: 16 << 20 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hoidap-inspect-"));
    planFile = join(dir, "kh-12-chuyen-doi-so.txt");
    await writeFile(planFile, PLAN);
    await writeFile(join(dir, "ghi-chu.exe"), "not a document");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the header, the section tree with line numbers, tasks and the coverage line", async () => {
    const { stdout } = await inspect(planFile);
    expect(stdout).toContain("Kế hoạch 12/KH-UBND");
    expect(stdout).toContain("title:   Kế hoạch chuyển đổi số năm 2026");
    expect(stdout).toContain("issuer:  Ủy ban nhân dân tỉnh Lâm Đồng");
    expect(stdout).toMatch(/^ {4}L8 +I {2}I\. MỤC TIÊU$/m);
    expect(stdout).toMatch(/^ {4}L10 +II {2}II\. NHIỆM VỤ$/m);
    // "1." sits under "II": one level deeper.
    expect(stdout).toMatch(/^ {4}L11 + {2}1 {2}1\. Sở Khoa học và Công nghệ chủ trì/m);
    const m = stdout.match(/Coverage: (\d+)\/(\d+) assignment-like lines are in tasks \((\d+\.\d)%\)/);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(2);
    const notCovered = [...stdout.matchAll(/not in a task: L(\d+)/g)].map((x) => Number(x[1]));
    expect(Number(m![1]) + notCovered.length).toBe(2);
    for (const l of notCovered) expect([11, 12]).toContain(l);
  });

  it("--json gives the same reading as data", async () => {
    const { stdout } = await inspect(planFile, "--json");
    const j = JSON.parse(stdout) as {
      files: { file: string; documents: { meta: { number: string; issuedDate: string }; sections: { line: number; depth: number }[]; tasks: { lines: [number, number] }[]; coverage: { candidates: number; covered: number } }[] }[];
      coverage: { candidates: number; covered: number; percent: number };
    };
    const d = j.files[0]!.documents[0]!;
    expect(j.files[0]!.file).toBe("kh-12-chuyen-doi-so.txt");
    expect(d.meta).toMatchObject({ number: "12/KH-UBND", issuedDate: "2026-03-10" });
    expect(d.sections.map((s) => [s.line, s.depth])).toEqual([[8, 0], [10, 0], [11, 1], [12, 1], [13, 1]]);
    expect(d.coverage.candidates).toBe(2);
    expect(j.coverage).toMatchObject({ candidates: 2, covered: d.coverage.covered });
    // Every covered candidate is a task's line.
    const taskLines = d.tasks.flatMap((t) => [t.lines[0], t.lines[1]]);
    if (d.coverage.covered > 0) expect(taskLines.some((l) => l === 11 || l === 12)).toBe(true);
  });

  it("a missing or unsupported file: a clear message and a non-zero exit; no file: usage", async () => {
    const missing = await inspect(join(dir, "khong-co.txt")).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1 });
    expect((missing as { stderr: string }).stderr).toContain("khong-co.txt: no such file");
    const exe = await inspect(join(dir, "ghi-chu.exe")).catch((e: { code: number; stderr: string }) => e);
    expect(exe).toMatchObject({ code: 1 });
    expect((exe as { stderr: string }).stderr).toMatch(/unsupported format "\.exe"/);
    const usage = await inspect().catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toContain("Usage: npm run inspect");
  });
});
