// Slack and Zalo channels over real HTTP on 127.0.0.1: fake Slack and Zalo APIs record what the channels send; timeouts, 5xx, token rotation on disk.

import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutbound } from "../src/channels/outbound.ts";
import { createSlackApp } from "../src/channels/slack.ts";
import { createFileTokenStore } from "../src/channels/token-store.node.ts";
import { createZaloApp, createZaloTokenManager } from "../src/channels/zalo.ts";
import {
  deferCollector,
  fakeAnswer,
  recordingLogger,
  SAMPLE_ANSWER,
  slackSignature,
  zaloSignature,
} from "./channels-fixtures.ts";

interface Recorded {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
  json: unknown;
}

type Handler = (req: Recorded, res: ServerResponse) => void;

interface FakeServer {
  base: string;
  requests: Recorded[];
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** A fake third-party API: records every request, answers through per-path handlers (404 otherwise). */
async function startFakeApi(): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const routes = new Map<string, Handler>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = body ? JSON.parse(body) : null;
      } catch {
        json = null;
      }
      const rec: Recorded = {
        method: req.method ?? "",
        url: new URL(req.url ?? "/", "http://127.0.0.1"),
        headers: req.headers,
        body,
        json,
      };
      requests.push(rec);
      const handler = routes.get(rec.url.pathname);
      if (handler) handler(rec, res);
      else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "unknown_method" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(
  res: ServerResponse,
  data: unknown,
  status = 200,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(data));
}

const SIGNING_SECRET = "int-signing-secret";
const BOT_TOKEN = "xoxb-int-token";
const APP_ID = "2553928453557884079";
const OA_SECRET = "int-oa-secret";
const APP_SECRET = "int-app-secret";

let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeApi();
});

afterAll(async () => {
  await fake.close();
});

