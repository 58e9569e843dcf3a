// Load: the real Node server (src/node.ts) under autocannon — no errors, bounded memory growth, clean SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannonUntyped from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./helpers/net.ts";

const ROOT = join(import.meta.dirname, "..");
const QUESTIONS = [
  "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?",
  "Ai chủ trì xây dựng, hoàn thiện Cổng thông tin một cửa quốc gia?",
  "Bộ Công an chủ trì những nhiệm vụ nào?",
  "bo nao chu tri xay dung luat an ninh du lieu",
  "Mức lương cơ sở năm 2026 là bao nhiêu?",
  "Nền tảng hóa đơn điện tử do cơ quan nào chủ trì?",
];


function rssKb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]);
}

// The package ships no types (bench/autocannon.d.ts covers only what the bench uses): the parts used here.
interface LoadResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
}
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: { method: "POST"; path: string; headers: Record<string, string>; body: string }[];
}
type LoadInstance = PromiseLike<LoadResult> & { on(event: "reqError", fn: (e: Error) => void): unknown };
const autocannon = autocannonUntyped as unknown as (opts: LoadOptions) => LoadInstance;

let child: ChildProcess;
let base: string;
let dataDir: string;
let stderr = "";
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = await mkdtemp(join(tmpdir(), "hoidap-load-data-"));
  // `node --import tsx` is what `npx tsx` runs, minus the npm and tsx wrapper processes: the pid we
  // measure and signal is the server itself.
  child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: "0",
      LOG_LEVEL: "silent",
      CORPUS_DIR: join(ROOT, "corpus"),
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let exitedEarly = false;
  void exited.then(() => {
    exitedEarly = true;
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exitedEarly) throw new Error(`server exited before it was ready: ${stderr.slice(0, 2000)}`);
    if (Date.now() > deadline) throw new Error(`server not ready after 180 s: ${stderr.slice(0, 2000)}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) break;
      expect(res.status).toBe(503);
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

const requestErrors: string[] = [];

async function run(duration: number): Promise<LoadResult> {
  const inst = autocannon({
    url: base,
    connections: 32,
    duration,
    // Seconds. Both cores are saturated at 32 connections and Node serves keep-alive sockets unfairly
    // under saturation (a bare http server doing 25 ms of work per request shows p99 ≈ 4 s, max ≈ 5 s on
    // this 2-core box), so 30 s separates a hang from a queue.
    timeout: 30,
    requests: QUESTIONS.map((message) => ({
      method: "POST" as const,
      path: "/api/chat",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message }),
    })),
  });
  inst.on("reqError", (e: Error) => {
    if (requestErrors.length < 20) requestErrors.push(String((e as NodeJS.ErrnoException).code ?? e.message));
  });
  return inst;
}

describe("the Node server under load", () => {
  it("answers the mix of questions correctly before the load", async () => {
    for (const message of QUESTIONS) {
      const res = await fetch(`${base}/api/chat`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { answer: string; citations: unknown[] };
      expect(body.answer.length).toBeGreaterThan(10);
    }
  });

  it("serves 32 connections for 10 s without errors and without runaway memory", async () => {
    const pid = child.pid!;
    // RSS swings by hundreds of MB between major GCs under this load (the live heap stays ~100 MB), so a
    // single reading is noise: compare the median of readings every 200 ms over the last 2 s of the 3-s
    // warm-up with the median over the last 3 s of the 10-s run.
    const samples: { t: number; kb: number }[] = [];
    const sampler = setInterval(() => samples.push({ t: Date.now(), kb: rssKb(pid) }), 200);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    try {
      const w0 = Date.now();
      const warm = await run(3);
      expect(warm.errors, requestErrors.join(", ")).toBe(0);
      const rssWarm = median(samples.filter((s) => s.t - w0 >= 1_000).map((s) => s.kb));
      const t0 = Date.now();
      const res = await run(10);
      const rssEnd = median(samples.filter((s) => s.t - t0 >= 7_000).map((s) => s.kb));
      const summary = {
        requests: res.requests.total,
        rps: res.requests.average,
        p50ms: res.latency.p50,
        p99ms: res.latency.p99,
        maxms: res.latency.max,
        non2xx: res.non2xx,
        errors: res.errors,
        timeouts: res.timeouts,
        rssWarmMb: Math.round(rssWarm / 1024),
        rssEndMb: Math.round(rssEnd / 1024),
      };
      console.log("load:", JSON.stringify(summary));
      expect(res.requests.total).toBeGreaterThan(100);
      expect(res["2xx"]).toBe(res.requests.total);
      expect(res.non2xx).toBe(0);
      expect(res.errors, requestErrors.join(", ")).toBe(0);
      expect(res.timeouts).toBe(0);
      expect(rssEnd).toBeLessThan(rssWarm * 1.25);
    } finally {
      clearInterval(sampler);
    }
  });

  it("exits 0 within 10 s on SIGTERM", async () => {
    const t0 = Date.now();
    child.kill("SIGTERM");
    const r = await Promise.race([exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000))]);
    expect(r, stderr.slice(0, 1000)).not.toBe("timeout");
    expect(r).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(10_000);
    // The port is closed.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
