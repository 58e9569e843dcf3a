// Integration: the Cloudflare Workers entry. (1) wrangler bundles it without hnswlib or node:* and with every
// corpus text; (2) src/worker.ts runs under Node with a fake ctx/env (lazy build, healthz 503 → 200, chat,
// KV token store, Zalo on only with ZALO_KV); (3) wrangler dev serves it from local workerd.

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { CORPUS_DIR } from "./helpers/knowledge.ts";

// Vitest cannot import wrangler Text modules (.txt/.md as strings): the worker's bundled corpus module is
// replaced by the same files read from corpus/. Test (1) checks that the real module bundles them all.
vi.mock("../src/worker-corpus.ts", async () => {
  const { readCorpusFiles } = await import("./helpers/knowledge.ts");
  const src = readCorpusFiles();
  return { bundledCorpus: () => src, BUNDLED_FILES: src.files.map((f) => f.name) };
});

const ROOT = join(import.meta.dirname, "..");
const WRANGLER_ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "1" };
const QUESTION = "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?";
const tmpDirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  tmpDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

/** The corpus files the Worker must bundle (what ingest lists, minus formats that need Node). */
const corpusTexts = () =>
  readdirSync(CORPUS_DIR)
    .filter((n) => !n.startsWith(".") && n !== "manifest.json" && n.toLowerCase() !== "readme.md")
    .sort();