describe("Slack over real HTTP", () => {
  it("mounted at /slack: acks a signed thread mention, reads the thread, posts Block Kit in the thread", async () => {
    fake.route("/api/conversations.replies", (_req, res) =>
      sendJson(res, {
        ok: true,
        messages: [
          { user: "U1", text: "<@UBOT> Ai chủ trì Luật An ninh dữ liệu?", ts: "1700000000.000100" },
          {
            user: "UBOT",
            bot_id: "B1",
            text: "Bộ Công an [1].\n\nNguồn: [1] 2629/QĐ-TTg",
            ts: "1700000000.000200",
          },
          { user: "U1", text: "<@UBOT> Thời hạn?", ts: "1700000000.000300" },
        ],
      }),
    );
    fake.route("/api/chat.postMessage", (_req, res) => sendJson(res, { ok: true, ts: "1700000001.000001" }));

    const answer = fakeAnswer();
    const deferred = deferCollector();
    const logger = recordingLogger();
    const parent = new Hono();
    parent.route(
      "/slack",
      createSlackApp({
        answer: answer.fn,
        signingSecret: SIGNING_SECRET,
        botToken: BOT_TOKEN,
        fetch: globalThis.fetch,
        apiBase: `${fake.base}/api`,
        defer: deferred.defer,
        logger,
        isAllowedResponseUrl: (u) => u.hostname === "127.0.0.1",
      }),
    );
    const server = serve({ fetch: parent.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const appBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = JSON.stringify({
        type: "event_callback",
        team_id: "T1",
        event_id: "EvInt1",
        authorizations: [{ user_id: "UBOT" }],
        event: {
          type: "app_mention",
          user: "U1",
          text: "<@UBOT> Thời hạn?",
          ts: "1700000000.000300",
          thread_ts: "1700000000.000100",
          channel: "C42",
        },
      });
      const ts = String(Math.floor(Date.now() / 1000));
      const started = Date.now();
      const res = await fetch(`${appBase}/slack/events`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-slack-request-timestamp": ts,
          "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body),
        },
      });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      await deferred.settle();

      const replies = fake.requests.find((r) => r.url.pathname === "/api/conversations.replies")!;
      expect(replies.method).toBe("GET");
      expect(replies.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(replies.url.searchParams.get("ts")).toBe("1700000000.000100");
      expect(answer.calls[0]!.history).toEqual([
        { role: "user", content: "Ai chủ trì Luật An ninh dữ liệu?" },
        { role: "assistant", content: "Bộ Công an [1]." },
      ]);

      const post = fake.requests.find((r) => r.url.pathname === "/api/chat.postMessage")!;
      expect(post.method).toBe("POST");
      expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(post.headers["content-type"]).toContain("application/json");
      const json = post.json as {
        channel: string;
        thread_ts: string;
        unfurl_links: boolean;
        unfurl_media: boolean;
        text: string;
        blocks: { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }[];
      };
      expect(json.channel).toBe("C42");
      expect(json.thread_ts).toBe("1700000000.000100");
      expect(json.unfurl_links).toBe(false);
      expect(json.unfurl_media).toBe(false);
      expect(json.text).toContain("Bộ Công an chủ trì");
      expect(json.blocks[0]).toEqual({
        type: "section",
        text: { type: "mrkdwn", text: SAMPLE_ANSWER.answer },
      });
      expect(json.blocks[1]!.type).toBe("context");
      expect(json.blocks[1]!.elements).toHaveLength(2);

      // Slash command: ephemeral ack, then the answer POSTed to response_url.
      fake.route("/hooks/commands/T1/123/abc", (_req, res) => sendJson(res, { ok: true }));
      const form = new URLSearchParams({
        command: "/hoidap",
        text: "Ai chủ trì?",
        response_url: `${fake.base}/hooks/commands/T1/123/abc`,
        user_id: "U1",
        channel_id: "C42",
        team_id: "T1",
        trigger_id: "trig-1",
      }).toString();
      const cmd = await fetch(`${appBase}/slack/commands`, {
        method: "POST",
        body: form,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": ts,
          "x-slack-signature": slackSignature(SIGNING_SECRET, ts, form),
        },
      });
      expect(await cmd.json()).toEqual({ response_type: "ephemeral", text: "Đang tìm câu trả lời…" });
      await deferred.settle();
      const hook = fake.requests.find((r) => r.url.pathname === "/hooks/commands/T1/123/abc")!;
      expect(hook.json).toMatchObject({ response_type: "in_channel" });
      expect((hook.json as { blocks: unknown[] }).blocks.length).toBe(2);
      expect(logger.text()).not.toContain(BOT_TOKEN);
      expect(logger.text()).not.toContain("/hooks/commands/T1/123/abc");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("Zalo over real HTTP with a file token store", () => {
  it("refreshes on -216, retries with the new token, persists the NEW refresh token (0600) and reloads it", async () => {
    const valid = new Set<string>(["never-the-old-one"]);
    fake.route("/v4/oa/access_token", (req, res) => {
      const form = new URLSearchParams(req.body);
      if (req.headers.secret_key !== APP_SECRET || form.get("refresh_token") !== "RT-old") {
        return sendJson(res, { error: -14014, error_name: "Invalid refresh token" });
      }
      valid.add("AT-new");
      sendJson(res, { access_token: "AT-new", refresh_token: "RT-new", expires_in: "90000" });
    });
    fake.route("/v3.0/oa/message/cs", (req, res) => {
      const token = String(req.headers.access_token ?? "");
      if (!valid.has(token)) return sendJson(res, { error: -216, message: "Access token is invalid" });
      sendJson(res, { error: 0, message: "Success", data: { message_id: `m${fake.requests.length}` } });
    });

    const dir = await mkdtemp(join(tmpdir(), "zalo-tokens-"));
    const file = join(dir, "nested", "zalo-tokens.json");
    try {
      const initial = { accessToken: "AT-old", refreshToken: "RT-old", expiresAt: 0 };
      const store = createFileTokenStore(file, { initial });
      const logger = recordingLogger();
      const tokens = createZaloTokenManager({
        appId: APP_ID,
        appSecret: APP_SECRET,
        store,
        fetch: globalThis.fetch,
        oauthBase: fake.base,
        logger,
      });
      const long = {
        ...SAMPLE_ANSWER,
        answer: "Bộ Công an chủ trì xây dựng Luật An ninh dữ liệu, thời hạn tháng 12/2026 [1]. ".repeat(60),
      };
      const answer = fakeAnswer(long);
      const deferred = deferCollector();
      const app = createZaloApp({
        answer: answer.fn,
        appId: APP_ID,
        oaSecretKey: OA_SECRET,
        tokens,
        fetch: globalThis.fetch,
        apiBase: fake.base,
        defer: deferred.defer,
        logger,
      });
      const before = fake.requests.length;
      const body = JSON.stringify({
        event_name: "user_send_text",
        app_id: APP_ID,
        sender: { id: "6142494823000000001" },
        recipient: { id: "3662729599332560487" },
        message: { text: "Ai chủ trì Luật An ninh dữ liệu?", msg_id: "int-msg-1" },
        timestamp: String(Date.now()),
      });
      const ts = String((JSON.parse(body) as { timestamp: string }).timestamp);
      const res = await app.request("/webhook", {
        method: "POST",
        body,
        headers: { "x-zevent-signature": `mac=${zaloSignature(APP_ID, body, ts, OA_SECRET)}` },
      });
      expect(res.status).toBe(200);
      await deferred.settle();

      const mine = fake.requests.slice(before);
      const oauth = mine.filter((r) => r.url.pathname === "/v4/oa/access_token");
      expect(oauth).toHaveLength(1);
      expect(oauth[0]!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
      expect(Object.fromEntries(new URLSearchParams(oauth[0]!.body))).toEqual({
        refresh_token: "RT-old",
        app_id: APP_ID,
        grant_type: "refresh_token",
      });
      const sent = mine.filter((r) => r.url.pathname === "/v3.0/oa/message/cs");
      expect(sent[0]!.headers.access_token).toBe("AT-old");
      const delivered = sent.filter((r) => r.headers.access_token === "AT-new");
      expect(delivered.length).toBeGreaterThanOrEqual(1);
      expect(delivered.length).toBeLessThanOrEqual(2);
      for (const r of delivered) {
        const json = r.json as { recipient: { user_id: string }; message: { text: string } };
        expect(json.recipient.user_id).toBe("6142494823000000001");
        expect(json.message.text.length).toBeLessThanOrEqual(2000);
      }
      const lastText = (delivered.at(-1)!.json as { message: { text: string } }).message.text;
      expect(lastText).toContain("Nguồn: [1] 2629/QĐ-TTg, Phụ lục II › I › 3");

      // The rotated pair is on disk, private, and a fresh store (even with stale env values) reads it back.
      const onDisk = JSON.parse(await readFile(file, "utf8")) as {
        refreshToken: string;
        accessToken: string;
      };
      expect(onDisk.refreshToken).toBe("RT-new");
      expect(onDisk.accessToken).toBe("AT-new");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const reloaded = await createFileTokenStore(file, { initial }).load();
      expect(reloaded?.refreshToken).toBe("RT-new");
      expect(reloaded!.expiresAt).toBeGreaterThan(Date.now() + 24 * 60 * 60 * 1000);
      for (const secret of ["AT-old", "AT-new", "RT-old", "RT-new", APP_SECRET, OA_SECRET]) {
        expect(logger.text()).not.toContain(secret);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("outbound client against a misbehaving server", () => {
  it("aborts at timeoutMs when the server never answers, retries, and returns instead of throwing", async () => {
    fake.route("/hang", () => {
      // never respond
    });
    const logger = recordingLogger();
    const out = createOutbound({
      fetch: globalThis.fetch,
      baseUrl: fake.base,
      timeoutMs: 200,
      retries: 1,
      backoffMs: 20,
      logger,
      name: "int",
    });
    const before = fake.requests.filter((r) => r.url.pathname === "/hang").length;
    const started = Date.now();
    const r = await out.request({ method: "POST", path: "/hang", json: { a: 1 } });
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ ok: false, status: 0, error: "timeout", attempts: 2 });
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(2000);
    expect(fake.requests.filter((r) => r.url.pathname === "/hang").length - before).toBe(2);
    expect(logger.lines.some((l) => l.level === "error" && l.fields?.error === "timeout")).toBe(true);
  });

  it("a non-idempotent post is not repeated after a timeout, but is retried when the connection never opened", async () => {
    fake.route("/hang-post", () => {
      // never respond
    });
    const logger = recordingLogger();
    const out = createOutbound({ fetch: globalThis.fetch, baseUrl: fake.base, timeoutMs: 150, retries: 2, backoffMs: 10, logger, name: "int" });
    const before = fake.requests.filter((r) => r.url.pathname === "/hang-post").length;
    const r = await out.request({ method: "POST", path: "/hang-post", json: { text: "một lần" }, idempotent: false });
    expect(r).toMatchObject({ ok: false, status: 0, error: "timeout", attempts: 1 });
    expect(fake.requests.filter((r) => r.url.pathname === "/hang-post").length - before).toBe(1);
    // A closed port on 127.0.0.1: refused before anything was sent, so retrying cannot post twice.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = createOutbound({ fetch: globalThis.fetch, baseUrl: `http://127.0.0.1:${port}`, retries: 2, backoffMs: 5, logger, name: "int" });
    const r2 = await refused.request({ method: "POST", path: "/x", json: {}, idempotent: false });
    expect(r2).toMatchObject({ ok: false, status: 0, error: "unsent:ECONNREFUSED", attempts: 3 });
  });

  it("retries 5xx and succeeds when the server recovers", async () => {
    let n = 0;
    fake.route("/flaky", (_req, res) => {
      n++;
      if (n < 3) return sendJson(res, { error: "busy" }, 503);
      sendJson(res, { ok: true, n });
    });
    const out = createOutbound({
      fetch: globalThis.fetch,
      baseUrl: fake.base,
      retries: 2,
      backoffMs: 10,
      logger: recordingLogger(),
    });
    const r = await out.request<{ ok: boolean; n: number }>({ path: "/flaky" });
    expect(r).toMatchObject({ ok: true, status: 200, attempts: 3, body: { ok: true, n: 3 } });
  });

  it("honours Retry-After on 429 (capped)", async () => {
    let n = 0;
    fake.route("/limited", (_req, res) => {
      n++;
      if (n === 1) return sendJson(res, { ok: false, error: "ratelimited" }, 429, { "retry-after": "1" });
      sendJson(res, { ok: true });
    });
    const out = createOutbound({
      fetch: globalThis.fetch,
      baseUrl: fake.base,
      retries: 1,
      backoffMs: 10,
      maxRetryAfterMs: 1500,
      logger: recordingLogger(),
    });
    const started = Date.now();
    const r = await out.request({ path: "/limited" });
    expect(r.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("Slack and Zalo apps survive a 5xx API: a message post is not repeated (it may have gone through), logged, no crash", async () => {
    fake.route("/down/chat.postMessage", (_req, res) => sendJson(res, { ok: false }, 500));
    fake.route("/down/v3.0/oa/message/cs", (_req, res) => sendJson(res, { error: -1 }, 502));
    const logger = recordingLogger();
    const deferred = deferCollector();
    const slack = createSlackApp({
      answer: fakeAnswer().fn,
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      fetch: globalThis.fetch,
      apiBase: `${fake.base}/down`,
      defer: deferred.defer,
      logger,
      outbound: { retries: 2, backoffMs: 10 },
    });
    const body = JSON.stringify({
      type: "event_callback",
      event_id: "EvDown",
      event: { type: "message", channel_type: "im", user: "U1", text: "hỏi", ts: "9.1", channel: "D1" },
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await slack.request("/events", {
      method: "POST",
      body,
      headers: {
        "x-slack-request-timestamp": ts,
        "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body),
      },
    });
    expect(res.status).toBe(200);

    const zalo = createZaloApp({
      answer: fakeAnswer().fn,
      appId: APP_ID,
      oaSecretKey: OA_SECRET,
      tokens: { getAccessToken: async () => "AT", refresh: async () => "AT" },
      fetch: globalThis.fetch,
      apiBase: `${fake.base}/down`,
      defer: deferred.defer,
      logger,
      outbound: { retries: 2, backoffMs: 10 },
    });
    const zbody = JSON.stringify({
      event_name: "user_send_text",
      sender: { id: "u1" },
      message: { text: "hỏi", msg_id: "down-1" },
      timestamp: String(Date.now()),
    });
    const zts = String((JSON.parse(zbody) as { timestamp: string }).timestamp);
    const zres = await zalo.request("/webhook", {
      method: "POST",
      body: zbody,
      headers: { "x-zevent-signature": zaloSignature(APP_ID, zbody, zts, OA_SECRET) },
    });
    expect(zres.status).toBe(200);

    await expect(deferred.settle()).resolves.toBeUndefined();
    expect(fake.requests.filter((r) => r.url.pathname === "/down/chat.postMessage")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.url.pathname === "/down/v3.0/oa/message/cs")).toHaveLength(1);
    const errors = logger.lines.filter((l) => l.level === "error").map((l) => l.msg);
    expect(errors).toContain("slack: chat.postMessage failed");
    expect(errors).toContain("zalo: send failed");
    expect(logger.text()).not.toContain(BOT_TOKEN);
  });
});
