// HTTP layer, Node adapter: the questions log in an embedded SQLite file (better-sqlite3) — the default store,
// DATA_DIR/questions.sqlite. Synchronous calls on a local file take microseconds; WAL keeps readers and the
// writer apart. Same contract as the memory and PostgreSQL stores (test/question-log.int.test.ts).

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  DEFAULT_QUESTION_LIMIT,
  type Outcome,
  type QuestionFilter,
  type QuestionGroup,
  type QuestionLog,
  questionKey,
  sortGroups,
  storedComment,
  storedQuestion,
} from "./question-log.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  question TEXT NOT NULL,
  question_key TEXT NOT NULL,
  intent TEXT NOT NULL,
  outcome TEXT NOT NULL,
  latency_ms INTEGER NOT NULL,
  channel TEXT NOT NULL,
  documents TEXT NOT NULL,
  rating TEXT,
  comment TEXT,
  rated_at TEXT
);
CREATE INDEX IF NOT EXISTS answers_at ON answers(at);
CREATE INDEX IF NOT EXISTS answers_key ON answers(question_key);
`;

/** The outcome filter as SQL. */
export function outcomeWhere(f: QuestionFilter["outcome"]): { sql: string; value?: string } {
  if (!f) return { sql: "" };
  if (f === "down") return { sql: "rating = 'down'" };
  if (f === "unanswered") return { sql: "outcome <> 'answered'" };
  return { sql: "outcome = ?", value: f };
}

/** Longest a logged answer waits in memory before its row is written, and most rows waiting (see record). */
const FLUSH_MS = 200;
const FLUSH_ROWS = 500;

export async function createSqliteQuestionLog(file: string): Promise<QuestionLog> {
  const { default: Database } = await import("better-sqlite3");
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(SCHEMA);
  const insert = db.prepare(
    "INSERT OR REPLACE INTO answers (id, at, question, question_key, intent, outcome, latency_ms, channel, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const rate = db.prepare("UPDATE answers SET rating = ?, comment = ?, rated_at = ? WHERE id = ?");
  const purge = db.prepare("DELETE FROM answers WHERE at < ?");
  // Rows are written in one transaction every FLUSH_MS (or FLUSH_ROWS rows), not one commit per answer: under load a
  // commit per row was a sixth of a cached answer's CPU, and one per event-loop turn still one per uncached answer
  // (~0.1 ms each). Every read, rating, purge and close writes what is pending first.
  type Row = [string, string, string, string, string, string, number, string, string];
  const pending: Row[] = [];
  const insertAll = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(...row);
  });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length && db.open) insertAll(pending.splice(0));
  };
  return {
    kind: "sqlite",
    async record(r) {
      const q = storedQuestion(r.question);
      pending.push([r.id, r.at.toISOString(), q, questionKey(q), String(r.intent), r.outcome, Math.round(r.latencyMs), r.channel, JSON.stringify(r.documents)]);
      if (pending.length >= FLUSH_ROWS) flush();
      else if (!timer) timer = setTimeout(flush, FLUSH_MS);
    },
    async rate(id, rating, comment, at) {
      flush();
      return rate.run(rating, storedComment(comment), at.toISOString(), id).changes > 0;
    },
    async questions(f) {
      flush();
      const where: string[] = [];
      const args: (string | number)[] = [];
      const o = outcomeWhere(f.outcome);
      if (o.sql) where.push(o.sql);
      if (o.value) args.push(o.value);
      if (f.from) {
        where.push("at >= ?");
        args.push(f.from.toISOString());
      }
      if (f.to) {
        where.push("at < ?");
        args.push(f.to.toISOString());
      }
      const limit = f.limit ?? DEFAULT_QUESTION_LIMIT;
      const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
      // The latest row of each group gives the question as shown, its outcome and intent.
      const rows = db
        .prepare(
          `SELECT g.question_key AS k, g.n, g.first_at, g.last_at, g.up, g.down, a.question, a.outcome, a.intent FROM (
             SELECT question_key, COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at,
                    SUM(rating = 'up') AS up, SUM(rating = 'down') AS down
             FROM answers ${cond} GROUP BY question_key ORDER BY n DESC, last_at DESC LIMIT ?) g
           JOIN answers a ON a.id = (SELECT id FROM answers WHERE question_key = g.question_key AND at = g.last_at LIMIT 1)`,
        )
        .all(...args, limit) as { k: string; n: number; first_at: string; last_at: string; up: number; down: number; question: string; outcome: Outcome; intent: string }[];
      const comments = new Map<string, string[]>();
      if (rows.length) {
        const keys = rows.map((r) => r.k);
        const cs = db
          .prepare(`SELECT question_key AS k, comment FROM answers ${cond ? `${cond} AND` : "WHERE"} comment IS NOT NULL AND question_key IN (${keys.map(() => "?").join(",")}) ORDER BY at`)
          .all(...args, ...keys) as { k: string; comment: string }[];
        for (const c of cs) comments.set(c.k, [...(comments.get(c.k) ?? []), c.comment]);
      }
      const groups: QuestionGroup[] = rows.map((r) => ({
        question: r.question,
        count: r.n,
        firstAt: r.first_at,
        lastAt: r.last_at,
        outcome: r.outcome,
        intent: r.intent,
        up: r.up ?? 0,
        down: r.down ?? 0,
        comments: comments.get(r.k) ?? [],
      }));
      return sortGroups(groups);
    },
    async totals() {
      flush();
      const byOutcome: Record<Outcome, number> = { answered: 0, near_match: 0, not_found: 0 };
      for (const r of db.prepare("SELECT outcome, COUNT(*) AS n FROM answers GROUP BY outcome").all() as { outcome: Outcome; n: number }[]) byOutcome[r.outcome] = r.n;
      const t = db.prepare("SELECT COUNT(*) AS n, COALESCE(SUM(rating = 'up'), 0) AS up, COALESCE(SUM(rating = 'down'), 0) AS down FROM answers").get() as { n: number; up: number; down: number };
      return { answers: t.n, byOutcome, up: t.up, down: t.down };
    },
    async purge(before) {
      flush();
      return purge.run(before.toISOString()).changes;
    },
    async close() {
      flush();
      db.close();
    },
  };
}
