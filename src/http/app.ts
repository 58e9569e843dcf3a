// HTTP layer: createApp(deps) builds the whole service — /healthz, /api/chat (JSON or SSE), search,
// documents, tasks, agencies, admin, the widget, Slack and Zalo. No runtime imports: Node and Workers
// entry points pass in what differs (clock, fetch, deferred work, the loaded knowledge).

import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { AnswerFn, ChatAnswer } from "../answer/types.ts";
import { createSlackApp } from "../channels/slack.ts";
import { createWidgetApp, widgetHeadersMiddleware } from "../channels/widget.ts";
import { createZaloApp, type HistoryStore, type TokenStore, createZaloTokenManager } from "../channels/zalo.ts";
import type { DedupeStore } from "../channels/dedupe.ts";
import { timingSafeEqualStr } from "../channels/crypto.ts";
import type { AppConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import type { ChunkIndex } from "../retrieval/types.ts";
import { selectTasks as selectTaskRows, taskFilterOf } from "../tasks/select.ts";
import type { CorpusData } from "../tasks/corpus.ts";
import type { Task } from "../tasks/types.ts";
import { AppError, errors } from "./errors.ts";
import { readBytesCapped } from "./body.ts";
import { DEFAULT_PAGE_LIMIT, lookupsOf, MAX_PAGE_LIMIT } from "./lookups.ts";
import { checkRateLimit, clientAddress, createMemoryRateLimitStore, type RateLimitStore } from "./rate-limit.ts";
import { redactPersonalData } from "./redact.ts";
import { createAdminRoutes, type DocumentAdmin } from "./admin.ts";
import { createAnswerLogger, createFeedbackRoutes } from "./feedback.ts";
import { createMemoryQuestionLog, type QuestionLog } from "./question-log.ts";
import { linkBoard, withAnswerId, markOcrCitations } from "./answer-extras.ts";
import { understand } from "../answer/understand.ts";
import { unknownParams } from "./query.ts";
import { TASK_PARAMS, taskRows, XLSX_TYPE, type XlsxWriter } from "./task-export.ts";
import { createBoardRoutes } from "./board.ts";
import { createAdminPage } from "./admin-page.ts";
import { createApiDocs } from "./openapi.ts";
import { type Metrics, metricsResponse, routeOf } from "./metrics.ts";

/** Longest agency name /api/tasks?agency= takes (the longest registry name is about 100 characters). */
const MAX_AGENCY_CHARS = 200;
/** Longest /api/tasks?q= (a few words to look for in task texts). */
const MAX_TASK_QUERY_CHARS = 200;
/** Rows per CSV write: the export streams in slices instead of one string (3.4 MB at 10×). */
const CSV_ROWS_PER_CHUNK = 200;

export interface Loaded {
  version: string;
  corpus: CorpusData;
  index: ChunkIndex;
  answer: AnswerFn;
}

export interface AppDeps {
  config: AppConfig;
  /** The knowledge being served, or null while it loads (healthz answers 503). */
  current: () => Loaded | null;
  /** Rebuild the index from the corpus and swap it in (admin API). */
  reindex?: () => Promise<{ version: string; ms: number }>;
  logger: Logger;
  fetch: typeof fetch;
  /** Keep deferred work alive after a response (Workers: waitUntil; Node: a tracked promise). */
  defer: (p: Promise<unknown>) => void;
  now?: () => Date;
  rateLimitStore?: RateLimitStore;
  /** The client's address as the runtime sees the connection (Node: socket; Workers: CF-Connecting-IP). */
  clientAddress?: (c: Context) => string | undefined;
  zaloTokenStore?: TokenStore;
  /** Shared (Redis) stores for the channels; absent → each sub-app keeps its own in memory. */
  channelStores?: { slackDedupe?: DedupeStore; zaloDedupe?: DedupeStore; zaloHistory?: HistoryStore };
  /** True once shutdown has begun: /healthz answers 503 so the balancer stops sending here. */
  draining?: () => boolean;
  /** The questions log (answer ids, feedback); in memory when not given. */
  questionLog?: QuestionLog;
  /** Upload, replace and delete documents (Node); the admin document routes answer 409 without it. */
  documents?: DocumentAdmin;
  /** Task rows → .xlsx bytes (Node: exceljs); /api/tasks?format=xlsx answers 409 without it. */
  xlsx?: XlsxWriter;
  /** Prometheus metrics (Node: prom-client); /metrics is a 404 without them. */
  metrics?: Metrics;
}

const HistoryTurn = z.object({ role: z.enum(["user", "assistant"]), content: z.string().max(8000) });
export const ChatBody = z.object({
  message: z.string(),
  history: z.array(HistoryTurn).max(50).optional(),
  sessionId: z.string().max(200).optional(),
});

type Env = { Variables: { requestId: string } };

export function createApp(deps: AppDeps): Hono<Env> {
  const cfg = deps.config;
  const now = deps.now ?? (() => new Date());
  const rl = deps.rateLimitStore ?? createMemoryRateLimitStore();
  const app = new Hono<Env>();
  const questionLog = deps.questionLog ?? createMemoryQuestionLog();
  const metrics = deps.metrics;
  const answerLog = createAnswerLogger(questionLog, { now, defer: deps.defer, logger: deps.logger, newId: newRequestId, ...(metrics ? { onRecord: (o: string, i: string) => metrics.answer(o, i) } : {}) });
  if (metrics) {
    // Requests by the route pattern that answered, and the index being served, both seen after the handler.
    let seenIndex: Loaded | null = null;
    app.use("*", async (c, next) => {
      const t0 = performance.now();
      await next();
      metrics.request(c.req.method, routeOf(c), c.res.status, (performance.now() - t0) / 1000);
      const l = deps.current();
      if (l && l !== seenIndex) {
        seenIndex = l;
        metrics.index({ version: l.version, documents: l.corpus.documents.length, chunks: l.corpus.chunks.length, tasks: l.corpus.tasks.length });
      }
    });
    app.get("/metrics", (c) => metricsResponse(c, metrics, cfg.metricsToken));
  }

  // Request id + structured log line (personal data redacted, no bodies).
  app.use("*", async (c, next) => {
    const id = c.req.header("X-Request-Id")?.slice(0, 64) || newRequestId();
    c.set("requestId", id);
    const t0 = Date.now();
    await next();
    c.res.headers.set("X-Request-Id", id);
    deps.logger.info("request", {
      requestId: id,
      method: c.req.method,
      path: redactPersonalData(c.req.path),
      status: c.res.status,
      ms: Date.now() - t0,
    });
  });
  app.use("*", widgetHeadersMiddleware);
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin", xFrameOptions: "SAMEORIGIN" }));
  // CORS. Preflights go through hono/cors. Other requests get the same headers it would set, but after the
  // handler, on the handler's own response: hono/cors touches c.res before the handler runs and appends Vary
  // with c.header() after it, and either makes Hono re-wrap the response (a stream body instead of the
  // string @hono/node-server writes directly) — about 40% of the CPU time of a cached chat answer.
  const allowOrigin = (origin: string, c: Context) => {
    if (!origin) return null;
    if (origin === new URL(c.req.url).origin) return origin;
    return cfg.widgetOrigins.includes(origin) || cfg.widgetOrigins.includes("*") ? origin : null;
  };
  const exposeHeaders = ["Retry-After", "X-Request-Id"];
  const preflight = cors({ origin: allowOrigin, allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["Content-Type", "Accept", "Authorization"], exposeHeaders, maxAge: 600 });
  const exposed = exposeHeaders.join(",");
  app.use("/api/*", async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    await next();
    const h = c.res.headers;
    const origin = allowOrigin(c.req.header("Origin") || "", c);
    if (origin) h.set("Access-Control-Allow-Origin", origin);
    h.set("Access-Control-Expose-Headers", exposed);
    h.append("Vary", "Origin");
  });
  // Rate limit every /api/* route per client (API key if given, else the client's address). Admin routes too,
  // in their own bucket (a wrong token must not be guessable at full speed, a reindex not be looped).
  app.use("/api/*", async (c, next) => {
    if (cfg.rateLimitPerMinute <= 0 || c.req.method === "OPTIONS") return next();
    // A configured API key gets its own bucket (by its index, never the key itself in a store); otherwise the
    // client address: the one the nearest of TRUST_PROXY trusted proxies appended, validated, IPv6 by /64.
    const auth = c.req.header("Authorization") ?? "";
    const bearer = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    const keyIndex = bearer ? cfg.apiKeys.findIndex((k) => timingSafeEqualStr(k, bearer)) : -1;
    const admin = c.req.path.startsWith("/api/admin");
    const address = clientAddress(c.req.header("X-Forwarded-For"), deps.clientAddress?.(c), cfg.trustProxy);
    const key = `${admin ? "admin:" : ""}${keyIndex >= 0 && !admin ? `key:${keyIndex}` : `ip:${address ?? "unknown"}`}`;
    const r = await checkRateLimit(rl, key, cfg.rateLimitPerMinute, now().getTime());
    if (!r.ok) throw errors.rateLimited(r.retryAfter);
    c.header("X-RateLimit-Remaining", String(r.remaining));
    return next();
  });

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json(err.body(), err.status, err.headers);
    deps.logger.error("unhandled", { requestId: c.get("requestId"), error: String((err as Error)?.message ?? err).slice(0, 300) });
    return c.json(errors.internal().body(), 500);
  });
  app.notFound((c) => c.json(errors.notFound().body(), 404));

  const loaded = (): Loaded => {
    const l = deps.current();
    if (!l) throw errors.notReady();
    return l;
  };

  app.get("/healthz", (c) => {
    if (deps.draining?.()) return c.json({ status: "draining", documents: 0, chunks: 0, tasks: 0 }, 503, { "Retry-After": "5", Connection: "close" });
    const l = deps.current();
    if (!l) return c.json({ status: "loading", documents: 0, chunks: 0, tasks: 0 }, 503);
    return c.json({ status: "ok", documents: l.corpus.documents.length, chunks: l.corpus.chunks.length, tasks: l.corpus.tasks.length, version: l.version });
  });

  app.post("/api/chat", async (c) => {
    const input = await readChat(c, cfg);
    const l = loaded();
    const t0 = Date.now();
    const ans = withBoardLink(markOcrCitations(await l.answer(input), l.corpus), input, l);
    const answerId = answerLog.logAnswer({ question: input.message, answer: ans, latencyMs: Date.now() - t0, channel: "web" });
    if ((c.req.header("Accept") ?? "").includes("text/event-stream")) return streamAnswer(c, ans, answerId);
    // The bytes c.json(ans) would send, serialised once per answer object, with this answer's id spliced in.
    return c.body(withAnswerId(answerJson(ans), answerId), 200, { "Content-Type": "application/json" });
  });
  app.on(["GET", "PUT", "DELETE", "PATCH"], "/api/chat", () => {
    throw new AppError(405, "method_not_allowed", "Hãy dùng POST", "Use POST");
  });

  app.get("/api/search", async (c) => {
    unknownParams(c, ["q", "k"]);
    const q = (c.req.query("q") ?? "").trim();
    if (!q) throw errors.invalidInput("q is required");
    if (q.length > cfg.maxMessageChars) throw errors.tooLong(cfg.maxMessageChars);
    const k = intParam(c.req.query("k"), 10, 1, 50, "k");
    const l = loaded();
    if (!/[\p{L}\p{N}]/u.test(q)) return c.json({ query: q, hits: [] });
    const hits = await l.index.search(q, k);
    const { chunkById: chunks, documentById: docs } = lookupsOf(l.corpus);
    return c.json({
      query: q,
      hits: hits.map((h) => {
        const ch = chunks.get(h.id)!;
        const d = docs.get(ch.documentId)!;
        return { id: h.id, score: h.score, lexical: h.lexical ?? null, vector: h.vector ?? null, documentId: d.id, document: { number: d.number, title: d.title, status: d.status }, section: ch.section, lines: ch.lines, text: ch.text };
      }),
    });
  });

  // Read endpoints answer from the lookups of the version being served (src/http/lookups.ts), built once per
  // loaded corpus: a reindex brings a new corpus object and so new lookups, never a half-updated one.
  // Lists are paged (?limit=&offset=, at most 500) with their total, from JSON encoded once per version: a page costs O(limit).
  app.get("/api/documents", (c) => {
    unknownParams(c, ["limit", "offset"]);
    const { limit, offset } = pageParams(c, DEFAULT_PAGE_LIMIT);
    return c.body(lookupsOf(loaded().corpus).documentPages.page(limit, offset), 200, { "Content-Type": "application/json" });
  });
  app.get("/api/documents/:id", (c) => {
    const l = loaded();
    const lk = lookupsOf(l.corpus);
    const id = c.req.param("id");
    const d = lk.documentById.get(id);
    if (!d) throw errors.notFound();
    return c.json({ document: d, sections: lk.sectionsByDocument.get(id) ?? [], tasks: lk.tasksByDocument.get(id)?.length ?? 0, indicators: lk.indicatorsByDocument.get(id) ?? [] });
  });

  const directoryOf = (corpus: CorpusData) => lookupsOf(corpus).directory();

  app.get("/api/agencies", (c) => {
    unknownParams(c, ["limit", "offset"]);
    // The directory grows with the names the texts use, not with their number (229 entries at 1× and at 10×):
    // the default page holds all of it, as the endpoint always did, and a longer one is paged.
    const { limit, offset } = pageParams(c, MAX_PAGE_LIMIT);
    return c.body(lookupsOf(loaded().corpus).agencyPages().page(limit, offset), 200, { "Content-Type": "application/json" });
  });

  // The task selection behind /api/tasks, the board and its exports: one function, so their counts agree.
  const selectTasks = (l: Loaded, q: Record<string, string>): Task[] => {
    if (q.q && q.q.length > MAX_TASK_QUERY_CHARS) throw errors.invalidInput(`q must be at most ${MAX_TASK_QUERY_CHARS} characters`);
    if (q.document && q.document.length > MAX_AGENCY_CHARS) throw errors.invalidInput(`document must be at most ${MAX_AGENCY_CHARS} characters`);
    const lk = lookupsOf(l.corpus);
    // Start from the smallest list an index gives (a document's tasks, a registry agency's), filter that.
    // document= takes the id or the số hiệu as written ("2629/QĐ-TTg", case aside); one it does not know is a 400.
    if (q.document) {
      const byNumber = l.corpus.documents.find((d) => d.number && d.number.toLowerCase() === q.document!.trim().toLowerCase());
      const id = lk.documentById.has(q.document) ? q.document : byNumber?.id;
      if (!id) throw new AppError(404, "document_not_found", `Không có văn bản mã hoặc số hiệu "${q.document}" (xem /api/documents)`, `No document with id or number "${q.document}" (see /api/documents)`);
      q = { ...q, document: id };
    }
    if (q.agency !== undefined && q.agency.trim().length > MAX_AGENCY_CHARS) throw errors.invalidInput(`agency must be at most ${MAX_AGENCY_CHARS} characters`);
    if (q.role !== undefined && !["lead", "coordinator", "any"].includes(q.role)) throw errors.invalidInput("role must be lead, coordinator or any");
    const validDate = (v: string) => {
      const t = Date.parse(`${v}T00:00:00Z`);
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
    };
    for (const [k, v] of [["due_from", q.due_from], ["due_to", q.due_to]] as const) if (v && !validDate(v)) throw errors.invalidInput(`${k} must be a real date YYYY-MM-DD`);
    if (q.status && !["overdue", "upcoming", "recurring"].includes(q.status)) throw errors.invalidInput("status must be overdue, upcoming or recurring");
    // The selection itself is the tasks layer's, shared with the chat's lists and counts.
    return selectTaskRows(lk, taskFilterOf(q), now().toISOString().slice(0, 10));
  };
  const taskDocuments = (l: Loaded) => lookupsOf(l.corpus).documentById;
  // A long list in a chat answer ends with a link to the board with the question's filters, when they count alike.
  const withBoardLink = (ans: ChatAnswer, input: { message: string; history?: { role: "user" | "assistant"; content: string }[] }, l: Loaded) => {
    if (!ans.answer.includes("/api/tasks")) return ans;
    const u = understand(input.message, input.history ?? [], now());
    const agency = u.agencies[0]?.name ?? u.unitsWritten[0] ?? null;
    return linkBoard(ans, { agency, period: u.period, overdue: u.intent === "overdue" }, (p) => selectTasks(l, p).length);
  };

  app.get("/api/tasks", async (c) => {
    unknownParams(c, TASK_PARAMS);
    const l = loaded();
    const q = c.req.query();
    const page = intParam(q.page, 1, 1, 100000, "page");
    const perPage = intParam(q.per_page, 50, 1, 500, "per_page");
    if (q.format && !["json", "csv", "xlsx"].includes(q.format)) throw errors.invalidInput("format must be json, csv or xlsx");
    const tasks = selectTasks(l, q);
    const lk = lookupsOf(l.corpus);
    if (q.format === "xlsx") {
      if (!deps.xlsx) throw new AppError(409, "not_supported", "Không xuất được Excel ở môi trường này (chỉ trên máy chủ Node)", "Excel export is not available here (Node server only)");
      const rows = q.page !== undefined || q.per_page !== undefined ? tasks.slice((page - 1) * perPage, page * perPage) : tasks;
      return c.body(await deps.xlsx(taskRows(rows, lk.documentById)), 200, { "Content-Type": XLSX_TYPE, "Content-Disposition": 'attachment; filename="nhiem-vu.xlsx"', "X-Total-Count": String(tasks.length) });
    }
    if (q.format === "csv") {
      // Paged when asked (?page=&per_page=), else the whole selection — streamed in slices, never one string.
      const rows = q.page !== undefined || q.per_page !== undefined ? tasks.slice((page - 1) * perPage, page * perPage) : tasks;
      return c.body(csvStream(rows, lk.documentById), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="nhiem-vu.csv"', "X-Total-Count": String(tasks.length) });
    }
    return c.json({ total: tasks.length, page, perPage, tasks: tasks.slice((page - 1) * perPage, page * perPage) });
  });

  app.route("/api/feedback", createFeedbackRoutes(answerLog, metrics ? (r) => metrics.feedback(r) : undefined));
  app.route("/admin", createAdminPage());
  app.route("/", createApiDocs());
  app.route("/board", createBoardRoutes({ select: (q) => selectTasks(loaded(), q), documents: () => loaded().corpus.documents, agencies: () => directoryOf(loaded().corpus), taskDocuments: () => taskDocuments(loaded()), now, ...(deps.xlsx ? { xlsx: deps.xlsx } : {}) }));

  // Admin: off unless ADMIN_TOKEN is configured; constant-time bearer check.
  if (cfg.adminToken) {
    const token = cfg.adminToken;
    app.use("/api/admin/*", async (c, next) => {
      const h = c.req.header("Authorization") ?? "";
      const given = h.startsWith("Bearer ") ? h.slice(7) : "";
      if (!timingSafeEqualStr(given, token)) throw errors.unauthorized();
      return next();
    });
    app.get("/api/admin/status", (c) => {
      const l = deps.current();
      return c.json({ ready: !!l, version: l?.version ?? null, documents: l?.corpus.documents.length ?? 0, tasks: l?.corpus.tasks.length ?? 0, warnings: l?.corpus.warnings.length ?? 0 });
    });
    app.post("/api/admin/reindex", async (c) => {
      if (!deps.reindex) throw new AppError(409, "not_supported", "Không hỗ trợ lập chỉ mục lại ở môi trường này", "Reindex is not supported here");
      try {
        return c.json(await deps.reindex());
      } catch (e) {
        // The old index keeps serving; the admin sees why (a corpus with no readable file, a full disk…).
        const why = String((e as Error)?.message ?? e).slice(0, 300);
        deps.logger.error("reindex failed", { requestId: c.get("requestId"), error: why });
        throw new AppError(422, "reindex_failed", `Lập chỉ mục lại không thành công, chỉ mục cũ vẫn được dùng: ${why}`, `Reindex failed, the previous index is still served: ${why}`);
      }
    });
    app.route("/api/admin", createAdminRoutes({ ...(deps.documents ? { documents: deps.documents } : {}), questions: questionLog }));
  }

  if (cfg.slack) {
    app.route("/slack", createSlackApp({ ...(deps.channelStores?.slackDedupe ? { dedupe: deps.channelStores.slackDedupe } : {}), answer: (i, o) => loaded().answer(i, o), feedback: answerLog, signingSecret: cfg.slack.signingSecret, botToken: cfg.slack.botToken, fetch: deps.fetch, defer: deps.defer, logger: deps.logger, ...(cfg.slack.apiBase ? { apiBase: cfg.slack.apiBase } : {}) }));
  }
  if (cfg.zalo && deps.zaloTokenStore) {
    const z = cfg.zalo;
    const tokens = createZaloTokenManager({ appId: z.appId, appSecret: z.appSecret, store: deps.zaloTokenStore, fetch: deps.fetch, logger: deps.logger, ...(z.oauthBase ? { oauthBase: z.oauthBase } : {}) });
    app.route("/zalo", createZaloApp({ ...(deps.channelStores?.zaloDedupe ? { dedupe: deps.channelStores.zaloDedupe } : {}), ...(deps.channelStores?.zaloHistory ? { history: deps.channelStores.zaloHistory } : {}), answer: (i, o) => loaded().answer(i, o), appId: z.appId, oaSecretKey: z.oaSecretKey, tokens, fetch: deps.fetch, defer: deps.defer, logger: deps.logger, ...(z.apiBase ? { apiBase: z.apiBase } : {}) }));
  }
  app.route("/", createWidgetApp({ ...(cfg.widgetTitle ? { title: cfg.widgetTitle } : {}) }));
  return app;
}

