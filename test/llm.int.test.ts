// Optional LLM path over real HTTP: a fake OpenAI-compatible server on 127.0.0.1 checks the request shape
// (model, messages, Authorization); a slow endpoint exceeds the timeout while other calls still answer and
// the event loop keeps running (a concurrent timer fires on time).

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAnswerer } from "../src/answer/llm.ts";
import type { AnswerFn, ChatAnswer } from "../src/answer/types.ts";
import { silentLogger } from "../src/log.ts";

const TEMPLATE = readFileSync(new URL("../prompts/answer.md", import.meta.url), "utf8");
const API_KEY = "sk-local-test-key";
const GOOD = "Bộ Công an chủ trì xây dựng Luật An ninh dữ liệu, thời hạn tháng 12/2026 [1].";

const BASE: ChatAnswer = {
  answer: "Bộ Công an chủ trì nhiệm vụ “Xây dựng Luật An ninh dữ liệu”; thời hạn: tháng 12/2026 [1].",
  citations: [
    {
      n: 1,
      documentId: "qd-2629-2025",
      document: { number: "2629/QĐ-TTg", title: "Quyết định phê duyệt Chương trình phát triển Chính phủ số", issuedDate: "2025-12-01", status: "final" },
      section: "Phụ lục II › I › 3",
      quote: "3 | Xây dựng Luật An ninh dữ liệu. | Bộ Công an | Bộ Khoa học và Công nghệ, Bộ Tài chính | Trình Quốc hội dự thảo Luật | Tháng 12/2026",
    },
  ],
  intent: "lead",
  facts: [{ task: "Xây dựng Luật An ninh dữ liệu", lead: ["Bộ Công an"], coordinators: ["Bộ Khoa học và Công nghệ", "Bộ Tài chính"], deadline: { text: "Tháng 12/2026" }, citation: 1 }],
};
const base: AnswerFn = async () => structuredClone(BASE);

interface Seen {
  url: string;
  headers: IncomingMessage["headers"];
  body: { model: string; messages: { role: string; content: string }[]; temperature: number; max_tokens: number };
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    seen.push({ url: req.url ?? "", headers: req.headers, body });
    const reply = (content: string) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "c1", object: "chat.completion", model: body.model, choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }));
    };
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "bad key" } }));
      return;
    }
    if (req.url === "/slow/v1/chat/completions") {
      open.add(res); // never answers in time; closed in afterAll
      res.on("close", () => open.delete(res));
      return;
    }
    if (req.url === "/v1/chat/completions") return reply(GOOD);
    res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections?.();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("LLM answerer over HTTP", () => {
  it("sends an OpenAI-compatible request and serves the verified answer", async () => {
    seen.length = 0;
    const answer = createLlmAnswerer(base, { fetch: globalThis.fetch, baseUrl: `${baseUrl}/v1`, apiKey: API_KEY, model: "llama3.1:8b", template: TEMPLATE, logger: silentLogger, maxTokens: 321 });
    const out = await answer({ message: "Ai chủ trì Luật An ninh dữ liệu? Liên hệ 0912345678", history: [{ role: "user", content: "Xin chào" }] });
    expect(out.answer).toBe(GOOD);
    expect(out.citations).toEqual(BASE.citations);
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.url).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.headers["content-type"]).toMatch(/^application\/json/);
    expect(req.body.model).toBe("llama3.1:8b");
    expect(req.body.temperature).toBe(0);
    expect(req.body.max_tokens).toBe(321);
    expect(req.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(req.body.messages[1]!.content).toContain("Người dùng: Xin chào");
    expect(req.body.messages[1]!.content).toContain("[1] 2629/QĐ-TTg");
    expect(JSON.stringify(req.body)).not.toContain("0912345678");
  });

  it("a wrong key (401) falls back to the extractive answer", async () => {
    const answer = createLlmAnswerer(base, { fetch: globalThis.fetch, baseUrl: `${baseUrl}/v1`, apiKey: "wrong", model: "m", template: TEMPLATE, logger: silentLogger });
    expect(await answer({ message: "Ai chủ trì?" })).toEqual(BASE);
  });

  it("a slow endpoint times out without blocking other calls or the event loop", async () => {
    const slow = createLlmAnswerer(base, { fetch: globalThis.fetch, baseUrl: `${baseUrl}/slow/v1`, apiKey: API_KEY, model: "m", template: TEMPLATE, logger: silentLogger, timeoutMs: 400 });
    const fast = createLlmAnswerer(base, { fetch: globalThis.fetch, baseUrl: `${baseUrl}/v1`, apiKey: API_KEY, model: "m", template: TEMPLATE, logger: silentLogger, timeoutMs: 400 });

    const t0 = performance.now();
    let timerLateMs = Number.POSITIVE_INFINITY;
    const timer = new Promise<void>((r) =>
      setTimeout(() => {
        timerLateMs = performance.now() - t0 - 100;
        r();
      }, 100),
    );
    const slowDone = slow({ message: "Ai chủ trì?" }).then((a) => ({ a, ms: performance.now() - t0 }));
    const fastDone = (async () => {
      const out = [];
      for (let i = 0; i < 3; i++) out.push(await fast({ message: "Ai chủ trì?" }));
      return { out, ms: performance.now() - t0 };
    })();

    const [s, f] = await Promise.all([slowDone, fastDone, timer]);
    expect(timerLateMs).toBeLessThan(80);
    expect(f.out.map((a) => a.answer)).toEqual([GOOD, GOOD, GOOD]);
    expect(f.ms).toBeLessThan(400);
    expect(s.a).toEqual(BASE);
    expect(s.ms).toBeGreaterThanOrEqual(390);
    expect(s.ms).toBeLessThan(1200);
  });
});
