// Channels: the Zalo Official Account sub-app (mounted at /zalo) — verifies X-ZEvent-Signature, acks at once, replies in plain text via the OA API.

import { Hono } from "hono";
import type { AnswerFn, ChatAnswer, ChatInput, ChatTurn, Citation } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import {
  apiError,
  citationLabel,
  cutAtBoundary,
  readBodyCapped,
  runDeferred,
  stripMarkdown,
  timeoutSignal,
  trimText,
} from "./common.ts";
import { sha256Hex, timingSafeEqualStr } from "./crypto.ts";
import { createMemoryDedupe, type DedupeStore } from "./dedupe.ts";
import { createOutbound, type OutboundOptions } from "./outbound.ts";

// ───────────────────────────── tokens ─────────────────────────────

/** An OA access token with the refresh token issued alongside it. */
export interface TokenPair {
  accessToken: string;
  /** Single-use: every refresh returns a new one, which must be stored. */
  refreshToken: string;
  /** Epoch ms when the access token expires; 0 when unknown (then it is refreshed only when Zalo rejects it). */
  expiresAt: number;
}

export interface TokenStore {
  load(): Promise<TokenPair | null>;
  save(pair: TokenPair): Promise<void>;
  /**
   * Runs `fn` while no other instance runs its own (a shared store's lock): the refresh token is single-use,
   * so two instances refreshing at once leave one of them with a burned pair. Absent: one instance.
   */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
}

export interface ZaloTokenManager {
  /** A usable access token, refreshed first when it expires within the margin. */
  getAccessToken(): Promise<string>;
  /**
   * Exchanges the refresh token for a new pair (single-flight) and stores it.
   * With `rejected`, returns the current token instead when it already differs from the rejected one.
   */
  refresh(rejected?: string): Promise<string>;
}

export interface ZaloTokenManagerOptions {
  appId: string;
  /** The app's secret key (Zalo for Developers › app settings), sent as the `secret_key` header. */
  appSecret: string;
  store: TokenStore;
  fetch: typeof fetch;
  /** Default https://oauth.zaloapp.com */
  oauthBase?: string;
  now?: () => number;
  logger: Logger;
  /** Refresh this long before expiry. Default 30 minutes (tokens last about 25 hours). */
  refreshMarginMs?: number;
  outbound?: Pick<OutboundOptions, "timeoutMs" | "retries" | "backoffMs" | "maxRetryAfterMs" | "sleep">;
}

export function createMemoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let pair = initial ? { ...initial } : null;
  return {
    async load() {
      return pair ? { ...pair } : null;
    },
    async save(next: TokenPair) {
      pair = { ...next };
    },
  };
}

interface ZaloOAuthResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: string | number;
  error?: number | string;
  error_name?: string;
  error_description?: string;
}

/** Default access-token lifetime when Zalo omits expires_in: 25 hours. */
const DEFAULT_EXPIRES_IN_SEC = 90_000;

/**
 * Refresh: POST {oauthBase}/v4/oa/access_token, header `secret_key: <app secret>`, form
 * `refresh_token=…&app_id=…&grant_type=refresh_token` → `{ access_token, refresh_token, expires_in }`
 * (expires_in in seconds, as a string). Every refresh rotates the refresh token, so the new
 * pair is saved before anything else uses it.
 * Refs: https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new ,
 * https://www.hexasync.vn/zalo-oa-api-huong-dan-cach-lay-access-token-tu-refresh-token/
 */
