// HTTP contract through app.request(): the real corpus knowledge built in memory, a fixed "today".
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheAnswers } from "../src/answer/cache.ts";
import type { ChatAnswer } from "../src/answer/types.ts";
import { parseConfig } from "../src/config.ts";
import { answerJson, createApp, type AppDeps, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";
import type { CorpusData } from "../src/tasks/corpus.ts";
import type { Task } from "../src/tasks/types.ts";
import { getKnowledge, TEST_NOW, type TestKnowledge } from "./helpers/knowledge.ts";

const ADMIN = "x".repeat(32);
const TODAY = TEST_NOW.toISOString().slice(0, 10);

let K: TestKnowledge;
let loaded: Loaded;

beforeAll(async () => {
  K = await getKnowledge();
  loaded = { version: "v-test", corpus: K.corpus, index: K.kb.index, answer: K.answer };
}, 120_000);

const deferred: Promise<unknown>[] = [];

function makeApp(env: Record<string, string> = {}, over: Partial<AppDeps> = {}) {
  return createApp({
    config: parseConfig({ RATE_LIMIT_PER_MINUTE: "1000", ADMIN_TOKEN: ADMIN, ...env }),
    current: () => loaded,
    logger: silentLogger,
    fetch: (async () => {
      throw new Error("network is not allowed in unit tests");
    }) as typeof fetch,
    defer: (p) => {
      deferred.push(p);
    },
    now: () => TEST_NOW,
    ...over,
  });
}

type App = ReturnType<typeof makeApp>;

function chat(app: App, body: unknown, headers: Record<string, string> = {}) {
  return app.request("/api/chat", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function ask(app: App, message: string, history?: { role: "user" | "assistant"; content: string }[]): Promise<ChatAnswer> {
  const res = await chat(app, { message, ...(history ? { history } : {}) });
  expect(res.status).toBe(200);
  return (await res.json()) as ChatAnswer;
}

/** Every [n] in the answer text exists in citations, and every citation is used. */
function expectCitationsConsistent(a: ChatAnswer) {
  const used = [...a.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const ns = a.citations.map((c) => c.n);
  for (const n of used) expect(ns, `[${n}] in "${a.answer.slice(0, 120)}"`).toContain(n);
  for (const n of ns) expect(used).toContain(n);
  expect(new Set(ns).size).toBe(ns.length);
}

async function expectError(res: Response, status: number | "4xx", code?: string) {
  if (status === "4xx") {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  } else expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(body.error.code.length).toBeGreaterThan(0);
  // Vietnamese / English
  expect(body.error.message).toContain(" / ");
  const [vi, en] = body.error.message.split(" / ");
  expect(vi).toMatch(/[\u00C0-\u1EF9]/);
  // The English half starts in English (details such as an echoed agency name may follow).
  expect(en).toMatch(/^[A-Z][A-Za-z ]+/);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

interface SseEvent {
  event: string;
  data: string;
}

function parseSse(text: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (!block.trim()) continue;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    out.push({ event, data: data.join("\n") });
  }
  return out;
}

describe("GET /healthz", () => {
  it("is 503 while the index loads", async () => {
    const res = await makeApp({}, { current: () => null }).request("/healthz");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { status: string }).status).not.toBe("ok");
  });

  it("is 200 with counts once loaded", async () => {
    const res = await makeApp().request("/healthz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", documents: 12, chunks: K.corpus.chunks.length, tasks: K.corpus.tasks.length });
    expect(body.chunks).toBeGreaterThan(1000);
    expect(body.tasks).toBeGreaterThan(100);
  });

  it("/api/chat answers 503 not_ready (with Retry-After) while loading", async () => {
    const res = await chat(makeApp({}, { current: () => null }), { message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" });
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    await expectError(res, 503, "not_ready");
  });
});

describe("POST /api/chat", () => {
  it("answers in JSON with intent, facts and consistent citations", async () => {
    const a = await ask(makeApp(), "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?");
    expect(a.intent).toBe("lead");
    expect(a.answer).toContain("Bộ Công an");
    expect(a.answer).toContain("tháng 12/2026");
    expect(a.citations.length).toBeGreaterThan(0);
    expectCitationsConsistent(a);
    const c = a.citations[0]!;
    expect(c.documentId).toBe("qd-2629-2025");
    expect(c.document.number).toBe("2629/QĐ-TTg");
    expect(c.document.status).toBe("final");
    expect(c.section.length).toBeGreaterThan(0);
    expect(c.quote).toContain("Luật An ninh dữ liệu");
    expect(a.facts?.[0]).toMatchObject({ lead: ["Bộ Công an"], deadline: { text: "Tháng 12/2026", end: "2026-12-31" } });
    expect(a.facts?.[0]?.task).toContain("Luật An ninh dữ liệu");
  });

  it("a cached answer is sent byte for byte as a fresh one (its JSON is serialised once per answer object)", async () => {
    const cachedApp = makeApp({}, { current: () => ({ ...loaded, answer: cacheAnswers(K.answer, { scope: () => "v-test" }) }) });
    const freshApp = makeApp();
    const questions = ["Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "NHNN được giao chủ trì những việc gì về chuyển đổi số?", "Bộ nào chủ trì xây dựng sân bay quốc tế Long Thành?"];
    for (const q of questions) {
      const fresh = await chat(freshApp, { message: q });
      const first = await chat(cachedApp, { message: q });
      const again = await chat(cachedApp, { message: ` ${q.toLowerCase()} ` });
      // Each response carries its own answerId (the questions log's key); the rest is the same bytes.
      const withIds = await Promise.all([fresh, first, again].map(async (r) => new TextDecoder().decode(await r.arrayBuffer())));
      const bodies = withIds.map((t) => new TextEncoder().encode(t.replace(/,"answerId":"[0-9a-f-]{36}"\}$/, "}")));
      // A list cut short links to the board instead of naming the API (src/http/answer-extras.ts linkBoard).
      const raw = JSON.stringify(await K.answer({ message: q }));
      expect(new TextDecoder().decode(bodies[0]).replace(/\(danh sách đầy đủ: \/board\?[^)]*\)/, "(xem /api/tasks để lấy đầy đủ danh sách)")).toBe(raw);
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[2]).toEqual(bodies[0]);
      for (const r of [fresh, first, again]) {
        expect(r.headers.get("content-type")).toBe("application/json");
        expect(r.headers.get("content-length") ?? String(bodies[0]!.byteLength)).toBe(String(bodies[0]!.byteLength));
      }
    }
  });

  it("answerJson: the UTF-8 of JSON.stringify(answer), computed once per answer object", () => {
    const a: ChatAnswer = { answer: "Bộ Công an chủ trì “Luật An ninh dữ liệu” [1].", citations: [], intent: "lead", facts: [] };
    const b = structuredClone(a);
    const bytes = answerJson(a);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(a));
    expect(answerJson(a)).toBe(bytes);
    expect(answerJson(b)).not.toBe(bytes);
    expect(answerJson(b)).toEqual(bytes);
  });

  it("keeps citations consistent for list answers", async () => {
    const a = await ask(makeApp(), "Bộ Công an chủ trì những nhiệm vụ nào?");
    expect(a.citations.length).toBeGreaterThan(3);
    expectCitationsConsistent(a);
  });

  it("streams the same answer as server-sent events ending with the full JSON", async () => {
    const app = makeApp();
    const q = "Bộ Công an chủ trì những nhiệm vụ nào?";
    const res = await chat(app, { message: q }, { Accept: "text/event-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    const deltas = events.filter((e) => e.event === "delta");
    const done = events.filter((e) => e.event === "done");
    expect(deltas.length).toBeGreaterThan(1);
    expect(done).toHaveLength(1);
    expect(events.at(-1)!.event).toBe("done");
    const final = JSON.parse(done[0]!.data) as ChatAnswer;
    const streamed = deltas.map((d) => (JSON.parse(d.data) as { text: string }).text).join("");
    expect(streamed).toBe(final.answer);
    // ...and it is the same answer the JSON endpoint gives.
    const json = await ask(app, q);
    // Same answer; each response has its own answerId.
    expect({ ...final, answerId: "" }).toEqual({ ...json, answerId: "" });
  });

  describe("bad input → 4xx with a bilingual error, never 5xx", () => {
    const app = () => makeApp();
    it("invalid JSON", async () => expectError(await chat(app(), "{message: 'x'"), 400, "invalid_json"));
    it("message not a string", async () => expectError(await chat(app(), { message: 42 }), 400, "invalid_input"));
    it("message missing", async () => expectError(await chat(app(), { question: "x" }), 400, "invalid_input"));
    it("empty message", async () => expectError(await chat(app(), { message: "" }), 400, "empty_message"));
    it("whitespace-only message", async () => expectError(await chat(app(), { message: " \n\t\u0000 " }), 400, "empty_message"));
    it("message over MAX_MESSAGE_CHARS", async () => {
      const err = await expectError(await chat(app(), { message: "a".repeat(2001) }), "4xx", "message_too_long");
      expect(err.message).toContain("2000");
      // Exactly at the limit is accepted.
      expect((await chat(app(), { message: `${"luật an ninh dữ liệu ".repeat(100)}`.slice(0, 2000) })).status).toBe(200);
    });
    it("MAX_MESSAGE_CHARS is configurable", async () => {
      await expectError(await chat(makeApp({ MAX_MESSAGE_CHARS: "20" }), { message: "Bộ nào chủ trì Luật An ninh dữ liệu?" }), "4xx", "message_too_long");
    });
    it("history of the wrong shape", async () => {
      await expectError(await chat(app(), { message: "x", history: "hello" }), 400, "invalid_input");
      await expectError(await chat(app(), { message: "x", history: [{ role: "system", content: "hi" }] }), 400, "invalid_input");
      await expectError(await chat(app(), { message: "x", history: [{ role: "user" }] }), 400, "invalid_input");
    });
    it("wrong Content-Type", async () => {
      const res = await app().request("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ message: "Luật An ninh dữ liệu" }),
      });
      await expectError(res, 415, "unsupported_media_type");
    });
    it("no Content-Type", async () => {
      const res = await app().request("/api/chat", { method: "POST", body: new Uint8Array(Buffer.from('{"message":"x"}')) });
      await expectError(res, "4xx");
    });
    it("body over MAX_BODY_BYTES", async () => {
      const big = JSON.stringify({ message: "hi", sessionId: "s", pad: "x".repeat(70 * 1024) });
      await expectError(await chat(app(), big), 413, "body_too_large");
    });
    it("body over MAX_BODY_BYTES by declared Content-Length", async () => {
      const res = await app().request("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": String(10 * 1024 * 1024) },
        body: '{"message":"x"}',
      });
      await expectError(res, "4xx");
    });
    it("invalid UTF-8 bytes", async () => {
      const bytes = Buffer.concat([Buffer.from('{"message":"B'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]);
      const res = await app().request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: new Uint8Array(bytes) });
      await expectError(res, 400, "invalid_input");
    });
    it("a JSON array body", async () => expectError(await chat(app(), [{ message: "x" }]), 400, "invalid_input"));
    it("JSON null / string / number bodies", async () => {
      for (const b of ["null", '"hello"', "42", "true"]) await expectError(await chat(app(), b), 400);
    });
    it("deeply nested JSON", async () => {
      const depth = 20_000;
      await expectError(await chat(app(), `{"message":${"[".repeat(depth)}${"]".repeat(depth)}}`), "4xx");
      await expectError(await chat(app(), `{"message":"x","history":${"[".repeat(depth)}${"]".repeat(depth)}}`), "4xx");
      await expectError(await chat(app(), `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`), "4xx");
    });
    it("history longer than allowed", async () => {
      const history = Array.from({ length: 51 }, () => ({ role: "user" as const, content: "x" }));
      await expectError(await chat(app(), { message: "x", history }), 400, "invalid_input");
    });
    it("arbitrary JSON values never cause a 5xx", async () => {
      const a = app();
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.option(fc.string({ maxLength: 40 })), async (v, m) => {
          const body = m === null ? v : { message: m, history: v };
          const res = await chat(a, JSON.stringify(body));
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(((await res.json()) as { error: { message: string } }).error.message).toContain(" / ");
        }),
        { numRuns: 60, seed: 20261123 },
      );
    });
  });

  it("GET /api/chat → 405", async () => {
    await expectError(await makeApp().request("/api/chat"), 405, "method_not_allowed");
  });
});

