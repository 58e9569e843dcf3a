// The widget in a real headless Chromium: streaming, sources, XSS, keyboard, errors, start over, hostile host CSS.
// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locator.innerText() calls (rendered text without the screen-reader-only prefixes), not DOM innerText.
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { streamSSE } from "hono/streaming";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatAnswer, ChatInput } from "../src/answer/types.ts";
import { createWidgetApp, widgetHeadersMiddleware } from "../src/channels/widget.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
if (!HAVE_CHROMIUM && !process.env.CI) {
  console.warn(
    `[widget.int] SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

const ANSWER =
  "Bộ Công an chủ trì nhiệm vụ “Xây dựng Luật An ninh dữ liệu”, thời hạn: tháng 12/2026 [1].\n" +
  "Theo dự thảo kế hoạch, Bộ Khoa học và Công nghệ phối hợp thực hiện [2].";

const GOOD: ChatAnswer = {
  answer: ANSWER,
  intent: "lead",
  facts: [{ task: "Xây dựng Luật An ninh dữ liệu", lead: ["Bộ Công an"], coordinators: [] }],
  citations: [
    {
      n: 1,
      documentId: "qd-2629-2025",
      document: {
        number: "2629/QĐ-TTg",
        title: "Quyết định phê duyệt Chương trình phát triển Chính phủ số",
        issuedDate: "2025-12-01",
        status: "final",
      },
      section: "Phụ lục II › I › 3",
      quote: "Xây dựng Luật An ninh dữ liệu. | Bộ Công an | Các bộ, ngành | Tháng 12/2026",
    },
    {
      n: 2,
      documentId: "du-thao-ke-hoach-2026",
      document: {
        number: null,
        title: "Dự thảo Kế hoạch chuyển đổi số năm 2026",
        issuedDate: null,
        status: "draft",
      },
      section: "Mục III › 2",
      quote: "Bộ Khoa học và Công nghệ phối hợp với các bộ, ngành triển khai…",
    },
  ],
};

const EVIL: ChatAnswer = {
  answer:
    'Kết quả: <img src=x onerror="window.__pwned=1"> và <script>window.__pwned=1</script> ' +
    "xem https://evil.example/track.png [1]",
  intent: "explain",
  facts: [],
  citations: [
    {
      n: 1,
      documentId: "evil",
      document: {
        number: "<b>1/QĐ</b>",
        title: '<img src="/evil.png" onerror="window.__pwned=2">',
        issuedDate: null,
        status: "summary",
      },
      section: "<script>window.__pwned=3</script>",
      quote: '<img src="/evil2.png" onerror="window.__pwned=4"><a href="https://evil.example">bấm</a>',
    },
  ],
};

type Scripted =
  | { kind: "status"; status: number; retryAfter?: string; message?: string }
  | { kind: "json" }
  | { kind: "sse-error"; message: string };

/** The fake /api/chat: records every request; answers from a script the test sets, else by the message. */
class FakeChat {
  requests: ChatInput[] = [];
  script: Scripted[] = [];
  private gate: (() => void) | null = null;
  private gated: Promise<void> = Promise.resolve();

  holdNext(): void {
    this.gated = new Promise((resolve) => {
      this.gate = resolve;
    });
  }
  release(): void {
    this.gate?.();
    this.gate = null;
  }
  reset(): void {
    this.requests = [];
    this.script = [];
    this.release();
    this.gated = Promise.resolve();
  }

  routes(): Hono {
    const app = new Hono();
    app.use("/api/*", cors({ origin: "*", exposeHeaders: ["Retry-After"] }));
    app.post("/api/chat", async (c) => {
      const body = (await c.req.json()) as ChatInput;
      this.requests.push(body);
      const next = this.script.shift();
      if (next?.kind === "status") {
        if (next.retryAfter) c.header("Retry-After", next.retryAfter);
        return c.json({ error: { code: "scripted", message: next.message ?? "Lỗi" } }, next.status as 400);
      }
      const answer = body.message.includes("xss") ? EVIL : GOOD;
      if (next?.kind === "json") return c.json(answer);
      const gated = this.gated;
      return streamSSE(c, async (s) => {
        const pieces = answer.answer.match(/[\s\S]{1,24}/g) ?? [];
        for (const [i, text] of pieces.entries()) {
          await s.writeSSE({ event: "delta", data: JSON.stringify({ text }) });
          if (i === 2) await gated;
          await s.sleep(15);
        }
        if (next?.kind === "sse-error") {
          await s.writeSSE({
            event: "error",
            data: JSON.stringify({ error: { code: "x", message: next.message } }),
          });
          return;
        }
        await s.writeSSE({ event: "done", data: JSON.stringify(answer) });
      });
    });
    return app;
  }
}

/** A page on another origin whose CSS attacks everything, embedding the widget from the widget server. */
function hostilePage(widgetOrigin: string, attrs: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Host</title>
<style>
  * { color: red !important; font-family: "Courier New", monospace !important; font-size: 30px !important; }
  button { display: none !important; }
  div, p, span, textarea { display: none !important; background: lime !important; }
  body > * { transform: rotate(8deg) !important; opacity: 0.2 !important; }
  .launcher, .panel { position: static !important; }
</style></head>
<body><h1>Trang chủ cơ quan</h1><button class="launcher" id="host-btn">Nút của trang</button>
<section class="panel" id="host-panel">Nội dung trang</section>
<script src="${widgetOrigin}/widget.js" data-api="${widgetOrigin}" ${attrs} defer></script>
</body></html>`;
}

function listen(app: Hono): Promise<{ close: () => void; origin: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({ close: () => server.close(), origin: `http://127.0.0.1:${info.port}` });
    });
  });
}

