// HTTP layer (pure): the questions log — every answer served gets an id, its question (personal data
// redacted before it is stored), intent, outcome and latency; feedback (👍/👎 + a comment) attaches to that id.
// One interface, three stores: in memory (Workers, tests), SQLite (question-log-sqlite.node.ts, the default
// on Node) and PostgreSQL (question-log-pg.node.ts, with DATABASE_URL). test/question-log.int.test.ts runs
// the same contract against all three.

import type { ChatAnswer, Intent } from "../answer/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { redactPersonalData } from "../text/redact.ts";

/** answered: the documents hold the answer; near_match: "Không tìm thấy…" but the closest passage is cited; not_found: nothing. */
export type Outcome = "answered" | "near_match" | "not_found";
export type Rating = "up" | "down";
export const OUTCOMES: readonly Outcome[] = ["answered", "near_match", "not_found"];

/** Longest question and comment kept (the chat accepts at most MAX_MESSAGE_CHARS; comments are short by design). */
export const MAX_LOGGED_QUESTION_CHARS = 2000;
export const MAX_COMMENT_CHARS = 500;

export interface AnswerRecord {
  id: string;
  at: Date;
  /** Redacted before it reaches the store ("gọi 0912 345 678" → "gọi [sđt]"). */
  question: string;
  intent: Intent | string;
  outcome: Outcome;
  latencyMs: number;
  /** Where the question came from: api, widget, slack, zalo. */
  channel: string;
  /** Documents cited, for the admin view. */
  documents: string[];
}

export interface QuestionFilter {
  /** not_found / near_match / answered, or "down" for down-rated answers, or "unanswered" (not_found + near_match). */
  outcome?: Outcome | "down" | "unanswered";
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  limit?: number;
}

/** One question as people ask it (same words, case and diacritics aside), most frequent first. */
export interface QuestionGroup {
  question: string;
  count: number;
  firstAt: string;
  lastAt: string;
  outcome: Outcome;
  intent: string;
  up: number;
  down: number;
  comments: string[];
}

export interface QuestionLog {
  readonly kind: "memory" | "sqlite" | "postgres";
  record(r: AnswerRecord): Promise<void>;
  /** false when the answer id is unknown (never served, or past retention). */
  rate(answerId: string, rating: Rating, comment: string | null, at: Date): Promise<boolean>;
  questions(f: QuestionFilter): Promise<QuestionGroup[]>;
  /** Counts for /metrics and the admin page. */
  totals(): Promise<{ answers: number; byOutcome: Record<Outcome, number>; up: number; down: number }>;
  /** Delete everything older than `before` (LOG_RETENTION_DAYS); returns the number of answers removed. */
  purge(before: Date): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_QUESTION_LIMIT = 200;
export const MAX_QUESTION_LIMIT = 5000;

/** What happened to a question, read from the answer's shape (the contract's "Không tìm thấy thông tin" sentence). */
export function outcomeOf(ans: Pick<ChatAnswer, "answer" | "citations" | "intent">): Outcome {
  const notFound = ans.intent === "unanswerable" || /Không tìm thấy thông tin/u.test(ans.answer);
  if (!notFound) return "answered";
  return ans.citations.length > 0 ? "near_match" : "not_found";
}

/**
 * The key questions are grouped by: folded, lower-case, punctuation and spacing aside.
 * "Ai chủ trì  xây dựng Luật An ninh dữ liệu?" and "ai chu tri xay dung luat an ninh du lieu" → one key.
 */
export function questionKey(q: string): string {
  return foldDiacritics(q.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The question as stored: redacted, control characters gone, bounded. */
export function storedQuestion(q: string): string {
  return redactPersonalData(q.replace(/[\x00-\x1F\x7F]+/g, " ").trim()).slice(0, MAX_LOGGED_QUESTION_CHARS);
}

export function storedComment(c: string | undefined | null): string | null {
  if (c == null) return null;
  const t = redactPersonalData(c.replace(/[\x00-\x1F\x7F]+/g, " ").trim()).slice(0, MAX_COMMENT_CHARS);
  return t || null;
}

/** Does a row pass the outcome filter? Shared by the memory store; the SQL stores say the same in WHERE. */
function passes(row: { outcome: Outcome; rating: Rating | null }, f: QuestionFilter["outcome"]): boolean {
  if (!f) return true;
  if (f === "down") return row.rating === "down";
  if (f === "unanswered") return row.outcome !== "answered";
  return row.outcome === f;
}

interface MemoryRow extends AnswerRecord {
  key: string;
  rating: Rating | null;
  comment: string | null;
}

/** Most frequent first; ties by the latest ask. */
export function sortGroups(groups: QuestionGroup[]): QuestionGroup[] {
  return groups.sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.question.localeCompare(b.question));
}

/** The in-memory store: Workers (per isolate) and tests. Bounded: the oldest answers go first. */
export function createMemoryQuestionLog(maxRows = 100_000): QuestionLog {
  const rows = new Map<string, MemoryRow>();
  return {
    kind: "memory",
    async record(r) {
      rows.set(r.id, { ...r, question: storedQuestion(r.question), key: questionKey(storedQuestion(r.question)), rating: null, comment: null });
      if (rows.size > maxRows) rows.delete(rows.keys().next().value!);
    },
    async rate(id, rating, comment) {
      const row = rows.get(id);
      if (!row) return false;
      row.rating = rating;
      row.comment = storedComment(comment);
      return true;
    },
    async questions(f) {
      const groups = new Map<string, QuestionGroup>();
      for (const r of rows.values()) {
        if (!passes(r, f.outcome)) continue;
        if (f.from && r.at < f.from) continue;
        if (f.to && r.at >= f.to) continue;
        const at = r.at.toISOString();
        let g = groups.get(r.key);
        if (!g) groups.set(r.key, (g = { question: r.question, count: 0, firstAt: at, lastAt: at, outcome: r.outcome, intent: String(r.intent), up: 0, down: 0, comments: [] }));
        g.count++;
        if (at < g.firstAt) g.firstAt = at;
        if (at >= g.lastAt) {
          g.lastAt = at;
          g.question = r.question;
          g.outcome = r.outcome;
          g.intent = String(r.intent);
        }
        if (r.rating === "up") g.up++;
        if (r.rating === "down") g.down++;
        if (r.comment) g.comments.push(r.comment);
      }
      return sortGroups([...groups.values()]).slice(0, f.limit ?? DEFAULT_QUESTION_LIMIT);
    },
    async totals() {
      const byOutcome: Record<Outcome, number> = { answered: 0, near_match: 0, not_found: 0 };
      let up = 0;
      let down = 0;
      for (const r of rows.values()) {
        byOutcome[r.outcome]++;
        if (r.rating === "up") up++;
        if (r.rating === "down") down++;
      }
      return { answers: rows.size, byOutcome, up, down };
    },
    async purge(before) {
      let n = 0;
      for (const [id, r] of rows) {
        if (r.at >= before) continue;
        rows.delete(id);
        n++;
      }
      return n;
    },
    async close() {},
  };
}

/** "Retention N days" → the cut-off date for purge(). */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
