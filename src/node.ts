// Node entry point: parse config, serve createApp() on PORT at once (healthz 503 while loading), load
// or build data/, swap the index in; re-index swaps atomically; SIGTERM drains requests and deferred replies.

import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { readFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { buildData } from "../ingest/data-store.ts";
import { loadRuntime } from "../ingest/runtime.ts";
import { cacheAnswers, utcDayClock } from "./answer/cache.ts";
import { createLlmAnswerer } from "./answer/llm.ts";
import type { AnswerFn } from "./answer/types.ts";
import { createFileTokenStore } from "./channels/token-store.node.ts";
import { type AppConfig, ConfigError, parseConfig } from "./config.ts";
import { createApp, type Loaded } from "./http/app.ts";
import { redactPersonalData } from "./http/redact.ts";
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

async function load() {
  const t0 = performance.now();
  const rt = await loadRuntime({ corpusDir, dataDir, progress: (m) => logger.info("ingest", { step: m }) });
  const version = rt.data.manifest.version;
  const answer =
    cfg.answerCacheSize > 0
      ? cacheAnswers(withLlm(rt.answer), { maxEntries: cfg.answerCacheSize, scope: () => `${version}|${utcToday()}` })
      : withLlm(rt.answer);
  current = { version, corpus: rt.data.corpus, index: rt.kb.index, answer };
  // Build the answerer's term sets right after the index is served, not before.
  setTimeout(() => rt.answer.warm(), 250).unref();
  logger.info("index ready", { version: rt.data.manifest.version, rebuilt: rt.rebuilt, ms: Math.round(performance.now() - t0), documents: rt.data.corpus.documents.length, tasks: rt.data.corpus.tasks.length });
}

let reindexing: Promise<{ version: string; ms: number }> | null = null;
async function reindex() {
  // One re-index at a time; the old index keeps answering until the new one is loaded.
  reindexing ??= (async () => {
    const t0 = performance.now();
    try {
      await buildData(corpusDir, dataDir, (m) => logger.info("reindex", { step: m }));
      await load();
      return { version: current!.version, ms: Math.round(performance.now() - t0) };
    } finally {
      reindexing = null;
    }
  })();
  return reindexing;
}

const zaloTokenStore = cfg.zalo
  ? createFileTokenStore(resolve(cfg.zalo.tokenFile), { initial: { accessToken: cfg.zalo.accessToken, refreshToken: cfg.zalo.refreshToken, expiresAt: 0 } })
  : undefined;

const app = createApp({ config: cfg, current: () => current, reindex, logger, fetch: globalThis.fetch, defer, clientAddress: (c) => getConnInfo(c).remote.address, ...(zaloTokenStore ? { zaloTokenStore } : {}) });
const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, (info) => {
  logger.info("listening", { url: `http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${info.port}` });
});

load().catch((e) => {
  logger.error("index could not be loaded", { error: String((e as Error).message ?? e) });
  console.error(`Không nạp được chỉ mục / cannot load the index: ${(e as Error).message}`);
  process.exit(1);
});

let stopping = false;
async function shutdown(sig: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal: sig, pending: pending.size });
  const deadline = setTimeout(() => process.exit(0), 15_000);
  deadline.unref();
  // Stop accepting, let accepted requests finish (idle keep-alive sockets are closed at once), then
  // wait for deferred channel replies.
  const http = server as unknown as { close(cb: () => void): void; closeIdleConnections?: () => void };
  const closed = new Promise<void>((r) => http.close(() => r()));
  http.closeIdleConnections?.();
  const idle = setInterval(() => http.closeIdleConnections?.(), 100);
  await closed;
  clearInterval(idle);
  await Promise.allSettled([...pending]);
  await flushLogs();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
