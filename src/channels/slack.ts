// Channels: the Slack sub-app (mounted at /slack) — verifies Slack's signature, acks at once, answers in the thread via the shared answer function.

import { Hono } from "hono";
import type { AnswerFn, ChatAnswer, ChatInput, ChatTurn, Citation } from "../answer/types.ts";
import type { Logger } from "../log.ts";
import {
  apiError,
  citationLabel,
  cutAtBoundary,
  readBodyCapped,
  runDeferred,
  timeoutSignal,
  trimText,
  type ApiError,
} from "./common.ts";
import { hmacSha256Hex, timingSafeEqualStr } from "./crypto.ts";
import { createMemoryDedupe, type DedupeStore } from "./dedupe.ts";
import { createOutbound, type OutboundOptions } from "./outbound.ts";

export interface SlackAppOptions {
  answer: AnswerFn;
  signingSecret: string;
  botToken: string;
  fetch: typeof fetch;
  /** Default https://slack.com/api */
  apiBase?: string;
  now?: () => number;
  /** Keeps background work alive after the ack (Workers: ctx.waitUntil). */
  defer: (p: Promise<unknown>) => void;
  logger: Logger;
  dedupe?: DedupeStore;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** Allowed clock skew for X-Slack-Request-Timestamp. Default 300 s. */
  toleranceSec?: number;
  /** Default 60 s. */
  answerTimeoutMs?: number;
  /** Longest question passed on. Default 2,000 characters. */
  maxQuestionChars?: number;
  /** Earlier thread messages fetched for follow-ups. Default 20. */
  threadLimit?: number;
  /** Most turns passed as history. Default 10. */
  maxHistoryTurns?: number;
  /** Where slash-command replies may be posted. Default: https on slack.com / slack-gov.com hosts. */
  isAllowedResponseUrl?: (url: URL) => boolean;
  outbound?: Pick<OutboundOptions, "timeoutMs" | "retries" | "backoffMs" | "maxRetryAfterMs" | "sleep">;
  /** The questions log: each answer gets an id and 👍/👎 buttons that come back to /slack/interactions. */
  feedback?: SlackFeedback;
}

export interface SlackFeedback {
  logAnswer(a: { question: string; answer: ChatAnswer; latencyMs: number; channel: string }): string;
  rate(answerId: string, rating: "up" | "down", comment?: string): Promise<boolean>;
}

/** Block Kit action ids of the two rating buttons. */
export const FEEDBACK_ACTIONS = { up: "hoidap_feedback_up", down: "hoidap_feedback_down" } as const;

interface SlackEvent {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
}

interface SlackEnvelope {
  type?: string;
  challenge?: string;
  team_id?: string;
  event_id?: string;
  event?: SlackEvent;
  authorizations?: { user_id?: string }[];
}

interface SlackApiResponse {
  ok?: boolean;
  error?: string;
  messages?: SlackEvent[];
}

export type SlackBlock =
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | { type: "context"; elements: { type: "mrkdwn"; text: string }[] };

const SECTION_MAX = 3000;
const MAX_SECTIONS = 5;
const CONTEXT_MAX_ELEMENTS = 10;
const SOURCES_SEPARATOR = "\n\nNguồn:";

export const SLACK_TEXTS = {
  working: "Đang tìm câu trả lời…",
  apology: "Xin lỗi, hiện chưa thể trả lời câu hỏi này. Vui lòng thử lại sau ít phút.",
  emptyMention:
    "Bạn muốn hỏi gì về Chính phủ số? Ví dụ: “Cơ quan nào chủ trì xây dựng Luật An ninh dữ liệu?”",
  usage: (command: string) =>
    `Hãy nhập câu hỏi sau lệnh, ví dụ: \`${command} Cơ quan nào chủ trì xây dựng Luật An ninh dữ liệu?\``,
};

/** Slack's three control characters; escaping them stops a document from injecting mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * Incoming Slack text → the plain question: mentions removed, links and channels shown as words.
 * "<@U123> Ai chủ trì? <https://a.vn|xem>" → "Ai chủ trì? xem"
 */
