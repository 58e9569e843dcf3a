// End to end on the real corpus: build data/ with the real hnswlib index, load it back (checksums
// verified), and answer questions through the HTTP app.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";
import { loadRuntime, type Runtime } from "../ingest/runtime.ts";

const dataDir = mkdtempSync(join(tmpdir(), "hoidap-e2e-"));
let rt: Runtime;

beforeAll(async () => {
  rt = await loadRuntime({ corpusDir: resolve("corpus"), dataDir, answer: { now: () => new Date("2026-11-23T00:00:00Z") } });
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("real corpus, real hnswlib", () => {
  it("built a fresh index and loads it again without rebuilding", async () => {
    expect(rt.rebuilt).toBe(true);
    expect(rt.data.vectors.kind).toBe("hnswlib");
    expect(rt.data.vectors.size()).toBe(rt.data.corpus.chunks.length);
    const again = await loadRuntime({ corpusDir: resolve("corpus"), dataDir });
    expect(again.rebuilt).toBe(false);
    expect(again.data.manifest.version).toBe(rt.data.manifest.version);
  });

  it("answers through /api/chat", async () => {
    const app = createApp({
      config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0" }),
      current: () => ({ version: rt.data.manifest.version, corpus: rt.data.corpus, index: rt.kb.index, answer: rt.answer }),
      logger: silentLogger,
      fetch: () => Promise.reject(new Error("no network in tests")),
      defer: () => {},
    });
    const ask = async (message: string) => {
      const res = await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message }) });
      expect(res.status).toBe(200);
      return (await res.json()) as { answer: string; citations: { document: { number: string | null } }[] };
    };
    const a = await ask("Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?");
    expect(a.answer).toContain("Bộ Công an");
    expect(a.citations[0]?.document.number).toBe("2629/QĐ-TTg");
    const b = await ask("Theo kế hoạch 02, Bộ Tài chính ban hành văn bản công bố danh mục mã số đơn vị hành chính khi nào?");
    expect(b.answer).toContain("25/6/2025");
    const c = await ask("Cơ quan nào chủ trì điều phối phát triển Nền tảng giao diện thanh toán hợp nhất?");
    expect(c.answer).toContain("Ngân hàng Nhà nước Việt Nam");
    const d = await ask("Ai chủ trì tổ chức SEA Games 33?");
    expect(d.answer).toContain("Không tìm thấy thông tin");
    const health = await app.request("/healthz");
    expect(await health.json()).toMatchObject({ status: "ok", documents: rt.data.corpus.documents.length, tasks: rt.data.corpus.tasks.length });
  });

  it("hybrid search over hnswlib finds rows typed without diacritics or with abbreviations", async () => {
    const top = async (q: string) => (await rt.kb.index.search(q, 5)).map((h) => rt.data.corpus.chunks.find((c) => c.id === h.id)!.text);
    expect((await top("luat an ninh du lieu")).some((t) => t.includes("Luật An ninh dữ liệu"))).toBe(true);
    expect((await top("CSDL quốc gia về dân cư")).some((t) => /cơ sở dữ liệu quốc gia về dân cư/i.test(t))).toBe(true);
  });
});
