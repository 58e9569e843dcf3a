// Channels: the one HTTP client Slack and Zalo use to call out — timeouts, bounded retries, never a thrown error.

import type { Logger } from "../log.ts";

export interface OutboundOptions {
  /** Injected so tests and Workers choose the implementation. Called as a plain function (Workers reject a foreign `this`). */
  fetch: typeof fetch;
  /** Base for relative paths, e.g. "https://slack.com/api". Absolute URLs in a request bypass it. */
  baseUrl: string;
  /** Per attempt, including reading the body. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after the first on network errors, timeouts, 5xx and 429. Default 2. */
  retries?: number;
  /** First backoff; doubles each attempt, plus up to the same again as jitter. Default 300 ms. */
  backoffMs?: number;
  /** Longest wait honoured from a Retry-After header. Default 10 s. */
  maxRetryAfterMs?: number;
  logger: Logger;
  /** Label for logs, e.g. "slack". */
  name?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface OutboundRequest {
  method?: "GET" | "POST";
  /** Relative to baseUrl ("/chat.postMessage"), or an absolute URL (Slack's response_url). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Overrides the client's retries for this call. */
  retries?: number;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /**
   * false for calls that must not happen twice (posting a message): after a timeout or a 5xx the message
   * may already be posted, so only a 429 (refused, nothing done) or a connection that never opened is
   * retried. Default true.
   */
  idempotent?: boolean;
}

export interface OutboundResult<T = unknown> {
  /** HTTP 2xx. Application-level errors (Slack `ok:false`, Zalo `error != 0`) are the caller's to read from `body`. */
  ok: boolean;
  /** HTTP status, 0 when no response arrived (network error or timeout). */
  status: number;
  /** Parsed JSON, or the raw text when the body was not JSON; null when there was none. */
  body: T | null;
  /** "timeout", "network:…", "unsent:ECONNREFUSED", "http_503"… — never includes headers, tokens or bodies. */
  error?: string;
  attempts: number;
}

export interface Outbound {
  request<T = unknown>(req: OutboundRequest): Promise<OutboundResult<T>>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** The URL as it may appear in logs: absolute URLs (Slack response_url embeds a token) keep only their origin. */
function describeTarget(path: string): string {
  if (/^https?:\/\//i.test(path)) {
    try {
      return `${new URL(path).origin}/…`;
    } catch {
      return "(invalid url)";
    }
  }
  return path.split("?")[0] ?? path;
}

function buildUrl(baseUrl: string, req: OutboundRequest): string {
  const absolute = /^https?:\/\//i.test(req.path);
  const base = baseUrl.replace(/\/+$/, "");
  const url = absolute ? req.path : `${base}${req.path.startsWith("/") ? "" : "/"}${req.path}`;
  if (!req.query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) {
    if (v !== undefined) params.set(k, String(v));
  }
  const qs = params.toString();
  if (!qs) return url;
  return url + (url.includes("?") ? "&" : "?") + qs;
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createOutbound(opts: OutboundOptions): Outbound {
  const fetchFn = opts.fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const defaultRetries = Math.max(0, opts.retries ?? 2);
  const backoffMs = opts.backoffMs ?? 300;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 10_000;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const name = opts.name ?? "outbound";
  const { logger } = opts;

  async function attempt(
    url: string,
    init: RequestInit,
    perAttemptTimeout: number,
  ): Promise<{ status: number; body: unknown; headers?: Headers; error?: string }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, perAttemptTimeout);
    try {
      const res = await fetchFn(url, { ...init, signal: controller.signal });
      const text = await res.text();
      return { status: res.status, body: parseBody(text), headers: res.headers };
    } catch (err) {
      if (timedOut) return { status: 0, body: null, error: "timeout" };
      const msg = err instanceof Error ? err.name : "unknown";
      // Node's fetch puts the socket error in `cause`: these codes mean the request was never sent.
      const code = (err as { cause?: { code?: string } })?.cause?.code;
      const unsent = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
      return { status: 0, body: null, error: unsent ? `unsent:${code}` : `network:${msg}` };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async request<T = unknown>(req: OutboundRequest): Promise<OutboundResult<T>> {
      const method = req.method ?? (req.json !== undefined || req.form !== undefined ? "POST" : "GET");
      const retries = Math.max(0, req.retries ?? defaultRetries);
      const perAttemptTimeout = req.timeoutMs ?? timeoutMs;
      const target = describeTarget(req.path);
      let url: string;
      try {
        url = buildUrl(opts.baseUrl, req);
      } catch {
        logger.error(`${name}: invalid request url`, { target });
        return { ok: false, status: 0, body: null, error: "invalid_url", attempts: 0 };
      }
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      let body: string | undefined;
      if (req.json !== undefined) {
        headers["content-type"] = "application/json; charset=utf-8";
        body = JSON.stringify(req.json);
      } else if (req.form !== undefined) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(req.form).toString();
      }
      const init: RequestInit = { method, headers, body };

      let last: { status: number; body: unknown; error?: string } = { status: 0, body: null };
      for (let i = 0; i <= retries; i++) {
        const r = await attempt(url, init, perAttemptTimeout);
        const retryable =
          req.idempotent === false
            ? r.status === 429 || r.error?.startsWith("unsent:") === true
            : r.error !== undefined || r.status >= 500 || r.status === 429;
        const error = r.error ?? (r.status >= 200 && r.status < 300 ? undefined : `http_${r.status}`);
        last = { status: r.status, body: r.body, error };
        if (!retryable) {
          if (error) {
            logger.warn(`${name}: request failed`, {
              method,
              target,
              status: r.status,
              error,
              attempt: i + 1,
            });
          }
          return {
            ok: error === undefined,
            status: r.status,
            body: r.body as T | null,
            error,
            attempts: i + 1,
          };
        }
        if (i === retries) break;
        let wait = backoffMs * 2 ** i + random() * backoffMs;
        const retryAfter = parseRetryAfter(r.headers?.get("retry-after") ?? null, Date.now());
        if (retryAfter !== undefined) wait = Math.min(Math.max(wait, retryAfter), maxRetryAfterMs);
        logger.warn(`${name}: retrying request`, {
          method,
          target,
          status: r.status,
          error,
          attempt: i + 1,
          waitMs: Math.round(wait),
        });
        await sleep(wait);
      }
      logger.error(`${name}: request failed after retries`, {
        method,
        target,
        status: last.status,
        error: last.error,
        attempts: retries + 1,
      });
      return {
        ok: false,
        status: last.status,
        body: last.body as T | null,
        error: last.error,
        attempts: retries + 1,
      };
    },
  };
}
