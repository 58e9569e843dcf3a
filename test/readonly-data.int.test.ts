// Read-only data mode on the real process: an instance pointed at a shared data/ it must not write (DATA_READONLY=1)
// serves the published version even when its corpus is newer — with a warning, never a rebuild — writes nothing in
// data/ (no build, no questions log, no clean-up), and answers 409 to reindex and upload.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildData } from "../ingest/data-store.ts";
import { freePort, sleep } from "./helpers/net.ts";

const ROOT = resolve(import.meta.dirname, "..");
const ADMIN = "readonly-admin-token-0123456789";
let tmp: string;
let corpusDir: string;
let dataDir: string;
let published: string;
const children = new Set<ChildProcess>();

/** Every path under data/ with its size and mtime: what "nothing was written" is compared on. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath, e.name);
    const s = await stat(p);
    out.push(`${p.slice(dir.length)} ${e.isDirectory() ? "dir" : s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}

beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), "hoidap-readonly-"));
  corpusDir = join(tmp, "corpus");
  dataDir = join(tmp, "data");
  await cp(join(ROOT, "corpus"), corpusDir, { recursive: true });
  published = (await buildData(corpusDir, dataDir)).manifest.version;
  // The corpus moves on after the version was published (someone edits it on this host): a writer would rebuild.
  await writeFile(join(corpusDir, "tb-them-2026.txt"), "THÔNG BÁO\nVề việc bổ sung nội dung\n\nBộ Nội vụ chủ trì rà soát quy trình nội bộ, hoàn thành trong tháng 6/2026.\n");
  // A leftover build folder of a dead process on this host: a writer would remove it at start.
  await writeFile(join(dataDir, `.tmp-v-dead.${os.hostname().replace(/[^\w-]/g, "").slice(0, 40) || "host"}.999999`), "");
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "info", CORPUS_DIR: corpusDir, DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, ZALO_TOKEN_FILE: join(tmp, "zalo.json"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.resume();
  return { child, out: () => out };
}

const lines = (text: string) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("DATA_READONLY=1", () => {
  it("serves the published version of a stale data/, warns, writes nothing there, refuses reindex and upload", async () => {
    const before = await snapshot(dataDir);
    const port = await freePort();
    const s = start({ PORT: String(port), DATA_READONLY: "1" });
    const until = Date.now() + 90_000;
    while (!s.out().includes('"msg":"index ready"')) {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.out()}`);
      if (Date.now() > until) throw new Error(`no index ready: ${s.out()}`);
      await sleep(50);
    }
    const log = lines(s.out());
    const ready = log.find((l) => l.msg === "index ready")!;
    expect(ready).toMatchObject({ version: published, rebuilt: false, stale: true });
    expect(log.some((l) => l.level === "warn" && String(l.msg).includes("corpus is newer"))).toBe(true);
    expect(log.some((l) => l.msg === "ingest")).toBe(false);

    const url = `http://127.0.0.1:${port}`;
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; version?: string };
    expect(health.status).toBe("ok");
    const auth = { Authorization: `Bearer ${ADMIN}` };
    const reindex = await fetch(`${url}/api/admin/reindex`, { method: "POST", headers: auth });
    expect(reindex.status).toBe(409);
    const form = new FormData();
    form.append("file", new Blob(["QUYẾT ĐỊNH\nVề việc thử\n\nBộ Tư pháp chủ trì, hoàn thành năm 2026.\n"], { type: "text/plain" }), "qd-thu.txt");
    const upload = await fetch(`${url}/api/admin/documents`, { method: "POST", headers: auth, body: form });
    expect(upload.status).toBe(409);
    const body = (await upload.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("data_readonly");
    expect(body.error.message).toMatch(/chỉ đọc.*\/.*read-only/);
    const del = await fetch(`${url}/api/admin/documents/qd-2629-2025`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(409);
    // Reading still works: the document list of the version served.
    expect((await fetch(`${url}/api/documents`)).status).toBe(200);
    // A question goes to the questions log, which is in memory here: nothing lands in data/.
    expect((await fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" }) })).status).toBe(200);

    s.child.kill("SIGTERM");
    await new Promise((r) => s.child.once("exit", r));
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("without DATA_READONLY the same instance rebuilds the stale data/ (the writer's behaviour)", async () => {
    const port = await freePort();
    const s = start({ PORT: String(port) });
    const until = Date.now() + 110_000;
    while (!s.out().includes('"msg":"index ready"')) {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.out()}`);
      if (Date.now() > until) throw new Error(`no index ready: ${s.out()}`);
      await sleep(100);
    }
    const ready = lines(s.out()).find((l) => l.msg === "index ready")!;
    expect(ready.rebuilt).toBe(true);
    expect(ready.version).not.toBe(published);
    s.child.kill("SIGTERM");
    await new Promise((r) => s.child.once("exit", r));
  });
});
