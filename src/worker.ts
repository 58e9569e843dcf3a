// Cloudflare Workers entry point: the same createApp() as Node, serving the knowledge prebuilt at bundle time
// (build/worker/knowledge.bin, written from corpus/ by ingest/build-worker-index.ts and bundled as a Data module)
// — no data/, no hnswlib, no node:* imports. An isolate only deserializes it, once, on its first request
// (src/worker-knowledge.ts): ~100–150 ms of CPU under wrangler dev, where rebuilding from the texts took 2–4 s. The
// answerer's coverage indexes come in the artefact too, so the first question costs what a warm one does (~90 ms).
// With a SHARED_STATE Durable Object bound, rate limits and Slack/Zalo dedupe are shared by every isolate
// (src/stores/durable.ts); without it each isolate keeps its own in memory.

import { createAnswerer } from "./answer/engine.ts";
import { type AppConfig, ConfigError, parseConfig } from "./config.ts";
import { createApp, type Loaded } from "./http/app.ts";
import { createDurableStores, type DurableNamespaceLike } from "./stores/durable.ts";
import { createKvTokenStore, type KVLike } from "./stores/kv.ts";
import { redactPersonalData } from "./text/redact.ts";
import type { LogFields, Logger } from "./log.ts";
import { decodeKnowledge, type PrebuiltHeader } from "./worker-knowledge.ts";

export { createKvTokenStore, type KVLike } from "./stores/kv.ts";
/** The Durable Object class behind SHARED_STATE (wrangler.toml): exported by the entry module, as Workers require. */
export { SharedState } from "./stores/durable.ts";

/** Bindings: string vars (wrangler.toml [vars] and secrets), the optional ZALO_KV namespace and SHARED_STATE object. */
export type WorkerEnv = Record<string, unknown> & { ZALO_KV?: KVLike; SHARED_STATE?: DurableNamespaceLike };

export interface WorkerContext {
  waitUntil(p: Promise<unknown>): void;
}

type Bytes = ArrayBuffer | Uint8Array;

export interface WorkerOptions {
  /** The prebuilt knowledge's bytes; default: the artefact wrangler bundled (src/worker-prebuilt.ts). */
  knowledge?: () => Promise<Bytes> | Bytes;
  now?: () => Date;
}

/** How long a delivery id is remembered, as the channels' in-memory defaults: Slack retries for minutes, Zalo for longer. */
const SLACK_DEDUPE_MS = 60 * 60 * 1000;
const ZALO_DEDUPE_MS = 24 * 60 * 60 * 1000;

function consoleLogger(cfg: AppConfig): Logger {
  const line = (level: string, msg: string, fields?: LogFields) => {
    if (cfg.logLevel === "silent") return;
    const safe: LogFields = {};
    for (const [k, v] of Object.entries(fields ?? {})) safe[k] = typeof v === "string" ? redactPersonalData(v) : v;
    const text = JSON.stringify({ time: new Date().toISOString(), level, msg, ...safe });
    if (level === "error") console.error(text);
    else if (level === "warn") console.warn(text);
    else console.log(text);
  };
  return { info: (m, f) => line("info", m, f), warn: (m, f) => line("warn", m, f), error: (m, f) => line("error", m, f) };
}

/** Only string bindings are configuration (KV namespaces and other bindings are objects). */
function stringVars(env: WorkerEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") out[k] = v;
  return out;
}

export interface LoadStats {
  /** Wall time of the load under Node; on Workers the clock only moves at I/O, so there it reads ~0. */
  ms: number;
  header: PrebuiltHeader;
}

/** The served knowledge from the prebuilt artefact: deserialized (not rebuilt), then the answerer over it. */
export function loadPrebuilt(bytes: Bytes, now?: () => Date): Loaded & LoadStats {
  const t0 = performance.now();
  const { corpus, kb, header } = decodeKnowledge(bytes);
  const answer = createAnswerer(kb, now ? { now } : {});
  return { version: `worker-${header.inputHash}`, corpus, index: kb.index, answer, header, ms: performance.now() - t0 };
}

