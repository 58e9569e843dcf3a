// HTTP layer, Node adapter: the questions log in PostgreSQL (pg), chosen when DATABASE_URL is set — several
// instances behind a load balancer then share one log. Same contract as the SQLite and memory stores
// (test/question-log.int.test.ts runs it against a cluster the test starts).

import {
  DEFAULT_QUESTION_LIMIT,
  type Outcome,
  type QuestionGroup,
  type QuestionLog,
  questionKey,
  sortGroups,
  storedComment,
  storedQuestion,
} from "./question-log.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS hoidap_answers (
  id TEXT PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  question TEXT NOT NULL,
  question_key TEXT NOT NULL,
  intent TEXT NOT NULL,
  outcome TEXT NOT NULL,
  latency_ms INTEGER NOT NULL,
  channel TEXT NOT NULL,
  documents JSONB NOT NULL,
  rating TEXT,
  comment TEXT,
  rated_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS hoidap_answers_at ON hoidap_answers(at);
CREATE INDEX IF NOT EXISTS hoidap_answers_key ON hoidap_answers(question_key);
`;

export async function createPgQuestionLog(url: string): Promise<QuestionLog> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Two instances starting at once may both run CREATE … IF NOT EXISTS; an advisory lock serialises them.
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(74110)");
    await client.query(SCHEMA);
    await client.query("SELECT pg_advisory_unlock(74110)");
  } finally {
    client.release();
  }
  const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
  return {
    kind: "postgres",
    async record(r) {
      const q = storedQuestion(r.question);
      await pool.query(
        `INSERT INTO hoidap_answers (id, at, question, question_key, intent, outcome, latency_ms, channel, documents) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at, question = EXCLUDED.question, question_key = EXCLUDED.question_key, intent = EXCLUDED.intent,
           outcome = EXCLUDED.outcome, latency_ms = EXCLUDED.latency_ms, channel = EXCLUDED.channel, documents = EXCLUDED.documents`,
        [r.id, r.at, q, questionKey(q), String(r.intent), r.outcome, Math.round(r.latencyMs), r.channel, JSON.stringify(r.documents)],
      );
    },
    async rate(id, rating, comment, at) {
      const r = await pool.query("UPDATE hoidap_answers SET rating = $1, comment = $2, rated_at = $3 WHERE id = $4", [rating, storedComment(comment), at, id]);
      return (r.rowCount ?? 0) > 0;
    },
    async questions(f) {
      const where: string[] = [];
      const args: unknown[] = [];
      const arg = (v: unknown) => (args.push(v), `$${args.length}`);
      if (f.outcome === "down") where.push("rating = 'down'");
      else if (f.outcome === "unanswered") where.push("outcome <> 'answered'");
      else if (f.outcome) where.push(`outcome = ${arg(f.outcome)}`);
      if (f.from) where.push(`at >= ${arg(f.from)}`);
      if (f.to) where.push(`at < ${arg(f.to)}`);
      const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
      const limit = arg(f.limit ?? DEFAULT_QUESTION_LIMIT);
      const { rows } = await pool.query<{ k: string; n: string; first_at: Date; last_at: Date; up: string; down: string; question: string; outcome: Outcome; intent: string; comments: string[] | null }>(
        `SELECT question_key AS k, COUNT(*) AS n, MIN(at) AS first_at, MAX(at) AS last_at,
                COUNT(*) FILTER (WHERE rating = 'up') AS up, COUNT(*) FILTER (WHERE rating = 'down') AS down,
                (ARRAY_AGG(question ORDER BY at DESC))[1] AS question, (ARRAY_AGG(outcome ORDER BY at DESC))[1] AS outcome,
                (ARRAY_AGG(intent ORDER BY at DESC))[1] AS intent,
                ARRAY_AGG(comment ORDER BY at) FILTER (WHERE comment IS NOT NULL) AS comments
         FROM hoidap_answers ${cond} GROUP BY question_key ORDER BY n DESC, last_at DESC LIMIT ${limit}`,
        args,
      );
      const groups: QuestionGroup[] = rows.map((r) => ({
        question: r.question,
        count: Number(r.n),
        firstAt: iso(r.first_at),
        lastAt: iso(r.last_at),
        outcome: r.outcome,
        intent: r.intent,
        up: Number(r.up),
        down: Number(r.down),
        comments: r.comments ?? [],
      }));
      return sortGroups(groups);
    },
    async totals() {
      const byOutcome: Record<Outcome, number> = { answered: 0, near_match: 0, not_found: 0 };
      const o = await pool.query<{ outcome: Outcome; n: string }>("SELECT outcome, COUNT(*) AS n FROM hoidap_answers GROUP BY outcome");
      for (const r of o.rows) byOutcome[r.outcome] = Number(r.n);
      const t = await pool.query<{ n: string; up: string; down: string }>(
        "SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE rating = 'up') AS up, COUNT(*) FILTER (WHERE rating = 'down') AS down FROM hoidap_answers",
      );
      const row = t.rows[0]!;
      return { answers: Number(row.n), byOutcome, up: Number(row.up), down: Number(row.down) };
    },
    async purge(before) {
      const r = await pool.query("DELETE FROM hoidap_answers WHERE at < $1", [before]);
      return r.rowCount ?? 0;
    },
    async close() {
      await pool.end();
    },
  };
}