const chat = (message: string) =>
  new Request("http://worker.test/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message }) });

function fakeCtx() {
  const promises: Promise<unknown>[] = [];
  return { promises, ctx: { waitUntil: (p: Promise<unknown>) => void promises.push(p) } };
}

describe("worker bundle (wrangler deploy --dry-run)", () => {
  it("bundles without hnswlib-node or node:*, with every corpus text as a Text module", async () => {
    const out = tmp("hoidap-worker-bundle-");
    const t0 = Date.now();
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile("npx", ["wrangler", "deploy", "--dry-run", "--outdir", out], { cwd: ROOT, env: WRANGLER_ENV, timeout: 90_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const files = readdirSync(out);
    const js = files.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(out, f), "utf8")).join("\n");
    expect(js.length).toBeGreaterThan(10_000);
    expect(js).not.toContain("hnswlib-node");
    expect(js).not.toContain("node:fs");
    expect(js).not.toMatch(/["'`]node:[a-z_/]+["'`]/);
    expect(js).not.toContain("pdf-parse");
    // Every .txt/.md of corpus/ is uploaded (wrangler names additional modules <sha1>-<name>).
    const missing = corpusTexts().filter((n) => /\.(txt|md)$/i.test(n) && !files.some((f) => f.endsWith(`-${n}`)));
    expect(missing, "add these corpus files to src/worker-corpus.ts").toEqual([]);
    const upload = /Total Upload: ([^\n]+)/.exec(r.stdout)?.[1];
    console.log(`worker bundle: ${upload ?? "?"} (worker.js ${Math.round(js.length / 1024)} KiB) in ${Date.now() - t0} ms`);
  });
});

describe("worker entry under Node (fake env and ctx)", () => {
  it("answers 503 on /healthz while the knowledge builds, then 200, and answers a question", async () => {
    const mod = await import("../src/worker.ts");
    const worker = mod.default;
    const env = { RATE_LIMIT_PER_MINUTE: "60", LOG_LEVEL: "silent" };
    const { promises, ctx } = fakeCtx();

    const first = await worker.fetch(new Request("http://worker.test/healthz"), env, ctx);
    expect(first.status).toBe(503);
    expect(promises.length).toBeGreaterThan(0); // the build was started with waitUntil
    const again = await worker.fetch(new Request("http://worker.test/healthz"), env, ctx);
    expect(again.status).toBe(503);

    await Promise.all(promises);
    const stats = mod.buildStats();
    expect(stats).not.toBeNull();
    console.log(`knowledge build under Node: ${stats!.ms} ms ${JSON.stringify(stats!.phases)}`);

    const ok = await worker.fetch(new Request("http://worker.test/healthz"), env, fakeCtx().ctx);
    expect(ok.status).toBe(200);
    const h = (await ok.json()) as { status: string; documents: number; chunks: number; tasks: number };
    expect(h.status).toBe("ok");
    expect(h.documents).toBeGreaterThanOrEqual(corpusTexts().length);
    expect(h.tasks).toBeGreaterThan(100);

    const res = await worker.fetch(chat(QUESTION), env, fakeCtx().ctx);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { answer: string; citations: { document: { number: string | null } }[] };
    expect(body.answer).toContain("Bộ Công an");
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it("a cold isolate's first question waits for the build instead of failing", async () => {
    const { createWorker } = await import("../src/worker.ts");
    const { readCorpusFiles } = await import("./helpers/knowledge.ts");
    const w = createWorker({ source: () => readCorpusFiles() });
    const { promises, ctx } = fakeCtx();
    const res = await w.fetch(chat(QUESTION), { LOG_LEVEL: "silent" }, ctx);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { answer: string }).answer).toContain("Bộ Công an");
    await Promise.all(promises);
  });

  const tiny = () => ({ files: [{ name: "a.txt", text: "Bộ Công an chủ trì xây dựng Luật An ninh dữ liệu, hoàn thành năm 2026." }], manifest: { files: [] } });
  const zaloVars = { LOG_LEVEL: "silent", ZALO_APP_ID: "app", ZALO_APP_SECRET: "secret", ZALO_OA_SECRET_KEY: "oa-key", ZALO_OA_ACCESS_TOKEN: "at-1", ZALO_OA_REFRESH_TOKEN: "rt-1" };

  it("keeps Zalo off without a ZALO_KV binding and on with one", async () => {
    const { createWorker } = await import("../src/worker.ts");
    const kv = new Map<string, string>();
    const fakeKv = { get: async (k: string) => (kv.has(k) ? JSON.parse(kv.get(k)!) : null), put: async (k: string, v: string) => void kv.set(k, v) };
    const post = () => new Request("http://worker.test/zalo/webhook", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const off = await createWorker({ source: tiny }).fetch(post(), zaloVars, fakeCtx().ctx);
    expect(off.status).toBe(404);
    const on = await createWorker({ source: tiny }).fetch(post(), { ...zaloVars, ZALO_KV: fakeKv }, fakeCtx().ctx);
    expect(on.status).not.toBe(404); // the webhook exists (and rejects the unsigned body)
  });

  it("stores the rotating Zalo tokens in KV, starting from the configured pair", async () => {
    const { createKvTokenStore } = await import("../src/worker.ts");
    const kv = new Map<string, string>();
    const fakeKv = { get: async (k: string) => (kv.has(k) ? JSON.parse(kv.get(k)!) : null), put: async (k: string, v: string) => void kv.set(k, v) };
    const store = createKvTokenStore(fakeKv, { accessToken: "at-1", refreshToken: "rt-1", expiresAt: 0 });
    expect(await store.load()).toEqual({ accessToken: "at-1", refreshToken: "rt-1", expiresAt: 0 });
    await store.save({ accessToken: "at-2", refreshToken: "rt-2", expiresAt: 123 });
    expect(await createKvTokenStore(fakeKv, null).load()).toEqual({ accessToken: "at-2", refreshToken: "rt-2", expiresAt: 123 });
  });

  it("answers 500 without details when the configuration is invalid", async () => {
    const { createWorker } = await import("../src/worker.ts");
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await createWorker({ source: tiny }).fetch(new Request("http://worker.test/healthz"), { RATE_LIMIT_PER_MINUTE: "lots" }, fakeCtx().ctx);
    err.mockRestore();
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("RATE_LIMIT");
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe("wrangler dev (local workerd)", () => {
  let proc: ChildProcess | null = null;
  afterAll(() => {
    // Detached: the id is the process group of npx → wrangler → workerd, all started here.
    if (proc?.pid && proc.exitCode === null) {
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  });

  it("serves /healthz 503 → 200 and /api/chat", async (t) => {
    const port = await freePort();
    const persist = tmp("hoidap-worker-dev-");
    let log = "";
    proc = spawn("npx", ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist, "--show-interactive-dev-session=false"], {
      cwd: ROOT,
      env: WRANGLER_ENV,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout!.on("data", (d) => (log += d));
    proc.stderr!.on("data", (d) => (log += d));
    const exited = new Promise<number | null>((r) => proc!.once("exit", (code) => r(code)));
    let done = false;
    void exited.then(() => (done = true));

    const base = `http://127.0.0.1:${port}`;
    const t0 = Date.now();
    const seen: number[] = [];
    let readyMs = -1;
    while (Date.now() - t0 < 60_000) {
      if (done) break;
      try {
        const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(15_000) });
        seen.push(r.status);
        if (r.status === 200) {
          readyMs = Date.now() - t0;
          break;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (readyMs < 0 && seen.length === 0) {
      // workerd never answered: report why (e.g. a missing system library) instead of a timeout.
      t.skip(`workerd did not start on this machine (${done ? "wrangler exited" : "no answer in 60 s"}): ${log.slice(-800)}`);
      return;
    }
    expect(readyMs, `healthz statuses ${seen.join(",")}\n${log.slice(-2000)}`).toBeGreaterThan(0);
    expect(seen[0]).toBe(503);
    const r = await fetch(`${base}/api/chat`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: QUESTION }) });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { answer: string }).answer).toContain("Bộ Công an");
    const ready = /"msg":"index ready"[^\n]*/.exec(log)?.[0];
    console.log(`wrangler dev: healthz 200 after ${readyMs} ms (statuses ${seen.join(",")}); ${ready ?? ""}`);
    expect(log).not.toMatch(/process is not defined|Illegal invocation/);
  });
});
