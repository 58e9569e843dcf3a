// Slack feedback: an answer in a thread carries 👍/👎 buttons with its answer id; a click comes back signed to
// /slack/interactions and rates that answer in the questions log; unsigned or forged clicks are refused.
import { describe, expect, it } from "vitest";
import { createMemoryDedupe } from "../src/channels/dedupe.ts";
import { createSlackApp, FEEDBACK_ACTIONS } from "../src/channels/slack.ts";
import { createAnswerLogger } from "../src/http/feedback.ts";
import { createMemoryQuestionLog } from "../src/http/question-log.ts";
import { silentLogger } from "../src/log.ts";
import { deferCollector, fakeAnswer, jsonResponse, recordingFetch, recordingLogger, slackSignature } from "./channels-fixtures.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = 1_700_000_000_000;
const TS = String(NOW / 1000);

function setup() {
  const log = createMemoryQuestionLog();
  const deferred = deferCollector();
  const answers = createAnswerLogger(log, { now: () => new Date(NOW), defer: deferred.defer, logger: silentLogger, newId: () => crypto.randomUUID() });
  const fetch = recordingFetch(() => jsonResponse({ ok: true, ts: "1700000001.000200", messages: [] }));
  const app = createSlackApp({
    answer: fakeAnswer().fn,
    signingSecret: SECRET,
    botToken: "xoxb-test",
    fetch: fetch.fn,
    apiBase: "https://slack.test/api",
    now: () => NOW,
    defer: deferred.defer,
    logger: recordingLogger(),
    dedupe: createMemoryDedupe({ now: () => NOW }),
    outbound: { sleep: async () => {}, retries: 1 },
    isAllowedResponseUrl: (u) => u.hostname === "hooks.slack.test",
    feedback: answers,
  });
  const post = (path: string, body: string, contentType: string, secret = SECRET) =>
    app.request(path, { method: "POST", body, headers: { "content-type": contentType, "x-slack-request-timestamp": TS, "x-slack-signature": slackSignature(secret, TS, body) } });
  return { app, log, deferred, fetch, post };
}

const mention = JSON.stringify({
  team_id: "T1",
  type: "event_callback",
  event_id: "Ev1",
  event: { type: "app_mention", user: "U1", text: "<@UBOT> Ai chủ trì?", ts: "1700000000.000100", channel: "C1" },
  authorizations: [{ user_id: "UBOT", is_bot: true }],
});

const click = (actionId: string, value: string) =>
  `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", response_url: "https://hooks.slack.test/actions/1", actions: [{ action_id: actionId, value }] }))}`;

describe("Slack 👍/👎", () => {
  it("the answer posted has two buttons carrying its answer id; a signed click rates it", async () => {
    const s = setup();
    expect((await s.post("/events", mention, "application/json")).status).toBe(200);
    await s.deferred.settle();
    const posted = s.fetch.calls.find((c) => c.url.pathname.endsWith("/chat.postMessage"))!;
    const blocks = (JSON.parse(posted.body) as { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] }).blocks;
    const actions = blocks.find((b) => b.type === "actions")!;
    expect(actions.elements!.map((e) => e.action_id)).toEqual([FEEDBACK_ACTIONS.up, FEEDBACK_ACTIONS.down]);
    const id = actions.elements![1]!.value;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const r = await s.post("/interactions", click(FEEDBACK_ACTIONS.down, id), "application/x-www-form-urlencoded");
    expect(r.status).toBe(200);
    await s.deferred.settle();
    const t = await s.log.totals();
    expect(t).toMatchObject({ answers: 1, down: 1, up: 0 });
    const thanks = s.fetch.calls.find((c) => c.url.hostname === "hooks.slack.test")!;
    expect(JSON.parse(thanks.body)).toMatchObject({ response_type: "ephemeral", text: "Cảm ơn góp ý của bạn." });
  });

  it("a forged signature is 401, a broken payload 400, an unknown id is acknowledged and rates nothing", async () => {
    const s = setup();
    expect((await s.post("/interactions", click(FEEDBACK_ACTIONS.up, "00000000-0000-4000-8000-000000000000"), "application/x-www-form-urlencoded", "wrong-secret")).status).toBe(401);
    expect((await s.post("/interactions", "payload=%7Bnot-json", "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await s.post("/interactions", click(FEEDBACK_ACTIONS.up, "00000000-0000-4000-8000-000000000000"), "application/x-www-form-urlencoded")).status).toBe(200);
    await s.deferred.settle();
    expect((await s.log.totals()).up).toBe(0);
  });
});