/** Evaluate inside the widget's shadow root. */
function inShadow<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(
    `(() => { const root = document.querySelector("hoidap-cds-widget").shadowRoot; return (${fn})(root); })()`,
  ) as Promise<T>;
}
const activeClass = (page: Page) =>
  inShadow<string>(page, "(r) => r.activeElement ? r.activeElement.className : ''");

describe.skipIf(!HAVE_CHROMIUM && !process.env.CI)("widget in headless Chromium", () => {
  const fake = new FakeChat();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let widgetServer: { close: () => void; origin: string };
  let hostServer: { close: () => void; origin: string };
  let imageRequests: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`Chromium is required in CI but was not found at ${CHROMIUM}`);
    mkdirSync(ARTIFACTS, { recursive: true });

    // Composed the way the core app is: widgetHeadersMiddleware outside a global secureHeaders().
    const app = new Hono();
    app.use(widgetHeadersMiddleware);
    app.use(secureHeaders());
    app.route("/", createWidgetApp({ title: "Trợ lý Chính phủ số" }));
    app.route("/", fake.routes());
    widgetServer = await listen(app);

    const host = new Hono();
    host.get("/", (c) => c.html(hostilePage(widgetServer.origin, c.req.query("attrs") ?? "")));
    hostServer = await listen(host);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    widgetServer?.close();
    hostServer?.close();
  });

  beforeEach(async () => {
    fake.reset();
    imageRequests = [];
    pageErrors = [];
    context = await browser.newContext({ viewport: { width: 1100, height: 820 }, locale: "vi-VN" });
    page = await context.newPage();
    page.on("request", (r) => {
      if (r.resourceType() === "image" || /evil|track\.png|\/x$/.test(r.url())) imageRequests.push(r.url());
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (
        m.type() === "error" &&
        !/Failed to load resource|ERR_CONNECTION_REFUSED|ERR_FAILED/.test(m.text())
      ) {
        pageErrors.push(m.text());
      }
    });
  });

  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context?.close();
  });

  async function openDemo(): Promise<void> {
    const res = await page.goto(widgetServer.origin + "/");
    expect(res?.status()).toBe(200);
    await page.locator("hoidap-cds-widget .launcher").waitFor();
  }

  async function ask(text: string): Promise<void> {
    await page.locator("hoidap-cds-widget .input").fill(text);
    await page.locator("hoidap-cds-widget .input").press("Enter");
  }

  const lastBot = () => page.locator("hoidap-cds-widget .msg.bot").last();

  it("opens, answers an example question by streaming, and expands the sources", async () => {
    await openDemo();
    const launcher = page.getByRole("button", { name: /Hỏi đáp/ });
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("false");
    await launcher.click();
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("true");

    const dialog = page.getByRole("dialog", { name: "Trợ lý Chính phủ số" });
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(
      dialog.getByText("Trợ lý tự động (AI) — trả lời dựa trên các văn bản được liệt kê").isVisible(),
    ).resolves.toBe(true);
    expect(await activeClass(page)).toBe("input");

    const examples = page.locator("hoidap-cds-widget .ex");
    expect(await examples.count()).toBeGreaterThanOrEqual(3);
    await page.getByRole("button", { name: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" }).click();

    await lastBot().locator(".sources").waitFor();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?",
      history: [],
    });
    expect(fake.requests[0]!.sessionId).toMatch(/^[\w-]{16,}$/);

    const text = await lastBot().locator(".text").innerText();
    expect(text).toContain("Bộ Công an chủ trì nhiệm vụ “Xây dựng Luật An ninh dữ liệu”");
    expect(text).toContain("Bộ Khoa học và Công nghệ phối hợp");
    expect(await lastBot().locator(".text button.ref").allInnerTexts()).toEqual(["1", "2"]);
    expect(await page.locator("hoidap-cds-widget .ex").count()).toBe(0);

    const srcButtons = lastBot().locator(".src-btn");
    expect(await srcButtons.count()).toBe(2);
    expect(await srcButtons.nth(0).innerText()).toContain("2629/QĐ-TTg");
    expect(await srcButtons.nth(1).innerText()).toContain("Chưa có số hiệu");
    expect(await srcButtons.nth(1).locator(".badge").innerText()).toBe("Dự thảo");

    // Expand source 1 by its button.
    const quote1 = lastBot().locator(".src").nth(0).locator(".quote");
    expect(await quote1.isVisible()).toBe(false);
    await srcButtons.nth(0).click();
    expect(await srcButtons.nth(0).getAttribute("aria-expanded")).toBe("true");
    expect(await quote1.innerText()).toContain("Xây dựng Luật An ninh dữ liệu. | Bộ Công an");
    expect(await lastBot().locator(".src").nth(0).locator(".src-section").innerText()).toContain(
      "Phụ lục II › I › 3",
    );

    // The [2] marker opens source 2 and moves focus to it.
    await lastBot().locator(".text button.ref", { hasText: "2" }).click();
    expect(await srcButtons.nth(1).getAttribute("aria-expanded")).toBe("true");
    expect(await lastBot().locator(".src").nth(1).locator(".quote").innerText()).toContain(
      "phối hợp với các bộ",
    );
    expect(await activeClass(page)).toBe("src-btn");

    // Copy the answer.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: widgetServer.origin });
    await lastBot().getByRole("button", { name: "Sao chép" }).click();
    await lastBot().getByRole("button", { name: "Đã sao chép" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("Bộ Công an chủ trì");
    expect(copied).toContain("[1] 2629/QĐ-TTg — Quyết định phê duyệt");
    expect(copied).toContain("[Dự thảo]");

    await srcButtons.nth(1).click(); // collapse again for a tidy screenshot
    await page.mouse.move(0, 0);
    await page.waitForTimeout(250); // let the chevron transition finish
    await page.screenshot({ path: ARTIFACTS + "widget.png" });
  });

  it("shows the answer while it streams, before the sources arrive", async () => {
    await openDemo();
    await page.locator("hoidap-cds-widget .launcher").click();
    fake.holdNext();
    await ask("Câu hỏi trả lời chậm");
    await lastBot().locator(".text").getByText("Bộ Công an chủ trì").waitFor();
    expect(await lastBot().locator(".sources").count()).toBe(0);
    expect(await page.locator("hoidap-cds-widget .log").getAttribute("aria-busy")).toBe("true");
    expect(await page.locator("hoidap-cds-widget .send").getAttribute("aria-label")).toBe("Dừng trả lời");
    fake.release();
    await lastBot().locator(".sources").waitFor();
    expect(await page.locator("hoidap-cds-widget .log").getAttribute("aria-busy")).toBe("false");
    expect(await lastBot().locator(".text").innerText()).toBe(ANSWER.replace(/\[(\d)\]/g, "$1"));
  });

  it("renders markup in questions, answers and sources as literal text", async () => {
    await openDemo();
    await page.locator("hoidap-cds-widget .launcher").click();
    await ask('xss <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>');
    await lastBot().locator(".sources").waitFor();
    await lastBot().locator(".src-btn").click();

    const user = await page.locator("hoidap-cds-widget .msg.user").last().innerText();
    expect(user).toContain('<img src=x onerror="window.__pwned=1">');
    const answer = await lastBot().locator(".text").innerText();
    expect(answer).toContain('<img src=x onerror="window.__pwned=1">');
    expect(answer).toContain("<script>window.__pwned=1</script>");
    expect(answer).toContain("https://evil.example/track.png");
    expect(await lastBot().locator(".quote").innerText()).toContain('<img src="/evil2.png"');
    expect(await lastBot().locator(".src-section").innerText()).toContain(
      "<script>window.__pwned=3</script>",
    );
    expect(await lastBot().locator(".badge").innerText()).toBe("Bản tin tóm tắt");

    const counts = await inShadow<number[]>(
      page,
      "(r) => ['img','script','a','iframe','b'].map((t) => r.querySelectorAll(t).length)",
    );
    expect(counts).toEqual([0, 0, 0, 0, 0]);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(imageRequests).toEqual([]);
  });

  it("works with the keyboard alone", async () => {
    await openDemo();
    let onLauncher = false;
    for (let i = 0; i < 30 && !onLauncher; i++) {
      await page.keyboard.press("Tab");
      onLauncher = await page.evaluate(
        () =>
          document.activeElement?.tagName === "HOIDAP-CDS-WIDGET" &&
          document.activeElement.shadowRoot?.activeElement?.classList.contains("launcher") === true,
      );
    }
    expect(onLauncher).toBe(true);
    // Visible focus ring on the launcher.
    const outline = await inShadow<string>(page, "(r) => getComputedStyle(r.activeElement).outlineStyle");
    expect(outline).toBe("solid");

    await page.keyboard.press("Enter");
    expect(await page.locator("hoidap-cds-widget .panel").isVisible()).toBe(true);
    expect(await activeClass(page)).toBe("input");

    await page.keyboard.type("Dòng một");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("dòng hai");
    expect(await page.locator("hoidap-cds-widget .input").inputValue()).toBe("Dòng một\ndòng hai");
    expect(fake.requests).toHaveLength(0);
    await page.keyboard.press("Enter");
    await lastBot().locator(".sources").waitFor();
    expect(fake.requests[0]?.message).toBe("Dòng một\ndòng hai");
    expect(await page.locator("hoidap-cds-widget .input").inputValue()).toBe("");

    // Tab reaches the header, examples/sources and composer controls, all inside the panel.
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      seen.add(await activeClass(page));
    }
    for (const cls of ["hbtn icon", "log", "ref", "src-btn", "act copy", "input", "send", "link new"]) {
      expect([...seen]).toContain(cls);
    }

    await page.keyboard.press("Escape");
    expect(await page.locator("hoidap-cds-widget .panel").isVisible()).toBe(false);
    expect(await activeClass(page)).toBe("launcher");
    expect(await page.locator("hoidap-cds-widget .launcher").getAttribute("aria-expanded")).toBe("false");
  });

  it("explains errors in Vietnamese and keeps the question in the input", async () => {
    await openDemo();
    await page.locator("hoidap-cds-widget .launcher").click();
    const input = page.locator("hoidap-cds-widget .input");
    const error = page.locator("hoidap-cds-widget .error");
    const question = "Thời hạn hoàn thành nền tảng dữ liệu?";

    fake.script.push({ kind: "status", status: 429, retryAfter: "30" });
    await ask(question);
    await error.waitFor();
    expect(await error.innerText()).toContain("Bạn gửi quá nhiều câu hỏi, vui lòng thử lại sau 30 giây");
    expect(await input.inputValue()).toBe(question);
    expect(await page.locator("hoidap-cds-widget .msg").count()).toBe(0);
    expect(await activeClass(page)).toBe("input");

    fake.script.push({ kind: "status", status: 500 });
    await input.press("Enter");
    await error.getByText("Máy chủ đang gặp sự cố").waitFor();
    expect(await error.count()).toBe(1);
    expect(await input.inputValue()).toBe(question);

    fake.script.push({ kind: "status", status: 400, message: "Câu hỏi quá dài (tối đa 1000 ký tự)." });
    await input.press("Enter");
    await error.getByText("Câu hỏi quá dài (tối đa 1000 ký tự).").waitFor();
    expect(await input.inputValue()).toBe(question);

    fake.script.push({ kind: "sse-error", message: "Không trả lời được lúc này." });
    await input.press("Enter");
    await error.getByText("Không trả lời được lúc này.").waitFor();
    expect(await input.inputValue()).toBe(question);
    expect(await page.locator("hoidap-cds-widget .msg.bot").count()).toBe(0);

    await page.route("**/api/chat", (route) => route.abort("connectionrefused"));
    await input.press("Enter");
    await error.getByText("Không kết nối được máy chủ").waitFor();
    expect(await input.inputValue()).toBe(question);
    await page.unroute("**/api/chat");

    // A non-streaming JSON answer is rendered too; the failed attempts left no history behind.
    fake.script.push({ kind: "json" });
    const before = fake.requests.length;
    await input.press("Enter");
    await lastBot().locator(".sources").waitFor();
    expect(await error.count()).toBe(0);
    expect(await input.inputValue()).toBe("");
    expect(fake.requests[before]?.history).toEqual([]);
  });

  it("sends the history until 'Cuộc trò chuyện mới' starts over", async () => {
    await openDemo();
    await page.locator("hoidap-cds-widget .launcher").click();
    await ask("Câu một");
    await page.locator("hoidap-cds-widget .msg.bot .sources").nth(0).waitFor();
    await ask("Câu hai");
    await page.locator("hoidap-cds-widget .msg.bot .sources").nth(1).waitFor();
    expect(fake.requests[1]!.history).toEqual([
      { role: "user", content: "Câu một" },
      { role: "assistant", content: ANSWER },
    ]);
    expect(fake.requests[1]!.sessionId).toBe(fake.requests[0]!.sessionId);

    // Survives a page reload in the same tab.
    await page.reload();
    await page.locator("hoidap-cds-widget .launcher").click();
    expect(await page.locator("hoidap-cds-widget .msg.bot").count()).toBe(2);

    await page.getByRole("button", { name: "Cuộc trò chuyện mới" }).click();
    expect(await page.locator("hoidap-cds-widget .msg").count()).toBe(0);
    expect(await page.locator("hoidap-cds-widget .ex").count()).toBeGreaterThanOrEqual(3);
    expect(await activeClass(page)).toBe("input");
    await ask("Câu ba");
    await lastBot().locator(".sources").waitFor();
    expect(fake.requests[2]!.history).toEqual([]);
    expect(fake.requests[2]!.sessionId).not.toBe(fake.requests[0]!.sessionId);
  });

  it("is untouched by a hostile host page's CSS on another origin, and leaves the host alone", async () => {
    const attrs = encodeURIComponent(
      'data-title="Hỏi đáp CĐS" data-color="#ffd400" data-position="bottom-left"',
    );
    await page.goto(`${hostServer.origin}/?attrs=${attrs}`);
    const launcher = page.locator("hoidap-cds-widget .launcher");
    await launcher.waitFor();
    const box = await launcher.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeLessThan(100); // bottom-left
    const style = await inShadow<Record<string, string>>(
      page,
      `(r) => { const s = getComputedStyle(r.querySelector(".launcher")); return {
        color: s.color, bg: s.backgroundColor, font: s.fontFamily, size: s.fontSize, display: s.display } }`,
    );
    expect(style.bg).toBe("rgb(255, 212, 0)");
    expect(style.color).toBe("rgb(17, 24, 39)"); // dark text on a light theme colour
    expect(style.font).not.toContain("Courier");
    expect(style.size).toBe("15px");
    expect(style.display).toBe("flex"); // inline-flex, blockified by position: fixed

    await launcher.click();
    expect(await page.getByRole("dialog", { name: "Hỏi đáp CĐS" }).isVisible()).toBe(true);
    await ask("Câu hỏi từ trang khác");
    await lastBot().locator(".sources").waitFor(); // cross-origin fetch through CORS
    const textColor = await inShadow<string>(
      page,
      `(r) => getComputedStyle(r.querySelector(".msg.bot .text")).color`,
    );
    expect(textColor).not.toBe("rgb(255, 0, 0)");

    // The widget's .launcher / .panel rules do not reach the host's elements of the same class.
    const hostPanel = await page.evaluate(
      () => getComputedStyle(document.getElementById("host-panel")!).position,
    );
    expect(hostPanel).toBe("static");
    await page.screenshot({ path: ARTIFACTS + "widget-hostile.png" });

    // A 429 across origins still reads Retry-After (exposed by CORS).
    fake.script.push({ kind: "status", status: 429, retryAfter: "12" });
    await ask("Thêm một câu");
    await page.locator("hoidap-cds-widget .error").getByText("thử lại sau 12 giây").waitFor();
  });

  it("falls back to the default colour for an invalid data-color and fills a phone screen", async () => {
    await page.setViewportSize({ width: 380, height: 740 });
    await page.emulateMedia({ reducedMotion: "reduce" }); // no open animation: measure the final box
    const attrs = encodeURIComponent('data-color="red;background:url(/x)"');
    await page.goto(`${hostServer.origin}/?attrs=${attrs}`);
    const launcher = page.locator("hoidap-cds-widget .launcher");
    await launcher.click();
    const bg = await inShadow<string>(
      page,
      `(r) => getComputedStyle(r.querySelector(".launcher")).backgroundColor`,
    );
    expect(bg).toBe("rgb(11, 92, 173)");
    const panel = await page.locator("hoidap-cds-widget .panel").boundingBox();
    expect(panel && [panel.x, panel.y, panel.width, panel.height].map(Math.round)).toEqual([0, 0, 380, 740]);
    await ask("Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?");
    await lastBot().locator(".sources").waitFor();
    // The latest question stays in view: the list follows the answer only until the question reaches the top.
    const questionVisible = await inShadow<boolean>(
      page,
      `(r) => { const log = r.querySelector(".log"), q = r.querySelectorAll(".msg.user");
        return q[q.length - 1].getBoundingClientRect().top >= log.getBoundingClientRect().top; }`,
    );
    expect(questionVisible).toBe(true);
    await page.screenshot({ path: ARTIFACTS + "widget-mobile.png" });
    expect(imageRequests).toEqual([]);
  });

  it("serves widget.js with CORP cross-origin through the global secure headers", async () => {
    const res = await page.request.get(widgetServer.origin + "/widget.js");
    expect(res.headers()["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(res.headers()["content-type"]).toBe("application/javascript; charset=utf-8");
    const demo = await page.request.get(widgetServer.origin + "/");
    expect(demo.headers()["content-security-policy"]).toContain("connect-src 'self'");
  });
});
