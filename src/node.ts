// Node entry point: parse config, serve createApp() on PORT at once (healthz 503 while loading), load
// or build data/, swap the index in; re-index (built in a worker thread) swaps atomically and, with Redis, is
// published so every instance on the shared data/ swaps to it; SIGTERM drains requests and deferred replies.
// A version is loaded and prepared in slices (its agency directory was built with it) while the old one serves,
// so a swap never holds the event loop long; a read-only data/ is served as published, never rebuilt.

import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { constants, readFileSync, writeSync } from "node:fs";
import { access } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { resolve } from "node:path";
import { buildInWorker } from "../ingest/build-worker.ts";
import { cleanStaleTemp, nodeSlicing } from "../ingest/data-store.ts";
import { loadRuntime } from "../ingest/runtime.ts";
import { cacheAnswers, utcDayClock } from "./answer/cache.ts";
import { createLlmAnswerer } from "./answer/llm.ts";
import type { AnswerFn } from "./answer/types.ts";
import { createFileTokenStore } from "./channels/token-store.node.ts";
import { type AppConfig, ConfigError, parseConfig } from "./config.ts";
import { createApp, type Loaded } from "./http/app.ts";
import { prepareLookups } from "./http/lookups.ts";
import { prepareInSlices } from "./answer/prepared.ts";
import { AppError } from "./http/errors.ts";
import type { DocumentAdmin } from "./http/admin.ts";
import { createRedisStores, type SharedStores } from "./stores/redis.node.ts";
import { redactPersonalData } from "./http/redact.ts";
import { createDocumentAdmin } from "../ingest/admin-documents.ts";
import type { QuestionLog } from "./http/question-log.ts";
import { createMemoryQuestionLog, retentionCutoff } from "./http/question-log.ts";
import { writeTasksXlsx } from "./http/xlsx.node.ts";
import { createPromMetrics } from "./http/metrics.node.ts";
import { createJsonLineLogger, type Logger, silentLogger } from "./log.ts";

let config: AppConfig;
try {
  config = parseConfig(process.env);
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : String(e));
  process.exit(2);
}
const cfg = config;

// JSON lines on stdout, buffered: the lines of one turn of the event loop go out in one write (a write per
// request line cost about a fifth of a cached answer's time). Whatever is waiting is written before exit.
const jsonLog = createJsonLineLogger({ write: (s) => process.stdout.write(s), schedule: (f) => setImmediate(f), redact: redactPersonalData });
const logger: Logger = cfg.logLevel === "silent" ? silentLogger : jsonLog;

/** Write the waiting log lines and wait (at most `ms`) until stdout has taken them. */
function flushLogs(ms = 5000): Promise<void> {
  jsonLog.flush();
  if (process.stdout.writableLength === 0) return Promise.resolve();
  return new Promise((done) => {
    const t = setTimeout(done, ms);
    t.unref();
    process.stdout.write("", () => {
      clearTimeout(t);
      done();
    });
  });
}
// Exits that skip the graceful path (process.exit elsewhere, a crash): write what is waiting before the
// process ends. stdout's fd is non-blocking when it is a pipe, so retry until the reader has taken it all.
process.on("exit", () => {
  const text = jsonLog.take();
  if (!text) return;
  // Lines still queued in the stream go first: keep the order and leave it to the stream.
  if (process.stdout.writableLength > 0) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, "utf8");
  const until = Date.now() + 2000;
  for (let off = 0; off < bytes.length && Date.now() < until; ) {
    try {
      off += writeSync(1, bytes, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") return;
    }
  }
});

// Deferred channel replies (Slack, Zalo) run after their webhook was answered: tracked, so a shutdown waits
// for them and can say how many it had to drop.
const pending = new Set<Promise<unknown>>();
const defer = (p: Promise<unknown>) => {
  const tracked = p.catch((e) => logger.error("deferred task failed", { error: String(e) })).finally(() => pending.delete(tracked));
  pending.add(tracked);
};

// Optional LLM rewriting: only with LLM_BASE_URL + LLM_MODEL; verified, and the extractive answer otherwise.
const llmTemplate = cfg.llm ? readFileSync(resolve(import.meta.dirname, "..", "prompts", "answer.md"), "utf8") : "";
const withLlm = (a: AnswerFn): AnswerFn => (cfg.llm ? createLlmAnswerer(a, { fetch: globalThis.fetch, ...cfg.llm, template: llmTemplate, logger }) : a);

