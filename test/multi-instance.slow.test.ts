// Slow suite: two Node instances on loopback behind a small round-robin proxy written here, sharing a real
// redis-server this test starts (and stops) on a free port and one data/ folder. A Slack retry landing on the
// other instance is answered once; a client's rate limit is shared; a Zalo refresh forced on both instances at
// once refreshes once; a reindex on one is served by both within 5 s with no failed request; killing Redis
// degrades to per-instance behaviour with a warning, never a 5xx.

import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../src/channels/crypto.ts";
import { createZaloTokenManager } from "../src/channels/zalo.ts";
import { silentLogger } from "../src/log.ts";
import { createRedisStores } from "../src/stores/redis.node.ts";
import { freePort, sleep } from "./helpers/net.ts";

const ROOT = join(import.meta.dirname, "..");
const SECRET = "multi-instance-signing-secret";
const ADMIN = "multi-instance-admin-token";
const LIMIT = 40;

let redis: ChildProcess;
let redisPort = 0;
const nodes: { proc: ChildProcess; port: number; out: string[] }[] = [];
let proxy: Server;
let proxyPort = 0;
let slack: Server;
let slackPosts = 0;
let work = "";

function startRedis(port: number): Promise<ChildProcess> {
  const p = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((ok, fail) => {
    p.stdout!.on("data", (d: Buffer) => d.toString().includes("Ready to accept") && ok(p));
    p.once("error", fail);
  });
}

async function waitReady(port: number, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`instance on ${port} not ready`);
}

/** Round robin over the instances; the test names the client in x-test-client, the proxy appends it as XFF. */
function startProxy(ports: number[]): Promise<Server> {
  let i = 0;
  const s = createServer((req, res) => {
    const port = ports[i++ % ports.length]!;
    const client = String(req.headers["x-test-client"] ?? "127.0.0.1");
    const up = request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers: { ...req.headers, "x-forwarded-for": client } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  return new Promise((ok) => s.listen(0, "127.0.0.1", () => ok(s)));
}

const viaProxy = (path: string, init: RequestInit & { client?: string } = {}) =>
  fetch(`http://127.0.0.1:${proxyPort}${path}`, { ...init, headers: { "x-test-client": init.client ?? "198.51.100.1", ...(init.headers as Record<string, string>) } });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "hoidap-multi-"));
  // One shared data/ for both instances, from the committed build (rebuilt at start if stale).
  cpSync(join(ROOT, "data"), join(work, "data"), { recursive: true });
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  slack = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.url?.includes("chat.postMessage")) slackPosts++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, ts: "1.2", messages: [] }));
    });
  });
  await new Promise<void>((ok) => slack.listen(0, "127.0.0.1", () => ok()));
  const slackPort = (slack.address() as { port: number }).port;
  for (let n = 0; n < 2; n++) {
    const port = await freePort();
    const out: string[] = [];
    const proc = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: join(work, "data"),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        REDIS_PREFIX: "t:",
        TRUST_PROXY: "1",
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        ADMIN_TOKEN: ADMIN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_API_BASE: `http://127.0.0.1:${slackPort}/api`,
        ANSWER_CACHE_SIZE: "100",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout!.on("data", (d: Buffer) => out.push(d.toString()));
    proc.stderr!.on("data", (d: Buffer) => out.push(d.toString()));
    nodes.push({ proc, port, out });
  }
  await Promise.all(nodes.map((n) => waitReady(n.port)));
  proxy = await startProxy(nodes.map((n) => n.port));
  proxyPort = (proxy.address() as { port: number }).port;
}, 180_000);

