// The task board and the task exports through app.request(): the board counts what /api/tasks returns for the
// same filters, periods become deadline ranges, a document is found by its số hiệu, CSV is semicolon-separated
// for Vietnamese Excel, .xlsx has real columns with dates as dates, unknown parameters are 400s naming them.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { esc, periodRange } from "../src/http/board.ts";
import { writeTasksXlsx } from "../src/http/xlsx.node.ts";
import { silentLogger } from "../src/log.ts";
import { getKnowledge, TEST_NOW } from "./helpers/knowledge.ts";

let loaded: Loaded;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const K = await getKnowledge();
  loaded = { version: "v-test", corpus: K.corpus, index: K.kb.index, answer: K.answer };
  app = createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0" }), current: () => loaded, logger: silentLogger, fetch: globalThis.fetch, defer: () => {}, now: () => TEST_NOW, xlsx: writeTasksXlsx });
}, 120_000);

const total = async (qs: string) => ((await (await app.request(`/api/tasks?${qs}`)).json()) as { total: number }).total;
const boardTotal = async (qs: string) => {
  const html = await (await app.request(`/board?${qs}`)).text();
  return Number(/<b id="total">(\d+)<\/b>/.exec(html)?.[1]);
};

describe("periods", () => {
  it("a year, a quarter and a month become the day ranges of their deadlines", () => {
    expect(periodRange("2026")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodRange("2026-Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(periodRange("2024-q4")).toEqual({ from: "2024-10-01", to: "2024-12-31" });
    expect(periodRange("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodRange("2026-13")).toBeNull();
    expect(periodRange("Q3")).toBeNull();
  });
});

describe("/board", () => {
  it("counts what /api/tasks returns for the same filters", async () => {
    const number = loaded.corpus.documents.find((d) => d.number)!.number!;
    for (const [board, api] of <[string, string][]>[
      ["", ""],
      ["agency=B%E1%BB%99%20C%C3%B4ng%20an", "agency=B%E1%BB%99%20C%C3%B4ng%20an"],
      ["agency=BCA&period=2026-Q4", "agency=BCA&due_from=2026-10-01&due_to=2026-12-31"],
      ["status=overdue", "status=overdue"],
      ["status=recurring&q=d%E1%BB%AF%20li%E1%BB%87u", "status=recurring&q=d%E1%BB%AF%20li%E1%BB%87u"],
      [`document=${encodeURIComponent(number)}`, `document=${encodeURIComponent(number)}`],
      ["period=2025", "due_from=2025-01-01&due_to=2025-12-31"],
    ]) {
      const n = await total(api);
      expect(await boardTotal(board), board).toBe(n);
    }
    expect(await total("")).toBe(loaded.corpus.tasks.length);
  });

  it("renders both charts as SVG, rows with their source quote, export links with the same filters", async () => {
    const r = await app.request("/board?agency=BCA&period=2026");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await r.text();
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(html).toContain("<blockquote>");
    expect(html).toContain('href="/api/tasks?agency=BCA&amp;due_from=2026-01-01&amp;due_to=2026-12-31&amp;format=xlsx"');
    // Stacked by document instead of agency: the legend names documents, the count is the same.
    const byDoc = await (await app.request("/board?agency=BCA&period=2026&stack=document")).text();
    const number = loaded.corpus.documents.find((d) => d.number && loaded.corpus.tasks.some((t) => t.documentId === d.id && t.lead.includes("Bộ Công an") && t.deadline.end?.startsWith("2026")))?.number;
    expect(number).toBeDefined();
    expect(byDoc).toContain(`</i>${esc(number!)}</span>`);
    expect(/<b id="total">(\d+)/.exec(byDoc)?.[1]).toBe(/<b id="total">(\d+)/.exec(html)?.[1]);
    expect((await app.request("/board?stack=month")).status).toBe(400);
  });

  it("unknown parameters and bad periods are 400s that say what is wrong", async () => {
    const r = await app.request("/board?agnecy=BCA");
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('"agnecy"');
    const p = await app.request("/board?period=2026-Q5");
    expect(p.status).toBe(400);
  });
});

describe("/api/tasks filters and exports", () => {
  it("document= takes the số hiệu as well as the id; an unknown one is a 404 naming it", async () => {
    const d = loaded.corpus.documents.find((x) => x.number && loaded.corpus.tasks.some((t) => t.documentId === x.id))!;
    const byId = await total(`document=${encodeURIComponent(d.id)}`);
    expect(byId).toBeGreaterThan(0);
    expect(await total(`document=${encodeURIComponent(d.number!)}`)).toBe(byId);
    expect(await total(`document=${encodeURIComponent(d.number!.toLowerCase())}`)).toBe(byId);
    const r = await app.request("/api/tasks?document=9999%2FQ%C4%90-TTg");
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain("9999/QĐ-TTg");
  });

  it("unknown, repeated or malformed query parameters are 400s naming them", async () => {
    for (const [qs, word] of [["agnecy=BCA", '"agnecy"'], ["page=1&page=2", '"page"'], ["role=boss&agency=BCA", "role"], ["format=pdf", "format"], ["due_from=2026-02-30", "due_from"]]) {
      const r = await app.request(`/api/tasks?${qs}`);
      expect(r.status, qs).toBe(400);
      const m = ((await r.json()) as { error: { message: string } }).error.message;
      expect(m).toContain(word);
      expect(m).toMatch(/.+ \/ .+/);
    }
  });

  it("CSV is semicolon-separated with a BOM; .xlsx holds the same rows, Vietnamese headers, dates as dates", async () => {
    const qs = "agency=BCA";
    const api = (await (await app.request(`/api/tasks?${qs}&per_page=500`)).json()) as { total: number; tasks: { text: string; deadline: { end?: string } }[] };
    const csv = new Uint8Array(await (await app.request(`/api/tasks?${qs}&format=csv`)).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const head = new TextDecoder().decode(csv).split("\r\n")[0]!;
    expect(head.split(";")[0]).toBe("Văn bản");
    const x = await app.request(`/api/tasks?${qs}&format=xlsx`);
    expect(x.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe("Nhiệm vụ");
    expect(ws.getRow(1).getCell(9).value).toBe("Hạn cuối");
    expect(ws.rowCount - 1).toBe(api.total);
    for (let i = 0; i < api.tasks.length; i++) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(4).value).toBe(api.tasks[i]!.text);
      const end = api.tasks[i]!.deadline.end;
      const cell = row.getCell(9).value;
      if (end) expect((cell as Date).toISOString().slice(0, 10)).toBe(end);
      else expect(cell ?? null).toBeNull();
    }
  });
});

describe("the chat's long lists", () => {
  it("end with a link to the board with the same filters, and the board counts what the answer says", async () => {
    let linked = 0;
    for (const message of ["Bộ Công an chủ trì những nhiệm vụ nào?", "Bộ Khoa học và Công nghệ chủ trì những nhiệm vụ nào?", "Những nhiệm vụ nào đến hạn trong năm 2025?"]) {
      const r = (await (await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message }) })).json()) as { answer: string };
      const link = /\/board\?[^\s)]+/.exec(r.answer)?.[0];
      if (!link) {
        // Not linked: only when the list was not cut, or no filter the board has gives its count.
        expect(r.answer).not.toMatch(/danh sách đầy đủ/);
        continue;
      }
      linked++;
      const stated = Number(/— (\d+) nhiệm vụ/.exec(r.answer)![1]);
      expect(await boardTotal(link.slice("/board?".length)), message).toBe(stated);
    }
    expect(linked).toBeGreaterThan(0);
  });
});
