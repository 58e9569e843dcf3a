// The Node entry point's logs, on the real process: one JSON line per request (request id as sent in
// X-Request-Id, latency, redacted path), and no line lost when stdout is a pipe whose reader falls behind
// and the server gets SIGTERM, or exits because the index cannot be loaded.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData } from "../ingest/data-store.ts";
import { freePort, sleep } from "./helpers/net.ts";

const ROOT = resolve(import.meta.dirname, "..");
const CORPUS = join(ROOT, "corpus");
let tmp: string;
let dataDir: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), "hoidap-logs-"));
  dataDir = join(tmp, "data");
  await buildData(CORPUS, dataDir);
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (tmp) await rm(tmp, { recursive: true, force: true });
});



function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "info", CORPUS_DIR: CORPUS, DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.resume();
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  return { child, exited, out: () => out };
}

const parse = (text: string) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("Node entry point logs", () => {
  it("every request line reaches a slow stdout reader after SIGTERM", async () => {
    const port = await freePort();
    const s = start({ PORT: String(port) });
    while (!s.out().includes('"msg":"index ready"')) {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.out()}`);
      await sleep(50);
    }
    // The reader stops reading: the pipe (64 KiB) fills up long before the requests are done.
    s.child.stdout!.pause();
    const url = `http://127.0.0.1:${port}`;
    const body = JSON.stringify({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" });
    const ids: string[] = [];
    const N = 1500;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < N) {
          const i = sent++;
          const r = i % 100 === 0 ? await fetch(`${url}/api/x/0912345678`) : await fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body });
          await r.arrayBuffer();
          ids.push(r.headers.get("x-request-id")!);
        }
      }),
    );
    s.child.kill("SIGTERM");
    await sleep(500);
    s.child.stdout!.resume();
    expect(await s.exited).toBe(0);
    await sleep(100);
    const lines = parse(s.out());
    const requests = lines.filter((l) => l.msg === "request" && l.path !== "/healthz");
    expect(requests.length).toBe(N);
    expect(new Set(requests.map((l) => l.requestId))).toEqual(new Set(ids));
    for (const l of requests) {
      expect(typeof l.ms).toBe("number");
      expect(typeof l.time).toBe("string");
      expect(l.level).toBe("info");
    }
    expect(requests.filter((l) => l.path === "/api/x/[sđt]").length).toBe(N / 100);
    expect(s.out()).not.toContain("0912345678");
    // The drain is announced, and the last line says the exit was clean (no work dropped).
    expect(lines.some((l) => l.msg === "shutting down" && l.signal === "SIGTERM")).toBe(true);
    expect(lines.at(-1)).toMatchObject({ msg: "shut down cleanly", signal: "SIGTERM" });
  });

  it("the error line is written when the index cannot be loaded and the process exits", async () => {
    const s = start({ PORT: String(await freePort()), CORPUS_DIR: join(tmp, "no-such-corpus"), DATA_DIR: join(tmp, "empty-data") });
    expect(await s.exited).toBe(1);
    await sleep(100);
    expect(parse(s.out()).some((l) => l.level === "error" && l.msg === "index could not be loaded")).toBe(true);
  });
});