export function slackTextToPlain(text: string): string {
  return unescapeSlack(
    text
      .replace(/<@[UW][A-Z0-9]+(\|[^>]*)?>/g, " ")
      .replace(/<![^>]*>/g, " ")
      .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
      .replace(/<(https?:[^>|]+)\|([^>]*)>/g, "$2")
      .replace(/<(https?:[^>]+)>/g, "$1"),
  )
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

/** "[1] 2629/QĐ-TTg — Quyết định phê duyệt … › Phụ lục II › I › 3", labelled when not final. Unescaped. */
export function formatSlackSource(c: Citation): string {
  const label = citationLabel(c);
  const number = c.document.number ?? "Chưa có số hiệu";
  const title = trimText(c.document.title.trim(), 90);
  const section = c.section.trim();
  return `[${c.n}] ${number}${label ? ` (${label})` : ""} — ${title}${section ? ` › ${section}` : ""}`;
}

/** Light Markdown → Slack mrkdwn: "**đậm**" → "*đậm*". */
function toMrkdwn(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, "*$1*").replace(/^#{1,6}\s+(.*)$/gm, "*$1*");
}

/** Cuts raw text so that its escaped form fits `max`, at a boundary. */
function cutEscaped(raw: string, max: number): { head: string; rest: string } {
  let budget = max;
  for (;;) {
    const { head, rest } = cutAtBoundary(raw, budget);
    const escaped = escapeMrkdwn(head);
    if (escaped.length <= max || budget <= 1) return { head: escaped.slice(0, max), rest };
    budget -= escaped.length - max + 1;
  }
}

/** Block Kit for an answer: section(s) with the escaped answer, then a context block listing the sources. */
export function buildSlackMessage(ans: ChatAnswer, answerId?: string): { text: string; blocks: SlackBlock[] } {
  const blocks: SlackBlock[] = [];
  let remaining = toMrkdwn(ans.answer.trim()) || "Không tìm thấy thông tin.";
  for (let i = 0; i < MAX_SECTIONS && remaining; i++) {
    const last = i === MAX_SECTIONS - 1;
    const cut = cutEscaped(remaining, last ? SECTION_MAX - 1 : SECTION_MAX);
    const rest = cut.rest;
    const head = last && rest ? `${cut.head}…` : cut.head;
    blocks.push({ type: "section", text: { type: "mrkdwn", text: head } });
    remaining = rest;
  }

  const sources = ans.citations.map(formatSlackSource);
  if (sources.length > 0) {
    const shown =
      sources.length > CONTEXT_MAX_ELEMENTS ? sources.slice(0, CONTEXT_MAX_ELEMENTS - 1) : sources.slice();
    const elements = shown.map((s) => ({ type: "mrkdwn" as const, text: escapeMrkdwn(s) }));
    if (sources.length > CONTEXT_MAX_ELEMENTS) {
      elements.push({ type: "mrkdwn", text: `… và ${sources.length - shown.length} nguồn khác` });
    }
    blocks.push({ type: "context", elements });
  }
  if (answerId) {
    blocks.push({
      type: "actions",
      block_id: "hoidap_feedback",
      elements: [
        { type: "button", action_id: FEEDBACK_ACTIONS.up, value: answerId, text: { type: "plain_text", text: "👍 Hữu ích", emoji: true } },
        { type: "button", action_id: FEEDBACK_ACTIONS.down, value: answerId, text: { type: "plain_text", text: "👎 Chưa đúng", emoji: true } },
      ],
    } as unknown as SlackBlock);
  }

  // Fallback text for notifications and clients without blocks; also what thread history reads back.
  const answerText = escapeMrkdwn(trimText(ans.answer.trim(), 2500));
  const sourceText = sources.length
    ? `${SOURCES_SEPARATOR} ${sources.map((s) => escapeMrkdwn(trimText(s, 120))).join("; ")}`
    : "";
  return { text: trimText(answerText + sourceText, 3500), blocks };
}

function defaultAllowedResponseUrl(url: URL): boolean {
  if (url.protocol !== "https:") return false;
  const host = url.hostname.toLowerCase();
  return (
    host === "slack.com" ||
    host.endsWith(".slack.com") ||
    host === "slack-gov.com" ||
    host.endsWith(".slack-gov.com")
  );
}

/** Slack ts "1700000000.000100" compared exactly (float parsing loses the last digits). */
function tsBefore(a: string, b: string): boolean {
  const [as = "0", af = ""] = a.split(".");
  const [bs = "0", bf = ""] = b.split(".");
  if (as.length !== bs.length) return as.length < bs.length;
  if (as !== bs) return as < bs;
  return af.padEnd(6, "0") < bf.padEnd(6, "0");
}

const TEXT_ONLY_RETRY_ERRORS = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "invalid_arguments",
]);

