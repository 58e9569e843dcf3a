// Configuration: parseConfig(raw env) → typed settings, a pure function. Optional features (Slack, Zalo,
// admin API) appear only when their settings are present.

import { z } from "zod";

const csv = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []));

const Schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("0.0.0.0"),
  CORPUS_DIR: z.string().default("corpus"),
  DATA_DIR: z.string().default("data"),
  /**
   * 1: DATA_DIR is a shared, published index this instance must not write (another host runs `npm run ingest`):
   * a stale version is served with a warning, never rebuilt, and reindex/upload answer 409. A DATA_DIR the process
   * cannot write is read-only too.
   */
  DATA_READONLY: z.enum(["0", "1", "true", "false"]).default("0"),
  /** SQLite file of the questions log (default DATA_DIR/questions.sqlite; in memory on a read-only DATA_DIR). */
  QUESTION_LOG_FILE: z.string().min(1).optional(),
  WIDGET_ORIGINS: csv,
  WIDGET_TITLE: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /**
   * How many reverse proxies of your own stand in front (0: none, X-Forwarded-For is ignored). "true" is 1.
   * The client is the address the nearest of them appended, never what the client wrote.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(?:\d|true|false)$/, "a number of proxy hops 0-9, or true/false")
    .default("0"),
  /** API keys (comma-separated) that get their own rate-limit bucket when sent as "Authorization: Bearer …". */
  API_KEYS: csv,
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(10).max(20000).default(2000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  ADMIN_TOKEN: z.string().min(16).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_API_BASE: z.string().url().optional(),
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_OA_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().optional(),
  ZALO_TOKEN_FILE: z.string().default("data/zalo-tokens.json"),
  ZALO_API_BASE: z.string().url().optional(),
  ZALO_OAUTH_BASE: z.string().url().optional(),
  LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8000),
  LLM_MAX_TOKENS: z.coerce.number().int().min(50).max(8000).default(600),
  /** postgres://… — the questions log in PostgreSQL instead of DATA_DIR/questions.sqlite. */
  DATABASE_URL: z.string().regex(/^postgres(?:ql)?:\/\//, "a postgres:// or postgresql:// URL").optional(),
  /** Days questions and ratings are kept (personal-data rules: keep no longer than needed). */
  LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** When set, /metrics asks for "Authorization: Bearer <METRICS_TOKEN>". */
  METRICS_TOKEN: z.string().min(8).optional(),
  /** Scanned PDFs: pages read at most, and the time one document may take. */
  OCR_MAX_PAGES: z.coerce.number().int().min(1).max(500).default(40),
  OCR_TIMEOUT_MS: z.coerce.number().int().min(5000).max(3_600_000).default(300_000),
  /** redis://[:password@]host:port[/db] — shared rate limits, dedupe, histories, Zalo tokens, index version. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "a redis:// or rediss:// URL").optional(),
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,40}$/).default("hoidap:"),
  /** Whole request (headers and body) must arrive within this; slow-body sockets are cut. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Open sockets at most; more are refused at accept. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
  /** Longest a SIGTERM waits for accepted requests and deferred replies (a Slack reply can take ~31 s). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(45_000),
  /**
   * After a SIGTERM, how long the listener stays open (/healthz 503, every response closing its connection) before
   * it is closed: requests already sent — in the accept backlog, or read but not parsed — are answered, not reset.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
});

export type RawConfig = z.infer<typeof Schema>;

export interface AppConfig {
  port: number;
  host: string;
  corpusDir: string;
  dataDir: string;
  /** DATA_DIR is someone else's to write: load what is published, never build there. */
  dataReadOnly: boolean;
  questionLogFile?: string;
  widgetOrigins: string[];
  widgetTitle?: string;
  rateLimitPerMinute: number;
  /** Trusted reverse-proxy hops in front (0 = X-Forwarded-For ignored). */
  trustProxy: number;
  apiKeys: string[];
  maxMessageChars: number;
  maxBodyBytes: number;
  adminToken?: string;
  slack?: { signingSecret: string; botToken: string; apiBase?: string };
  zalo?: { appId: string; appSecret: string; oaSecretKey: string; accessToken: string; refreshToken: string; tokenFile: string; apiBase?: string; oauthBase?: string };
  logLevel: "silent" | "info";
  /** Most recent answers kept (0 = no cache). */
  answerCacheSize: number;
  /** Optional LLM rewriting of the extractive answer (OpenAI-compatible API), verified against the sources. */
  llm?: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number; maxTokens: number };
  /** PostgreSQL for the questions log; absent → SQLite in DATA_DIR. */
  databaseUrl?: string;
  logRetentionDays: number;
  metricsToken?: string;
  ocr: { maxPages: number; timeoutMs: number };
  /** Shared store for several instances; absent → in-memory stores (one instance). */
  redis?: { url: string; prefix: string };
  server: { requestTimeoutMs: number; headersTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number; shutdownTimeoutMs: number; shutdownDrainMs: number };
}