// Today's UTC date (what the answerer calls today) is part of every answer-cache key.
const utcToday = utcDayClock();

let current: Loaded | null = null;
const corpusDir = resolve(cfg.corpusDir);
const dataDir = resolve(cfg.dataDir);

// A data/ this process may not write (DATA_READONLY=1, or not writable): a published index shared by instances.
const dataWritable = await access(dataDir, constants.W_OK).then(
  () => true,
  (e: NodeJS.ErrnoException) => e.code === "ENOENT",
);
const readOnly = cfg.dataReadOnly || !dataWritable;
if (readOnly) logger.info("data/ is read-only: serving the published index, never building it", { dataDir, why: cfg.dataReadOnly ? "DATA_READONLY" : "not writable" });

// A build killed half-way leaves a .tmp-* folder in data/: remove this host's dead ones before anything else
// (not in a read-only data/: whatever is there belongs to whoever writes it).
const cleaned = readOnly ? [] : await cleanStaleTemp(dataDir).catch(() => []);
if (cleaned.length) logger.info("removed leftover build folders", { count: cleaned.length, names: cleaned.slice(0, 10) });

// Shared stores for several instances behind one balancer: REDIS_URL; otherwise each store is in memory.
const shared: SharedStores | null = cfg.redis ? await createRedisStores({ url: cfg.redis.url, prefix: cfg.redis.prefix, logger }) : null;

/** Event-loop delay over a load, in ms: what a request arriving meanwhile waited at worst (and at p99). */
function loopDelayProbe() {
  const h = monitorEventLoopDelay({ resolution: LOOP_PROBE_MS });
  h.enable();
  return () => {
    h.disable();
    return { stallMaxMs: Math.round(h.max / 1e5) / 10, stallP99Ms: Math.round(h.percentile(99) / 1e5) / 10 };
  };
}
/** Resolution of the event-loop delay probe during a load. */
const LOOP_PROBE_MS = 5;

/**
 * Load a version (the one data/current.json names, building it when stale unless data/ is read-only, or
 * `version` as it is), prepare everything its requests read, then swap. All of it runs in slices or off the
 * event loop: the version being served keeps answering until the new one is whole.
 */
async function load(wanted?: string) {
  const t0 = performance.now();
  const probe = loopDelayProbe();
  const rt = await loadRuntime({ corpusDir, dataDir, readOnly, slicing: nodeSlicing, progress: (m) => logger.info("ingest", { step: m }), ...(wanted ? { version: wanted } : {}) });
  const version = rt.data.manifest.version;
  if (rt.stale) logger.warn("the corpus is newer than the published index: serving it as published (data/ is read-only; run npm run ingest where it is written)", { version, why: rt.stale });
  // The read endpoints' lookups and the answerer's prepared knowledge for this version, before it is served.
  // (The agency directory, which reads every task and chunk, was computed once when the version was built.)
  await prepareLookups(rt.data.corpus, { slicing: nodeSlicing, directory: Promise.resolve(rt.data.directory) });
  await prepareInSlices(rt.kb, nodeSlicing);
  rt.answer.warm();
  const answer =
    cfg.answerCacheSize > 0
      ? cacheAnswers(withLlm(rt.answer), { maxEntries: cfg.answerCacheSize, scope: () => `${version}|${utcToday()}` })
      : withLlm(rt.answer);
  // One assignment: a request sees the old version or the new one, whole.
  current = { version, corpus: rt.data.corpus, index: rt.kb.index, answer };
  logger.info("index ready", { version, rebuilt: rt.rebuilt, ms: Math.round(performance.now() - t0), documents: rt.data.corpus.documents.length, tasks: rt.data.corpus.tasks.length, ...probe(), ...(rt.stale ? { stale: true } : {}) });
}

let reindexing: Promise<{ version: string; ms: number }> | null = null;
let lastRejected: string[] = [];
async function reindex() {
  // One re-index at a time; the old index keeps answering until the new one is loaded.
  reindexing ??= (async () => {
    const t0 = performance.now();
    try {
      const built = await buildInWorker(corpusDir, dataDir, (m) => logger.info("reindex", { step: m }));
      lastRejected = built.rejected;
      await load(built.manifest.version);
      // Tell the other instances on this data/ to swap to it.
      await shared?.publishIndexVersion(built.manifest.version);
      return { version: current!.version, ms: Math.round(performance.now() - t0) };
    } finally {
      reindexing = null;
    }
  })();
  return reindexing;
}

