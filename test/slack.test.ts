// Slack sub-app through app.request(): signatures, url_verification, dedupe, bot filtering, threads, Block Kit, slash commands.

import { describe, expect, it } from "vitest";
import type { ChatAnswer, Citation } from "../src/answer/types.ts";
import { hmacSha256Hex, sha256Hex, timingSafeEqualStr } from "../src/channels/crypto.ts";
import { createMemoryDedupe } from "../src/channels/dedupe.ts";
import { buildSlackMessage, createSlackApp, escapeMrkdwn, slackTextToPlain } from "../src/channels/slack.ts";
import {
  deferCollector,
  type FetchCall,
  fakeAnswer,
  jsonResponse,
  recordingFetch,
  recordingLogger,
  SAMPLE_ANSWER,
  slackSignature,
} from "./channels-fixtures.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const BOT_TOKEN = "xoxb-test-bot-token-123";
const NOW = 1_700_000_000_000;
const TS = String(NOW / 1000);

// Recorded shape of an app_mention delivery (Slack Events API), with Vietnamese text.
const MENTION_BODY = JSON.stringify({
  token: "XXYYZZ",
  team_id: "T123ABC456",
  api_app_id: "A123ABC456",
  event: {
    type: "app_mention",
    user: "U123ABC456",
    text: "<@U0LAN0Z89> Cơ quan nào chủ trì xây dựng Luật An ninh dữ liệu?",
    ts: "1700000000.000100",
    channel: "C123ABC456",
    event_ts: "1700000000.000100",
  },
  type: "event_callback",
  event_id: "Ev123ABC456",
  event_time: 1700000000,
  authorizations: [
    {
      enterprise_id: null,
      team_id: "T123ABC456",
      user_id: "U0LAN0Z89",
      is_bot: true,
      is_enterprise_install: false,
    },
  ],
});

function envelope(event: Record<string, unknown>, eventId = "Ev0001"): string {
  return JSON.stringify({
    team_id: "T123ABC456",
    type: "event_callback",
    event_id: eventId,
    event,
    authorizations: [{ user_id: "U0LAN0Z89", is_bot: true }],
  });
}

function setup(
  opts: {
    answer?: ReturnType<typeof fakeAnswer>;
    route?: (call: FetchCall) => Response | Promise<Response>;
    allowAnyResponseUrl?: boolean;
  } = {},
) {
  const answer = opts.answer ?? fakeAnswer();
  const logger = recordingLogger();
  const deferred = deferCollector();
  const fetch = recordingFetch(
    opts.route ??
      ((call) => {
        if (call.url.pathname.endsWith("/conversations.replies"))
          return jsonResponse({ ok: true, messages: [] });
        return jsonResponse({ ok: true, ts: "1700000001.000200" });
      }),
  );
  const app = createSlackApp({
    answer: answer.fn,
    signingSecret: SECRET,
    botToken: BOT_TOKEN,
    fetch: fetch.fn,
    apiBase: "https://slack.test/api",
    now: () => NOW,
    defer: deferred.defer,
    logger,
    dedupe: createMemoryDedupe({ now: () => NOW }),
    outbound: { sleep: async () => {}, retries: 1 },
    isAllowedResponseUrl: opts.allowAnyResponseUrl ? () => true : undefined,
  });
  return { app, answer, logger, deferred, fetch };
}

function signedPost(
  path: string,
  body: string,
  o: { secret?: string; ts?: string; headers?: Record<string, string>; contentType?: string } = {},
) {
  const ts = o.ts ?? TS;
  return {
    path,
    init: {
      method: "POST",
      body,
      headers: {
        "content-type": o.contentType ?? "application/json",
        "x-slack-request-timestamp": ts,
        "x-slack-signature": slackSignature(o.secret ?? SECRET, ts, body),
        ...o.headers,
      },
    } satisfies RequestInit,
  };
}

async function send(app: ReturnType<typeof setup>["app"], req: ReturnType<typeof signedPost>) {
  return app.request(req.path, req.init);
}