afterAll(async () => {
  for (const n of nodes) n.proc.kill("SIGKILL");
  redis?.kill("SIGKILL");
  proxy?.close();
  slack?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("two instances, one Redis", () => {
  it("a Slack event and its retry on the other instance are answered once", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ type: "event_callback", event_id: "Ev-multi-1", authorizations: [{ user_id: "UBOT" }], event: { type: "app_mention", user: "U1", channel: "C1", ts: "1700000000.0001", text: "<@UBOT> Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" } });
    const sig = "v0=" + (await hmacSha256Hex(SECRET, `v0:${ts}:${body}`));
    const headers = { "content-type": "application/json", "x-slack-request-timestamp": ts, "x-slack-signature": sig };
    const first = await fetch(`http://127.0.0.1:${nodes[0]!.port}/slack/events`, { method: "POST", headers, body });
    const retry = await fetch(`http://127.0.0.1:${nodes[1]!.port}/slack/events`, { method: "POST", headers: { ...headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }, body });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const until = Date.now() + 15_000;
    while (slackPosts < 1 && Date.now() < until) await sleep(100);
    await sleep(1500);
    expect(slackPosts).toBe(1);
  }, 30_000);

  it("a client's rate limit is shared: the N+1st request in the window is refused on whichever instance", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await viaProxy("/api/documents", { client: "203.0.113.77" })).status);
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses[LIMIT]).toBe(429);
    // Both instances refuse it now.
    expect((await viaProxy("/api/documents", { client: "203.0.113.77" })).status).toBe(429);
    expect((await viaProxy("/api/documents", { client: "203.0.113.77" })).status).toBe(429);
  });

  it("a Zalo refresh forced on both instances at once refreshes once, and both use the new token", async () => {
    let oauthCalls = 0;
    const oauth = (async () => {
      oauthCalls++;
      await sleep(200);
      return new Response(JSON.stringify({ access_token: "access-2", refresh_token: "refresh-2", expires_in: "90000" }), { headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    const initial = { accessToken: "access-1", refreshToken: "refresh-1", expiresAt: 0 };
    const stores = await Promise.all([0, 1].map((i) => createRedisStores({ url: `redis://127.0.0.1:${redisPort}`, prefix: "zt:", logger: silentLogger, instanceId: `i${i}` })));
    const managers = stores.map((s) => createZaloTokenManager({ appId: "app", appSecret: "secret", store: s.zaloTokens(initial), fetch: oauth, logger: silentLogger }));
    expect(await Promise.all(managers.map((m) => m.getAccessToken()))).toEqual(["access-1", "access-1"]);
    const after = await Promise.all(managers.map((m) => m.refresh("access-1")));
    expect(after).toEqual(["access-2", "access-2"]);
    expect(oauthCalls).toBe(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("a reindex on one instance is served by both within 5 s, with no failed request under load", async () => {
    const before = ((await (await fetch(`http://127.0.0.1:${nodes[1]!.port}/healthz`)).json()) as { version: string }).version;
    let failures = 0;
    let requests = 0;
    let stop = false;
    const load = (async () => {
      let i = 0;
      while (!stop) {
        const r = await viaProxy("/api/documents", { client: `192.0.2.${i++ % 250}` }).catch(() => null);
        requests++;
        if (!r || r.status !== 200) failures++;
        else await r.arrayBuffer();
      }
    })();
    const res = await fetch(`http://127.0.0.1:${nodes[0]!.port}/api/admin/reindex`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    const { version } = (await res.json()) as { version: string };
    expect(version).not.toBe(before);
    const t0 = Date.now();
    let seen = "";
    while (Date.now() - t0 < 5000) {
      seen = ((await (await fetch(`http://127.0.0.1:${nodes[1]!.port}/healthz`)).json()) as { version: string }).version;
      if (seen === version) break;
      await sleep(100);
    }
    stop = true;
    await load;
    expect(seen).toBe(version);
    expect(requests).toBeGreaterThan(20);
    expect(failures).toBe(0);
  }, 180_000);

  it("killing Redis degrades to per-instance behaviour with a logged warning, never a 5xx", async () => {
    redis.kill("SIGKILL");
    await sleep(300);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await viaProxy("/api/documents", { client: `192.0.2.${i}` })).status);
    const chat = await viaProxy("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" }), client: "192.0.2.200" });
    statuses.push(chat.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await sleep(300);
    for (const n of nodes) expect(n.out.join("")).toContain("redis unavailable");
  }, 30_000);
});
