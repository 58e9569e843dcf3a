// Input validation found in review: unknown query values are 400s, look-alike content types are 415s,
// a made-up bearer token does not buy a fresh rate-limit bucket, queries without words return no hits.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";

const corpus = { documents: [], chunks: [], tasks: [], indicators: [], warnings: [], failures: [], stats: { files: 0, documents: 0, sections: 0, tableRows: 0, chunks: 0, tasks: 0, indicators: 0 } };
const current = (): Loaded => ({
  version: "v-test",
  corpus,
  index: { search: async () => [{ id: "x", score: 0.005 }], size: () => 0 },
  answer: async () => ({ answer: "ok", citations: [], intent: "explain", facts: [] }),
});
const make = (env: Record<string, string> = {}) =>
  createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0", ...env }), current, logger: silentLogger, fetch: () => Promise.reject(new Error("offline")), defer: () => {}, clientAddress: () => "198.51.100.7" });

describe("query validation", () => {
  it("rejects an unknown role and impossible dates", async () => {
    const app = make();
    for (const q of ["agency=BCA&role=zzz", "due_from=2025-13-45", "due_to=2025-02-30"]) {
      const res = await app.request(`/api/tasks?${q}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_input");
    }
    expect((await app.request("/api/tasks?agency=BCA&role=any&due_from=2024-02-29")).status).toBe(200);
  });

  it("takes only application/json bodies for chat", async () => {
    const app = make();
    const res = await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json-patch+json" }, body: JSON.stringify({ message: "x" }) });
    expect(res.status).toBe(415);
    const ok = await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify({ message: "x" }) });
    expect(ok.status).toBe(200);
  });

  it("search without any word or number returns no hits", async () => {
    const app = make();
    for (const q of ["((((", "???", "😀"]) {
      const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect((await res.json()).hits).toEqual([]);
    }
  });
});

describe("rate-limit keys", () => {
  it("ignores unknown bearer tokens and client-set X-Forwarded-For unless a proxy is trusted", async () => {
    const app = make({ RATE_LIMIT_PER_MINUTE: "2" });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.request("/api/agencies", { headers: { Authorization: `Bearer made-up-${i}`, "X-Forwarded-For": `203.0.113.${i}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("gives a configured API key its own bucket", async () => {
    const app = make({ RATE_LIMIT_PER_MINUTE: "1", API_KEYS: "portal-key-123" });
    expect((await app.request("/api/agencies")).status).toBe(200);
    expect((await app.request("/api/agencies")).status).toBe(429);
    expect((await app.request("/api/agencies", { headers: { Authorization: "Bearer portal-key-123" } })).status).toBe(200);
  });
});