function postMessages(calls: FetchCall[]) {
  return calls.filter((c) => c.url.pathname.endsWith("/chat.postMessage"));
}

describe("Web Crypto helpers", () => {
  it("match node:crypto", async () => {
    expect(await hmacSha256Hex("k", "v0:1:body")).toBe(slackSignature("k", "1", "body").slice(3));
    expect(await sha256Hex("Chính phủ số")).toBe(
      (await import("node:crypto")).createHash("sha256").update("Chính phủ số").digest("hex"),
    );
  });

  it("timingSafeEqualStr compares content and length", () => {
    expect(timingSafeEqualStr("abc", "abc")).toBe(true);
    expect(timingSafeEqualStr("abc", "abd")).toBe(false);
    expect(timingSafeEqualStr("abc", "abcd")).toBe(false);
    expect(timingSafeEqualStr("", "")).toBe(true);
    expect(timingSafeEqualStr("", "a")).toBe(false);
  });
});

describe("Slack signature verification", () => {
  it("accepts a valid signature and answers an app_mention in its thread", async () => {
    const { app, answer, deferred, fetch } = setup();
    const res = await send(app, signedPost("/events", MENTION_BODY));
    expect(res.status).toBe(200);
    await deferred.settle();

    expect(answer.calls).toHaveLength(1);
    expect(answer.calls[0]!.message).toBe("Cơ quan nào chủ trì xây dựng Luật An ninh dữ liệu?");
    expect(answer.calls[0]!.history).toBeUndefined();

    const posts = postMessages(fetch.calls);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.method).toBe("POST");
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.headers["content-type"]).toContain("application/json");
    const body = post.json as Record<string, unknown>;
    expect(body.channel).toBe("C123ABC456");
    expect(body.thread_ts).toBe("1700000000.000100");
    expect(body.unfurl_links).toBe(false);
    expect(body.unfurl_media).toBe(false);
    expect(typeof body.text).toBe("string");
    const blocks = body.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(blocks[0]!.type).toBe("section");
    expect(blocks[0]!.text!.text).toContain("Bộ Công an chủ trì");
    const context = blocks.find((b) => b.type === "context")!;
    expect(context.elements!.map((e) => e.text)).toEqual([
      "[1] 2629/QĐ-TTg — Quyết định phê duyệt Chương trình phát triển Chính phủ số › Phụ lục II › I › 3",
      "[2] Chưa có số hiệu (Dự thảo) — Dự thảo Quyết định ban hành Kế hoạch chuyển đổi số năm 2026 › Mục II › 2",
    ]);
  });

  it("rejects a wrong secret with a bilingual 401", async () => {
    const { app, answer, deferred } = setup();
    const res = await send(app, signedPost("/events", MENTION_BODY, { secret: "wrong-secret" }));
    expect(res.status).toBe(401);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("invalid_signature");
    expect(json.error.message).toBe("Chữ ký không hợp lệ / Invalid signature");
    await deferred.settle();
    expect(answer.calls).toHaveLength(0);
  });

  it("rejects a tampered body", async () => {
    const { app, answer } = setup();
    const req = signedPost("/events", MENTION_BODY);
    req.init.body = MENTION_BODY.replace("Luật An ninh dữ liệu", "Luật Giao dịch điện tử");
    const res = await send(app, req);
    expect(res.status).toBe(401);
    expect(answer.calls).toHaveLength(0);
  });

  it("rejects timestamps older or newer than 5 minutes, even when correctly signed", async () => {
    const { app } = setup();
    for (const ts of [String(NOW / 1000 - 301), String(NOW / 1000 + 301)]) {
      const res = await send(app, signedPost("/events", MENTION_BODY, { ts }));
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("stale_request");
    }
    const ok = await send(app, signedPost("/events", MENTION_BODY, { ts: String(NOW / 1000 - 290) }));
    expect(ok.status).toBe(200);
  });

  it("rejects missing headers and a malformed timestamp", async () => {
    const { app } = setup();
    const res = await app.request("/events", { method: "POST", body: MENTION_BODY });
    expect(res.status).toBe(401);
    const bad = await send(app, signedPost("/events", MENTION_BODY, { ts: "12abc" }));
    expect(bad.status).toBe(401);
  });

  it("caps the body at 64 KiB with 413", async () => {
    const { app } = setup();
    const big = JSON.stringify({ type: "event_callback", pad: "x".repeat(70 * 1024) });
    const res = await send(app, signedPost("/events", big));
    expect(res.status).toBe(413);
  });

  it("returns 400 for signed but invalid JSON", async () => {
    const { app } = setup();
    const res = await send(app, signedPost("/events", "{not json"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(" / ");
  });
});

