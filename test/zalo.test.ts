// Zalo sub-app through app.request(): X-ZEvent-Signature, stale timestamps, dedupe, follow, token refresh, reply format, history.

import { describe, expect, it } from "vitest";
import type { ChatAnswer, Citation } from "../src/answer/types.ts";
import { createMemoryDedupe } from "../src/channels/dedupe.ts";
import {
  computeZaloSignature,
  createMemoryHistoryStore,
  createMemoryTokenStore,
  createZaloApp,
  createZaloTokenManager,
  formatZaloReply,
  type TokenPair,
} from "../src/channels/zalo.ts";
import {
  deferCollector,
  type FetchCall,
  fakeAnswer,
  jsonResponse,
  recordingFetch,
  recordingLogger,
  SAMPLE_ANSWER,
  zaloSignature,
} from "./channels-fixtures.ts";

const APP_ID = "2553928453557884079";
const OA_SECRET = "oa-secret-key-XYZ";
const APP_SECRET = "app-secret-ABC";
const NOW = 1_700_000_000_000;

// Recorded shape of a user_send_text delivery (Zalo OA webhook).
function textEvent(text: string, msgId = "cb31dff1c39642cc1b83", userId = "6142494823111111111", ts = NOW) {
  return JSON.stringify({
    event_name: "user_send_text",
    app_id: APP_ID,
    sender: { id: userId },
    recipient: { id: "3662729599332560487" },
    message: { text, msg_id: msgId },
    timestamp: String(ts),
    user_id_by_app: "979122185046046317",
  });
}

function followEvent(userId = "6142494823222222222", ts = NOW) {
  return JSON.stringify({
    oa_id: "3662729599332560487",
    follower: { id: userId },
    user_id_by_app: "552177279717587730",
    event_name: "follow",
    source: "testing_webhook",
    app_id: APP_ID,
    timestamp: String(ts),
  });
}

function signed(body: string, o: { secret?: string; prefix?: string; header?: string } = {}): RequestInit {
  const ts = String((JSON.parse(body) as { timestamp: string }).timestamp);
  const mac = zaloSignature(APP_ID, body, ts, o.secret ?? OA_SECRET);
  return {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-zevent-signature": o.header ?? `${o.prefix ?? "mac="}${mac}`,
    },
  };
}

type ZaloRoute = (call: FetchCall) => Response | Promise<Response>;

function defaultZaloRoute(validTokens: Set<string>, issued: TokenPair): ZaloRoute {
  return (call) => {
    if (call.url.pathname === "/v4/oa/access_token") {
      validTokens.add(issued.accessToken);
      return jsonResponse({
        access_token: issued.accessToken,
        refresh_token: issued.refreshToken,
        expires_in: "90000",
      });
    }
    if (call.url.pathname === "/v3.0/oa/message/cs") {
      if (!validTokens.has(call.headers.access_token ?? "")) {
        return jsonResponse({ error: -216, message: "Access token is invalid" });
      }
      return jsonResponse({ error: 0, message: "Success", data: { message_id: "m1", user_id: "u" } });
    }
    return new Response("not found", { status: 404 });
  };
}

function setup(o: { answer?: ReturnType<typeof fakeAnswer>; initial?: TokenPair; route?: ZaloRoute } = {}) {
  const answer = o.answer ?? fakeAnswer();
  const logger = recordingLogger();
  const deferred = deferCollector();
  const store = createMemoryTokenStore(
    o.initial ?? { accessToken: "AT-1", refreshToken: "RT-1", expiresAt: 0 },
  );
  const valid = new Set(["AT-1"]);
  const fetch = recordingFetch(
    o.route ?? defaultZaloRoute(valid, { accessToken: "AT-2", refreshToken: "RT-2", expiresAt: 0 }),
  );
  const tokens = createZaloTokenManager({
    appId: APP_ID,
    appSecret: APP_SECRET,
    store,
    fetch: fetch.fn,
    oauthBase: "https://oauth.zalo.test",
    now: () => NOW,
    logger,
    outbound: { sleep: async () => {} },
  });
  const app = createZaloApp({
    answer: answer.fn,
    appId: APP_ID,
    oaSecretKey: OA_SECRET,
    tokens,
    fetch: fetch.fn,
    apiBase: "https://openapi.zalo.test",
    now: () => NOW,
    defer: deferred.defer,
    logger,
    dedupe: createMemoryDedupe({ now: () => NOW }),
    outbound: { sleep: async () => {}, retries: 1 },
  });
  return { app, answer, logger, deferred, fetch, store, valid, tokens };
}