// Another instance built and published a version: load it from the shared data/ and swap (one at a time; a
// newer message while loading is taken after). A version that does not load leaves the current one serving.
let swapping: Promise<void> | null = null;
let wantedVersion: string | null = null;
function followVersion(v: string) {
  if (!/^v-[a-z0-9-]+$/.test(v) || v === current?.version) return;
  wantedVersion = v;
  if (swapping || reindexing) return;
  swapping = (async () => {
    while (wantedVersion && wantedVersion !== current?.version) {
      const next: string = wantedVersion;
      try {
        await load(next);
        logger.info("index version followed", { version: next });
      } catch (e) {
        logger.error("published index version could not be loaded", { version: next, error: String((e as Error).message ?? e) });
        if (wantedVersion === next) wantedVersion = null;
      }
    }
  })().finally(() => (swapping = null));
}

const zaloFile = cfg.zalo
  ? createFileTokenStore(resolve(cfg.zalo.tokenFile), { initial: { accessToken: cfg.zalo.accessToken, refreshToken: cfg.zalo.refreshToken, expiresAt: 0 } })
  : undefined;
// With Redis the pair lives there (one refresh at a time across instances); the file stays as this host's copy.
const zaloTokenStore = cfg.zalo && shared ? shared.zaloTokens({ accessToken: cfg.zalo.accessToken, refreshToken: cfg.zalo.refreshToken, expiresAt: 0 }, zaloFile) : zaloFile;

/** How long Slack retries an event and Zalo a message: a retry within it lands on any instance and is seen. */
const SLACK_DEDUPE_MS = 60 * 60 * 1000;
const ZALO_DEDUPE_MS = 24 * 60 * 60 * 1000;
const ZALO_HISTORY = { maxTurns: 6, ttlMs: 30 * 60 * 1000 };
let stopping = false;

// The questions log: PostgreSQL with DATABASE_URL, else an SQLite file in DATA_DIR. Rows older than
// LOG_RETENTION_DAYS are deleted at start and every hour.
// On a read-only data/ without QUESTION_LOG_FILE the log is kept in memory (said at start).
const questionLogFile = cfg.questionLogFile ? resolve(cfg.questionLogFile) : readOnly ? null : resolve(dataDir, "questions.sqlite");
if (!cfg.databaseUrl && !questionLogFile) logger.warn("questions log in memory: data/ is read-only (set QUESTION_LOG_FILE or DATABASE_URL to keep it)");
const questionLog: QuestionLog = cfg.databaseUrl
  ? await (await import("./http/question-log-pg.node.ts")).createPgQuestionLog(cfg.databaseUrl)
  : questionLogFile
    ? await (await import("./http/question-log-sqlite.node.ts")).createSqliteQuestionLog(questionLogFile)
    : createMemoryQuestionLog();
const purgeOld = () =>
  questionLog
    .purge(retentionCutoff(new Date(), cfg.logRetentionDays))
    .then((n) => n > 0 && logger.info("questions log: retention", { removed: n, days: cfg.logRetentionDays }))
    .catch((e) => logger.error("questions log: purge failed", { error: String((e as Error).message ?? e) }));
void purgeOld();
setInterval(purgeOld, 3_600_000).unref();

// Uploads, replacements and deletions from /admin: a change to corpus/, then a rebuild that starts after it
// (a rebuild already running may have listed the corpus before the change).
const metrics = await createPromMetrics();
const documents = createDocumentAdmin({
  onJob: (kind, status, seconds) => metrics.ingest(kind, status, seconds),
  corpusDir,
  rebuild: async () => {
    if (reindexing) await reindexing.catch(() => undefined);
    return reindex();
  },
  corpus: () => current?.corpus ?? null,
  rejected: () => lastRejected,
  logger,
  ocr: cfg.ocr,
});

/** Read-only data/: the corpus may be listed and reported on, but a change would have to rebuild data/ here. */
const readOnlyRefusal = () =>
  new AppError(409, "data_readonly", "Dữ liệu chỉ mục ở chế độ chỉ đọc (DATA_READONLY hoặc thư mục không ghi được): hãy tải lên và lập chỉ mục lại ở máy chủ ghi chỉ mục", "The index data is read-only (DATA_READONLY, or the folder is not writable): upload and reindex on the host that writes the index");
