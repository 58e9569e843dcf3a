// Red-team findings of issue 12, one test each, through app.request() and the pure functions: proxy hops and
// spoofed X-Forwarded-For, the limiter's bounded map and sliding window, capped bodies, q caps, the streamed CSV,
// per-version lookups, admin limits, a failed reindex, a slash command replayed without trigger_id, the LLM check.

import { readBytesCapped } from "../src/http/body.ts";
import { describe, expect, it } from "vitest";
import type { AnswerFn, ChatAnswer } from "../src/answer/types.ts";
import { verifyLlmAnswer } from "../src/answer/llm.ts";
import { hmacSha256Hex } from "../src/channels/crypto.ts";
import { parseConfig } from "../src/config.ts";
import { createApp, type AppDeps, type Loaded } from "../src/http/app.ts";
import { lookupsOf } from "../src/http/lookups.ts";
import { addressKey, clientAddress, createMemoryRateLimitStore } from "../src/http/rate-limit.ts";
import { silentLogger } from "../src/log.ts";
import type { CorpusData } from "../src/tasks/corpus.ts";

const ADMIN = "admin-token-0123456789";

function task(i: number, documentId: string, end: string | null, lead: string[]) {
  return {
    id: `t${i}`,
    documentId,
    section: `Phụ lục › ${i}`,
    text: `Nhiệm vụ số ${i} về dữ liệu`,
    context: "",
    lead,
    leadText: lead.join(", "),
    coordinators: [],
    coordinatorsText: "",
    result: "Báo cáo",
    deadline: { text: end ? `ngày ${end}` : "thường xuyên", end, kind: end ? "date" : "recurring" },
    lines: [i, i],
  };
}

/** A synthetic corpus: two documents, tasks with deadlines out of order. */
function corpus(): CorpusData {
  const documents = ["a", "b"].map((id) => ({ id, number: `${id === "a" ? 1 : 2}/QĐ-TTg`, title: `Quyết định ${id}`, issuedDate: "2025-01-01", status: "final", lines: [1, 10] }));
  const tasks = [task(1, "a", "2026-12-31", ["Bộ Công an"]), task(2, "b", "2025-06-30", ["Bộ Tài chính"]), task(3, "a", null, ["Bộ Công an"]), task(4, "b", "2025-01-31", ["Bộ Công an"])];
  const chunks = documents.map((d) => ({ id: `${d.id}:1`, documentId: d.id, kind: "text", text: "x", context: "", heading: "", section: "Điều 1", lines: [1, 2] }));
  return { documents, chunks, tasks, indicators: [], warnings: [], failures: [], stats: { files: 2, documents: 2, sections: 2, tableRows: 0, chunks: 2, tasks: 4, indicators: 0 } } as unknown as CorpusData;
}

const ANSWER: ChatAnswer = { answer: "Không tìm thấy thông tin.", citations: [], intent: "other", facts: [] } as unknown as ChatAnswer;
const answer: AnswerFn = async () => ANSWER;

function makeApp(env: Record<string, string> = {}, over: Partial<AppDeps> = {}) {
  const c = corpus();
  const loaded: Loaded = { version: "v-test", corpus: c, index: { search: async () => [] } as unknown as Loaded["index"], answer };
  return createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "1000", ADMIN_TOKEN: ADMIN, ...env }), current: () => loaded, logger: silentLogger, fetch: (async () => new Response("{}")) as typeof fetch, defer: () => {}, ...over });
}

