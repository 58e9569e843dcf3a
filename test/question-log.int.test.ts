// One contract for every questions-log store — in memory, SQLite (the default) and PostgreSQL (DATABASE_URL,
// a cluster this test starts on loopback): records, ratings, grouping most frequent first, filters,
// redaction before storage, retention.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryQuestionLog, type AnswerRecord, type QuestionLog, retentionCutoff } from "../src/http/question-log.ts";
import { createPgQuestionLog } from "../src/http/question-log-pg.node.ts";
import { createSqliteQuestionLog } from "../src/http/question-log-sqlite.node.ts";
import { startPostgres, type TestPostgres } from "./helpers/postgres.ts";

let pg: TestPostgres | null = null;
const dir = mkdtempSync(join(tmpdir(), "hoidap-qlog-"));
beforeAll(async () => {
  pg = await startPostgres();
  if (!pg) throw new Error("PostgreSQL is not installed (apt-get install postgresql) — .ci/run installs it");
}, 60_000);
afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => Promise<QuestionLog>][] = [
  ["memory", async () => createMemoryQuestionLog()],
  ["sqlite", () => createSqliteQuestionLog(join(dir, `q-${Math.random().toString(36).slice(2)}.sqlite`))],
  ["postgres", async () => {
    const log = await createPgQuestionLog(pg!.url);
    // Each test starts from an empty table.
    const { default: pgmod } = await import("pg");
    const c = new pgmod.Client({ connectionString: pg!.url });
    await c.connect();
    await c.query("TRUNCATE hoidap_answers");
    await c.end();
    return log;
  }],
];

const day = (d: string, h = 9) => new Date(`${d}T${String(h).padStart(2, "0")}:00:00Z`);
const rec = (id: string, question: string, at: Date, outcome: AnswerRecord["outcome"] = "answered"): AnswerRecord => ({ id: `00000000-0000-4000-8000-${id.padStart(12, "0")}`, at, question, intent: "lead", outcome, latencyMs: 12.4, channel: "web", documents: ["qd-1"] });
const idOf = (n: string) => `00000000-0000-4000-8000-${n.padStart(12, "0")}`;

describe.each(stores)("questions log contract: %s", (_name, make) => {
  let log: QuestionLog;
  beforeAll(async () => {
    log = await make();
  });
  afterAll(() => log.close());

  it("records answers, groups questions by their words (case and diacritics aside), most frequent first", async () => {
    await log.record(rec("1", "Ai chủ trì số hóa hồ sơ?", day("2026-03-01"), "answered"));
    await log.record(rec("2", "ai chu tri so hoa ho so", day("2026-03-02"), "answered"));
    await log.record(rec("3", "Lịch nghỉ Tết là gì?", day("2026-03-03"), "not_found"));
    await log.record(rec("4", "AI CHỦ TRÌ số hóa hồ sơ", day("2026-03-04"), "answered"));
    await log.record(rec("5", "Gọi 0912 345 678 hỏi lịch họp?", day("2026-03-05"), "near_match"));
    const all = await log.questions({});
    expect(all.map((g) => [g.question, g.count, g.outcome])).toEqual([
      ["AI CHỦ TRÌ số hóa hồ sơ", 3, "answered"],
      ["Gọi [sđt] hỏi lịch họp?", 1, "near_match"],
      ["Lịch nghỉ Tết là gì?", 1, "not_found"],
    ]);
    expect(all[0]!.firstAt).toBe("2026-03-01T09:00:00.000Z");
    expect(all[0]!.lastAt).toBe("2026-03-04T09:00:00.000Z");
  });

  it("ratings attach to an answer id; unknown ids are refused; comments are redacted", async () => {
    expect(await log.rate(idOf("3"), "down", "Sai, liên hệ x@y.vn", day("2026-03-06"))).toBe(true);
    expect(await log.rate(idOf("1"), "up", null, day("2026-03-06"))).toBe(true);
    expect(await log.rate(idOf("2"), "down", "", day("2026-03-06"))).toBe(true);
    expect(await log.rate(idOf("999"), "down", null, day("2026-03-06"))).toBe(false);
    const down = await log.questions({ outcome: "down" });
    // Equal counts: the most recently asked first.
    expect(down.map((g) => [g.question, g.count, g.down, g.comments])).toEqual([
      ["Lịch nghỉ Tết là gì?", 1, 1, ["Sai, liên hệ [email]"]],
      ["ai chu tri so hoa ho so", 1, 1, []],
    ]);
    const t = await log.totals();
    expect(t).toEqual({ answers: 5, byOutcome: { answered: 3, near_match: 1, not_found: 1 }, up: 1, down: 2 });
  });

  it("filters by outcome and by date range (from inclusive, to exclusive), and limits", async () => {
    expect((await log.questions({ outcome: "not_found" })).map((g) => g.question)).toEqual(["Lịch nghỉ Tết là gì?"]);
    expect((await log.questions({ outcome: "unanswered" })).map((g) => g.outcome).sort()).toEqual(["near_match", "not_found"]);
    const mid = await log.questions({ from: day("2026-03-02", 0), to: day("2026-03-04", 0) });
    expect(mid.map((g) => [g.question, g.count])).toEqual([
      ["Lịch nghỉ Tết là gì?", 1],
      ["ai chu tri so hoa ho so", 1],
    ]);
    expect(await log.questions({ limit: 1 })).toHaveLength(1);
  });

  it("retention deletes what is older than the cut-off, ratings with it", async () => {
    const removed = await log.purge(retentionCutoff(day("2026-03-04", 0), 1));
    expect(removed).toBe(2);
    const t = await log.totals();
    expect(t.answers).toBe(3);
    expect(await log.rate(idOf("1"), "down", null, day("2026-03-07"))).toBe(false);
  });
});

describe("SQLite questions log: rows written in batches", () => {
  it("a row recorded is read at once, and close() writes what is pending to the file (another connection sees it)", async () => {
    const file = join(dir, "batched.sqlite");
    const log = await createSqliteQuestionLog(file);
    await log.record(rec("91", "Ai chủ trì nhiệm vụ A?", day("2026-11-20")));
    // Not written yet (the batch waits): a second connection on the file sees nothing …
    const { default: Database } = await import("better-sqlite3");
    const peek = () => {
      const db = new Database(file, { readonly: true });
      const n = (db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n;
      db.close();
      return n;
    };
    expect(peek()).toBe(0);
    // … while this log's own reads write the pending rows first.
    expect((await log.totals()).answers).toBe(1);
    expect(peek()).toBe(1);
    await log.record(rec("92", "Ai chủ trì nhiệm vụ B?", day("2026-11-21")));
    await log.close();
    expect(peek()).toBe(2);
  });

  it("pending rows are written within the batch period without any read", async () => {
    const file = join(dir, "timed.sqlite");
    const log = await createSqliteQuestionLog(file);
    await log.record(rec("93", "Hạn hoàn thành nhiệm vụ C?", day("2026-11-22")));
    await new Promise((r) => setTimeout(r, 400));
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file, { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n).toBe(1);
    db.close();
    await log.close();
  });
});