const sends = (calls: FetchCall[]) => calls.filter((c) => c.url.pathname === "/v3.0/oa/message/cs");

describe("Zalo webhook signature", () => {
  it("computes mac = sha256(appId + body + timestamp + OA secret key)", async () => {
    const body = textEvent("xin chào");
    expect(await computeZaloSignature(APP_ID, body, String(NOW), OA_SECRET)).toBe(
      zaloSignature(APP_ID, body, String(NOW), OA_SECRET),
    );
  });

  it("accepts a valid signature and replies with the answer and its sources", async () => {
    const { app, answer, deferred, fetch } = setup();
    const res = await app.request("/webhook", signed(textEvent("Ai chủ trì Luật An ninh dữ liệu?")));
    expect(res.status).toBe(200);
    await deferred.settle();
    expect(answer.calls).toHaveLength(1);
    expect(answer.calls[0]).toMatchObject({
      message: "Ai chủ trì Luật An ninh dữ liệu?",
      sessionId: "zalo:6142494823111111111",
    });
    const s = sends(fetch.calls);
    expect(s).toHaveLength(1);
    expect(s[0]!.method).toBe("POST");
    expect(s[0]!.url.origin).toBe("https://openapi.zalo.test");
    expect(s[0]!.headers.access_token).toBe("AT-1");
    const json = s[0]!.json as { recipient: { user_id: string }; message: { text: string } };
    expect(json.recipient).toEqual({ user_id: "6142494823111111111" });
    expect(json.message.text).toBe(
      [
        SAMPLE_ANSWER.answer,
        "",
        "Nguồn: [1] 2629/QĐ-TTg, Phụ lục II › I › 3",
        "Nguồn: [2] Dự thảo Quyết định ban hành Kế hoạch chuyển đổi số năm 2026 (Dự thảo), Mục II › 2",
      ].join("\n"),
    );
  });

  it("accepts the signature without the mac= prefix and in upper case", async () => {
    const { app } = setup();
    const body = textEvent("a", "m-up");
    const mac = zaloSignature(APP_ID, body, String(NOW), OA_SECRET).toUpperCase();
    const res = await app.request("/webhook", signed(body, { header: mac }));
    expect(res.status).toBe(200);
  });

  it("rejects a wrong secret, a tampered body and a missing header", async () => {
    const { app, answer, deferred } = setup();
    const wrong = await app.request("/webhook", signed(textEvent("a"), { secret: "other" }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: "invalid_signature", message: "Chữ ký không hợp lệ / Invalid signature" },
    });

    const init = signed(textEvent("Câu hỏi gốc"));
    init.body = textEvent("Câu hỏi đã sửa");
    expect((await app.request("/webhook", init)).status).toBe(401);

    const none = await app.request("/webhook", { method: "POST", body: textEvent("a") });
    expect(none.status).toBe(401);
    await deferred.settle();
    expect(answer.calls).toHaveLength(0);
  });

  it("rejects a correctly signed but stale (or future) timestamp", async () => {
    const { app } = setup();
    const old = await app.request("/webhook", signed(textEvent("a", "m-old", "u", NOW - 6 * 60 * 1000)));
    expect(old.status).toBe(401);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe("stale_request");
    const future = await app.request("/webhook", signed(textEvent("a", "m-fut", "u", NOW + 6 * 60 * 1000)));
    expect(future.status).toBe(401);
    const recent = await app.request("/webhook", signed(textEvent("a", "m-ok", "u", NOW - 60 * 1000)));
    expect(recent.status).toBe(200);
  });

  it("rejects invalid JSON, a missing timestamp and an oversized body", async () => {
    const { app } = setup();
    const bad = await app.request("/webhook", {
      method: "POST",
      body: "{oops",
      headers: { "x-zevent-signature": "mac=00" },
    });
    expect(bad.status).toBe(400);
    const noTs = JSON.stringify({ event_name: "user_send_text" });
    const r = await app.request("/webhook", {
      method: "POST",
      body: noTs,
      headers: { "x-zevent-signature": "mac=00" },
    });
    expect(r.status).toBe(401);
    const big = JSON.stringify({ timestamp: String(NOW), pad: "x".repeat(70 * 1024) });
    expect((await app.request("/webhook", signed(big))).status).toBe(413);
  });
});

