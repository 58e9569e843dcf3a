// The API description: /openapi.json is OpenAPI 3.1 with the request schemas the routes validate with, every
// route the app serves is described, and /docs renders it; unknown query parameters are 400s naming them.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";
import { buildKnowledge } from "./helpers/knowledge.ts";

const k = await buildKnowledge([{ name: "kh.txt", text: "BỘ TƯ PHÁP\nSố: 3/KH-BTP\nKẾ HOẠCH\nSố hóa sổ hộ tịch\n1. Cục Hộ tịch chủ trì số hóa sổ hộ tịch, hoàn thành trong tháng 9/2026.\n" }]);
const loaded: Loaded = { version: "v", corpus: k.corpus, index: k.kb.index, answer: k.answer };
const app = createApp({ config: parseConfig({ ADMIN_TOKEN: "a".repeat(32), RATE_LIMIT_PER_MINUTE: "0" }), current: () => loaded, logger: silentLogger, fetch: globalThis.fetch, defer: () => {} });

describe("API description", () => {
  it("/openapi.json is OpenAPI 3.1 built from the zod schemas and describes the routes", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, { maxLength?: number; enum?: string[] }>; required?: string[] }> } };
    expect(doc.openapi).toBe("3.1.0");
    for (const p of ["/api/chat", "/api/feedback", "/api/tasks", "/api/search", "/api/documents", "/api/agencies", "/board", "/api/admin/documents", "/api/admin/jobs/{id}", "/api/admin/questions", "/metrics", "/healthz"]) expect(doc.paths[p], p).toBeDefined();
    // The same constraints as the validators: ChatBody's sessionId cap, the feedback rating enum.
    expect(doc.components.schemas.ChatRequest!.properties!.sessionId!.maxLength).toBe(200);
    expect(doc.components.schemas.ChatRequest!.required).toEqual(["message"]);
    expect(doc.components.schemas.Feedback!.properties!.rating!.enum).toEqual(["up", "down"]);
    const taskParams = (doc.paths["/api/tasks"]!.get as { parameters: { name: string }[] }).parameters.map((p) => p.name);
    expect(taskParams).toContain("document");
    expect(taskParams).toContain("table_status");
  });

  it("/docs is a readable page listing each operation", async () => {
    const r = await app.request("/docs");
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain("<code>/api/tasks</code>");
    expect(html).toContain("table_status");
    expect(html).not.toContain("<script");
  });

  it("unknown query parameters on GET routes are 400s that name them", async () => {
    for (const url of ["/api/documents?lang=vi", "/api/agencies?x=1", "/api/search?q=du%20lieu&limit=3"]) {
      const r = await app.request(url);
      expect(r.status, url).toBe(400);
      const e = (await r.json()) as { error: { code: string; message: string } };
      expect(e.error.code).toBe("unknown_parameter");
      expect(e.error.message).toMatch(/"(lang|x|limit)"/);
    }
  });
});