/** A Worker (fetch handler) with its own per-isolate state; the default export is one of these. */
export function createWorker(opts: WorkerOptions = {}) {
  const knowledge = opts.knowledge ?? (async () => (await import("./worker-prebuilt.ts")).bundledKnowledge());
  let current: Loaded | null = null;
  let lastLoad: LoadStats | null = null;
  let loading: Promise<Loaded> | null = null;
  let app: ReturnType<typeof createApp> | null = null;
  let logger: Logger = consoleLogger({ logLevel: "info" } as AppConfig);

  const ensureLoaded = (): Promise<Loaded> => {
    loading ??= (async () => {
      const loaded = loadPrebuilt(await knowledge(), opts.now);
      current = loaded;
      lastLoad = { ms: loaded.ms, header: loaded.header };
      logger.info("index ready", { version: loaded.version, builtAt: loaded.header.builtAt, documents: loaded.corpus.documents.length, chunks: loaded.corpus.chunks.length, tasks: loaded.corpus.tasks.length });
      return loaded;
    })().catch((e) => {
      loading = null; // the next request tries again
      logger.error("prebuilt knowledge could not be loaded", { error: String((e as Error)?.message ?? e).slice(0, 300) });
      throw e;
    });
    return loading;
  };

  const getApp = (env: WorkerEnv) => {
    if (app) return app;
    const cfg = parseConfig(stringVars(env));
    logger = consoleLogger(cfg);
    const zaloTokenStore =
      cfg.zalo && env.ZALO_KV ? createKvTokenStore(env.ZALO_KV, { accessToken: cfg.zalo.accessToken, refreshToken: cfg.zalo.refreshToken, expiresAt: 0 }) : undefined;
    if (cfg.zalo && !zaloTokenStore) logger.warn("zalo disabled: bind a KV namespace as ZALO_KV to keep the rotating tokens");
    const shared = env.SHARED_STATE ? createDurableStores(env.SHARED_STATE, logger) : undefined;
    app = createApp({
      config: cfg,
      current: () => current,
      logger,
      // Workers reject fetch called with another `this` ("Illegal invocation"): call it unbound.
      fetch: (input, init) => fetch(input, init),
      // createApp takes one defer per isolate and cannot tell which request calls it (no AsyncLocalStorage
      // without nodejs_compat), so the work is kept alive by every request in flight — the caller among them.
      defer: (p) => {
        const guarded = p.catch((e) => logger.error("deferred task failed", { error: String((e as Error)?.message ?? e).slice(0, 300) }));
        for (const ctx of inFlight) ctx.waitUntil(guarded);
      },
      // On Workers the connecting address is set by Cloudflare, not by the client.
      clientAddress: (c) => c.req.header("CF-Connecting-IP"),
      ...(opts.now ? { now: opts.now } : {}),
      ...(zaloTokenStore ? { zaloTokenStore } : {}),
      ...(shared ? { rateLimitStore: shared.rateLimit, channelStores: { slackDedupe: shared.dedupe("slack", SLACK_DEDUPE_MS), zaloDedupe: shared.dedupe("zalo", ZALO_DEDUPE_MS) } } : {}),
    });
    return app;
  };
  const inFlight = new Set<WorkerContext>();

  return {
    /** The last knowledge load in this isolate (tests, diagnostics). */
    loadStats: () => lastLoad,
    async fetch(req: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
      let a: ReturnType<typeof createApp>;
      try {
        a = getApp(env);
      } catch (e) {
        const msg = e instanceof ConfigError ? e.message : String(e);
        console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "invalid configuration", error: msg.slice(0, 500) }));
        return Response.json({ error: { code: "misconfigured", message: "Cấu hình máy chủ không hợp lệ / Server misconfigured" } }, { status: 500 });
      }
      // A cold isolate's first request waits for the load (deserializing, not building: no 503 window). If it
      // fails, current stays null: /healthz answers 503 and the next request tries again.
      if (!current) await ensureLoaded().catch(() => {});
      inFlight.add(ctx);
      try {
        return await a.fetch(req, env, ctx as never);
      } finally {
        inFlight.delete(ctx);
      }
    },
  };
}

const worker = createWorker();

/** The knowledge load of this isolate's default worker (tests, diagnostics); not a Workers handler. */
export const loadStats = worker.loadStats;

export default { fetch: worker.fetch } satisfies { fetch: (req: Request, env: WorkerEnv, ctx: WorkerContext) => Promise<Response> };