const readOnlyDocuments: DocumentAdmin = {
  ...documents,
  submit: () => {
    throw readOnlyRefusal();
  },
  remove: () => {
    throw readOnlyRefusal();
  },
};

const app = createApp({ questionLog, documents: readOnly ? readOnlyDocuments : documents, xlsx: writeTasksXlsx, metrics, config: cfg, current: () => current, ...(readOnly ? {} : { reindex }), logger, fetch: globalThis.fetch, defer, clientAddress: (c) => getConnInfo(c).remote.address, draining: () => stopping, ...(zaloTokenStore ? { zaloTokenStore } : {}), ...sharedDeps() });

/** The shared stores createApp takes, when REDIS_URL is set. */
function sharedDeps() {
  if (!shared) return {};
  return {
    rateLimitStore: shared.rateLimit,
    channelStores: { slackDedupe: shared.dedupe("slack", SLACK_DEDUPE_MS), zaloDedupe: shared.dedupe("zalo", ZALO_DEDUPE_MS), zaloHistory: shared.history(ZALO_HISTORY) },
  };
}

type HttpServer = import("node:http").Server;
const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, (info) => {
  logger.info("listening", { url: `http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${info.port}`, redis: !!shared });
}) as unknown as HttpServer;
// Node's defaults hold a slow-body socket for 300 s and accept any number of them (1,759 were held for 20 s).
server.requestTimeout = cfg.server.requestTimeoutMs;
server.headersTimeout = cfg.server.headersTimeoutMs;
server.keepAliveTimeout = cfg.server.keepAliveTimeoutMs;
server.maxConnections = cfg.server.maxConnections;
// Requests being handled: a shutdown waits for them and counts the ones its deadline cuts. Ahead of Hono's
// listener, so that while draining a response is marked before its headers are written: it closes its connection,
// and the client's next request opens a new one (which the balancer, seeing the 503 /healthz, sends elsewhere).
let activeRequests = 0;
server.prependListener("request", (_req, res) => {
  activeRequests++;
  res.once("close", () => activeRequests--);
  if (stopping) res.shouldKeepAlive = false;
});

load()
  .then(async () => {
    if (!shared) return;
    shared.onIndexVersion(followVersion);
    // A version published while this instance was down.
    const v = await shared.indexVersion();
    if (v) followVersion(v);
  })
  .catch((e) => {
    logger.error("index could not be loaded", { error: String((e as Error).message ?? e) });
    console.error(`Không nạp được chỉ mục / cannot load the index: ${(e as Error).message}`);
    process.exit(1);
  });

async function shutdown(sig: string) {
  if (stopping) return;
  // From here /healthz answers 503 (the balancer drains this instance) while accepted requests finish.
  stopping = true;
  const budget = cfg.server.shutdownTimeoutMs;
  logger.info("shutting down", { signal: sig, pending: pending.size, active: activeRequests, deadlineMs: budget, drainMs: sig === "SIGTERM" ? cfg.server.shutdownDrainMs : 0 });
  // The deadline covers a deferred Slack reply's whole retry budget (~31 s); past it, what is left is dropped,
  // logged with its count, and the exit code is 1 so a supervisor can tell.
  const deadline = setTimeout(() => {
    logger.error("shutdown deadline passed: work dropped", { deferredReplies: pending.size, requests: activeRequests, deadlineMs: budget });
    void flushLogs(1000).then(() => process.exit(1));
  }, budget);
  deadline.unref();
  // SIGTERM (a supervisor, a rolling deploy): keep listening for the drain period, so that requests clients have
  // already sent — waiting in the accept backlog, or read but not yet parsed while answers hold the CPU — are
  // answered rather than reset (closing at once reset 33 of a burst of 48). SIGINT (Ctrl-C) stops at once.
  const drainMs = sig === "SIGTERM" ? cfg.server.shutdownDrainMs : 0;
  if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
  // Stop accepting, let accepted requests finish (idle keep-alive sockets are closed at once), then
  // wait for deferred channel replies (which may start more: a retry).
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  await closed;
  clearInterval(idle);
  while (pending.size) await Promise.allSettled([...pending]);
  clearTimeout(deadline);
  // The questions log's pending rows (SQLite writes them in batches; PostgreSQL's inserts may be in flight).
  await questionLog.close().catch((e: unknown) => logger.error("questions log could not be closed", { error: String((e as Error).message ?? e) }));
  await shared?.close();
  logger.info("shut down cleanly", { signal: sig });
  await flushLogs();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