describe("routing", () => {
  it("unknown route → 404 JSON", async () => {
    await expectError(await makeApp().request("/api/nope"), 404, "not_found");
    await expectError(await makeApp().request("/no/such/page"), 404, "not_found");
  });
});

describe("GET /api/search", () => {
  it("returns k hits with section and document", async () => {
    const res = await makeApp().request("/api/search?q=bo%20cong%20an&k=3");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      query: string;
      hits: { id: string; score: number; section: string; documentId: string; document: { title: string; status: string }; text: string }[];
    };
    expect(body.query).toBe("bo cong an");
    expect(body.hits).toHaveLength(3);
    for (const h of body.hits) {
      expect(typeof h.section).toBe("string");
      expect(h.document.title.length).toBeGreaterThan(0);
      expect(["final", "draft", "summary"]).toContain(h.document.status);
      expect(K.corpus.documents.map((d) => d.id)).toContain(h.documentId);
      expect(h.text).toMatch(/Bộ Công an/);
    }
    const scores = body.hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("without q → 400; bad k → 400", async () => {
    await expectError(await makeApp().request("/api/search"), 400, "invalid_input");
    await expectError(await makeApp().request("/api/search?q=%20%20"), 400, "invalid_input");
    await expectError(await makeApp().request("/api/search?q=x&k=abc"), 400, "invalid_input");
    await expectError(await makeApp().request("/api/search?q=x&k=0"), 400, "invalid_input");
  });
});

describe("documents and agencies", () => {
  it("/api/documents lists 12 documents with counts", async () => {
    const res = await makeApp().request("/api/documents");
    expect(res.status).toBe(200);
    const { documents } = (await res.json()) as { documents: { id: string; tasks: number; chunks: number; status: string }[] };
    expect(documents).toHaveLength(12);
    expect(new Set(documents.map((d) => d.id)).size).toBe(12);
    const qd = documents.find((d) => d.id === "qd-2629-2025")!;
    expect(qd.tasks).toBeGreaterThan(50);
    expect(documents.reduce((s, d) => s + d.chunks, 0)).toBe(K.corpus.chunks.length);
    expect(documents.find((d) => d.id === "du-thao-kh-cds-2025")?.status).toBe("draft");
  });

  it("/api/documents/:id returns one document; unknown → 404", async () => {
    const ok = await makeApp().request("/api/documents/qd-2629-2025");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { document: { number: string }; sections: string[]; tasks: number };
    expect(body.document.number).toBe("2629/QĐ-TTg");
    expect(body.sections.length).toBeGreaterThan(1);
    await expectError(await makeApp().request("/api/documents/khong-co"), 404, "not_found");
  });

  it("/api/agencies includes Bộ Thông tin và Truyền thông with its successor", async () => {
    const res = await makeApp().request("/api/agencies");
    const { agencies } = (await res.json()) as { agencies: { name: string; successor: string | null; predecessors: string[]; aliases: string[] }[] };
    const tttt = agencies.find((a) => a.name === "Bộ Thông tin và Truyền thông");
    expect(tttt?.successor).toBe("Bộ Khoa học và Công nghệ");
    const khcn = agencies.find((a) => a.name === "Bộ Khoa học và Công nghệ");
    expect(khcn?.predecessors).toContain("Bộ Thông tin và Truyền thông");
    expect(khcn?.successor).toBeNull();
  });
});

describe("GET /api/tasks", () => {
  type TasksBody = { total: number; page: number; perPage: number; tasks: Task[] };
  const get = async (app: App, qs: string) => {
    const res = await app.request(`/api/tasks?${qs}`);
    expect(res.status).toBe(200);
    return (await res.json()) as TasksBody;
  };

  it("agency alias BCA returns only tasks led by Bộ Công an", async () => {
    const body = await get(makeApp(), "agency=BCA&per_page=500");
    expect(body.total).toBeGreaterThan(10);
    expect(body.tasks).toHaveLength(body.total);
    for (const t of body.tasks) expect(t.lead).toContain("Bộ Công an");
    // Same as the full name and the unaccented spelling.
    expect((await get(makeApp(), `agency=${encodeURIComponent("Bộ Công an")}&per_page=500`)).total).toBe(body.total);
    expect((await get(makeApp(), "agency=bo%20cong%20an&per_page=500")).total).toBe(body.total);
    expect(body.total).toBe(K.corpus.tasks.filter((t) => t.lead.includes("Bộ Công an")).length);
  });

  it("include_predecessors adds tasks led by Bộ Thông tin và Truyền thông to Bộ KH&CN", async () => {
    const a = encodeURIComponent("Bộ KH&CN");
    const plain = await get(makeApp(), `agency=${a}&per_page=500`);
    const withPred = await get(makeApp(), `agency=${a}&include_predecessors=1&per_page=500`);
    expect(withPred.total).toBeGreaterThan(plain.total);
    expect(plain.tasks.every((t) => t.lead.includes("Bộ Khoa học và Công nghệ"))).toBe(true);
    expect(plain.tasks.some((t) => t.lead.includes("Bộ Thông tin và Truyền thông") && !t.lead.includes("Bộ Khoa học và Công nghệ"))).toBe(false);
    expect(withPred.tasks.some((t) => t.lead.includes("Bộ Thông tin và Truyền thông"))).toBe(true);
    for (const t of withPred.tasks) expect(t.lead.some((n) => n === "Bộ Khoa học và Công nghệ" || n === "Bộ Thông tin và Truyền thông")).toBe(true);
  });

  it("an agency named nowhere in the corpus → 200 with no tasks (any name is accepted, not only registry ids)", async () => {
    const body = await get(makeApp(), `agency=${encodeURIComponent("Bộ Không Tồn Tại XYZ")}`);
    expect(body.total).toBe(0);
    expect(body.tasks).toEqual([]);
  });

  it("status=overdue is relative to the injected date", async () => {
    const body = await get(makeApp(), "status=overdue&per_page=500");
    expect(body.total).toBeGreaterThan(0);
    for (const t of body.tasks) {
      expect(t.deadline.kind).not.toBe("recurring");
      expect(t.deadline.end! < TODAY).toBe(true);
    }
    const expected = K.corpus.tasks.filter((t) => t.deadline.kind !== "recurring" && t.deadline.end && t.deadline.end < TODAY).length;
    expect(body.total).toBe(expected);
    // Another "today" gives another answer: nothing is overdue in 2000, and later more is.
    const early = await get(makeApp({}, { now: () => new Date("2000-01-01T00:00:00Z") }), "status=overdue");
    expect(early.total).toBe(0);
    const late = await get(makeApp({}, { now: () => new Date("2040-01-01T00:00:00Z") }), "status=overdue");
    expect(late.total).toBeGreaterThan(body.total);
    // overdue + upcoming + recurring + undated = all
    const up = await get(makeApp(), "status=upcoming&per_page=1");
    const rec = await get(makeApp(), "status=recurring&per_page=1");
    for (const t of (await get(makeApp(), "status=upcoming&per_page=500")).tasks) expect(t.deadline.end! >= TODAY).toBe(true);
    const undated = K.corpus.tasks.filter((t) => t.deadline.kind !== "recurring" && !t.deadline.end).length;
    expect(body.total + up.total + rec.total + undated).toBe(K.corpus.tasks.length);
    await expectError(await makeApp().request("/api/tasks?status=late"), 400, "invalid_input");
  });

  it("due_from / due_to filter by deadline end, sorted by deadline", async () => {
    const body = await get(makeApp(), "due_from=2026-01-01&due_to=2026-06-30&per_page=500");
    expect(body.total).toBeGreaterThan(0);
    for (const t of body.tasks) {
      expect(t.deadline.end! >= "2026-01-01").toBe(true);
      expect(t.deadline.end! <= "2026-06-30").toBe(true);
    }
    const ends = body.tasks.map((t) => t.deadline.end!);
    expect([...ends].sort()).toEqual(ends);
    expect(body.total).toBe(K.corpus.tasks.filter((t) => t.deadline.end && t.deadline.end >= "2026-01-01" && t.deadline.end <= "2026-06-30").length);
  });

  it("bad due_from → 400", async () => {
    await expectError(await makeApp().request("/api/tasks?due_from=01/06/2026"), 400, "invalid_input");
    await expectError(await makeApp().request("/api/tasks?due_to=2026-6-1"), 400, "invalid_input");
  });

  it("pages through the list", async () => {
    const all = await get(makeApp(), "per_page=10");
    const p1 = await get(makeApp(), "page=1&per_page=5");
    const p2 = await get(makeApp(), "page=2&per_page=5");
    expect(p1).toMatchObject({ page: 1, perPage: 5, total: K.corpus.tasks.length });
    expect(p1.tasks).toHaveLength(5);
    expect(p2.tasks).toHaveLength(5);
    expect([...p1.tasks, ...p2.tasks].map((t) => t.id)).toEqual(all.tasks.map((t) => t.id));
    const beyond = await get(makeApp(), "page=9999&per_page=500");
    expect(beyond.tasks).toEqual([]);
    expect((await get(makeApp(), "")).tasks).toHaveLength(50);
    await expectError(await makeApp().request("/api/tasks?per_page=0"), 400);
    await expectError(await makeApp().request("/api/tasks?per_page=501"), 400);
    await expectError(await makeApp().request("/api/tasks?page=-1"), 400);
    await expectError(await makeApp().request("/api/tasks?page=1.5"), 400);
  });

  it("format=csv: UTF-8 BOM, Vietnamese header, one row per task", async () => {
    const res = await makeApp().request("/api/tasks?agency=BCA&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="[^"]+\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const header = text.slice(1).split("\r\n")[0]!;
    expect(header).toContain("Nhiệm vụ");
    expect(header).toContain("Cơ quan chủ trì");
    expect(text).toContain("Xây dựng Luật An ninh dữ liệu");
    const total = (await get(makeApp(), "agency=BCA")).total;
    expect(parseCsv(text.slice(1))).toHaveLength(total + 1);
  });

  it("format=csv neutralises formula cells and quotes separators", async () => {
    const fake = fakeLoaded([
      fakeTask({ id: "t1", text: "=HYPERLINK(\"http://evil\",\"x\")", lead: ["Bộ Công an"], deadline: { kind: "month", text: "Tháng 6/2026", end: "2026-06-30" } }),
      fakeTask({ id: "t2", text: "+1+1", result: "-2", lead: ["Bộ Tài chính"], coordinators: ["@SUM(A1)"], deadline: { kind: "month", text: "Tháng 7/2026", end: "2026-07-31" } }),
      fakeTask({ id: "t3", text: 'Nhiệm vụ có "ngoặc", dấu phẩy; và\nxuống dòng', lead: ["Bộ Nội vụ"], deadline: { kind: "month", text: "Tháng 8/2026", end: "2026-08-31" } }),
    ]);
    const res = await makeApp({}, { current: () => fake }).request("/api/tasks?format=csv");
    expect(res.status).toBe(200);
    const text = await res.text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows).toHaveLength(4);
    const col = rows[0]!.indexOf("Nhiệm vụ");
    expect(col).toBeGreaterThanOrEqual(0);
    expect(rows[1]![col]).toBe("'=HYPERLINK(\"http://evil\",\"x\")");
    expect(rows[2]![col]).toBe("'+1+1");
    expect(rows[2]).toContain("'-2");
    expect(rows[2]).toContain("'@SUM(A1)");
    expect(rows[3]![col]).toBe('Nhiệm vụ có "ngoặc", dấu phẩy; và\nxuống dòng');
    // No cell anywhere starts with a formula character.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("bad format → 400", async () => {
    await expectError(await makeApp().request("/api/tasks?format=xml"), 400, "invalid_input");
  });
});

describe("admin API", () => {
  it("needs the bearer token", async () => {
    const app = makeApp();
    await expectError(await app.request("/api/admin/status"), 401, "unauthorized");
    await expectError(await app.request("/api/admin/status", { headers: { Authorization: `Bearer ${"y".repeat(32)}` } }), 401, "unauthorized");
    await expectError(await app.request("/api/admin/status", { headers: { Authorization: `Bearer ${ADMIN.slice(1)}` } }), 401, "unauthorized");
    await expectError(await app.request("/api/admin/status", { headers: { Authorization: ADMIN } }), 401, "unauthorized");
    const ok = await app.request("/api/admin/status", { headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ready: true, version: "v-test", documents: 12, tasks: K.corpus.tasks.length });
  });

  it("reindex without a reindex function → 409; with one → its result", async () => {
    const h = { Authorization: `Bearer ${ADMIN}` };
    await expectError(await makeApp().request("/api/admin/reindex", { method: "POST", headers: h }), 409);
    const app = makeApp({}, { reindex: async () => ({ version: "v-new", ms: 5 }) });
    const res = await app.request("/api/admin/reindex", { method: "POST", headers: h });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: "v-new", ms: 5 });
    await expectError(await app.request("/api/admin/reindex", { method: "POST" }), 401);
  });

  it("does not exist without ADMIN_TOKEN", async () => {
    const app = createApp({
      config: parseConfig({ RATE_LIMIT_PER_MINUTE: "1000" }),
      current: () => loaded,
      logger: silentLogger,
      fetch: globalThis.fetch,
      defer: () => {},
    });
    await expectError(await app.request("/api/admin/status"), 404);
    await expectError(await app.request("/api/admin/status", { headers: { Authorization: "Bearer " } }), 404);
  });
});