/**
 * A random UUID that personal-data redaction leaves as it is. About 1 in 85 UUIDs has a run of digits that
 * reads as a phone or ID number, and its log line then carried "[sđt]" instead of the X-Request-Id sent.
 */
export function newRequestId(): string {
  for (;;) {
    const id = crypto.randomUUID();
    if (redactPersonalData(id) === id) return id;
  }
}

/** ?limit=&offset= of a paged list; anything but whole numbers in range is a 400 saying so in both languages. */
function pageParams(c: Context, defaultLimit: number): { limit: number; offset: number } {
  const num = (name: string, def: number, min: number, max: number) => {
    const v = c.req.query(name);
    if (v === undefined || v === "") return def;
    const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
    if (!(n >= min && n <= max)) throw new AppError(400, "invalid_input", `Tham số ${name} phải là số nguyên từ ${min} đến ${max}`, `${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return { limit: num("limit", defaultLimit, 1, MAX_PAGE_LIMIT), offset: num("offset", 0, 0, MAX_PAGE_OFFSET) };
}
/** Largest offset a page may start at (past the end is an empty page). */
const MAX_PAGE_OFFSET = 100_000_000;

function intParam(v: string | undefined, def: number, min: number, max: number, name: string): number {
  if (v === undefined || v === "") return def;
  if (!/^\d+$/.test(v)) throw errors.invalidInput(`${name} must be an integer`);
  const n = Number(v);
  if (n < min || n > max) throw errors.invalidInput(`${name} must be between ${min} and ${max}`);
  return n;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

async function readChat(c: Context, cfg: AppConfig) {
  const ct = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(ct)) throw errors.unsupportedType();
  // Read with the cap, chunk by chunk: a chunked body (no Content-Length) of 300 MB was buffered whole before
  // its 413 (RSS +850 MB per request). Now reading stops at the cap and the connection is dropped.
  const body = await readBytesCapped(c.req.raw, cfg.maxBodyBytes);
  if (!body.ok) throw body.status === 413 ? errors.tooLarge() : errors.invalidInput("unreadable body");
  let raw: string;
  try {
    raw = strictUtf8.decode(body.bytes);
  } catch {
    throw errors.invalidInput("body is not valid UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw errors.invalidJson();
  }
  const r = ChatBody.safeParse(json);
  if (!r.success) throw errors.invalidInput(r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ").slice(0, 300));
  const message = r.data.message.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, " ").trim();
  if (!message) throw errors.emptyMessage();
  if (message.length > cfg.maxMessageChars) throw errors.tooLong(cfg.maxMessageChars);
  return { message, ...(r.data.history ? { history: r.data.history.slice(-12) } : {}), ...(r.data.sessionId ? { sessionId: r.data.sessionId } : {}) };
}

// The JSON of an answer, kept as long as the answer object is: the answer cache hands out the same object
// for the same question, and serialising it was the largest cost of a cache hit after the headers. Bytes,
// not a string, so the server does not encode (or measure) the UTF-8 again on every response.
const answerBytes = new WeakMap<ChatAnswer, Uint8Array<ArrayBuffer>>();
const utf8 = new TextEncoder();
export function answerJson(ans: ChatAnswer): Uint8Array<ArrayBuffer> {
  let bytes = answerBytes.get(ans);
  if (!bytes) {
    bytes = utf8.encode(JSON.stringify(ans));
    answerBytes.set(ans, bytes);
  }
  return bytes;
}

/** SSE: the answer text in small deltas, then one "done" event with the full JSON contract. */
function streamAnswer(c: Context, ans: ChatAnswer, answerId: string) {
  return streamSSE(c, async (stream) => {
    const parts = ans.answer.match(/[\s\S]{1,48}(?:\s|$)|[\s\S]{1,48}/g) ?? [ans.answer];
    for (const p of parts) await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: p }) });
    await stream.writeSSE({ event: "done", data: JSON.stringify({ ...ans, answerId }) });
  });
}

function csvCell(v: string): string {
  // Leading =, +, -, @ would run as a formula in Excel: prefix with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_HEAD = ["Văn bản", "Tình trạng văn bản", "Mục", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời hạn", "Hạn cuối (ISO)"];

/** The tasks as CSV (UTF-8 BOM, CRLF), produced a slice of rows at a time as the client reads. */
/** Excel set to Vietnamese (comma as decimal mark) splits CSV on semicolons; a comma-separated file opens in one column. */
const CSV_SEP = ";";

function csvStream(tasks: Task[], docs: Map<string, { number: string | null; title: string; status: string }>): ReadableStream<Uint8Array> {
  const row = (t: Task) => {
    const d = docs.get(t.documentId);
    return [d?.number ?? d?.title ?? t.documentId, d?.status ?? "", t.section, t.text, t.lead.join("; ") || t.leadText, t.coordinators.join("; ") || t.coordinatorsText, t.result, t.deadline.text, t.deadline.end ?? ""];
  };
  let at = -1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at < 0) {
        controller.enqueue(utf8.encode("\uFEFF" + CSV_HEAD.map(csvCell).join(CSV_SEP) + "\r\n"));
        at = 0;
        return;
      }
      if (at >= tasks.length) return controller.close();
      const part = tasks.slice(at, at + CSV_ROWS_PER_CHUNK);
      at += part.length;
      controller.enqueue(utf8.encode(part.map((t) => row(t).map(csvCell).join(CSV_SEP) + "\r\n").join("")));
    },
  });
}