export class ConfigError extends Error {}

export function parseConfig(raw: Record<string, string | undefined>): AppConfig {
  const r = Schema.safeParse(raw);
  if (!r.success) {
    throw new ConfigError(`Invalid configuration: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    corpusDir: e.CORPUS_DIR,
    dataDir: e.DATA_DIR,
    dataReadOnly: e.DATA_READONLY === "1" || e.DATA_READONLY === "true",
    ...(e.QUESTION_LOG_FILE ? { questionLogFile: e.QUESTION_LOG_FILE } : {}),
    widgetOrigins: e.WIDGET_ORIGINS,
    ...(e.WIDGET_TITLE ? { widgetTitle: e.WIDGET_TITLE } : {}),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === "true" ? 1 : e.TRUST_PROXY === "false" ? 0 : Number(e.TRUST_PROXY),
    apiKeys: e.API_KEYS,
    maxMessageChars: e.MAX_MESSAGE_CHARS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    ...(e.ADMIN_TOKEN ? { adminToken: e.ADMIN_TOKEN } : {}),
    ...(e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
      ? { slack: { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, ...(e.SLACK_API_BASE ? { apiBase: e.SLACK_API_BASE } : {}) } }
      : {}),
    ...(e.ZALO_APP_ID && e.ZALO_OA_SECRET_KEY && e.ZALO_OA_ACCESS_TOKEN
      ? {
          zalo: {
            appId: e.ZALO_APP_ID,
            appSecret: e.ZALO_APP_SECRET ?? "",
            oaSecretKey: e.ZALO_OA_SECRET_KEY,
            accessToken: e.ZALO_OA_ACCESS_TOKEN,
            refreshToken: e.ZALO_OA_REFRESH_TOKEN ?? "",
            tokenFile: e.ZALO_TOKEN_FILE,
            ...(e.ZALO_API_BASE ? { apiBase: e.ZALO_API_BASE } : {}),
            ...(e.ZALO_OAUTH_BASE ? { oauthBase: e.ZALO_OAUTH_BASE } : {}),
          },
        }
      : {}),
    logLevel: e.LOG_LEVEL,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    ...(e.LLM_BASE_URL && e.LLM_MODEL
      ? { llm: { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, ...(e.LLM_API_KEY ? { apiKey: e.LLM_API_KEY } : {}), timeoutMs: e.LLM_TIMEOUT_MS, maxTokens: e.LLM_MAX_TOKENS } }
      : {}),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    logRetentionDays: e.LOG_RETENTION_DAYS,
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    ocr: { maxPages: e.OCR_MAX_PAGES, timeoutMs: e.OCR_TIMEOUT_MS },
    ...(e.REDIS_URL ? { redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } } : {}),
    server: {
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      // Node wants headersTimeout ≤ requestTimeout.
      headersTimeoutMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS),
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.MAX_CONNECTIONS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      // The drain is part of the shutdown's budget.
      shutdownDrainMs: Math.min(e.SHUTDOWN_DRAIN_MS, e.SHUTDOWN_TIMEOUT_MS),
    },
  };
}
