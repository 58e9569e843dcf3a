// HTTP layer (pure): answer ids and feedback. Each answer served is written to the questions log under a new
// id (the id goes back in the JSON and the final SSE event); POST /api/feedback {answerId, rating, comment?}
// attaches 👍/👎 to it. Logging never delays or fails an answer: it is deferred and its errors are logged.

import { Hono } from "hono";
import { z } from "zod";
import type { ChatAnswer } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import { AppError, errors } from "./errors.ts";
import { MAX_COMMENT_CHARS, outcomeOf, type QuestionLog, type Rating } from "./question-log.ts";

/** Feedback bodies are tiny: an id, a word and a short comment. */
const MAX_FEEDBACK_BYTES = 4096;

export const FeedbackBody = z.object({
  answerId: z.string().min(8).max(64).regex(/^[A-Za-z0-9-]+$/, "answerId has the wrong form"),
  rating: z.enum(["up", "down"]),
  comment: z.string().max(MAX_COMMENT_CHARS).optional(),
});

export interface AnswerLogger {
  /** Log one served answer; returns its id at once (the write is deferred). */
  logAnswer(a: { question: string; answer: ChatAnswer; latencyMs: number; channel: string }): string;
  rate(answerId: string, rating: Rating, comment?: string): Promise<boolean>;
}

export function createAnswerLogger(log: QuestionLog, deps: { now: () => Date; defer: (p: Promise<unknown>) => void; logger: Logger; newId: () => string; onRecord?: (outcome: string, intent: string) => void }): AnswerLogger {
  return {
    logAnswer({ question, answer, latencyMs, channel }) {
      const id = deps.newId();
      const outcome = outcomeOf(answer);
      deps.onRecord?.(outcome, String(answer.intent));
      const documents = [...new Set(answer.citations.map((c) => c.documentId))];
      deps.defer(
        log.record({ id, at: deps.now(), question, intent: answer.intent, outcome, latencyMs, channel, documents }).catch((e) => deps.logger.error("questions log: write failed", { error: String((e as Error).message ?? e).slice(0, 200) })),
      );
      return id;
    },
    rate: (id, rating, comment) => log.rate(id, rating, comment ?? null, deps.now()),
  };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function createFeedbackRoutes(answers: AnswerLogger, onRate?: (rating: Rating) => void): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header("Content-Type") ?? "")) throw errors.unsupportedType();
    if (Number(c.req.header("Content-Length") ?? "0") > MAX_FEEDBACK_BYTES) throw errors.tooLarge();
    const buf = await c.req.arrayBuffer();
    if (buf.byteLength > MAX_FEEDBACK_BYTES) throw errors.tooLarge();
    let body: unknown;
    try {
      body = JSON.parse(strictUtf8.decode(buf));
    } catch {
      throw errors.invalidJson();
    }
    const r = FeedbackBody.safeParse(body);
    if (!r.success) throw errors.invalidInput(r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ").slice(0, 300));
    // A retry after the answer was written races the deferred write: wait for it briefly.
    let ok = await answers.rate(r.data.answerId, r.data.rating, r.data.comment);
    for (let i = 0; !ok && i < RATE_RETRIES; i++) {
      await new Promise((done) => setTimeout(done, RATE_RETRY_MS));
      ok = await answers.rate(r.data.answerId, r.data.rating, r.data.comment);
    }
    if (!ok) throw new AppError(404, "answer_not_found", "Không có câu trả lời với mã này (hoặc đã quá thời hạn lưu)", "No answer with this id (or it is past retention)");
    onRate?.(r.data.rating);
    return c.body(null, 204);
  });
  app.on(["GET", "PUT", "DELETE", "PATCH"], "/", () => {
    throw new AppError(405, "method_not_allowed", "Hãy dùng POST", "Use POST");
  });
  return app;
}

/** An unknown id is retried this many times, RATE_RETRY_MS apart, in case its record is still being written. */
const RATE_RETRIES = 2;
const RATE_RETRY_MS = 50;
