// Fuzz the whole HTTP surface through app.request(): thousands of malformed requests (bad JSON, wrong
// types, 10k-deep nesting, 1 MB strings, control characters, invalid UTF-8, wrong content types, lying
// Content-Length, random methods, paths and query strings) to every endpoint, with the real knowledge
// (loadRuntime → data/). No answer may be a 5xx; every 4xx is the JSON error contract; the service still
// answers afterwards. Two apps: the default one (Slack/Zalo off → 404) and one with Slack, Zalo and the
// admin API configured (fake secrets, a fake outbound fetch), where a share of the channel calls is
// validly signed so the fuzz reaches their JSON handling.
import { createHash, createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRuntime } from "../ingest/runtime.ts";
import type { TokenPair } from "../src/channels/zalo.ts";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";

const N_PER_APP = 1800; // × 2 apps ≥ 3000 requests
const SLACK_SECRET = "fuzz-slack-signing-secret";
const ZALO = { appId: "fuzz-app", oaSecretKey: "fuzz-oa-secret" };
const ADMIN = "a".repeat(32);

let loaded: Loaded;
const deferred: Promise<unknown>[] = [];

beforeAll(async () => {
  const rt = await loadRuntime();
  loaded = { version: rt.data.manifest.version, corpus: rt.data.corpus, index: rt.kb.index, answer: rt.answer };
}, 300_000);

