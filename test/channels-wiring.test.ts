// Channel wiring in createApp: a channel exists only when its secrets are configured; otherwise its routes
// are 404 and nothing else changes. With secrets, requests reach the channel (signature checked there).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";
import { createMemoryTokenStore } from "../src/channels/zalo.ts";

const base = { current: () => null, logger: silentLogger, fetch: () => Promise.reject(new Error("offline")), defer: () => {} };

describe("channel wiring", () => {
  it("without secrets: /slack and /zalo are 404 with the error shape", async () => {
    const app = createApp({ ...base, config: parseConfig({}) });
    for (const path of ["/slack/events", "/slack/commands", "/zalo/webhook"]) {
      const res = await app.request(path, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("with secrets: the routes exist and reject unsigned requests", async () => {
    const app = createApp({
      ...base,
      config: parseConfig({ SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: "xoxb-test", ZALO_APP_ID: "1", ZALO_OA_SECRET_KEY: "k", ZALO_OA_ACCESS_TOKEN: "t" }),
      zaloTokenStore: createMemoryTokenStore({ accessToken: "t", refreshToken: "r", expiresAt: Date.now() + 3_600_000 }),
    });
    const slack = await app.request("/slack/events", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(slack.status).toBe(401);
    const zalo = await app.request("/zalo/webhook", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(zalo.status).toBe(401);
  });

  it("the admin API is off without ADMIN_TOKEN and rejects a short token in config", () => {
    expect(() => parseConfig({ ADMIN_TOKEN: "short" })).toThrow(/ADMIN_TOKEN/);
  });
});