describe("Zalo events", () => {
  it("answers a replayed msg_id once", async () => {
    const { app, answer, deferred, fetch } = setup();
    const body = textEvent("Hỏi một lần", "msg-dup");
    expect((await app.request("/webhook", signed(body))).status).toBe(200);
    expect((await app.request("/webhook", signed(body))).status).toBe(200);
    await deferred.settle();
    expect(answer.calls).toHaveLength(1);
    expect(sends(fetch.calls)).toHaveLength(1);
  });

  it("welcomes a new follower with a disclosure that it is an automated assistant", async () => {
    const { app, answer, deferred, fetch } = setup();
    const res = await app.request("/webhook", signed(followEvent()));
    expect(res.status).toBe(200);
    await deferred.settle();
    expect(answer.calls).toHaveLength(0);
    const s = sends(fetch.calls);
    expect(s).toHaveLength(1);
    const json = s[0]!.json as { recipient: { user_id: string }; message: { text: string } };
    expect(json.recipient.user_id).toBe("6142494823222222222");
    expect(json.message.text).toContain("trợ lý tự động");
    expect(json.message.text).toContain("quyết định");
  });

  it("acks and ignores other events", async () => {
    const { app, deferred, fetch } = setup();
    const body = JSON.stringify({
      event_name: "user_send_sticker",
      timestamp: String(NOW),
      sender: { id: "u" },
    });
    expect((await app.request("/webhook", signed(body))).status).toBe(200);
    await deferred.settle();
    expect(fetch.calls).toHaveLength(0);
  });

  it("refreshes the token once on -216 and retries with the new token", async () => {
    const { app, deferred, fetch, store, valid, logger } = setup();
    valid.clear(); // AT-1 is now rejected by Zalo
    await app.request("/webhook", signed(textEvent("hỏi", "m-refresh")));
    await deferred.settle();

    const oauth = fetch.calls.filter((c) => c.url.pathname === "/v4/oa/access_token");
    expect(oauth).toHaveLength(1);
    expect(oauth[0]!.method).toBe("POST");
    expect(oauth[0]!.headers.secret_key).toBe(APP_SECRET);
    expect(oauth[0]!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(oauth[0]!.body))).toEqual({
      refresh_token: "RT-1",
      app_id: APP_ID,
      grant_type: "refresh_token",
    });

    const s = sends(fetch.calls);
    expect(s.map((c) => c.headers.access_token)).toEqual(["AT-1", "AT-2"]);
    expect(await store.load()).toEqual({
      accessToken: "AT-2",
      refreshToken: "RT-2",
      expiresAt: NOW + 90_000_000,
    });
    const logs = logger.text();
    for (const secret of ["AT-1", "AT-2", "RT-1", "RT-2", APP_SECRET, OA_SECRET])
      expect(logs).not.toContain(secret);
  });

  it("gives up after one refresh when the new token is rejected too", async () => {
    const route: ZaloRoute = (call) => {
      if (call.url.pathname === "/v4/oa/access_token") {
        return jsonResponse({ access_token: "AT-x", refresh_token: "RT-x", expires_in: "90000" });
      }
      return jsonResponse({ error: -216, message: "Access token is invalid" });
    };
    const { app, deferred, fetch, logger } = setup({ route });
    await app.request("/webhook", signed(textEvent("hỏi", "m-bad")));
    await deferred.settle();
    expect(sends(fetch.calls)).toHaveLength(2);
    expect(fetch.calls.filter((c) => c.url.pathname === "/v4/oa/access_token")).toHaveLength(1);
    expect(logger.lines.some((l) => l.level === "error" && l.msg.includes("send rejected"))).toBe(true);
  });

  it("sends an apology when the answer function throws", async () => {
    const answer = fakeAnswer();
    answer.fn = async () => {
      throw new Error("boom");
    };
    const { app, deferred, fetch } = setup({ answer });
    await app.request("/webhook", signed(textEvent("hỏi", "m-err")));
    await deferred.settle();
    const s = sends(fetch.calls);
    expect(s).toHaveLength(1);
    expect((s[0]!.json as { message: { text: string } }).message.text).toContain("Xin lỗi");
  });

  it("passes earlier turns of the same user as history", async () => {
    const { app, answer, deferred } = setup();
    await app.request("/webhook", signed(textEvent("Ai chủ trì Luật An ninh dữ liệu?", "h1")));
    await deferred.settle();
    await app.request("/webhook", signed(textEvent("Thời hạn khi nào?", "h2")));
    await app.request("/webhook", signed(textEvent("Người khác hỏi", "h3", "999")));
    await deferred.settle();
    expect(answer.calls[0]!.history).toBeUndefined();
    expect(answer.calls[1]!.history).toEqual([
      { role: "user", content: "Ai chủ trì Luật An ninh dữ liệu?" },
      { role: "assistant", content: SAMPLE_ANSWER.answer },
    ]);
    expect(answer.calls[2]!.history).toBeUndefined();
  });
});

