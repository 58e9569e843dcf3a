// Fault injection on the real processes: kill -9 during a rebuild, corrupted data/ files, re-index while
// serving under load, SIGTERM with requests in flight. Children are started with `npx tsx …` in their own
// process group, on 127.0.0.1, and stopped by pid.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData, DataError, ensureData, loadData } from "../ingest/data-store.ts";
import { createAnswerer } from "../src/answer/engine.ts";
import { assembleKnowledge } from "../src/answer/knowledge.ts";
import { freePort, sleep } from "./helpers/net.ts";

const ROOT = resolve(import.meta.dirname, "..");
const CORPUS = join(ROOT, "corpus");
const ADMIN = "fault-admin-token-0123456789";
const QUESTION = "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?";

let tmp: string;
let goodDir: string;
let goodVersion: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), "hoidap-faults-"));
  goodDir = join(tmp, "good");
  goodVersion = (await buildData(CORPUS, goodDir)).manifest.version;
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) killGroup(c, "SIGKILL");
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------ helpers


function killGroup(c: ChildProcess, sig: NodeJS.Signals) {
  try {
    process.kill(-c.pid!, sig);
  } catch {
    /* already gone */
  }
}

function exited(c: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve({ code: c.exitCode, signal: c.signalCode });
  return new Promise((ok) => c.once("exit", (code, signal) => ok({ code, signal })));
}


/** Run a script the way `npm start` does (node with the tsx loader): the child pid is the script's process. */
function spawnTsx(script: string, env: Record<string, string>): ChildProcess {
  const c = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent", ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  c.stdout!.resume();
  c.stderr!.resume();
  children.add(c);
  return c;
}

interface Srv {
  child: ChildProcess;
  url: string;
}

async function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<Srv> {
  const port = await freePort();
  const child = spawnTsx("src/node.ts", { HOST: "127.0.0.1", PORT: String(port), RATE_LIMIT_PER_MINUTE: "0", CORPUS_DIR: CORPUS, DATA_DIR: dataDir, ...extra });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() - t0 > 180_000) throw new Error("server not ready in 180 s");
    try {
      const r = await fetch(`${url}/healthz`);
      await r.arrayBuffer();
      if (r.status === 200) return { child, url };
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
}

