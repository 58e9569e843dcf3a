// Cloudflare Workers entry point: the same createApp() as Node, with the knowledge built in memory from the
// corpus texts bundled into the Worker (src/worker-corpus.ts) — no data/, no hnswlib, no node:* imports.
// The build runs lazily, once per isolate: the first request starts it (ctx.waitUntil), /healthz answers
// 503 until it is ready, and other requests wait for it instead of failing on a cold isolate.

import { createAnswerer } from "./answer/engine.ts";
import { buildMemoryKnowledge } from "./answer/build-knowledge.ts";
import type { TokenPair, TokenStore } from "./channels/zalo.ts";
import { type AppConfig, ConfigError, parseConfig } from "./config.ts";
import { createApp, type Loaded } from "./http/app.ts";
import { redactPersonalData } from "./text/redact.ts";
import type { LogFields, Logger } from "./log.ts";
import type { CorpusSource } from "./worker-corpus.ts";

/** The subset of a Workers KV namespace the token store uses (no @cloudflare/workers-types needed). */
export interface KVLike {
  get(key: string, type: "json"): Promise<unknown>;
  put(key: string, value: string): Promise<void>;
}

/** Bindings: string vars (wrangler.toml [vars] and secrets) plus the optional ZALO_KV namespace. */
export type WorkerEnv = Record<string, unknown> & { ZALO_KV?: KVLike };

export interface WorkerContext {
  waitUntil(p: Promise<unknown>): void;
}

export interface WorkerOptions {
  /** Where the corpus comes from; default: the texts bundled by wrangler (src/worker-corpus.ts). */
  source?: () => Promise<CorpusSource> | CorpusSource;
  now?: () => Date;
}

const ZALO_KV_KEY = "zalo-oa-tokens";

/**
 * Zalo OA tokens in Workers KV: each refresh rotates the refresh token, so it must outlive the isolate.
 * Until the first refresh is stored, the pair from the ZALO_OA_* secrets is used. KV is eventually
 * consistent across locations; the token manager's single-flight refresh is per isolate.
 */
export function createKvTokenStore(kv: KVLike, initial: TokenPair | null, key = ZALO_KV_KEY): TokenStore {
  return {
    async load() {
      const d = (await kv.get(key, "json")) as Partial<TokenPair> | null;
      if (d && typeof d.accessToken === "string" && typeof d.refreshToken === "string") {
        return { accessToken: d.accessToken, refreshToken: d.refreshToken, expiresAt: typeof d.expiresAt === "number" ? d.expiresAt : 0 };
      }
      return initial ? { ...initial } : null;
    },
    async save(pair) {
      await kv.put(key, JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: pair.expiresAt }));
    },
  };
}

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

/** Let the runtime answer other requests (e.g. /healthz 503) between the build steps. */
const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/** The same pipeline as ingest (src/answer/build-knowledge.ts), with the exact in-memory vector index. */
export async function buildLoaded(source: CorpusSource, now?: () => Date): Promise<Loaded & { ms: number; phases: Record<string, number> }> {
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  let t = t0;
  const built = await buildMemoryKnowledge(source.files, {
    manifest: source.manifest,
    onStep: async (step) => {
      const x = Date.now();
      phases[step] = x - t;
      t = x;
      await yieldToEventLoop();
    },
  });
  const { corpus, kb } = built;
  const answer = createAnswerer(kb, now ? { now } : {});
  phases.answerer = Date.now() - t;
  const version = `worker-${corpus.stats.documents}d-${corpus.stats.chunks}c-${corpus.stats.tasks}t`;
  return { version, corpus, index: kb.index, answer, ms: Date.now() - t0, phases };
}

/** A Worker (fetch handler) with its own per-isolate state; the default export is one of these. */
export function createWorker(opts: WorkerOptions = {}) {
  const source = opts.source ?? (async () => (await import("./worker-corpus.ts")).bundledCorpus());
  let current: Loaded | null = null;
  let lastBuild: { ms: number; phases: Record<string, number> } | null = null;
  let building: Promise<Loaded> | null = null;
  let app: ReturnType<typeof createApp> | null = null;
  let logger: Logger = consoleLogger({ logLevel: "info" } as AppConfig);

  const ensureLoaded = (): Promise<Loaded> => {
    building ??= (async () => {
      // Let the response of the request that started the build go out first (workerd flushes it after
      // a zero-delay timer would already have run).
      await new Promise<void>((r) => setTimeout(r, 10));
      const src = await source();
      const loaded = await buildLoaded(src, opts.now);
      current = loaded;
      lastBuild = { ms: loaded.ms, phases: loaded.phases };
      logger.info("index ready", { version: loaded.version, ms: loaded.ms, phases: loaded.phases, documents: loaded.corpus.documents.length, chunks: loaded.corpus.chunks.length, tasks: loaded.corpus.tasks.length });
      return loaded;
    })().catch((e) => {
      building = null; // the next request tries again
      logger.error("index could not be built", { error: String((e as Error)?.message ?? e).slice(0, 300) });
      throw e;
    });
    return building;
  };

  const getApp = (env: WorkerEnv) => {
    if (app) return app;
    const cfg = parseConfig(stringVars(env));
    logger = consoleLogger(cfg);
    const zaloTokenStore =
      cfg.zalo && env.ZALO_KV ? createKvTokenStore(env.ZALO_KV, { accessToken: cfg.zalo.accessToken, refreshToken: cfg.zalo.refreshToken, expiresAt: 0 }) : undefined;
    if (cfg.zalo && !zaloTokenStore) logger.warn("zalo disabled: bind a KV namespace as ZALO_KV to keep the rotating tokens");
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
    });
    return app;
  };
  const inFlight = new Set<WorkerContext>();

  return {
    /** Timing of the last knowledge build in this isolate (tests, diagnostics). */
    buildStats: () => lastBuild,
    async fetch(req: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
      let a: ReturnType<typeof createApp>;
      try {
        a = getApp(env);
      } catch (e) {
        const msg = e instanceof ConfigError ? e.message : String(e);
        console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "invalid configuration", error: msg.slice(0, 500) }));
        return Response.json({ error: { code: "misconfigured", message: "Cấu hình máy chủ không hợp lệ / Server misconfigured" } }, { status: 500 });
      }
      if (!current) {
        const ready = ensureLoaded();
        ctx.waitUntil(ready.catch(() => {}));
        // /healthz reports the state at once; everything else waits for the knowledge (a cold isolate
        // would otherwise answer its first questions with 503).
        if (new URL(req.url).pathname !== "/healthz") await ready.catch(() => {});
      }
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

/** Knowledge-build timing of this isolate's default worker (tests, diagnostics); not a Workers handler. */
export const buildStats = worker.buildStats;

export default { fetch: worker.fetch } satisfies { fetch: (req: Request, env: WorkerEnv, ctx: WorkerContext) => Promise<Response> };
