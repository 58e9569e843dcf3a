// The workbench in a real Chromium: an official uploads a Word decision in /admin (drag and drop), waits for the
// job, asks the widget about one of its tasks, rates the answer 👎 with a comment, finds it among the admin's
// questions; then opens /board, filters by an agency alias and a quarter, downloads the .xlsx and reads it back
// with exceljs: the same rows as /api/tasks. Screenshots of /admin and /board at desktop and phone sizes.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import ExcelJS from "exceljs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../src/answer/engine.ts";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { createMemoryQuestionLog } from "../src/http/question-log.ts";
import { writeTasksXlsx } from "../src/http/xlsx.node.ts";
import { silentLogger } from "../src/log.ts";
import { createDocumentAdmin } from "../ingest/admin-documents.ts";
import { loadCorpusFile } from "../ingest/load-file.ts";
import { buildKnowledge, CORPUS_DIR, readCorpusFiles, TEST_NOW } from "./helpers/knowledge.ts";
import { DECISION_TASKS, decisionDocx } from "./helpers/workbench-docs.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const TOKEN = "t".repeat(32);

let dir: string;
let loaded: Loaded | null = null;
let server: ReturnType<typeof serve>;
let origin: string;
let browser: Browser;

async function rebuild() {
  const { manifest } = readCorpusFiles();
  const files = [];
  for (const n of readdirSync(dir).filter((x) => !x.startsWith(".") && x !== "manifest.json" && x.toLowerCase() !== "readme.md").sort()) files.push(await loadCorpusFile(join(dir, n), n));
  const k = await buildKnowledge(files, manifest);
  loaded = { version: `v-${Date.now()}`, corpus: k.corpus, index: k.kb.index, answer: createAnswerer(k.kb, { now: () => TEST_NOW }) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hoidap-wb-int-"));
  cpSync(CORPUS_DIR, dir, { recursive: true });
  await rebuild();
  const documents = createDocumentAdmin({ corpusDir: dir, rebuild, corpus: () => loaded?.corpus ?? null, logger: silentLogger });
  const app = createApp({
    config: parseConfig({ ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: "0" }),
    current: () => loaded,
    logger: silentLogger,
    fetch: globalThis.fetch,
    defer: () => {},
    now: () => TEST_NOW,
    questionLog: createMemoryQuestionLog(),
    documents,
    xlsx: writeTasksXlsx,
  });
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!existsSync(CHROMIUM))("workbench in Chromium", () => {
  it("admin upload → widget answer → 👎 with a comment → admin questions → board filter → .xlsx = /api/tasks", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", acceptDownloads: true });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // 1. /admin: the token once, then drag a Word file onto the drop zone.
    await page.goto(`${origin}/admin`);
    await page.fill("#token", TOKEN);
    await page.click("#tokenForm button");
    await page.locator("#docs tr").first().waitFor();
    const docx = decisionDocx().toString("base64");
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "Quyết định 48 số hóa đất đai.docx", { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
      document.getElementById("drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, docx);
    await page.locator('.job[data-status="done"]').waitFor({ timeout: 60_000 });
    expect(await page.locator(".job.done").innerText()).toContain("48/QĐ-UBND");
    await page.locator("#docs tr", { hasText: "48/QĐ-UBND" }).waitFor();
    await page.locator("#docs tr", { hasText: "48/QĐ-UBND" }).getByText("Báo cáo đọc").click();
    await page.locator("#report", { hasText: "Độ phủ" }).waitFor();
    await shoot(page, "admin-desktop");

    // 2. The widget: ask about one of the new tasks, rate the answer 👎 with a comment.
    await page.goto(`${origin}/`);
    await page.locator("hoidap-cds-widget .launcher").click();
    await page.locator("hoidap-cds-widget .input").fill(`Ai chủ trì ${DECISION_TASKS[0]!.text.toLowerCase()}?`);
    await page.locator("hoidap-cds-widget .input").press("Enter");
    const bot = page.locator("hoidap-cds-widget .msg.bot").last();
    await bot.locator(".rate.down").waitFor({ timeout: 30_000 });
    expect(await bot.locator(".text").innerText()).toContain(DECISION_TASKS[0]!.lead[0]!);
    await bot.locator(".rate.down").click();
    await bot.locator(".fb textarea").fill("Thiếu cơ quan phối hợp");
    await bot.locator(".fb-send").click();
    await bot.locator(".fb-note", { hasText: "Cảm ơn" }).waitFor();
    await shoot(page, "widget-feedback");

    // 3. Back in /admin (token kept for the session): the down-rated question with its comment.
    await page.goto(`${origin}/admin`);
    await page.selectOption("#qOutcome", "down");
    await page.click("#qForm button[type=submit]");
    const row = page.locator("#questions tr", { hasText: "Thiếu cơ quan phối hợp" });
    await row.waitFor();
    expect(await row.innerText()).toContain(DECISION_TASKS[0]!.text.toLowerCase());

    // 4. /board: an agency alias and a quarter that has its tasks; the count and the .xlsx agree with /api/tasks.
    const bca = loaded!.corpus.tasks.filter((t) => t.lead.includes("Bộ Công an") && t.deadline.end);
    expect(bca.length).toBeGreaterThan(0);
    const end = bca[0]!.deadline.end!;
    const quarter = `${end.slice(0, 4)}-Q${Math.ceil(Number(end.slice(5, 7)) / 3)}`;
    await page.goto(`${origin}/board`);
    await page.fill('input[name="agency"]', "BCA");
    await page.fill('input[name="period"]', quarter);
    await page.click("form button[type=submit]");
    await page.waitForURL(/agency=BCA/);
    const shown = Number(await page.locator("#total").innerText());
    expect(new URL(page.url()).searchParams.get("period")).toBe(quarter);
    const q = Number(quarter.slice(-1));
    const range = `due_from=${quarter.slice(0, 4)}-${String(q * 3 - 2).padStart(2, "0")}-01&due_to=${new Date(Date.UTC(Number(quarter.slice(0, 4)), q * 3, 0)).toISOString().slice(0, 10)}`;
    const api = (await (await fetch(`${origin}/api/tasks?agency=BCA&${range}&per_page=500`)).json()) as { total: number; tasks: { text: string }[] };
    expect(shown).toBe(api.total);
    expect(api.total).toBeGreaterThan(0);
    await shoot(page, "board-desktop");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Excel (.xlsx)").click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((r, i) => {
      if (i > 1) texts.push(String(r.getCell(4).value));
    });
    expect(texts).toEqual(api.tasks.map((t) => t.text));

    // 5. Phone size.
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "board-phone");
    await page.goto(`${origin}/admin`);
    await page.locator("#docs tr").first().waitFor();
    await shoot(page, "admin-phone");
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