describe("formatZaloReply", () => {
  function withAnswer(answer: string, citations: Citation[] = SAMPLE_ANSWER.citations): ChatAnswer {
    return { ...SAMPLE_ANSWER, answer, citations };
  }

  it("keeps a short answer in one message", () => {
    const parts = formatZaloReply(SAMPLE_ANSWER);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBeLessThanOrEqual(2000);
  });

  it("trims a slightly long answer at a sentence boundary to stay in one message", () => {
    const sentence = "Bộ Công an chủ trì xây dựng Luật An ninh dữ liệu, thời hạn tháng 12/2026 [1]. ";
    const parts = formatZaloReply(withAnswer(sentence.repeat(28).trim()));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBeLessThanOrEqual(2000);
    expect(parts[0]).toMatch(/\[1\]\.…\n\nNguồn: \[1\] 2629\/QĐ-TTg, Phụ lục II › I › 3$/);
    // [2] is no longer referenced by the kept text, so its source line is dropped.
    expect(parts[0]).not.toContain("[2]");
  });

  it("splits a long answer into at most two messages, each within the limit", () => {
    const sentence = "Bộ Thông tin và Truyền thông phối hợp triển khai nền tảng dữ liệu [2]. ";
    const parts = formatZaloReply(withAnswer(`${"Mở đầu [1]. ".repeat(3)}${sentence.repeat(120)}`));
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts[0]).not.toContain("Nguồn:");
    expect(parts[1]).toContain("Nguồn: [1] 2629/QĐ-TTg");
    expect(parts[1]).toContain("Nguồn: [2]");
    expect(parts[0]!.endsWith(".")).toBe(true);
  });

  it("respects a custom limit and strips Markdown", () => {
    const parts = formatZaloReply(withAnswer("**Bộ Công an** chủ trì [1]."), 200);
    expect(parts[0]!.startsWith("Bộ Công an chủ trì [1].")).toBe(true);
  });
});