describe("rate limit", () => {
  it("limits /api/chat per client IP with 429 + Retry-After", async () => {
    const app = makeApp({ RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "1" });
    // TRUST_PROXY=1: the client is what our one proxy appended (rightmost); the leftmost is client-written.
    const from = (ip: string) => ({ "X-Forwarded-For": `10.0.0.1, ${ip}` });
    const q = { message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" };
    expect((await chat(app, q, from("203.0.113.7"))).status).toBe(200);
    expect((await chat(app, q, from("203.0.113.7"))).status).toBe(200);
    const third = await chat(app, q, from("203.0.113.7"));
    const retry = third.headers.get("retry-after");
    expect(retry).toMatch(/^\d+$/);
    expect(Number(retry)).toBeGreaterThan(0);
    expect(Number(retry)).toBeLessThanOrEqual(60);
    await expectError(third, 429, "rate_limited");
    expect((await chat(app, q, from("198.51.100.9"))).status).toBe(200);
  });

  it("the window resets after a minute (injected clock)", async () => {
    let t = TEST_NOW.getTime();
    const app = makeApp({ RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "1" }, { now: () => new Date(t) });
    const h = { "X-Forwarded-For": "203.0.113.8" };
    const q = { message: "Luật An ninh dữ liệu" };
    expect((await chat(app, q, h)).status).toBe(200);
    expect((await chat(app, q, h)).status).toBe(429);
    t += 61_000;
    expect((await chat(app, q, h)).status).toBe(200);
  });
});

describe("headers", () => {
  it("CORS: only configured widget origins are allowed", async () => {
    const app = makeApp({ WIDGET_ORIGINS: "https://allowed.example, https://other.example" });
    const q = { message: "Luật An ninh dữ liệu" };
    const evil = await chat(app, q, { Origin: "https://evil.example" });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const good = await chat(app, q, { Origin: "https://allowed.example" });
    expect(good.status).toBe(200);
    expect(good.headers.get("access-control-allow-origin")).toBe("https://allowed.example");
    // Preflight
    const pre = await app.request("/api/chat", {
      method: "OPTIONS",
      headers: { Origin: "https://other.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://other.example");
    expect(pre.headers.get("access-control-allow-methods")).toMatch(/POST/);
    const preEvil = await app.request("/api/chat", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(preEvil.headers.get("access-control-allow-origin")).toBeNull();
    // With no WIDGET_ORIGINS nothing foreign is allowed.
    const none = await chat(makeApp(), q, { Origin: "https://allowed.example" });
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("CORS headers are the same on answers, errors, rate-limited and unknown API paths; preflights as hono/cors", async () => {
    const app = makeApp({ WIDGET_ORIGINS: "https://allowed.example", RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "1" });
    const from = (ip: string, origin: string) => ({ Origin: origin, "X-Forwarded-For": ip });
    const q = { message: "Luật An ninh dữ liệu" };
    const responses = [
      await chat(app, q, from("203.0.113.20", "https://allowed.example")),
      await chat(app, "{nope", from("203.0.113.20", "https://allowed.example")),
      await chat(app, q, from("203.0.113.20", "https://allowed.example")),
      await app.request("/api/nope", { headers: { Origin: "https://allowed.example" } }),
      await app.request("/api/search?q=", { headers: { Origin: "https://allowed.example" } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 400, 429, 404, 400]);
    for (const r of responses) {
      expect(r.headers.get("access-control-allow-origin")).toBe("https://allowed.example");
      expect(r.headers.get("access-control-expose-headers")).toBe("Retry-After,X-Request-Id");
      expect(r.headers.get("vary")).toBe("Origin");
      expect(r.headers.get("x-request-id")).toBeTruthy();
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(responses[2]!.headers.get("retry-after")).toMatch(/^\d+$/);
    for (const origin of ["https://evil.example", ""]) {
      const r = await chat(app, q, from("203.0.113.21", origin));
      expect(r.headers.get("access-control-allow-origin")).toBeNull();
      expect(r.headers.get("access-control-expose-headers")).toBe("Retry-After,X-Request-Id");
      expect(r.headers.get("vary")).toBe("Origin");
    }
    const same = await app.request("http://portal.local/api/chat", { method: "POST", headers: { "Content-Type": "application/json", Origin: "http://portal.local" }, body: JSON.stringify(q) });
    expect(same.headers.get("access-control-allow-origin")).toBe("http://portal.local");
    const pre = await app.request("/api/chat", { method: "OPTIONS", headers: { Origin: "https://allowed.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" } });
    expect(pre.status).toBe(204);
    expect(Object.fromEntries([...pre.headers].filter(([k]) => k.startsWith("access-control") || k === "vary"))).toEqual({
      "access-control-allow-headers": "Content-Type,Accept,Authorization",
      "access-control-allow-methods": "GET,POST,OPTIONS",
      "access-control-allow-origin": "https://allowed.example",
      "access-control-expose-headers": "Retry-After,X-Request-Id",
      "access-control-max-age": "600",
      vary: "Origin, Access-Control-Request-Headers",
    });
  });

  it("widget.js is cross-origin loadable, the API is same-origin", async () => {
    const app = makeApp();
    const w = await app.request("/widget.js");
    expect(w.status).toBe(200);
    expect(w.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const api = await chat(app, { message: "Luật An ninh dữ liệu" });
    expect(api.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("answers", () => {
  const pairs: [string, string, string][] = [
    ["Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "Bo nao chu tri xay dung Luat An ninh du lieu?", "Bộ Công an"],
    ["Ai chủ trì xây dựng, hoàn thiện Cổng thông tin một cửa quốc gia?", "ai chu tri xay dung, hoan thien cong thong tin mot cua quoc gia?", "Bộ Tài chính"],
    ["Cơ quan nào chủ trì xây dựng Luật An ninh dữ liệu?", "co quan nao chu tri xay dung luat an ninh du lieu", "Bộ Công an"],
  ];
  async function expectSameLead(withD: string, without: string, lead: string) {
    const app = makeApp();
    const a = await ask(app, withD);
    const b = await ask(app, without);
    expect(a.facts?.[0]?.lead).toEqual([lead]);
    expect(b.intent).toBe(a.intent);
    expect(b.facts?.[0]?.lead).toEqual(a.facts?.[0]?.lead);
    expect(b.facts?.[0]?.task).toBe(a.facts?.[0]?.task);
    expect(b.citations[0]?.documentId).toBe(a.citations[0]?.documentId);
    expectCitationsConsistent(a);
    expectCitationsConsistent(b);
  }
  for (const [withD, without, lead] of pairs) {
    it(`without diacritics: "${without}"`, () => expectSameLead(withD, without, lead));
  }

  // Was a bug: src/text/tokenize.ts listed "từ" ("from") in FUNCTION_WORDS, so topicTerms() dropped it from an
  // accented question and "Từ điển" loses its first syllable (the folded "tu" is kept). The accented
  // question then picks a news-summary row (tin-ke-hoach-kien-truc-du-lieu-2025, lead "Các bộ, ngành, địa
  // phương") instead of QĐ 2629's "Xây dựng Hệ thống Từ điển dữ liệu quốc gia" (lead Bộ Công an), which the
  // unaccented question finds.
  it("with diacritics: Từ điển dữ liệu quốc gia → Bộ Công an, like without", () =>
    expectSameLead(
      "Cơ quan nào chủ trì xây dựng Hệ thống Từ điển dữ liệu quốc gia?",
      "co quan nao chu tri xay dung he thong tu dien du lieu quoc gia",
      "Bộ Công an",
    ),
  );

  it("says so when the documents hold no answer", async () => {
    const a = await ask(makeApp(), "Mức lương cơ sở năm 2026 là bao nhiêu?");
    expect(a.answer).toContain("Không tìm thấy thông tin");
    expect(a.citations).toEqual([]);
    expect(a.answer).not.toMatch(/\[\d+\]/);
    expect(a.answer).not.toMatch(/\d[\d.]*\s*(đồng|triệu)/);
  });

  it("follows up from history", async () => {
    const app = makeApp();
    const first = "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?";
    const a1 = await ask(app, first);
    const a = await ask(app, "Còn thời hạn thì sao?", [
      { role: "user", content: first },
      { role: "assistant", content: a1.answer },
    ]);
    expect(a.answer).toMatch(/12\/2026/);
    expect(a.answer).not.toContain("Không tìm thấy thông tin");
    expectCitationsConsistent(a);
    // Without the history the same words are not about that law.
    const alone = await ask(app, "Còn thời hạn thì sao?");
    expect(alone.answer).not.toContain("Luật An ninh dữ liệu");
  });
});

// ---------------------------------------------------------------------------------------------------

function fakeTask(p: Partial<Task> & Pick<Task, "id" | "text" | "lead" | "deadline">): Task {
  return {
    documentId: "fake-doc",
    layout: "table",
    context: "",
    leadText: p.lead.join(", "),
    coordinators: [],
    coordinatorsText: "",
    result: "",
    section: "Phụ lục › I",
    lines: [1, 1],
    quote: p.text,
    ...p,
  } as Task;
}

function fakeLoaded(tasks: Task[]): Loaded {
  const corpus: CorpusData = {
    documents: [
      { id: "fake-doc", number: "1/QĐ-TEST", type: "Quyết định", title: "Văn bản thử", issuer: null, issuedDate: null, status: "final", year: 2026, file: "fake.txt", lines: [1, 10] },
    ],
    chunks: [],
    tasks,
    indicators: [],
    warnings: [],
    failures: [],
    stats: { files: 1, documents: 1, sections: 1, tableRows: tasks.length, chunks: 0, tasks: tasks.length, indicators: 0 },
  };
  return {
    version: "v-fake",
    corpus,
    index: { search: async () => [], size: () => 0 },
    answer: async () => ({ answer: "Không tìm thấy thông tin", citations: [], intent: "unanswerable", facts: [] }) as unknown as ChatAnswer,
  };
}

/** RFC 4180 parser (CRLF rows, quoted fields with "" escapes and embedded newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    // Semicolons: the separator Excel set to Vietnamese splits on.
    else if (ch === ";") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
    i++;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