export function createZaloTokenManager(opts: ZaloTokenManagerOptions): ZaloTokenManager {
  const now = opts.now ?? Date.now;
  const margin = opts.refreshMarginMs ?? 30 * 60 * 1000;
  const { logger, store } = opts;
  // A refresh token is burned once Zalo sees it, so a blind retry after a lost response cannot succeed: 1 retry for network errors only.
  const out = createOutbound({
    fetch: opts.fetch,
    baseUrl: opts.oauthBase ?? "https://oauth.zaloapp.com",
    logger,
    name: "zalo-oauth",
    retries: 1,
    ...opts.outbound,
  });
  let cached: TokenPair | null = null;
  let inflight: Promise<string> | null = null;

  const nearExpiry = (p: TokenPair) => p.expiresAt > 0 && now() >= p.expiresAt - margin;

  async function current(): Promise<TokenPair> {
    if (!cached) cached = await store.load();
    if (!cached) throw new Error("Zalo OA token is not configured");
    return cached;
  }

  async function doRefresh(rejected: string | undefined): Promise<string> {
    const mine = await current();
    // The store is the source of truth: another instance may already have rotated the pair.
    let stored: TokenPair | null = null;
    try {
      stored = await store.load();
    } catch (err) {
      logger.warn("zalo: token store load failed", {
        error: err instanceof Error ? err.message : String(err),
      });
    }
    if (stored && stored.refreshToken !== mine.refreshToken) {
      cached = stored;
      if (rejected !== undefined && stored.accessToken !== rejected && !nearExpiry(stored))
        return stored.accessToken;
    }
    const pair = cached ?? mine;
    if (rejected !== undefined && pair.accessToken !== rejected && !nearExpiry(pair)) return pair.accessToken;

    const r = await out.request<ZaloOAuthResponse>({
      method: "POST",
      path: "/v4/oa/access_token",
      headers: { secret_key: opts.appSecret },
      form: { refresh_token: pair.refreshToken, app_id: opts.appId, grant_type: "refresh_token" },
    });
    const body = r.body && typeof r.body === "object" ? r.body : null;
    if (!r.ok || !body || typeof body.access_token !== "string" || typeof body.refresh_token !== "string") {
      logger.error("zalo: token refresh failed", {
        status: r.status,
        error: body?.error ?? r.error,
        errorName: body?.error_name,
      });
      throw new Error(`Zalo token refresh failed (${String(body?.error ?? r.error ?? r.status)})`);
    }
    const expiresIn = Number(body.expires_in);
    const next: TokenPair = {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt:
        now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SEC) * 1000,
    };
    cached = next;
    try {
      await store.save(next);
    } catch (err) {
      // The old refresh token is already spent: losing this pair means re-authorising the OA by hand.
      logger.error("zalo: could not persist the new token pair", {
        error: err instanceof Error ? err.message : String(err),
      });
    }
    logger.info("zalo: access token refreshed", { expiresAt: new Date(next.expiresAt).toISOString() });
    return next.accessToken;
  }

  function refresh(rejected?: string): Promise<string> {
    if (!inflight) {
      const run = () => doRefresh(rejected);
      inflight = (store.exclusive ? store.exclusive(run) : run()).finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  return {
    async getAccessToken() {
      const pair = await current();
      if (!nearExpiry(pair)) return pair.accessToken;
      try {
        return await refresh(pair.accessToken);
      } catch (err) {
        // Still valid for a while: use it and let the next call try again.
        if (now() < pair.expiresAt) return pair.accessToken;
        throw err;
      }
    },
    refresh,
  };
}

// ───────────────────────────── history ─────────────────────────────

/** Recent turns per Zalo user, so a follow-up question keeps its context. */
export interface HistoryStore {
  get(userId: string): Promise<ChatTurn[]>;
  append(userId: string, turns: ChatTurn[]): Promise<void>;
}

export interface MemoryHistoryOptions {
  /** Messages kept per user (a question and its answer are two). Default 6. */
  maxTurns?: number;
  /** Forget a user's history this long after their last message. Default 30 minutes. */
  ttlMs?: number;
  /** Users remembered at once; the least recently active are dropped. Default 1,000. */
  maxUsers?: number;
  now?: () => number;
}

export function createMemoryHistoryStore(opts: MemoryHistoryOptions = {}): HistoryStore {
  const maxTurns = opts.maxTurns ?? 6;
  const ttlMs = opts.ttlMs ?? 30 * 60 * 1000;
  const maxUsers = Math.max(1, opts.maxUsers ?? 1000);
  const now = opts.now ?? Date.now;
  // Map order doubles as LRU order: a touched entry is re-inserted at the end.
  const entries = new Map<string, { turns: ChatTurn[]; touchedAt: number }>();

  return {
    async get(userId) {
      const e = entries.get(userId);
      if (!e) return [];
      if (now() - e.touchedAt > ttlMs) {
        entries.delete(userId);
        return [];
      }
      return e.turns.map((t) => ({ ...t }));
    },
    async append(userId, turns) {
      const t = now();
      const e = entries.get(userId);
      const base = e && t - e.touchedAt <= ttlMs ? e.turns : [];
      entries.delete(userId);
      entries.set(userId, { turns: [...base, ...turns].slice(-maxTurns), touchedAt: t });
      while (entries.size > maxUsers) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
  };
}

// ───────────────────────────── reply text ─────────────────────────────

/** "Nguồn: [1] 2629/QĐ-TTg, Phụ lục II › I › 3", labelled when the document is not final. */
export function formatZaloSource(c: Citation): string {
  const label = citationLabel(c);
  const name = c.document.number ?? trimText(c.document.title.trim(), 60);
  const section = c.section.trim();
  return trimText(
    `Nguồn: [${c.n}] ${name}${label ? ` (${label})` : ""}${section ? `, ${section}` : ""}`,
    160,
  );
}

function referencedNumbers(text: string): Set<number> {
  const found = new Set<number>();
  for (const m of text.matchAll(/\[(\d{1,3})\]/g)) found.add(Number(m[1]));
  return found;
}

/** Source lines for the citations `text` refers to (all of them when it refers to none), capped in size. */
function sourcesBlock(citations: Citation[], text: string, maxChars: number): string {
  const refs = referencedNumbers(text);
  const used = refs.size > 0 ? citations.filter((c) => refs.has(c.n)) : citations;
  const lines: string[] = [];
  let size = 0;
  for (const c of used) {
    const line = formatZaloSource(c);
    if (size + line.length + 1 > maxChars) {
      lines.push(`… và ${used.length - lines.length} nguồn khác`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

function join(body: string, sources: string): string {
  if (!sources) return body;
  if (!body) return sources;
  return `${body}\n\n${sources}`;
}

/**
 * A ChatAnswer as Zalo plain text: the answer with its [n] markers, then one line per source.
 * One message when it fits `maxChars`; otherwise the answer is trimmed at a sentence or line
 * to stay in one message, unless that would drop more than a third of it — then two messages,
 * the second ending with the sources. Never more than two.
 */
export function formatZaloReply(ans: ChatAnswer, maxChars = 2000): string[] {
  const body = stripMarkdown(ans.answer)
    .replace(/\r\n/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const sourcesBudget = Math.floor(maxChars / 3);
  const full = join(body, sourcesBlock(ans.citations, body, sourcesBudget));
  if (full.length <= maxChars) return [full];

  // One message with a trimmed answer, when that keeps most of it.
  const allSources = sourcesBlock(ans.citations, body, sourcesBudget);
  const oneBudget = maxChars - allSources.length - 2;
  if (oneBudget > 0) {
    const trimmed = trimText(body, oneBudget);
    if (trimmed.length - 1 >= body.length * (2 / 3)) {
      const msg = join(trimmed, sourcesBlock(ans.citations, trimmed, sourcesBudget));
      if (msg.length <= maxChars) return [msg];
    }
  }

  // Two messages: the first part of the answer, then the rest (trimmed if need be) with the sources.
  const { head, rest } = cutAtBoundary(body, maxChars);
  const sources = sourcesBlock(ans.citations, body, sourcesBudget);
  const tailBudget = maxChars - sources.length - 2;
  const tail = rest.length > tailBudget ? trimText(rest, Math.max(0, tailBudget)) : rest;
  const second = join(tail === "…" ? "" : tail, sources);
  return second ? [head, second.slice(0, maxChars)] : [head];
}

// ───────────────────────────── webhook ─────────────────────────────

/**
 * Zalo OA webhook signature: `X-ZEvent-Signature: mac=<hex>` where
 *   mac = sha256(appId + rawBody + timeStamp + OAsecretKey)
 * — plain SHA-256 (not HMAC) over the concatenation, in this order; timeStamp is the `timestamp`
 * field of the JSON body; OAsecretKey is the OA secret key shown in the app's Webhook settings
 * (not the app secret). The header may come with or without the "mac=" prefix.
 * Refs: https://developers.zalo.me/docs/official-account/webhook/tong-quan (official overview, not
 * retrievable as text here); https://hainh.me/zalo-api-php-webhook-callback-official-account.html
 * (lists the four parts in this order and names the OA secret key).
 */
export async function computeZaloSignature(
  appId: string,
  rawBody: string,
  timestamp: string,
  oaSecretKey: string,
): Promise<string> {
  return sha256Hex(appId + rawBody + timestamp + oaSecretKey);
}

/** Zalo OA API error codes that mean the access token must be refreshed (-216 invalid, -124 expired). */
export const ZALO_TOKEN_ERRORS = new Set([-216, -124]);

export const ZALO_TEXTS = {
  welcome:
    "Xin chào! Đây là trợ lý tự động trả lời câu hỏi về Chính phủ số và chuyển đổi số, dựa trên các quyết định, văn bản đã được liệt kê (ví dụ Quyết định 2629/QĐ-TTg). Mỗi câu trả lời có ghi nguồn [n]; đây không phải ý kiến tư vấn pháp lý chính thức. Hãy gửi câu hỏi, ví dụ: “Cơ quan nào chủ trì xây dựng Luật An ninh dữ liệu?”",
  apology: "Xin lỗi, hiện chưa thể trả lời câu hỏi này. Vui lòng thử lại sau ít phút.",
};

export interface ZaloAppOptions {
  answer: AnswerFn;
  appId: string;
  oaSecretKey: string;
  tokens: ZaloTokenManager;
  fetch: typeof fetch;
  /** Default https://openapi.zalo.me */
  apiBase?: string;
  now?: () => number;
  defer: (p: Promise<unknown>) => void;
  logger: Logger;
  dedupe?: DedupeStore;
  history?: HistoryStore;
  /** Zalo's text limit. Default 2,000. */
  maxChars?: number;
  /** Largest accepted age (or clock skew) of the body's timestamp. Default 5 minutes. */
  maxSkewMs?: number;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** Default 60 s. */
  answerTimeoutMs?: number;
  /** Default 2,000 characters. */
  maxQuestionChars?: number;
  /** Text sent on `follow`. */
  welcomeText?: string;
  outbound?: Pick<OutboundOptions, "timeoutMs" | "retries" | "backoffMs" | "maxRetryAfterMs" | "sleep">;
}

interface ZaloEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  message?: { msg_id?: string; text?: string };
}

interface ZaloApiResponse {
  error?: number | string;
  message?: string;
}

export function createZaloApp(opts: ZaloAppOptions): Hono {
  const now = opts.now ?? Date.now;
  const { logger, defer, tokens } = opts;
  const dedupe = opts.dedupe ?? createMemoryDedupe({ now, ttlMs: 24 * 60 * 60 * 1000 });
  const history = opts.history ?? createMemoryHistoryStore({ now });
  const maxChars = opts.maxChars ?? 2000;
  const maxSkewMs = opts.maxSkewMs ?? 5 * 60 * 1000;
  const maxBodyBytes = opts.maxBodyBytes ?? 64 * 1024;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 60_000;
  const maxQuestionChars = opts.maxQuestionChars ?? 2000;
  const welcomeText = opts.welcomeText ?? ZALO_TEXTS.welcome;
  const out = createOutbound({
    fetch: opts.fetch,
    baseUrl: opts.apiBase ?? "https://openapi.zalo.me",
    logger,
    name: "zalo",
    ...opts.outbound,
  });

  async function alreadySeen(key: string): Promise<boolean> {
    try {
      return await dedupe.seen(key);
    } catch (err) {
      logger.warn("zalo: dedupe store failed", { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  /** Sends one customer-service text; refreshes the token once when Zalo rejects it. */
  async function sendText(userId: string, text: string): Promise<boolean> {
    let token: string;
    try {
      token = await tokens.getAccessToken();
    } catch (err) {
      logger.error("zalo: no access token", { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await out.request<ZaloApiResponse>({
        method: "POST",
        path: "/v3.0/oa/message/cs",
        idempotent: false,
        headers: { access_token: token },
        json: { recipient: { user_id: userId }, message: { text } },
      });
      const body = r.body && typeof r.body === "object" ? r.body : null;
      if (!r.ok || !body) {
        logger.error("zalo: send failed", { status: r.status, error: r.error });
        return false;
      }
      const code = Number(body.error ?? 0);
      if (code === 0) return true;
      if (attempt === 0 && ZALO_TOKEN_ERRORS.has(code)) {
        logger.warn("zalo: access token rejected; refreshing", { code });
        try {
          token = await tokens.refresh(token);
        } catch (err) {
          logger.error("zalo: token refresh failed", {
            error: err instanceof Error ? err.message : String(err),
          });
          return false;
        }
        continue;
      }
      logger.error("zalo: send rejected", { code, message: body.message });
      return false;
    }
    return false;
  }

  async function callAnswer(input: ChatInput): Promise<ChatAnswer> {
    const t = timeoutSignal(answerTimeoutMs);
    try {
      return await opts.answer(input, { signal: t.signal });
    } finally {
      t.clear();
    }
  }

  async function handleText(userId: string, text: string): Promise<void> {
    const question = text.trim().slice(0, maxQuestionChars);
    if (!question) return;
    let past: ChatTurn[] = [];
    try {
      past = await history.get(userId);
    } catch (err) {
      logger.warn("zalo: history load failed", { error: err instanceof Error ? err.message : String(err) });
    }
    let ans: ChatAnswer;
    try {
      ans = await callAnswer({
        message: question,
        history: past.length ? past : undefined,
        sessionId: `zalo:${userId}`,
      });
    } catch (err) {
      logger.error("zalo: answer failed", { error: err instanceof Error ? err.message : String(err) });
      await sendText(userId, ZALO_TEXTS.apology);
      return;
    }
    for (const part of formatZaloReply(ans, maxChars)) {
      if (!(await sendText(userId, part))) break;
    }
    try {
      await history.append(userId, [
        { role: "user", content: question },
        { role: "assistant", content: trimText(stripMarkdown(ans.answer), 1000) },
      ]);
    } catch (err) {
      logger.warn("zalo: history save failed", { error: err instanceof Error ? err.message : String(err) });
    }
  }

  const app = new Hono();

  app.onError((err, c) => {
    logger.error("zalo: unexpected error", { error: err.message });
    return c.json(apiError("internal", "Lỗi hệ thống", "Internal error"), 500);
  });

  app.post("/webhook", async (c) => {
    const signature = c.req.header("x-zevent-signature");
    if (!signature) {
      return c.json(apiError("missing_signature", "Thiếu chữ ký", "Missing signature"), 401);
    }
    const raw = await readBodyCapped(c.req.raw, maxBodyBytes);
    if (!raw.ok) {
      return raw.status === 413
        ? c.json(apiError("body_too_large", "Nội dung quá lớn", "Request body too large"), 413)
        : c.json(apiError("bad_body", "Không đọc được nội dung", "Unreadable body"), 400);
    }
    // The signed timestamp lives inside the body, so the JSON is parsed before it is trusted;
    // nothing in it is acted on until the signature matches.
    let event: ZaloEvent;
    try {
      event = JSON.parse(raw.text) as ZaloEvent;
    } catch {
      return c.json(apiError("invalid_json", "JSON không hợp lệ", "Invalid JSON"), 400);
    }
    if (!event || typeof event !== "object") {
      return c.json(apiError("invalid_json", "JSON không hợp lệ", "Invalid JSON"), 400);
    }
    const timestamp = event.timestamp === undefined ? "" : String(event.timestamp);
    if (!/^\d{1,16}$/.test(timestamp)) {
      return c.json(apiError("invalid_timestamp", "Dấu thời gian không hợp lệ", "Invalid timestamp"), 401);
    }
    const expected = await computeZaloSignature(opts.appId, raw.text, timestamp, opts.oaSecretKey);
    const given = signature.trim().replace(/^mac=/i, "").toLowerCase();
    if (!timingSafeEqualStr(expected, given)) {
      return c.json(apiError("invalid_signature", "Chữ ký không hợp lệ", "Invalid signature"), 401);
    }
    // Zalo sends milliseconds; accept seconds too.
    const n = Number(timestamp);
    const tsMs = n < 1e12 ? n * 1000 : n;
    if (Math.abs(now() - tsMs) > maxSkewMs) {
      return c.json(
        apiError("stale_request", "Yêu cầu đã quá hạn", "Request timestamp outside the allowed window"),
        401,
      );
    }

    if (event.event_name === "user_send_text") {
      const userId = event.sender?.id;
      const text = event.message?.text;
      if (typeof userId !== "string" || !userId || typeof text !== "string") return c.json({ ok: true });
      const key = `zalo:msg:${event.message?.msg_id ?? `${userId}:${timestamp}`}`;
      if (await alreadySeen(key)) {
        logger.info("zalo: duplicate message ignored", { msgId: event.message?.msg_id });
        return c.json({ ok: true });
      }
      runDeferred(defer, logger, "zalo", () => handleText(userId, text));
      return c.json({ ok: true });
    }

    if (event.event_name === "follow") {
      const userId = event.follower?.id ?? event.sender?.id;
      if (typeof userId !== "string" || !userId) return c.json({ ok: true });
      if (await alreadySeen(`zalo:follow:${userId}:${timestamp}`)) return c.json({ ok: true });
      runDeferred(defer, logger, "zalo", async () => {
        await sendText(userId, welcomeText);
      });
      return c.json({ ok: true });
    }

    return c.json({ ok: true });
  });

  return app;
}