describe("Slack events", () => {
  it("answers url_verification with the challenge", async () => {
    const { app } = setup();
    const body = JSON.stringify({
      token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const res = await send(app, signedPost("/events", body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("treats a Slack retry of a seen event as a duplicate", async () => {
    const { app, answer, deferred, fetch } = setup();
    expect((await send(app, signedPost("/events", MENTION_BODY))).status).toBe(200);
    const retry = signedPost("/events", MENTION_BODY, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect((await send(app, retry)).status).toBe(200);
    await deferred.settle();
    expect(answer.calls).toHaveLength(1);
    expect(postMessages(fetch.calls)).toHaveLength(1);
  });

  it("dedupes by event_id and answers one message once even if it arrives as two events", async () => {
    const { app, answer, deferred } = setup();
    const ev = {
      type: "message",
      channel_type: "im",
      user: "U1",
      text: "Xin chào",
      ts: "1.2",
      channel: "D1",
    };
    await send(app, signedPost("/events", envelope(ev, "EvA")));
    await send(app, signedPost("/events", envelope(ev, "EvA")));
    await send(app, signedPost("/events", envelope({ ...ev, type: "app_mention" }, "EvB")));
    await deferred.settle();
    expect(answer.calls).toHaveLength(1);
  });

  it("ignores bot messages, its own messages, edits and channel chatter", async () => {
    const { app, answer, deferred, fetch } = setup();
    const base = { type: "message", channel_type: "im", user: "U1", text: "hỏi", channel: "D1" };
    const ignored = [
      { ...base, ts: "1.1", bot_id: "B1" },
      { ...base, ts: "1.2", subtype: "bot_message" },
      { ...base, ts: "1.3", user: "U0LAN0Z89" },
      { ...base, ts: "1.4", subtype: "message_changed" },
      { ...base, ts: "1.5", channel_type: "channel" },
      { type: "reaction_added", user: "U1", ts: "1.6" },
      { type: "app_mention", user: "U1", text: "<@U0LAN0Z89> hi", ts: "1.7", channel: "C1", bot_id: "B9" },
    ];
    let i = 0;
    for (const ev of ignored) {
      const res = await send(app, signedPost("/events", envelope(ev, `EvIgnored${i++}`)));
      expect(res.status).toBe(200);
    }
    await deferred.settle();
    expect(answer.calls).toHaveLength(0);
    expect(fetch.calls).toHaveLength(0);
  });

  it("answers a DM without thread_ts by replying in a thread on the message", async () => {
    const { app, answer, deferred, fetch } = setup();
    const ev = {
      type: "message",
      channel_type: "im",
      user: "U1",
      text: "Thời hạn?",
      ts: "1700.000001",
      channel: "D9",
    };
    await send(app, signedPost("/events", envelope(ev)));
    await deferred.settle();
    expect(answer.calls[0]!.message).toBe("Thời hạn?");
    const body = postMessages(fetch.calls)[0]!.json as Record<string, unknown>;
    expect(body.channel).toBe("D9");
    expect(body.thread_ts).toBe("1700.000001");
  });

  it("turns earlier thread messages into history for a follow-up", async () => {
    const route = (call: FetchCall) => {
      if (call.url.pathname.endsWith("/conversations.replies")) {
        return jsonResponse({
          ok: true,
          messages: [
            {
              user: "U1",
              text: "<@U0LAN0Z89> Ai chủ trì Luật An ninh dữ liệu?",
              ts: "1700.000100",
              thread_ts: "1700.000100",
            },
            {
              user: "U0LAN0Z89",
              bot_id: "B1",
              text: "Bộ Công an chủ trì [1].\n\nNguồn: [1] 2629/QĐ-TTg — …",
              ts: "1700.000200",
              thread_ts: "1700.000100",
            },
            {
              user: "U1",
              text: "<@U0LAN0Z89> Thời hạn khi nào?",
              ts: "1700.000300",
              thread_ts: "1700.000100",
            },
            { user: "U2", text: "later message", ts: "1700.000400", thread_ts: "1700.000100" },
          ],
        });
      }
      return jsonResponse({ ok: true });
    };
    const { app, answer, deferred, fetch } = setup({ route });
    const ev = {
      type: "app_mention",
      user: "U1",
      text: "<@U0LAN0Z89> Thời hạn khi nào?",
      ts: "1700.000300",
      thread_ts: "1700.000100",
      channel: "C1",
    };
    await send(app, signedPost("/events", envelope(ev)));
    await deferred.settle();

    const replies = fetch.calls.find((c) => c.url.pathname.endsWith("/conversations.replies"))!;
    expect(replies.method).toBe("GET");
    expect(replies.url.searchParams.get("channel")).toBe("C1");
    expect(replies.url.searchParams.get("ts")).toBe("1700.000100");
    expect(replies.url.searchParams.get("limit")).toBe("20");
    expect(replies.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);

    expect(answer.calls[0]!.history).toEqual([
      { role: "user", content: "Ai chủ trì Luật An ninh dữ liệu?" },
      { role: "assistant", content: "Bộ Công an chủ trì [1]." },
    ]);
    const post = postMessages(fetch.calls)[0]!.json as Record<string, unknown>;
    expect(post.thread_ts).toBe("1700.000100");
  });

  it("answers without history when conversations.replies fails", async () => {
    const route = (call: FetchCall) => {
      if (call.url.pathname.endsWith("/conversations.replies"))
        return jsonResponse({ ok: false, error: "missing_scope" });
      return jsonResponse({ ok: true });
    };
    const { app, answer, deferred, fetch, logger } = setup({ route });
    const ev = {
      type: "app_mention",
      user: "U1",
      text: "<@U0LAN0Z89> hỏi tiếp",
      ts: "5.2",
      thread_ts: "5.1",
      channel: "C1",
    };
    await send(app, signedPost("/events", envelope(ev)));
    await deferred.settle();
    expect(answer.calls[0]!.history).toBeUndefined();
    expect(postMessages(fetch.calls)).toHaveLength(1);
    expect(logger.lines.some((l) => l.level === "warn" && l.msg.includes("conversations.replies"))).toBe(
      true,
    );
  });

  it("posts a Vietnamese apology when the answer function throws", async () => {
    const answer = fakeAnswer();
    answer.fn = async () => {
      throw new Error("index not loaded");
    };
    const { app, deferred, fetch, logger } = setup({ answer });
    await send(app, signedPost("/events", MENTION_BODY));
    await deferred.settle();
    const posts = postMessages(fetch.calls);
    expect(posts).toHaveLength(1);
    expect((posts[0]!.json as { text: string }).text).toContain("Xin lỗi");
    expect(logger.lines.some((l) => l.level === "error")).toBe(true);
  });

  it("asks for a question when the mention is empty", async () => {
    const { app, answer, deferred, fetch } = setup();
    const ev = { type: "app_mention", user: "U1", text: "<@U0LAN0Z89>", ts: "7.1", channel: "C1" };
    await send(app, signedPost("/events", envelope(ev)));
    await deferred.settle();
    expect(answer.calls).toHaveLength(0);
    expect((postMessages(fetch.calls)[0]!.json as { text: string }).text).toContain("Bạn muốn hỏi gì");
  });

  it("survives chat.postMessage failures (5xx) without throwing or posting twice, and logs no secrets", async () => {
    const route = (call: FetchCall) => {
      if (call.url.pathname.endsWith("/chat.postMessage"))
        return new Response("upstream down", { status: 503 });
      return jsonResponse({ ok: true });
    };
    const { app, deferred, fetch, logger } = setup({ route });
    const res = await send(app, signedPost("/events", MENTION_BODY));
    expect(res.status).toBe(200);
    await deferred.settle();
    // A 5xx may come after the message was posted: a post is not sent again.
    expect(postMessages(fetch.calls)).toHaveLength(1);
    expect(logger.lines.some((l) => l.level === "error")).toBe(true);
    expect(logger.text()).not.toContain(BOT_TOKEN);
    expect(logger.text()).not.toContain(SECRET);
  });

  it("retries a post Slack refused with 429 (nothing was posted), after Retry-After", async () => {
    let n = 0;
    const route = (call: FetchCall) => {
      if (call.url.pathname.endsWith("/chat.postMessage") && n++ === 0) return new Response("slow down", { status: 429, headers: { "retry-after": "0" } });
      return jsonResponse({ ok: true });
    };
    const { app, deferred, fetch, logger } = setup({ route });
    await send(app, signedPost("/events", MENTION_BODY));
    await deferred.settle();
    expect(postMessages(fetch.calls)).toHaveLength(2);
    expect(logger.lines.some((l) => l.level === "error")).toBe(false);
  });

  it("falls back to text only when Slack rejects the blocks", async () => {
    const route = (call: FetchCall) => {
      const body = call.json as { blocks?: unknown };
      if (call.url.pathname.endsWith("/chat.postMessage") && body.blocks) {
        return jsonResponse({ ok: false, error: "invalid_blocks" });
      }
      return jsonResponse({ ok: true });
    };
    const { app, deferred, fetch } = setup({ route });
    await send(app, signedPost("/events", MENTION_BODY));
    await deferred.settle();
    const posts = postMessages(fetch.calls);
    expect(posts).toHaveLength(2);
    expect((posts[1]!.json as { blocks?: unknown }).blocks).toBeUndefined();
  });
});

describe("Slack Block Kit", () => {
  function citation(n: number): Citation {
    return {
      n,
      documentId: `d${n}`,
      document: { number: `${n}/QĐ-TTg`, title: `Quyết định số ${n}`, issuedDate: null, status: "final" },
      section: "Điều 1",
      quote: "…",
    };
  }

  it("escapes &, < and > so a document cannot inject mentions or links", () => {
    const ans: ChatAnswer = {
      ...SAMPLE_ANSWER,
      answer: "Xem <!channel> & <@U123> <https://evil.example|bấm vào đây> [1]",
      citations: [
        {
          ...SAMPLE_ANSWER.citations[0]!,
          document: { ...SAMPLE_ANSWER.citations[0]!.document, title: "Tiêu đề <!here> & <#C1>" },
        },
      ],
    };
    const msg = buildSlackMessage(ans);
    const all = JSON.stringify(msg);
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<https:/);
    const section = msg.blocks[0] as { text: { text: string } };
    expect(section.text.text).toBe(
      "Xem &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|bấm vào đây&gt; [1]",
    );
    expect(msg.text).toContain("&lt;!channel&gt;");
    expect(escapeMrkdwn("a&b<c>")).toBe("a&amp;b&lt;c&gt;");
  });

  it("respects Slack limits: sections ≤ 3000 chars, context ≤ 10 elements", () => {
    const sentence =
      "Bộ Thông tin và Truyền thông chủ trì triển khai nền tảng số quốc gia & dùng chung [1]. ";
    const ans: ChatAnswer = {
      ...SAMPLE_ANSWER,
      answer: sentence.repeat(120),
      citations: Array.from({ length: 14 }, (_, i) => citation(i + 1)),
    };
    const msg = buildSlackMessage(ans);
    const sections = msg.blocks.filter((b) => b.type === "section") as { text: { text: string } }[];
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections[0]!.text.text.endsWith("[1].")).toBe(true);
    const context = msg.blocks.find((b) => b.type === "context") as { elements: { text: string }[] };
    expect(context.elements).toHaveLength(10);
    expect(context.elements[9]!.text).toBe("… và 5 nguồn khác");
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
  });

  it("turns Slack markup in questions into plain text", () => {
    expect(slackTextToPlain("<@U0LAN0Z89> Ai chủ trì &amp; phối hợp? <https://a.vn|xem> <#C1|chung>")).toBe(
      "Ai chủ trì & phối hợp? xem #chung",
    );
  });
});

describe("Slack slash commands", () => {
  function commandBody(fields: Record<string, string>): string {
    return new URLSearchParams({
      token: "gIkuvaNzQIHg97ATvDxqgjtO",
      team_id: "T0001",
      team_domain: "example",
      channel_id: "C2147483705",
      channel_name: "test",
      user_id: "U2147483697",
      user_name: "Steve",
      command: "/hoidap",
      api_app_id: "A123456",
      response_url: "https://hooks.slack.com/commands/1234/5678",
      trigger_id: "13345224609.738474920.8088930838d88f008e0",
      ...fields,
    }).toString();
  }

  it("acks with an ephemeral message, then posts the answer in_channel to response_url", async () => {
    const { app, answer, deferred, fetch } = setup();
    const body = commandBody({ text: "Ai chủ trì xây dựng Luật An ninh dữ liệu?" });
    const res = await send(
      app,
      signedPost("/commands", body, { contentType: "application/x-www-form-urlencoded" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: "Đang tìm câu trả lời…" });
    await deferred.settle();
    expect(answer.calls[0]!.message).toBe("Ai chủ trì xây dựng Luật An ninh dữ liệu?");
    const post = fetch.calls.find((c) => c.url.host === "hooks.slack.com")!;
    expect(post.url.pathname).toBe("/commands/1234/5678");
    const json = post.json as { response_type: string; text: string; blocks: unknown[] };
    expect(json.response_type).toBe("in_channel");
    expect(json.text).toContain("Bộ Công an");
    expect(json.blocks.length).toBeGreaterThanOrEqual(2);
  });

  it("returns a usage hint when the text is empty", async () => {
    const { app, answer, deferred } = setup();
    const res = await send(app, signedPost("/commands", commandBody({ text: "  " })));
    const json = (await res.json()) as { response_type: string; text: string };
    expect(json.response_type).toBe("ephemeral");
    expect(json.text).toContain("/hoidap");
    await deferred.settle();
    expect(answer.calls).toHaveLength(0);
  });

  it("rejects a response_url outside Slack, and unsigned commands", async () => {
    const { app } = setup();
    const evil = commandBody({ text: "hỏi", response_url: "http://169.254.169.254/latest" });
    expect((await send(app, signedPost("/commands", evil))).status).toBe(400);
    const unsigned = await app.request("/commands", { method: "POST", body: commandBody({ text: "hỏi" }) });
    expect(unsigned.status).toBe(401);
  });

  it("sends an ephemeral apology to response_url when answering fails", async () => {
    const answer = fakeAnswer();
    answer.fn = async () => {
      throw new Error("boom");
    };
    const { app, deferred, fetch } = setup({ answer });
    await send(app, signedPost("/commands", commandBody({ text: "hỏi" })));
    await deferred.settle();
    const post = fetch.calls.find((c) => c.url.host === "hooks.slack.com")!;
    expect(post.json).toMatchObject({ response_type: "ephemeral" });
    expect((post.json as { text: string }).text).toContain("Xin lỗi");
  });
});