export function createSlackApp(opts: SlackAppOptions): Hono {
  const now = opts.now ?? Date.now;
  const { logger, defer } = opts;
  const dedupe = opts.dedupe ?? createMemoryDedupe({ now });
  const maxBodyBytes = opts.maxBodyBytes ?? 64 * 1024;
  const toleranceSec = opts.toleranceSec ?? 300;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 60_000;
  const maxQuestionChars = opts.maxQuestionChars ?? 2000;
  const threadLimit = opts.threadLimit ?? 20;
  const maxHistoryTurns = opts.maxHistoryTurns ?? 10;
  const isAllowedResponseUrl = opts.isAllowedResponseUrl ?? defaultAllowedResponseUrl;
  const out = createOutbound({
    fetch: opts.fetch,
    baseUrl: opts.apiBase ?? "https://slack.com/api",
    logger,
    name: "slack",
    ...opts.outbound,
  });
  const auth = { authorization: `Bearer ${opts.botToken}` };

  type Verified = { ok: true; text: string } | { ok: false; status: 400 | 401 | 413; body: ApiError };

  async function verify(req: Request): Promise<Verified> {
    const ts = req.headers.get("x-slack-request-timestamp");
    const sig = req.headers.get("x-slack-signature");
    if (!ts || !sig) {
      return {
        ok: false,
        status: 401,
        body: apiError("missing_signature", "Thiếu chữ ký", "Missing signature"),
      };
    }
    if (!/^\d{1,12}$/.test(ts)) {
      return {
        ok: false,
        status: 401,
        body: apiError("invalid_timestamp", "Dấu thời gian không hợp lệ", "Invalid timestamp"),
      };
    }
    if (Math.abs(now() / 1000 - Number(ts)) > toleranceSec) {
      return {
        ok: false,
        status: 401,
        body: apiError("stale_request", "Yêu cầu đã quá hạn", "Request timestamp outside the allowed window"),
      };
    }
    const body = await readBodyCapped(req, maxBodyBytes);
    if (!body.ok) {
      return body.status === 413
        ? {
            ok: false,
            status: 413,
            body: apiError("body_too_large", "Nội dung quá lớn", "Request body too large"),
          }
        : {
            ok: false,
            status: 400,
            body: apiError("bad_body", "Không đọc được nội dung", "Unreadable body"),
          };
    }
    const expected = "v0=" + (await hmacSha256Hex(opts.signingSecret, `v0:${ts}:${body.text}`));
    if (!timingSafeEqualStr(expected, sig.trim())) {
      return {
        ok: false,
        status: 401,
        body: apiError("invalid_signature", "Chữ ký không hợp lệ", "Invalid signature"),
      };
    }
    return { ok: true, text: body.text };
  }

  async function alreadySeen(key: string): Promise<boolean> {
    try {
      return await dedupe.seen(key);
    } catch (err) {
      logger.warn("slack: dedupe store failed", { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  async function callAnswer(input: ChatInput): Promise<ChatAnswer> {
    const t = timeoutSignal(answerTimeoutMs);
    try {
      return await opts.answer(input, { signal: t.signal });
    } finally {
      t.clear();
    }
  }

  async function postMessage(payload: Record<string, unknown>): Promise<boolean> {
    const r = await out.request<SlackApiResponse>({
      method: "POST",
      path: "/chat.postMessage",
      idempotent: false,
      headers: auth,
      json: payload,
    });
    if (r.ok && r.body && typeof r.body === "object" && r.body.ok === true) return true;
    const slackError = r.body && typeof r.body === "object" ? r.body.error : undefined;
    logger.error("slack: chat.postMessage failed", { status: r.status, error: slackError ?? r.error });
    if (r.ok && slackError && TEXT_ONLY_RETRY_ERRORS.has(slackError) && payload.blocks) {
      const { blocks: _blocks, ...textOnly } = payload;
      const retry = await out.request<SlackApiResponse>({
        method: "POST",
        path: "/chat.postMessage",
        idempotent: false,
        headers: auth,
        json: { ...textOnly, text: trimText(String(textOnly.text ?? ""), 3000) },
      });
      return Boolean(retry.ok && retry.body && typeof retry.body === "object" && retry.body.ok === true);
    }
    return false;
  }

  async function fetchThreadHistory(
    channel: string,
    threadTs: string,
    currentTs: string,
    botUserId: string | undefined,
  ): Promise<ChatTurn[]> {
    const r = await out.request<SlackApiResponse>({
      method: "GET",
      path: "/conversations.replies",
      headers: auth,
      query: { channel, ts: threadTs, limit: threadLimit },
      retries: 1,
    });
    if (
      !r.ok ||
      !r.body ||
      typeof r.body !== "object" ||
      r.body.ok !== true ||
      !Array.isArray(r.body.messages)
    ) {
      const slackError = r.body && typeof r.body === "object" ? r.body.error : undefined;
      logger.warn("slack: conversations.replies failed; answering without history", {
        status: r.status,
        error: slackError ?? r.error,
      });
      return [];
    }
    const turns: ChatTurn[] = [];
    for (const m of r.body.messages) {
      if (!m || typeof m.ts !== "string" || m.ts === currentTs || !tsBefore(m.ts, currentTs)) continue;
      const fromBot = Boolean(m.bot_id) || (botUserId !== undefined && m.user === botUserId);
      let content = typeof m.text === "string" ? m.text : "";
      if (fromBot) {
        const cut = content.indexOf(SOURCES_SEPARATOR);
        if (cut >= 0) content = content.slice(0, cut);
      }
      content = trimText(slackTextToPlain(content), 1000);
      if (!content) continue;
      turns.push({ role: fromBot ? "assistant" : "user", content });
    }
    return turns.slice(-maxHistoryTurns);
  }

  async function handleEvent(
    envelope: SlackEnvelope,
    ev: SlackEvent,
    botUserId: string | undefined,
  ): Promise<void> {
    const channel = ev.channel!;
    const ts = ev.ts!;
    const threadTs = ev.thread_ts ?? ts;
    const base = { channel, thread_ts: threadTs, unfurl_links: false, unfurl_media: false };
    const question = slackTextToPlain(ev.text ?? "").slice(0, maxQuestionChars);
    if (!question) {
      await postMessage({ ...base, text: SLACK_TEXTS.emptyMention });
      return;
    }
    const history =
      ev.thread_ts && ev.thread_ts !== ts
        ? await fetchThreadHistory(channel, ev.thread_ts, ts, botUserId)
        : [];
    let ans: ChatAnswer;
    const t0 = Date.now();
    try {
      ans = await callAnswer({
        message: question,
        history: history.length ? history : undefined,
        sessionId: `slack:${envelope.team_id ?? "-"}:${channel}:${threadTs}`,
      });
    } catch (err) {
      logger.error("slack: answer failed", { error: err instanceof Error ? err.message : String(err) });
      await postMessage({ ...base, text: SLACK_TEXTS.apology });
      return;
    }
    const answerId = opts.feedback?.logAnswer({ question, answer: ans, latencyMs: Date.now() - t0, channel: "slack" });
    const message = buildSlackMessage(ans, answerId);
    const posted = await postMessage({ ...base, ...message });
    if (!posted) logger.error("slack: could not deliver the answer", { eventId: envelope.event_id });
  }

  async function handleCommand(question: string, responseUrl: string, sessionId: string): Promise<void> {
    let ans: ChatAnswer;
    const t0 = Date.now();
    try {
      ans = await callAnswer({ message: question, sessionId });
    } catch (err) {
      logger.error("slack: answer failed", { error: err instanceof Error ? err.message : String(err) });
      await out.request({
        method: "POST",
        path: responseUrl,
        idempotent: false,
        json: { response_type: "ephemeral", replace_original: false, text: SLACK_TEXTS.apology },
      });
      return;
    }
    const answerId = opts.feedback?.logAnswer({ question, answer: ans, latencyMs: Date.now() - t0, channel: "slack" });
    const message = buildSlackMessage(ans, answerId);
    const r = await out.request({
      method: "POST",
      path: responseUrl,
      idempotent: false,
      json: { response_type: "in_channel", replace_original: false, ...message },
    });
    if (!r.ok) logger.error("slack: response_url post failed", { status: r.status, error: r.error });
  }

  const app = new Hono();

  app.onError((err, c) => {
    logger.error("slack: unexpected error", { error: err.message });
    return c.json(apiError("internal", "Lỗi hệ thống", "Internal error"), 500);
  });

  app.post("/events", async (c) => {
    const v = await verify(c.req.raw);
    if (!v.ok) return c.json(v.body, v.status);
    let envelope: SlackEnvelope;
    try {
      envelope = JSON.parse(v.text) as SlackEnvelope;
    } catch {
      return c.json(apiError("invalid_json", "JSON không hợp lệ", "Invalid JSON"), 400);
    }
    if (!envelope || typeof envelope !== "object") {
      return c.json(apiError("invalid_json", "JSON không hợp lệ", "Invalid JSON"), 400);
    }
    if (envelope.type === "url_verification") {
      return c.json({ challenge: String(envelope.challenge ?? "") });
    }
    const ev = envelope.event;
    if (envelope.type !== "event_callback" || !ev || typeof ev !== "object") return c.json({ ok: true });

    const botUserId = envelope.authorizations?.[0]?.user_id;
    const answerable =
      (ev.type === "app_mention" || (ev.type === "message" && ev.channel_type === "im")) &&
      !ev.subtype &&
      !ev.bot_id &&
      typeof ev.user === "string" &&
      ev.user !== botUserId &&
      typeof ev.channel === "string" &&
      typeof ev.ts === "string";
    if (!answerable) return c.json({ ok: true });

    const retryNum = c.req.header("x-slack-retry-num");
    const eventKey = `slack:event:${envelope.event_id ?? `${ev.channel}:${ev.ts}`}`;
    if (await alreadySeen(eventKey)) {
      logger.info("slack: duplicate event ignored", {
        eventId: envelope.event_id,
        retryNum,
        retryReason: c.req.header("x-slack-retry-reason"),
      });
      return c.json({ ok: true });
    }
    // One user message can arrive as both app_mention and message.im: answer it once.
    if (await alreadySeen(`slack:message:${ev.channel}:${ev.ts}`)) return c.json({ ok: true });

    runDeferred(defer, logger, "slack", () => handleEvent(envelope, ev, botUserId));
    return c.json({ ok: true });
  });

  app.post("/commands", async (c) => {
    const v = await verify(c.req.raw);
    if (!v.ok) return c.json(v.body, v.status);
    const form = new URLSearchParams(v.text);
    const command = form.get("command") || "/hoidap";
    const question = slackTextToPlain(form.get("text") ?? "").slice(0, maxQuestionChars);
    if (!question) return c.json({ response_type: "ephemeral", text: SLACK_TEXTS.usage(command) });

    const responseUrl = form.get("response_url") ?? "";
    let parsed: URL | undefined;
    try {
      parsed = new URL(responseUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !isAllowedResponseUrl(parsed)) {
      logger.warn("slack: slash command with an unexpected response_url", { host: parsed?.host });
      return c.json(
        apiError("invalid_response_url", "response_url không hợp lệ", "Invalid response_url"),
        400,
      );
    }
    // One command, one answer: by its trigger_id, or — a replay without one — by its signature, which covers the
    // timestamp and the whole body (a replay inside the 5-minute window carries the same one).
    const triggerId = form.get("trigger_id");
    const replayKey = triggerId ? `slack:command:${triggerId}` : `slack:command-sig:${(c.req.header("x-slack-signature") ?? "").trim().slice(0, 100)}`;
    if (await alreadySeen(replayKey)) {
      return c.json({ response_type: "ephemeral", text: SLACK_TEXTS.working });
    }
    const sessionId = `slack:${form.get("team_id") ?? "-"}:${form.get("channel_id") ?? "-"}:cmd:${form.get("user_id") ?? "-"}`;
    runDeferred(defer, logger, "slack", () => handleCommand(question, responseUrl, sessionId));
    return c.json({ response_type: "ephemeral", text: SLACK_TEXTS.working });
  });

  // Block Kit interactions (the 👍/👎 buttons under an answer): signed like events, a form with one "payload".
  app.post("/interactions", async (c) => {
    const v = await verify(c.req.raw);
    if (!v.ok) return c.json(v.body, v.status);
    let payload: { type?: string; response_url?: string; actions?: { action_id?: string; value?: string }[] };
    try {
      payload = JSON.parse(new URLSearchParams(v.text).get("payload") ?? "");
    } catch {
      return c.json(apiError("invalid_payload", "Dữ liệu tương tác không hợp lệ", "Invalid interaction payload"), 400);
    }
    const action = payload.type === "block_actions" ? payload.actions?.[0] : undefined;
    const rating = action?.action_id === FEEDBACK_ACTIONS.up ? "up" : action?.action_id === FEEDBACK_ACTIONS.down ? "down" : null;
    // Other interactions are not ours: acknowledged, nothing done.
    if (!rating || !opts.feedback) return c.body(null, 200);
    const answerId = String(action?.value ?? "").slice(0, 64);
    const ok = /^[A-Za-z0-9-]{8,64}$/.test(answerId) && (await opts.feedback.rate(answerId, rating));
    let url: URL | undefined;
    try {
      url = payload.response_url ? new URL(payload.response_url) : undefined;
    } catch {
      url = undefined;
    }
    if (url && isAllowedResponseUrl(url)) {
      const text = ok ? "Cảm ơn góp ý của bạn." : "Câu trả lời này đã quá thời hạn lưu, không ghi nhận được góp ý.";
      runDeferred(defer, logger, "slack", async () => {
        await out.request({ method: "POST", path: url!.toString(), idempotent: false, json: { response_type: "ephemeral", replace_original: false, text } });
      });
    }
    return c.body(null, 200);
  });

  return app;
}
