// The officials' workbench through app.request(): answer ids and feedback, the questions log with redaction,
// admin uploads (Word, type checked by content, zip bombs, oversize), jobs and their reports, replacement by
// số hiệu, deletion, and the 4xx errors for bad input — each bilingual.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../src/answer/engine.ts";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { createMemoryQuestionLog } from "../src/http/question-log.ts";
import { silentLogger } from "../src/log.ts";
import { createDocumentAdmin } from "../ingest/admin-documents.ts";
import { loadCorpusFile } from "../ingest/load-file.ts";
import { buildKnowledge, TEST_NOW } from "./helpers/knowledge.ts";
import { makeZipBombDocx } from "./helpers/docx.ts";
import { amendedDocx, DECISION_NUMBER, DECISION_TASKS, decisionDocx } from "./helpers/workbench-docs.ts";

const ADMIN = "a".repeat(32);
const auth = { Authorization: `Bearer ${ADMIN}` };
const SEED = `BỘ KHOA HỌC VÀ CÔNG NGHỆ
Số: 7/KH-BKHCN
Hà Nội, ngày 2 tháng 1 năm 2026
KẾ HOẠCH
Triển khai nền tảng họp trực tuyến năm 2026
1. Bộ Khoa học và Công nghệ chủ trì xây dựng nền tảng họp trực tuyến dùng chung, hoàn thành trong tháng 6/2026.
`;

let dir: string;
let loaded: Loaded | null = null;
const deferred: Promise<unknown>[] = [];

async function rebuild() {
  const names = readdirSync(dir).filter((n) => !n.startsWith("."));
  const files = [];
  for (const n of names) files.push(await loadCorpusFile(join(dir, n), n, { ocr: false }));
  const k = await buildKnowledge(files);
  loaded = { version: `v-${Date.now()}`, corpus: k.corpus, index: k.kb.index, answer: createAnswerer(k.kb, { now: () => TEST_NOW }) };
}

const log = createMemoryQuestionLog();
let docs: ReturnType<typeof createDocumentAdmin>;
let failNextBuild = false;
function makeApp() {
  return createApp({
    config: parseConfig({ RATE_LIMIT_PER_MINUTE: "1000", ADMIN_TOKEN: ADMIN }),
    current: () => loaded,
    logger: silentLogger,
    fetch: (async () => {
      throw new Error("no network");
    }) as typeof fetch,
    defer: (p) => void deferred.push(p),
    now: () => TEST_NOW,
    questionLog: log,
    documents: docs,
  });
}
let app: ReturnType<typeof makeApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hoidap-wb-"));
  writeFileSync(join(dir, "kh-7-2026.txt"), SEED);
  await rebuild();
  docs = createDocumentAdmin({
    corpusDir: dir,
    rebuild: async () => {
      if (failNextBuild) {
        failNextBuild = false;
        throw new Error("disk full (simulated)");
      }
      await rebuild();
    },
    corpus: () => loaded?.corpus ?? null,
    logger: silentLogger,
    ocr: false as never,
  });
  app = makeApp();
}, 60_000);
afterAll(() => Promise.allSettled(deferred));

const chat = (message: string, headers: Record<string, string> = {}) =>
  app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ message }) });
const feedback = (body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
  app.request("/api/feedback", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

function upload(name: string, bytes: Uint8Array, headers: Record<string, string> = auth) {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name));
  return app.request("/api/admin/documents", { method: "POST", headers, body: form });
}
async function waitJob(id: string) {
  await docs.idle();
  const r = await app.request(`/api/admin/jobs/${id}`, { headers: auth });
  expect(r.status).toBe(200);
  return (await r.json()) as { status: string; error?: string; document?: { number: string; tasks: number }; report?: { documents: { tasks: { text: string }[]; coverage: unknown }[] }; superseded?: { number: string }[] };
}
const bilingual = (m: string) => expect(m).toMatch(/.+ \/ .+/);