function makeApp(channels: boolean) {
  const env: Record<string, string> = { RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "silent" };
  if (channels) {
    Object.assign(env, {
      ADMIN_TOKEN: ADMIN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: "xoxb-fuzz",
      ZALO_APP_ID: ZALO.appId,
      ZALO_APP_SECRET: "fuzz-app-secret",
      ZALO_OA_SECRET_KEY: ZALO.oaSecretKey,
      ZALO_OA_ACCESS_TOKEN: "fuzz-access",
      ZALO_OA_REFRESH_TOKEN: "fuzz-refresh",
    });
  }
  let tokens: TokenPair | null = { accessToken: "fuzz-access", refreshToken: "fuzz-refresh", expiresAt: Date.now() + 86_400_000 };
  return createApp({
    config: parseConfig(env),
    current: () => loaded,
    // No reindex in the fuzz: the admin endpoint answers 409 "not supported".
    logger: silentLogger,
    // Outbound replies (Slack/Zalo) go nowhere: a fake API that accepts everything.
    fetch: (async () => new Response(JSON.stringify({ ok: true, error: 0, data: {} }), { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch,
    defer: (p) => {
      deferred.push(p.catch(() => {}));
    },
    zaloTokenStore: {
      load: async () => tokens,
      save: async (p) => {
        tokens = p;
      },
    },
  });
}

// ----------------------------------------------------------------------------- deterministic generators

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type R = ReturnType<typeof rng>;

const MB = 1024 * 1024;
const hugeString = "Bộ Công an ".repeat(Math.ceil(MB / 11)).slice(0, MB);
const deepArray = "[".repeat(10_000) + "]".repeat(10_000);
const deepObject = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\x7f\u0085\u2028\u2029\u200b\ufeff\ud800";

function randomText(r: R, max = 200): string {
  const kind = r.int(0, 6);
  const n = r.int(0, max);
  switch (kind) {
    case 0:
      return Array.from({ length: n }, () => String.fromCharCode(r.int(0, 0xffff))).join("");
    case 1:
      return Array.from({ length: n }, () => CONTROL[r.int(0, CONTROL.length - 1)]).join("");
    case 2:
      return Array.from({ length: n }, () => String.fromCodePoint(r.int(0, 0x10ffff))).join("").replace(/[\ud800-\udfff]/g, "");
    case 3:
      return r.pick(["Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "bo nao chu tri", "Tháng 12/2025", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "$" + "{7*7}", "{{7*7}}", "\u202Eevil", "NHNN", "Quý 10001"]);
    case 4:
      return "x".repeat(r.int(1990, 2010));
    case 5:
      return "";
    default:
      return Array.from({ length: n }, () => r.pick(["|", "\t", "\n", "\r", " ", "ơ", "Đ", "%", "&", "=", "?", "#", "\\", '"'])).join("");
  }
}

const INVALID_UTF8 = [
  [0xff, 0xfe, 0xfd],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0xc3],
  [0xf4, 0x90, 0x80, 0x80],
];

function invalidUtf8Body(r: R): Uint8Array {
  const pre = new TextEncoder().encode('{"message":"Bộ ');
  const bad = r.pick(INVALID_UTF8);
  const post = new TextEncoder().encode(' nào"}');
  const out = new Uint8Array(pre.length + bad.length + post.length);
  out.set(pre, 0);
  out.set(bad, pre.length);
  out.set(post, pre.length + bad.length);
  return out;
}

function randomJsonValue(r: R, depth = 0): unknown {
  const k = r.int(0, depth > 3 ? 4 : 7);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.int(-1e9, 1e9) * (r.chance(0.2) ? 1e300 : 1);
    case 2:
      return r.chance(0.5);
    case 3:
    case 4:
      return randomText(r, 50);
    case 5:
      return Array.from({ length: r.int(0, 5) }, () => randomJsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(0, 5) }, () => [r.pick(["message", "history", "sessionId", "role", "content", "__proto__", "constructor", randomText(r, 10)]), randomJsonValue(r, depth + 1)]));
  }
}

/** A malformed (or sometimes valid) /api/chat body. */
function chatBody(r: R): string | Uint8Array {
  const k = r.int(0, 21);
  switch (k) {
    case 0:
      return '{"message": "Bộ nào chủ trì';
    case 1:
      return randomText(r, 300);
    case 2:
      return r.chance(0.2) ? '{"message":1e309}' : JSON.stringify({ message: r.pick([123, null, true, [], {}, ["a"], -0]) });
    case 3:
      return JSON.stringify(r.pick([[], "str", 42, null, true]));
    case 4:
      return deepArray;
    case 5:
      return deepObject;
    case 6:
      return `{"message":"Bộ nào chủ trì?","history":[{"role":"user","content":${deepObject}}],"sessionId":${deepArray}}`;
    case 7:
      return `{"message":"x","history":${deepArray}}`;
    case 8:
      return JSON.stringify({ message: hugeString });
    case 9:
      return JSON.stringify({ message: "x".repeat(2001) });
    case 10:
      return JSON.stringify({ message: CONTROL + " Bộ Công an " + CONTROL });
    case 11:
      return JSON.stringify({ message: CONTROL.replace(/[^\x00-\x1f]/g, "") });
    case 12:
      return invalidUtf8Body(r);
    case 13:
      return JSON.stringify({ message: "Bộ nào chủ trì?", history: r.pick(["x", [{ role: "system", content: "x" }], [{ role: "user" }], Array.from({ length: 51 }, () => ({ role: "user", content: "a" })), [{ role: "user", content: "y".repeat(8001) }], [null], [[]]]) });
    case 14:
      return JSON.stringify({ message: "Bộ nào chủ trì?", sessionId: r.pick([1, "s".repeat(201), null, {}, []]) });
    case 15:
      return JSON.stringify(randomJsonValue(r));
    case 16:
      return JSON.stringify({ message: randomText(r, 120), ...(r.chance(0.5) ? { history: [{ role: "user", content: randomText(r, 50) }, { role: "assistant", content: randomText(r, 50) }] } : {}) });
    case 17:
      return '{"message":"a","message":{"x":1}}';
    case 18:
      return '{"__proto__":{"message":"x"},"constructor":{"prototype":{"polluted":1}}}';
    case 19:
      return "\ufeff" + JSON.stringify({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" });
    case 20:
      return JSON.stringify({ message: hugeString.slice(0, 60_000) });
    default:
      return JSON.stringify({ message: r.pick(["Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "luat chuyen doi so trinh quoc hoi khi nao", "NHNN được giao chủ trì những việc gì?", "Mức lương cơ sở năm 2026?"]) });
  }
}

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/jsonx", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "", "*/*", "application/json\u0000"];
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "FOO", "get", "post"];

/** encodeURIComponent that tolerates lone surrogates (they become U+FFFD, as a browser would send). */
function uri(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

function enc(s: string): string {
  // Sometimes well-encoded, sometimes with "+" for spaces or a broken percent sequence at the end.
  const k = Math.abs(s.length) % 3;
  if (k === 0) return uri(s);
  if (k === 1) return uri(s).replace(/%20/g, "+");
  return uri(s) + "%E0%A4%A";
}

function queryValue(r: R): string {
  return r.pick([
    () => "",
    () => String(r.int(-5, 600)),
    () => r.pick(["1.5", "1e3", "abc", "-0", "0x10", "99999999999999999999", "NaN", "Infinity", " 1", "1 "]),
    () => r.pick(["Bộ Công an", "BCA", "bo cong an", "Bộ Thông tin và Truyền thông", "Văn phòng Chính phủ", "NHNN", "Bộ Không Tồn Tại"]),
    () => r.pick(["lead", "coordinator", "any", "x", "LEAD"]),
    () => r.pick(["overdue", "upcoming", "recurring", "all", ""]),
    () => r.pick(["2025-12-31", "2025-13-45", "31/12/2025", "2025-12-31T00:00", "0000-00-00", "9999-99-99"]),
    () => r.pick(["json", "csv", "xml", "CSV"]),
    () => randomText(r, 100),
  ])();
}

function rawQueryString(r: R, keys: string[]): string {
  const n = r.int(0, 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.chance(0.85) ? r.pick(keys) : randomText(r, 10);
    const v = queryValue(r);
    parts.push(r.chance(0.9) ? `${enc(k)}=${enc(v)}` : r.pick([`${k}`, `=${v}`, `${k}=${v}`, "%", "&&", `${k}[]=1&${k}[]=2`, `${k}=%ZZ`, `${k}=%C0%AF`]));
  }
  return parts.join("&");
}

interface Spec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function slackSign(body: string, ts: string): string {
  return "v0=" + createHmac("sha256", SLACK_SECRET).update(`v0:${ts}:${body}`).digest("hex");
}

function channelSpec(r: R): Spec {
  const slack = r.chance(0.5);
  let body: string = r.pick([
    () => JSON.stringify(randomJsonValue(r)),
    () => randomText(r, 300),
    () => JSON.stringify({ type: "url_verification", challenge: randomText(r, 40) }),
    () => JSON.stringify({ type: "event_callback", event_id: `Ev${r.int(0, 1e6)}`, event: { type: r.pick(["app_mention", "message", "x"]), text: randomText(r, 100), channel: r.pick(["C1", "D1", 5, null]), user: "U1", ts: String(r.int(0, 1e9)), channel_type: r.pick(["im", "channel"]) } }),
    () => `command=${enc(r.pick(["/hoidap", "/x", ""]))}&text=${enc(randomText(r, 80))}&response_url=${enc("http://127.0.0.1:9/x")}&user_id=U1&channel_id=C1`,
    () => JSON.stringify({ app_id: ZALO.appId, event_name: r.pick(["user_send_text", "follow", "x", 5]), timestamp: r.pick([String(Date.now()), Date.now(), "abc", -1, 1e20, null]), sender: r.pick([{ id: "u1" }, {}, null, "x"]), message: { text: randomText(r, 80), msg_id: String(r.int(0, 1e9)) } }),
    () => deepObject,
    () => hugeString,
  ])();
  const headers: Record<string, string> = { "content-type": r.pick(CONTENT_TYPES) };
  if (slack) {
    const ts = r.pick([String(Math.floor(Date.now() / 1000)), "0", "abc", "", String(1e20), "-1"]);
    if (r.chance(0.8)) headers["x-slack-request-timestamp"] = ts;
    if (r.chance(0.8)) headers["x-slack-signature"] = r.chance(0.4) ? slackSign(body, ts) : r.pick(["v0=00", "", "v1=abc", randomText(r, 70)]);
    if (r.chance(0.1)) headers["x-slack-retry-num"] = r.pick(["1", "x", "-1"]);
    return { method: r.chance(0.9) ? "POST" : r.pick(METHODS), path: r.pick(["/slack/events", "/slack/commands"]), headers, body };
  }
  let ts = "";
  try {
    const parsed = JSON.parse(body) as { timestamp?: unknown };
    ts = parsed && typeof parsed === "object" && parsed.timestamp !== undefined ? String(parsed.timestamp) : "";
  } catch {
    /* not JSON */
  }
  if (r.chance(0.1)) body = body.slice(0, r.int(0, body.length));
  if (r.chance(0.85)) headers["x-zevent-signature"] = r.chance(0.4) ? `mac=${createHash("sha256").update(ZALO.appId + body + ts + ZALO.oaSecretKey).digest("hex")}` : r.pick(["mac=00", "", randomText(r, 64)]);
  return { method: r.chance(0.9) ? "POST" : r.pick(METHODS), path: "/zalo/webhook", headers, body };
}

function spec(r: R): Spec {
  const target = r.int(0, 11);
  const method = r.chance(0.1) ? r.pick(METHODS) : "";
  switch (target) {
    case 0:
    case 1:
    case 2: {
      const headers: Record<string, string> = {};
      const ct = r.chance(0.8) ? "application/json" : r.pick(CONTENT_TYPES);
      if (ct) headers["content-type"] = ct;
      if (r.chance(0.15)) headers.accept = "text/event-stream";
      if (r.chance(0.05)) headers["content-length"] = r.pick(["999999999", "-1", "abc", "0", "1e9"]);
      if (r.chance(0.05)) headers["x-request-id"] = randomText(r, 200).replace(/[^\x20-\x7e]/g, "x");
      return { method: method || "POST", path: "/api/chat", headers, body: chatBody(r) };
    }
    case 3:
    case 4:
      return { method: method || "GET", path: `/api/search?${rawQueryString(r, ["q", "k", "q"])}`, headers: {} };
    case 5:
    case 6:
      return { method: method || "GET", path: `/api/tasks?${rawQueryString(r, ["agency", "include_predecessors", "role", "q", "due_from", "due_to", "status", "document", "page", "per_page", "format"])}`, headers: {} };
    case 7: {
      const id = r.chance(0.3) ? r.pick(loaded.corpus.documents).id : randomText(r, 60);
      return { method: method || "GET", path: `/api/documents/${r.chance(0.8) ? uri(id) : r.pick(["..%2F..%2Fetc%2Fpasswd", "%", "%E0%A4%A", "a/b/c", "", "%00", "x".repeat(5000)])}${r.chance(0.2) ? "?" + rawQueryString(r, ["x"]) : ""}`, headers: {} };
    }
    case 8:
      return { method: method || r.pick(["GET", "GET", "POST"]), path: r.pick(["/api/agencies", "/healthz", "/api/documents", "/api/admin/status", "/api/admin/reindex", "/widget.js", "/"]) + (r.chance(0.3) ? `?${rawQueryString(r, ["x", "q"])}` : ""), headers: r.chance(0.3) ? { authorization: r.pick([`Bearer ${randomText(r, 40).replace(/[^\x20-\x7e]/g, "")}`, "Bearer ", "Basic x", `Bearer ${"a".repeat(31)}`]) } : {} };
    case 9:
    case 10:
      return channelSpec(r);
    default:
      return { method: method || r.pick(METHODS), path: r.pick(["/api", "/api/", "/api/chat/x", "/API/CHAT", "//api//chat", "/api/chat?x=1", "/%2e%2e/", "/.env", "/api/tasks/1", "/" + uri(randomText(r, 30))]), headers: {}, body: r.chance(0.5) ? randomText(r, 100) : undefined };
  }
}

// ------------------------------------------------------------------------------------------------ test

async function send(app: ReturnType<typeof makeApp>, s: Spec): Promise<Response | null> {
  const hasBody = s.body !== undefined && !["GET", "HEAD", "get"].includes(s.method);
  let req: Request;
  try {
    req = new Request(`http://localhost${s.path}`, { method: s.method, headers: s.headers, ...(hasBody ? { body: s.body as BodyInit } : {}) });
  } catch {
    return null; // the client itself refuses (e.g. a header with a NUL): never reaches a server
  }
  return app.request(req);
}

describe("HTTP fuzz", () => {
  for (const channels of [false, true]) {
    it(`${N_PER_APP} malformed requests → never 5xx, 4xx are the JSON error contract (${channels ? "Slack, Zalo, admin on" : "default config"})`, async () => {
      const app = makeApp(channels);
      const r = rng(channels ? 0xc0ffee : 0xdecaf);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let sent = 0;
      for (let i = 0; i < N_PER_APP; i++) {
        const s = spec(r);
        const res = await send(app, s);
        if (!res) continue;
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `${s.method} ${s.path.slice(0, 120)} [${typeof s.body === "string" ? s.body.slice(0, 60) : s.body ? "bytes" : ""}]`;
        if (res.status >= 500) failures.push(`${res.status} ← ${what}: ${(await res.text()).slice(0, 200)}`);
        else if (res.status >= 400 && s.method.toUpperCase() !== "HEAD") {
          const ct = res.headers.get("content-type") ?? "";
          const text = await res.text();
          let body: { error?: { code?: unknown; message?: unknown } } | null = null;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          if (!/application\/json/.test(ct) || !body?.error || typeof body.error.code !== "string" || typeof body.error.message !== "string" || !body.error.code || !body.error.message) {
            failures.push(`${res.status} without {error:{code,message}} ← ${what}: ${ct} ${text.slice(0, 150)}`);
          } else if (/\bat\s+\S+\s+\(|node_modules|\/work\/|\.ts:\d+/.test(text)) {
            failures.push(`${res.status} leaks a stack/path ← ${what}: ${text.slice(0, 200)}`);
          }
        } else {
          await res.arrayBuffer();
        }
      }
      console.info(`fuzz (${channels ? "channels on" : "default"}): ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
      expect(sent).toBeGreaterThan(N_PER_APP * 0.9);
      expect(failures.slice(0, 20)).toEqual([]);
      // The mix really hit both valid and invalid paths.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
      expect([...statuses.keys()].filter((s) => s >= 400 && s < 500).length).toBeGreaterThanOrEqual(4);

      // Still healthy and still answering.
      const h = await app.request("/healthz");
      expect(h.status).toBe(200);
      const res = await app.request("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" }) });
      expect(res.status).toBe(200);
      const ans = (await res.json()) as { answer: string };
      expect(ans.answer).toContain("Bộ Công an");
    });
  }

  it("deferred channel work settles", async () => {
    await Promise.race([Promise.allSettled(deferred), new Promise((r) => setTimeout(r, 30_000))]);
  });
});