describe("Zalo token manager and history store", () => {
  it("refreshes proactively near expiry, single-flight, and stores the rotated refresh token", async () => {
    let t = NOW;
    const logger = recordingLogger();
    const store = createMemoryTokenStore({
      accessToken: "A1",
      refreshToken: "R1",
      expiresAt: NOW + 60 * 60 * 1000,
    });
    let n = 1;
    const fetch = recordingFetch(async () => {
      await new Promise((r) => setTimeout(r, 20));
      n++;
      return jsonResponse({ access_token: `A${n}`, refresh_token: `R${n}`, expires_in: "90000" });
    });
    const tm = createZaloTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      store,
      fetch: fetch.fn,
      now: () => t,
      logger,
    });
    expect(await tm.getAccessToken()).toBe("A1");
    expect(fetch.calls).toHaveLength(0);
    t = NOW + 40 * 60 * 1000; // 20 minutes left < 30-minute margin
    const got = await Promise.all([tm.getAccessToken(), tm.getAccessToken(), tm.refresh()]);
    expect(got).toEqual(["A2", "A2", "A2"]);
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]!.url.href).toBe("https://oauth.zaloapp.com/v4/oa/access_token");
    expect(await store.load()).toEqual({ accessToken: "A2", refreshToken: "R2", expiresAt: t + 90_000_000 });
    // A second refresh uses the NEW refresh token.
    await tm.refresh();
    expect(new URLSearchParams(fetch.calls[1]!.body).get("refresh_token")).toBe("R2");
  });

  it("does not refresh again for a token that was already replaced", async () => {
    const store = createMemoryTokenStore({ accessToken: "A1", refreshToken: "R1", expiresAt: 0 });
    const fetch = recordingFetch(() =>
      jsonResponse({ access_token: "A2", refresh_token: "R2", expires_in: 90000 }),
    );
    const tm = createZaloTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      store,
      fetch: fetch.fn,
      logger: recordingLogger(),
    });
    expect(await tm.refresh("A1")).toBe("A2");
    expect(await tm.refresh("A1")).toBe("A2");
    expect(fetch.calls).toHaveLength(1);
  });

  it("logs and throws (not crashes) when the refresh is refused, keeping the old pair", async () => {
    const logger = recordingLogger();
    const store = createMemoryTokenStore({ accessToken: "A1", refreshToken: "R1", expiresAt: 0 });
    const fetch = recordingFetch(() =>
      jsonResponse({ error: -14014, error_name: "Invalid refresh token", error_description: "…" }),
    );
    const tm = createZaloTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      store,
      fetch: fetch.fn,
      logger,
    });
    await expect(tm.refresh()).rejects.toThrow(/-14014/);
    expect(await store.load()).toEqual({ accessToken: "A1", refreshToken: "R1", expiresAt: 0 });
    expect(logger.lines.some((l) => l.level === "error" && l.fields?.error === -14014)).toBe(true);
    expect(logger.text()).not.toContain("R1");
  });

  it("keeps the last turns per user, forgets after the TTL and evicts the least recent user", async () => {
    let t = 0;
    const h = createMemoryHistoryStore({ maxTurns: 4, ttlMs: 1000, maxUsers: 2, now: () => t });
    for (let i = 0; i < 3; i++) {
      await h.append("a", [
        { role: "user", content: `q${i}` },
        { role: "assistant", content: `a${i}` },
      ]);
    }
    expect((await h.get("a")).map((x) => x.content)).toEqual(["q1", "a1", "q2", "a2"]);
    t = 500;
    await h.append("b", [{ role: "user", content: "b" }]);
    await h.get("a"); // reading does not refresh the TTL, but order for eviction follows writes
    await h.append("c", [{ role: "user", content: "c" }]);
    expect(await h.get("a")).toEqual([]); // evicted (least recently written)
    expect(await h.get("b")).toHaveLength(1);
    t = 2000;
    expect(await h.get("b")).toEqual([]); // expired
  });
});