describe("answer ids and feedback", () => {
  it("every answer has an answerId (JSON and the final SSE event) that takes a rating", async () => {
    const r = await chat("Ai chủ trì xây dựng nền tảng họp trực tuyến dùng chung?");
    const j = (await r.json()) as { answerId: string; answer: string };
    expect(j.answerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(j.answer).toContain("Bộ Khoa học và Công nghệ");
    const s = await chat("Ai chủ trì xây dựng nền tảng họp trực tuyến dùng chung?", { Accept: "text/event-stream" });
    const done = (await s.text()).split("event: done\ndata: ")[1]!.split("\n")[0]!;
    const sj = JSON.parse(done) as { answerId: string };
    expect(sj.answerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sj.answerId).not.toBe(j.answerId);
    await Promise.all(deferred);
    expect((await feedback({ answerId: j.answerId, rating: "up" })).status).toBe(204);
  });

  it("unknown ids are 404; wrong types, bad JSON, wrong content type and oversize bodies are 4xx, all bilingual", async () => {
    const cases: [Response, number, string][] = [
      [await feedback({ answerId: "00000000-0000-4000-8000-000000000000", rating: "down" }), 404, "answer_not_found"],
      [await feedback({ answerId: "00000000-0000-4000-8000-000000000000", rating: "meh" }), 400, "invalid_input"],
      [await feedback({ answerId: 42, rating: "up" }), 400, "invalid_input"],
      [await feedback("{not json"), 400, "invalid_json"],
      [await feedback({ answerId: "x", rating: "up" }, { "Content-Type": "text/plain" }), 415, "unsupported_media_type"],
      [await feedback({ answerId: "00000000-0000-4000-8000-000000000000", rating: "up", comment: "x".repeat(5000) }), 413, "body_too_large"],
      [await feedback({ answerId: "00000000-0000-4000-8000-000000000000", rating: "up", comment: "x".repeat(600) }), 400, "invalid_input"],
    ];
    for (const [r, status, code] of cases) {
      expect(r.status).toBe(status);
      const e = (await r.json()) as { error: { code: string; message: string } };
      expect(e.error.code).toBe(code);
      bilingual(e.error.message);
    }
  });

  it("the log keeps questions redacted; down-rated and unanswered ones come first by frequency, as JSON or CSV", async () => {
    const asks = ["Lịch nghỉ Tết của Sở Du lịch là gì?", "lich nghi tet cua so du lich la gi", "Lịch nghỉ Tết của Sở Du lịch là gì", "Số 0912 345 678 và CCCD 001099012345 của Sở Du lịch là của ai?"];
    const ids: string[] = [];
    for (const q of asks) ids.push(((await (await chat(q)).json()) as { answerId: string }).answerId);
    await Promise.all(deferred);
    expect((await feedback({ answerId: ids[1], rating: "down", comment: "Thiếu lịch, email tôi a.b@example.vn" })).status).toBe(204);
    const r = await app.request("/api/admin/questions?outcome=unanswered", { headers: auth });
    const j = (await r.json()) as { questions: { question: string; count: number; down: number; comments: string[]; outcome: string }[] };
    expect(j.questions[0]!.count).toBe(3);
    expect(j.questions[0]!.down).toBe(1);
    expect(j.questions[0]!.outcome).toBe("not_found");
    expect(j.questions[0]!.comments).toEqual(["Thiếu lịch, email tôi [email]"]);
    const all = JSON.stringify(j);
    expect(all).not.toContain("0912");
    expect(all).not.toContain("001099012345");
    expect(all).toContain("[sđt]");
    expect(all).not.toContain("example.vn");
    const down = (await (await app.request("/api/admin/questions?outcome=down", { headers: auth })).json()) as { questions: { count: number }[] };
    expect(down.questions.map((q) => q.count)).toEqual([1]);
    const bytes = new Uint8Array(await (await app.request("/api/admin/questions?outcome=unanswered&format=csv", { headers: auth })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("Câu hỏi;Số lần hỏi;")).toBe(true);
    expect(csv).toContain(";3;not_found;");
    // A day range that holds nothing.
    const none = (await (await app.request("/api/admin/questions?from=2020-01-01&to=2020-01-31", { headers: auth })).json()) as { questions: unknown[] };
    expect(none.questions).toEqual([]);
  });

  it("the questions API refuses a wrong token, unknown parameters and malformed values", async () => {
    for (const [url, headers, status, code] of [
      ["/api/admin/questions", { Authorization: "Bearer wrong-token-wrong-token" }, 401, "unauthorized"],
      ["/api/admin/questions", {}, 401, "unauthorized"],
      ["/api/admin/questions?outcom=down", auth, 400, "unknown_parameter"],
      ["/api/admin/questions?outcome=bad", auth, 400, "invalid_input"],
      ["/api/admin/questions?from=2026-02-30", auth, 400, "invalid_input"],
      ["/api/admin/questions?limit=0", auth, 400, "invalid_input"],
      ["/api/admin/questions?from=2026-05-01&to=2026-04-01", auth, 400, "invalid_input"],
    ] as const) {
      const r = await app.request(url, { headers });
      expect(r.status, url).toBe(status);
      const e = (await r.json()) as { error: { code: string; message: string } };
      expect(e.error.code).toBe(code);
      bilingual(e.error.message);
    }
    const r = await app.request("/api/admin/questions?outcom=down", { headers: auth });
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('"outcom"');
  });
});

describe("admin documents", () => {
  it("a Word decision uploaded becomes a served document: job report, task table kept, answers, /api/tasks", async () => {
    const r = await upload("Quyết định 48.docx", decisionDocx());
    expect(r.status).toBe(202);
    const { job } = (await r.json()) as { job: string };
    const j = await waitJob(job);
    expect(j.status).toBe("done");
    expect(j.document?.number).toBe(DECISION_NUMBER);
    const reported = j.report!.documents[0]!.tasks.map((t) => t.text);
    for (const t of DECISION_TASKS) expect(reported).toContain(t.text);
    expect(j.report!.documents[0]!.coverage).toBeDefined();
    expect(readdirSync(dir)).toContain("quyet-dinh-48.docx");
    const tasks = (await (await app.request(`/api/tasks?document=${encodeURIComponent(loaded!.corpus.documents.find((d) => d.number === DECISION_NUMBER)!.id)}&per_page=100`)).json()) as { tasks: { text: string; lead: string[]; deadline: { text: string; end?: string } }[] };
    for (const t of DECISION_TASKS) {
      const got = tasks.tasks.find((x) => x.text === t.text);
      expect(got, t.text).toBeDefined();
      expect(got!.lead).toEqual(t.lead);
      expect(got!.deadline.text).toBe(t.deadline);
      expect(got!.deadline.end).toBe(t.end);
    }
    const a = (await (await chat("Ai chủ trì số hóa toàn bộ hồ sơ địa chính cấp xã?")).json()) as { answer: string };
    expect(a.answer).toContain("Sở Nông nghiệp và Môi trường");
    const list = (await (await app.request("/api/admin/documents", { headers: auth })).json()) as { documents: { number: string; tasks: number; source: string; uploadedAt: string | null }[] };
    const row = list.documents.find((d) => d.number === DECISION_NUMBER)!;
    expect(row.tasks).toBeGreaterThanOrEqual(3);
    expect(row.source).toBe("docx");
    expect(row.uploadedAt).not.toBeNull();
  });

  it("the same số hiệu uploaded again replaces it: the old file is kept as superseded, not merged", async () => {
    const j = await waitJob(((await (await upload("qd-48-sua-doi.docx", amendedDocx())).json()) as { job: string }).job);
    expect(j.status).toBe("done");
    expect(j.superseded?.map((s) => s.number)).toEqual([DECISION_NUMBER]);
    expect(readdirSync(dir)).not.toContain("quyet-dinh-48.docx");
    expect(readdirSync(join(dir, ".superseded")).some((n) => n.endsWith("quyet-dinh-48.docx"))).toBe(true);
    const deadlines = loaded!.corpus.tasks.filter((t) => t.text === DECISION_TASKS[0]!.text).map((t) => t.deadline.text);
    expect(deadlines).toEqual(["Tháng 11/2026"]);
    const list = (await (await app.request("/api/admin/documents", { headers: auth })).json()) as { documents: { number: string }[]; superseded: { number: string; by: string }[] };
    expect(list.documents.filter((d) => d.number === DECISION_NUMBER)).toHaveLength(1);
    expect(list.superseded).toEqual([expect.objectContaining({ number: DECISION_NUMBER, by: "qd-48-sua-doi.docx" })]);
  });

  it("a failed build leaves the previous index serving and the corpus as it was", async () => {
    const before = loaded;
    const files = readdirSync(dir).sort();
    failNextBuild = true;
    const j = await waitJob(((await (await upload("khac.txt", new TextEncoder().encode(SEED.replace("7/KH", "8/KH")))).json()) as { job: string }).job);
    expect(j.status).toBe("failed");
    expect(j.error).toContain("disk full");
    bilingual(j.error!);
    expect(loaded).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it("refuses a .exe renamed .pdf, a zip bomb .docx, a zip that is not Word, an unknown type, oversize, no file, a wrong token", async () => {
    const exe = new Uint8Array(4096);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const cases: [Response, number, string, RegExp?][] = [
      [await upload("quyet-dinh.pdf", exe), 415, "unsupported_file", /Windows/],
      [await upload("quyet-dinh.docx", makeZipBombDocx()), 422, "unreadable_file", /zip bomb/],
      [await upload("quyet-dinh.docx", (() => { const b = decisionDocx(); return new Uint8Array(Buffer.from(b.toString("latin1").replace(/word\/document\.xml/g, "word/documenX.xml"), "latin1")); })()), 415, "unsupported_file", /ZIP/],
      [await upload("quyet-dinh.exe", exe), 415, "unsupported_file", /\.exe/],
      [await upload("trong.txt", new Uint8Array()), 400, "empty_file"],
      [await upload("lon.txt", new Uint8Array(20 * 1024 * 1024 + 1).fill(0x61)), 413, "file_too_large"],
      [await app.request("/api/admin/documents", { method: "POST", headers: auth, body: (() => { const f = new FormData(); f.append("other", "x"); return f; })() }), 400, "invalid_input", /file/],
      [await app.request("/api/admin/documents", { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: "{}" }), 415, "unsupported_media_type"],
      [await upload("qd.txt", new TextEncoder().encode(SEED), { Authorization: "Bearer nope-nope-nope-nope" }), 401, "unauthorized"],
    ];
    for (const [r, status, code, msg] of cases) {
      expect(r.status, code).toBe(status);
      const e = (await r.json()) as { error: { code: string; message: string } };
      expect(e.error.code).toBe(code);
      bilingual(e.error.message);
      if (msg) expect(e.error.message).toMatch(msg);
    }
  });

  it("a finished job is kept for its time, then its id answers 404 job_expired", async () => {
    let t = TEST_NOW.getTime();
    const short = createDocumentAdmin({ corpusDir: dir, rebuild, corpus: () => loaded?.corpus ?? null, logger: silentLogger, now: () => new Date(t), jobTtlMs: 60_000 });
    const app2 = createApp({ config: parseConfig({ ADMIN_TOKEN: ADMIN }), current: () => loaded, logger: silentLogger, fetch: globalThis.fetch, defer: () => {}, documents: short });
    const job = short.submit({ name: "hong.pdf", bytes: new TextEncoder().encode("%PDF-1.4 hỏng"), kind: "pdf" });
    await short.idle();
    expect(((await (await app2.request(`/api/admin/jobs/${job.id}`, { headers: auth })).json()) as { status: string }).status).toBe("failed");
    t += 61_000;
    const r = await app2.request(`/api/admin/jobs/${job.id}`, { headers: auth });
    expect(r.status).toBe(404);
    const e = (await r.json()) as { error: { code: string; message: string } };
    expect(e.error.code).toBe("job_expired");
    bilingual(e.error.message);
  });

  it("jobs: a malformed id is 400, an unknown one 404; deleting moves the file aside", async () => {
    expect((await app.request("/api/admin/jobs/..%2F..%2Fetc", { headers: auth })).status).toBe(400);
    const unknown = await app.request("/api/admin/jobs/00000000-0000-4000-8000-000000000000", { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("job_not_found");
    const id = loaded!.corpus.documents.find((d) => d.number === DECISION_NUMBER)!.id;
    const del = await app.request(`/api/admin/documents/${id}`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(202);
    const j = await waitJob(((await del.json()) as { job: string }).job);
    expect(j.status).toBe("done");
    expect(loaded!.corpus.documents.some((d) => d.number === DECISION_NUMBER)).toBe(false);
    expect(readdirSync(join(dir, ".deleted"))).toHaveLength(1);
    expect((await app.request("/api/admin/documents/no-such-doc", { method: "DELETE", headers: auth })).status).toBe(404);
    expect(readFileSync(join(dir, ".workbench.json"), "utf8")).toContain('"deleted"');
  });
});

describe("upload bodies", () => {
  it("a chunked upload without Content-Length is cut at the cap with a 413", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ > 40) return ctrl.close();
        ctrl.enqueue(chunk);
      },
    });
    const r = await app.request("/api/admin/documents", { method: "POST", headers: { ...auth, "Content-Type": "multipart/form-data; boundary=x" }, body, duplex: "half" } as RequestInit);
    expect(r.status).toBe(413);
    expect(sent).toBeLessThan(30);
  });
});
