// The app on @hono/node-server, in process: responses must stay the adapter's "lightweight" kind (status,
// headers and a string/bytes body that it writes to the socket directly). A middleware that touches c.res
// before the handler, or calls c.header() after it, makes Hono re-wrap the response around a stream body,
// which cost more than the rest of a cached chat answer (hono/cors did both). White-box: it looks for the
// adapter's private cache symbol, and a control response checks that the adapter still has one.
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheAnswers } from "../src/answer/cache.ts";
import type { ChatAnswer } from "../src/answer/types.ts";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";

const ANSWER: ChatAnswer = {
  answer: "Bộ Công an chủ trì nhiệm vụ “Xây dựng Luật An ninh dữ liệu” [1].",
  citations: [{ n: 1, documentId: "qd-2629-2025", document: { number: "2629/QĐ-TTg", title: "Quyết định phê duyệt Chương trình phát triển Chính phủ số", issuedDate: "2025-12-01", status: "final" }, section: "Phụ lục II › I › 3", quote: "Xây dựng Luật An ninh dữ liệu. | Bộ Công an" }],
  intent: "lead",
  facts: [{ task: "Xây dựng Luật An ninh dữ liệu", lead: ["Bộ Công an"], coordinators: [], deadline: { text: "Tháng 12/2026", end: "2026-12-31" }, citation: 1 }],
};

let computed = 0;
const loaded: Loaded = {
  version: "v-test",
  corpus: { documents: [], chunks: [], tasks: [], indicators: [], warnings: [], failures: [], stats: { files: 0, documents: 0, sections: 0, tableRows: 0, chunks: 0, tasks: 0, indicators: 0 } },
  index: { search: async () => [], size: () => 0 },
  // Each computation returns a new object, as the engine does; the cache hands out the same one.
  answer: cacheAnswers(async () => (computed++, structuredClone(ANSWER)), { scope: () => "v-test" }),
};

const seen: Response[] = [];
let server: Server;
let base: string;

function listen(fetch: (req: Request, env: unknown) => Response | Promise<Response>): Promise<{ server: Server; base: string }> {
  const s = createServer(
    getRequestListener(async (req, env) => {
      const res = await fetch(req, env);
      seen.push(res);
      return res;
    }),
  );
  return new Promise((ok) => s.listen(0, "127.0.0.1", () => ok({ server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` })));
}

const isLightweight = (res: Response) => {
  const sym = Object.getOwnPropertySymbols(res).find((s) => s.description === "cache");
  if (!sym) return false;
  const body = (res as unknown as Record<symbol, [number, unknown, unknown]>)[sym]![1];
  return body === null || typeof body === "string" || body instanceof Uint8Array;
};

async function last(path: string, init?: RequestInit) {
  const before = seen.length;
  const r = await fetch(base + path, init);
  const bytes = new Uint8Array(await r.arrayBuffer());
  expect(seen.length).toBe(before + 1);
  return { r, bytes, res: seen.at(-1)! };
}

const chat = (message: string, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ message }) });

beforeAll(async () => {
  const app = createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "100", WIDGET_ORIGINS: "https://portal.example" }), current: () => loaded, logger: silentLogger, fetch: globalThis.fetch, defer: () => {} });
  ({ server, base } = await listen(app.fetch));
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe("responses on @hono/node-server", () => {
  it("control: a bare Hono response is the adapter's lightweight kind", async () => {
    const bare = new Hono().get("/", (c) => c.json({ ok: true }));
    const b = await listen(bare.fetch);
    try {
      const r = await fetch(b.base + "/");
      await r.arrayBuffer();
      expect(isLightweight(seen.at(-1)!), "@hono/node-server internals changed: update isLightweight()").toBe(true);
    } finally {
      await new Promise((ok) => b.server.close(ok));
    }
  });

  it("chat answers (fresh and cached), with and without an allowed origin, stay lightweight", async () => {
    const fresh = await last("/api/chat", chat("Bộ nào chủ trì Luật An ninh dữ liệu?", { Origin: "https://portal.example" }));
    expect(fresh.r.status).toBe(200);
    expect(isLightweight(fresh.res)).toBe(true);
    const cached = await last("/api/chat", chat("Bộ nào chủ trì Luật An ninh dữ liệu?"));
    expect(isLightweight(cached.res)).toBe(true);
    expect(computed).toBe(1);
    // The bytes are those of JSON.stringify(answer) with each response's own answerId spliced in at the end,
    // the same for the cached answer as for the fresh one apart from that id.
    const withoutId = (b: Uint8Array) => new TextDecoder().decode(b).replace(/,"answerId":"[0-9a-f-]{36}"\}$/, "}");
    expect(withoutId(fresh.bytes)).toBe(JSON.stringify(ANSWER));
    expect(withoutId(cached.bytes)).toBe(withoutId(fresh.bytes));
    expect(cached.r.headers.get("content-type")).toBe("application/json");
    expect(cached.r.headers.get("content-length")).toBe(String(cached.bytes.byteLength));
    expect(fresh.r.headers.get("access-control-allow-origin")).toBe("https://portal.example");
    expect(cached.r.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("errors, 404s, other API routes and the SSE stream stay lightweight too", async () => {
    for (const [path, init, status] of [
      ["/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" }, 400],
      ["/api/chat", { method: "GET" }, 405],
      ["/api/nope", undefined, 404],
      ["/api/documents", undefined, 200],
      ["/healthz", undefined, 200],
      ["/api/chat", chat("Bộ nào chủ trì Luật An ninh dữ liệu?", { Accept: "text/event-stream" }), 200],
    ] as const) {
      const { r, res } = await last(path, init as RequestInit | undefined);
      expect(r.status, path).toBe(status);
      if (status === 200 && (init as RequestInit | undefined)?.headers && "Accept" in ((init as RequestInit).headers as object)) {
        // A stream body: still the adapter's own response object, not a re-wrapped one.
        expect(Object.getOwnPropertySymbols(res).some((s) => s.description === "cache"), path).toBe(true);
      } else expect(isLightweight(res), `${path} ${status}`).toBe(true);
    }
  });
});