/** Exit of a child, or a failure after ms (so a server that ignores SIGTERM fails the test, not hangs it). */
async function exitedWithin(c: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    t = setTimeout(() => fail(new Error(`process did not exit within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([exited(c), timeout]);
  } finally {
    clearTimeout(t);
  }
}

/** POST /api/chat on a raw socket, sending the body in two parts (the second when sendRest() is called). */
function slowRequest(port: number, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const sock = connect(port, "127.0.0.1");
  let sentHalfResolve!: () => void;
  const sentHalf = new Promise<void>((r) => (sentHalfResolve = r));
  sock.on("connect", () => {
    sock.write(`POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`);
    sock.write(bytes.subarray(0, half), () => sentHalfResolve());
  });
  const response = new Promise<{ status: number; answer?: string; error?: string }>((ok) => {
    let data = "";
    sock.on("data", (d) => (data += d));
    sock.on("error", (e) => ok({ status: 0, error: String(e) }));
    sock.on("close", () => {
      const m = data.match(/^HTTP\/1\.1 (\d{3})/);
      if (!m) return ok({ status: 0, error: `connection closed without a response (${data.length} bytes)` });
      ok({ status: Number(m[1]), answer: data });
    });
  });
  return { sentHalf, response, sendRest: () => sock.write(bytes.subarray(half)) };
}

async function chat(url: string, message = QUESTION): Promise<{ status: number; answer?: string; error?: string }> {
  try {
    const r = await fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message }) });
    const j = (await r.json()) as { answer?: string };
    return { status: r.status, answer: j.answer };
  } catch (e) {
    return { status: 0, error: String((e as Error).cause ?? e) };
  }
}

async function answerFrom(dataDir: string, message = QUESTION): Promise<{ version: string; answer: string }> {
  const data = await loadData(dataDir);
  const answer = createAnswerer(assembleKnowledge(data.corpus, data.lexical, data.vectors, data.embedder));
  return { version: data.manifest.version, answer: (await answer({ message })).answer };
}

// ------------------------------------------------------------------------------------------------ tests

describe("faults", () => {
  it("(a) kill -9 of the ingest CLI mid-rebuild leaves the previous version loadable and answering (3 times)", async () => {
    const dir = join(tmp, "killed");
    await cp(goodDir, dir, { recursive: true });
    const killedMidway: number[] = [];
    for (let round = 0; round < 3; round++) {
      const child = spawnTsx("ingest/cli.ts", { CORPUS_DIR: CORPUS, DATA_DIR: dir });
      // A moment inside the build chosen by what it has printed, not by the clock (the build takes 3–4 s and
      // a fixed delay could land after it): while reading files, after parsing, after BM25, or while the
      // index files are written — then a few ms more.
      const stage = ["đọc", "tài liệu", "BM25", "nhúng và đồ thị"][round + (Math.random() < 0.5 ? 0 : 1)]!;
      let out = "";
      await new Promise<void>((resolve) => {
        const on = (d: Buffer) => {
          out += d.toString("utf8");
          if (out.includes(stage)) {
            child.stdout!.off("data", on);
            resolve();
          }
        };
        child.stdout!.on("data", on);
        child.once("exit", () => resolve());
      });
      // After the last line only the files are left to write (a few hundred ms): kill within 30 ms.
      const delay = Math.floor(Math.random() * (stage === "nhúng và đồ thị" ? 30 : 150));
      await sleep(delay);
      const stillRunning = child.exitCode === null && child.signalCode === null;
      killGroup(child, "SIGKILL");
      await exited(child);
      children.delete(child);
      if (stillRunning) killedMidway.push(delay);
      const { version, answer } = await answerFrom(dir);
      if (stillRunning) expect(version, `round ${round}, killed ${delay} ms after "${stage}"`).toBe(goodVersion);
      expect(answer).toContain("Bộ Công an");
      expect(answer).not.toContain("Không tìm thấy thông tin");
    }
    expect(killedMidway.length, "every kill landed before the build finished").toBe(3);
    // A later build cleans the leftovers and switches the pointer; the version it replaces stays for instances
    // still swapping to it (data-store keeps the last two).
    const r = await buildData(CORPUS, dir);
    expect(r.manifest.version).not.toBe(goodVersion);
    expect(readdirSync(dir).sort()).toEqual(["current.json", goodVersion, r.manifest.version].sort());
    expect((await answerFrom(dir)).version).toBe(r.manifest.version);
  }, 300_000);

  it("(b) truncated or corrupted data/ files are detected by loadData (DataError) and ensureData rebuilds", async () => {
    const corruptions: [string, (d: string) => Promise<void>][] = [
      ["corpus.jsonl truncated", (d) => truncate(join(d, goodVersion, "corpus.jsonl"), 1000)],
      ["lexical.bin truncated to 0", (d) => truncate(join(d, goodVersion, "lexical.bin"), 0)],
      ["hnswlib.index byte flipped", async (d) => {
        const p = join(d, goodVersion, "hnsw", "0", "hnswlib.index");
        const b = await readFile(p);
        b[Math.floor(b.length / 2)]! ^= 0xff;
        await writeFile(p, b);
      }],
      ["embedder-df.bin deleted", (d) => unlink(join(d, goodVersion, "embedder-df.bin"))],
      ["docstore.json truncated", (d) => truncate(join(d, goodVersion, "hnsw", "0", "docstore.json"), 10)],
      ["hnsw/shards.json deleted", (d) => unlink(join(d, goodVersion, "hnsw", "shards.json"))],
      ["manifest.json truncated", (d) => truncate(join(d, goodVersion, "manifest.json"), 20)],
      ["current.json garbage", (d) => writeFile(join(d, "current.json"), "{not json")],
      ["current.json points to a missing version", (d) => writeFile(join(d, "current.json"), JSON.stringify({ version: "v-0000000000000000-zzzz" }))],
      ["current.json path traversal", (d) => writeFile(join(d, "current.json"), JSON.stringify({ version: "../good" }))],
      ["current.json truncated to 0", (d) => truncate(join(d, "current.json"), 0)],
    ];
    for (const [i, [name, corrupt]] of corruptions.entries()) {
      const dir = join(tmp, `corrupt-${i}`);
      await cp(goodDir, dir, { recursive: true });
      await corrupt(dir);
      await expect(loadData(dir), name).rejects.toBeInstanceOf(DataError);
      // Rebuilding takes ~10 s: do it for a file checksum case and a pointer case.
      if (i === 0 || i === 6) {
        const r = await ensureData(CORPUS, dir);
        expect(r.rebuilt, name).toBe(true);
        expect(r.reason, name).toBeTruthy();
        expect((await answerFrom(dir)).answer).toContain("Bộ Công an");
      }
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("(c) re-index while serving: continuous /api/chat never fails, /healthz version changes", async () => {
    const dir = join(tmp, "serving");
    await cp(goodDir, dir, { recursive: true });
    const srv = await startServer(dir, { ADMIN_TOKEN: ADMIN });
    const before = (await (await fetch(`${srv.url}/healthz`)).json()) as { version: string };
    expect(before.version).toBe(goodVersion);

    let stop = false;
    const results: { status: number; error?: string; ok: boolean }[] = [];
    const questions = [QUESTION, "Luật Chuyển đổi số phải trình Quốc hội khi nào?", "NHNN được giao chủ trì những việc gì?", "Mức lương cơ sở năm 2026 là bao nhiêu?"];
    const loops = Array.from({ length: 4 }, async (_, w) => {
      let i = w;
      while (!stop) {
        const q = questions[i++ % questions.length]!;
        const r = await chat(srv.url, q);
        results.push({ ...r, ok: r.status === 200 && typeof r.answer === "string" && r.answer.length > 0 });
      }
    });
    await sleep(500);
    const t0 = Date.now();
    const res = await fetch(`${srv.url}/api/admin/reindex`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}` } });
    const body = (await res.json()) as { version: string; ms: number };
    const reindexMs = Date.now() - t0;
    await sleep(1000); // keep asking on the new index
    stop = true;
    await Promise.all(loops);

    expect(res.status).toBe(200);
    expect(body.version).not.toBe(goodVersion);
    const failed = results.filter((r) => !r.ok);
    expect(results.length).toBeGreaterThan(20);
    expect(failed, `${failed.length} of ${results.length} failed during a ${reindexMs} ms reindex`).toEqual([]);
    const after = (await (await fetch(`${srv.url}/healthz`)).json()) as { version: string; status: string };
    expect(after.status).toBe("ok");
    expect(after.version).toBe(body.version);
    expect(after.version).not.toBe(before.version);
    expect((await chat(srv.url)).answer).toContain("Bộ Công an");

    process.kill(srv.child.pid!, "SIGTERM");
    expect((await exitedWithin(srv.child, 30_000)).code).toBe(0);
    children.delete(srv.child);
  }, 300_000);

  // Was a bug (src/node.ts shutdown, fixed in 98ef31a): SIGTERM called server.close() without waiting for it
  // and exited as soon as the deferred channel tasks settled, cutting off requests being read/answered.
  it("(d) SIGTERM while requests are being received: each completes with 200, then exit code 0", async () => {
    const srv = await startServer(goodDir);
    const port = Number(new URL(srv.url).port);
    // Headers and half the body now, the rest after the signal: accepted, in-flight requests.
    const slow = Array.from({ length: 6 }, () => slowRequest(port, JSON.stringify({ message: QUESTION })));
    await Promise.all(slow.map((s) => s.sentHalf));
    await sleep(200);
    process.kill(srv.child.pid!, "SIGTERM");
    await sleep(300);
    for (const s of slow) s.sendRest();
    const results = await Promise.all(slow.map((s) => s.response));
    const exit = await exitedWithin(srv.child, 30_000);
    children.delete(srv.child);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    for (const r of results) expect(r.answer).toContain("Bộ Công an");
    expect(exit.code).toBe(0);
  }, 300_000);

  // Requests a client has already sent but the busy server has not yet accepted or read (a burst of concurrent
  // /api/chat; answers are CPU-bound) are answered too: for SHUTDOWN_DRAIN_MS the listener stays open and each
  // response closes its connection. (Closing the listener at once reset them: 33 and 44 of 48 in two runs.)
  it("(d) SIGTERM during a burst of concurrent requests: every request answered with 200, exit code 0", async () => {
    const srv = await startServer(goodDir);
    const N = 48;
    const questions = [QUESTION, "Những nhiệm vụ nào đến hạn trong tháng 12/2025?", "Văn phòng Chính phủ chủ trì những nhiệm vụ nào?", "Chương trình phát triển Chính phủ số đặt mục tiêu chung gì đến năm 2030?"];
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    const burst = Array.from({ length: N }, (_, i) =>
      chat(srv.url, questions[i % questions.length]).then((r) => {
        firstDone();
        return r;
      }),
    );
    await first; // every request of the burst has been sent; the server is working through them
    process.kill(srv.child.pid!, "SIGTERM");
    const results = await Promise.all(burst);
    const exit = await exitedWithin(srv.child, 30_000);
    children.delete(srv.child);
    expect(exit.code).toBe(0);
    // Every request got an HTTP response, a 200 with an answer; none was reset.
    const responded = results.filter((r) => r.status !== 0);
    for (const r of responded) expect(r.status).toBe(200);
    const resets = results.filter((r) => r.status === 0);
    console.info(`SIGTERM burst: ${responded.length} of ${N} answered, ${resets.length} reset`);
    expect(resets.map((r) => r.error)).toEqual([]);
  }, 300_000);
});