describe("proxies: TRUST_PROXY=N hops", () => {
  it("a client-written leftmost X-Forwarded-For is not the key (100 spoofed values share one bucket)", async () => {
    const app = makeApp({ RATE_LIMIT_PER_MINUTE: "5", TRUST_PROXY: "1" }, { clientAddress: () => "10.0.0.2" });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await app.request("/api/documents", { headers: { "X-Forwarded-For": `198.51.100.${i}, 203.0.113.9` } })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // Another real client (another address appended by our proxy) has its own bucket.
    expect((await app.request("/api/documents", { headers: { "X-Forwarded-For": "203.0.113.10" } })).status).toBe(200);
  });

  it("reads the N-th entry from the right, validated; falls back to the socket", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.7", "10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6", "10.0.0.2", 0)).toBe("10.0.0.2");
    expect(clientAddress("not-an-ip", "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddress(`${"9".repeat(15_000)}, 203.0.113.9`, "10.0.0.2", 1)).toBe("203.0.113.9");
  });

  it("groups IPv6 by /64 and unwraps IPv4-mapped addresses", () => {
    expect(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(addressKey("1.2.3.256")).toBeUndefined();
    expect(addressKey("x".repeat(15_000))).toBeUndefined();
  });

  it("TRUST_PROXY takes a number of hops; true is 1", () => {
    expect(parseConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(() => parseConfig({ TRUST_PROXY: "yes" })).toThrow();
  });
});

describe("rate limiter", () => {
  it("keeps at most maxKeys clients, evicting the least recently seen", async () => {
    const store = createMemoryRateLimitStore(100);
    for (let i = 0; i < 5000; i++) await store.hit(`ip:${i}`, 1000 + i, 60_000, 10);
    expect(store.size()).toBe(100);
  });

  it("a sliding window: no 2× the limit around a minute boundary", async () => {
    const store = createMemoryRateLimitStore();
    const boundary = 60_000 * 1000;
    let ok = 0;
    for (let i = 0; i < 60; i++) if ((await store.hit("k", boundary - 2000 + i, 60_000, 60)).ok) ok++;
    for (let i = 0; i < 60; i++) if ((await store.hit("k", boundary + 2000 + i, 60_000, 60)).ok) ok++;
    expect(ok).toBe(60);
    // A minute after the first burst the window has slid past it.
    expect((await store.hit("k", boundary + 58_001, 60_000, 60)).ok).toBe(true);
  });

  it("admin routes are limited too, in their own bucket", async () => {
    const app = makeApp({ RATE_LIMIT_PER_MINUTE: "3" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request("/api/admin/status", { headers: { Authorization: "Bearer wrong-token-guess" } })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe("bodies and parameters", () => {
  it("a chunked /api/chat body past the cap is refused with 413 without reading it all", async () => {
    const app = makeApp();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        if (pulled > 10_000) return c.close();
        c.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
    });
    const res = await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/quá lớn .* too large/);
    expect(pulled).toBeLessThan(5);
  });

  it("a body with a declared length is read whole within the cap, and refused past it", async () => {
    const body = JSON.stringify({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" });
    const bytes = new TextEncoder().encode(body);
    const req = (len: string, b: string) => new Request("http://x/api/chat", { method: "POST", headers: { "Content-Length": len }, body: b });
    const ok = await readBytesCapped(req(String(bytes.byteLength), body), 2048);
    expect(ok.ok && new TextDecoder().decode(ok.bytes)).toBe(body);
    // Declared over the cap: refused before the body is read; malformed: 400.
    expect(await readBytesCapped(req("4096", body), 2048)).toEqual({ ok: false, status: 413 });
    expect(await readBytesCapped(req("12abc", body), 2048)).toEqual({ ok: false, status: 400 });
    // A declared length the body runs past (only an in-process Request can: HTTP framing ends a body at its length).
    expect(await readBytesCapped(req("100", "a".repeat(3000)), 2048)).toEqual({ ok: false, status: 413 });
    // Through the app: a declared length over the cap is a bilingual 413.
    const big = await makeApp({ MAX_BODY_BYTES: "2048" }).request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": "4096" }, body });
    expect(big.status).toBe(413);
  });

  it("caps /api/tasks q and document with a bilingual 400", async () => {
    const app = makeApp();
    const res = await app.request(`/api/tasks?q=${"a".repeat(5000)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Dữ liệu không hợp lệ.*Invalid input/);
    expect((await app.request(`/api/tasks?document=${"a".repeat(5000)}`)).status).toBe(400);
  });

  it("the CSV is streamed, and paged when asked", async () => {
    const app = makeApp();
    const all = await app.request("/api/tasks?format=csv");
    expect(all.headers.get("X-Total-Count")).toBe("4");
    expect(all.body).toBeInstanceOf(ReadableStream);
    const rows = (await all.text()).trim().split("\r\n");
    expect(rows).toHaveLength(5);
    // Deadline order: 2025-01-31, 2025-06-30, 2026-12-31, then none.
    expect(rows.slice(1).map((r) => r.split(";")[2])).toEqual(["Phụ lục › 4", "Phụ lục › 2", "Phụ lục › 1", "Phụ lục › 3"]);
    const page = await app.request("/api/tasks?format=csv&page=2&per_page=3");
    expect((await page.text()).trim().split("\r\n")).toHaveLength(2);
  });
});

describe("per-version lookups", () => {
  it("are built once per corpus object and give the same answers as a scan", async () => {
    const c = corpus();
    const a = lookupsOf(c);
    expect(lookupsOf(c)).toBe(a);
    expect(a.documents.map((d) => [d.id, d.tasks, d.chunks])).toEqual([
      ["a", 2, 1],
      ["b", 2, 1],
    ]);
    expect(lookupsOf(corpus())).not.toBe(a);
    const app = makeApp();
    const lead = (await (await app.request("/api/tasks?agency=Bộ Công an")).json()) as { tasks: { id: string }[] };
    expect(lead.tasks.map((t) => t.id)).toEqual(["t4", "t1", "t3"]);
    const byDoc = (await (await app.request("/api/tasks?document=b")).json()) as { tasks: { id: string }[] };
    expect(byDoc.tasks.map((t) => t.id)).toEqual(["t4", "t2"]);
  });
});

describe("admin reindex", () => {
  it("a failed reindex is a 422 JSON with the reason, in both languages", async () => {
    const app = makeApp({}, { reindex: async () => Promise.reject(new Error("no readable documents in corpus")) });
    const res = await app.request("/api/admin/reindex", { method: "POST", headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("reindex_failed");
    expect(body.error.message).toMatch(/không thành công.*no readable documents.*Reindex failed/);
  });
});

describe("healthz while draining", () => {
  it("answers 503 once shutdown has begun", async () => {
    let stopping = false;
    const app = makeApp({}, { draining: () => stopping });
    expect((await app.request("/healthz")).status).toBe(200);
    stopping = true;
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { status: string }).status).toBe("draining");
  });

  it("the drain period after SIGTERM is 1 s by default, configurable, and never longer than the shutdown budget", () => {
    expect(parseConfig({}).server.shutdownDrainMs).toBe(1000);
    expect(parseConfig({ SHUTDOWN_DRAIN_MS: "0" }).server.shutdownDrainMs).toBe(0);
    expect(parseConfig({ SHUTDOWN_DRAIN_MS: "5000", SHUTDOWN_TIMEOUT_MS: "2000" }).server.shutdownDrainMs).toBe(2000);
    expect(() => parseConfig({ SHUTDOWN_DRAIN_MS: "-1" })).toThrow(/SHUTDOWN_DRAIN_MS/);
  });
});

describe("Slack slash command replayed without trigger_id", () => {
  it("is answered once", async () => {
    const secret = "slack-signing-secret-test";
    let answered = 0;
    const app = makeApp(
      { SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: "xoxb-1" },
      {
        defer: (p) => void p,
        current: () => ({
          version: "v",
          corpus: corpus(),
          index: { search: async () => [] } as unknown as Loaded["index"],
          answer: async () => {
            answered++;
            return ANSWER;
          },
        }),
        fetch: (async () => new Response("ok")) as typeof fetch,
      },
    );
    const ts = String(Math.floor(Date.now() / 1000));
    const body = new URLSearchParams({ command: "/hoidap", text: "Ai chủ trì?", response_url: "https://hooks.slack.com/commands/T1/1/abc", team_id: "T1", channel_id: "C1", user_id: "U1" }).toString();
    const sig = "v0=" + (await hmacSha256Hex(secret, `v0:${ts}:${body}`));
    const send = () => app.request("/slack/commands", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig }, body });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(1);
  });
});

describe("LLM check", () => {
  const base: ChatAnswer = {
    answer: "Bộ Công an chủ trì nhiệm vụ xây dựng hệ thống định danh điện tử; thời hạn: tháng 12/2026 [1].",
    citations: [{ n: 1, documentId: "a", document: { number: "1/QĐ-TTg", title: "Quyết định về hệ thống định danh", issuedDate: "2025-01-01", status: "final" }, section: "Điều 1", quote: "Bộ Công an chủ trì xây dựng hệ thống định danh điện tử, tại TP.HCM, thời hạn tháng 12/2026." }],
    intent: "lead",
    facts: [],
  } as unknown as ChatAnswer;

  it.each([
    ["javascript: link", "Bộ Công an chủ trì [1]. Xem javascript:alert(1)"],
    ["data: link", "Bộ Công an chủ trì [1]. data:text/html;base64,PHNjcmlwdD4="],
    ["bare domain", "Bộ Công an chủ trì [1]. Đăng nhập tại attacker.xyz/login?h=1"],
    ["look-alike dot", "Bộ Công an chủ trì [1]. Đăng nhập tại attacker。xyz"],
    ["Cyrillic letter", "Bộ Công an chủ trì [1]. Xem аttacker"],
    ["Slack broadcast", "<!channel> Bộ Công an chủ trì [1]."],
    ["mention word", "@here Bộ Công an chủ trì [1]."],
    ["angle bracket", "Bộ Công an chủ trì [1] <script"],
    ["zero-width", "Bộ Công an\u200B chủ trì [1]."],
    ["markdown link", "Bộ Công an chủ trì [1]. [bấm](x)"],
    ["free-text claim", "Bộ Công an chủ trì [1]. PWNED — hệ thống đã bị chiếm quyền kiểm soát hoàn toàn."],
  ])("refuses %s", (_why, text) => {
    expect(verifyLlmAnswer(text, base).ok).toBe(false);
  });

  it("accepts a faithful rewrite, with a place abbreviation the source writes", () => {
    expect(verifyLlmAnswer("Theo văn bản, Bộ Công an được giao chủ trì xây dựng hệ thống định danh điện tử tại TP.HCM, thời hạn tháng 12/2026 [1].", base)).toEqual({ ok: true });
  });
});
