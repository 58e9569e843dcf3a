// Channels: the web widget sub-app — serves /widget.js (one <script> tag adds the chat to any site; it calls /api/chat) and a Vietnamese demo page at /.
import { Hono } from "hono";
import type { Context, MiddlewareHandler } from "hono";
import { WIDGET_JS } from "./widget-script.ts";

export interface WidgetOptions {
  /** Title shown in the widget header and the demo page. */
  title?: string;
  /** Base URL of the API the demo page's widget calls; default: the origin that served widget.js. */
  apiBase?: string;
}

const DEFAULT_TITLE = "Trợ lý Chính phủ số";
const PAGE_TITLE = "hoidap-cds — trợ lý Chính phủ số";
const SCRIPT_CACHE = "public, max-age=300, stale-while-revalidate=3600";

/**
 * Lets other sites load /widget.js. A global `secureHeaders()` writes `Cross-Origin-Resource-Policy: same-origin`
 * after every handler and middleware it wraps, so a sub-app cannot override it from inside. Register this
 * before `secureHeaders()` on the parent app (`app.use(widgetHeadersMiddleware); app.use(secureHeaders())`) so
 * it runs last, or configure `secureHeaders({ overwrite: false })` — the handler below sets the header itself.
 */
export const widgetHeadersMiddleware: MiddlewareHandler = async (c, next) => {
  await next();
  if (isWidgetScriptPath(c.req.path) && c.res.ok) {
    c.res.headers.set("Cross-Origin-Resource-Policy", "cross-origin");
  }
};

function isWidgetScriptPath(path: string): boolean {
  return path === "/widget.js" || path.endsWith("/widget.js");
}

/** The widget routes. Mount with `app.route("/", createWidgetApp({ ... }))`. */
export function createWidgetApp(opts: WidgetOptions = {}): Hono {
  const title = (opts.title ?? "").trim() || DEFAULT_TITLE;
  const apiBase = normaliseApiBase(opts.apiBase);
  const app = new Hono();

  // Route-level only: a sub-app `use("*")` mounted at "/" would also wrap /api/chat and every other route.
  app.get("/widget.js", widgetHeadersMiddleware, async (c) => {
    const etag = await scriptEtag();
    setScriptHeaders(c, etag);
    if (matchesEtag(c.req.header("If-None-Match"), etag)) return c.body(null, 304);
    return c.body(WIDGET_JS, 200, { "Content-Type": "application/javascript; charset=utf-8" });
  });

  app.get("/", async (c) => {
    const origin = new URL(c.req.url).origin;
    const csp = await demoCsp(apiBase);
    c.header("Content-Security-Policy", csp);
    c.header("Cache-Control", "no-cache");
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(renderDemoPage({ title, apiBase, origin }));
  });

  return app;
}

function setScriptHeaders(c: Context, etag: string): void {
  c.header("Cache-Control", SCRIPT_CACHE);
  c.header("ETag", etag);
  c.header("Cross-Origin-Resource-Policy", "cross-origin");
  c.header("Access-Control-Allow-Origin", "*");
  c.header("X-Content-Type-Options", "nosniff");
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const v = t.trim();
    return v === "*" || v === etag || v === `W/${etag}`;
  });
}

/** Only http(s) URLs are accepted; anything else falls back to the script's own origin. */
function normaliseApiBase(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    return (u.origin + u.pathname).replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let bin = "";
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return btoa(bin);
}

let etagPromise: Promise<string> | undefined;
function scriptEtag(): Promise<string> {
  etagPromise ??= sha256Base64(WIDGET_JS).then((h) => `"${h.slice(0, 27).replace(/[+/]/g, "_")}"`);
  return etagPromise;
}

const DEMO_CSS = `
  :root { color-scheme: light; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
    color: #1f2937; background: #f5f7fa; line-height: 1.6; }
  main { max-width: 720px; margin: 0 auto; padding: 48px 20px 140px; }
  h1 { font-size: 30px; line-height: 1.25; margin: 0 0 16px; color: #0b3d73; }
  h2 { font-size: 20px; margin: 32px 0 8px; }
  p { margin: 0 0 12px; }
  .lead { font-size: 18px; }
  pre { background: #0f172a; color: #e2e8f0; padding: 14px 16px; border-radius: 10px; overflow-x: auto;
    font-size: 13px; line-height: 1.5; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  li { margin-bottom: 4px; }
  .note { font-size: 14px; color: #4b5563; border-left: 3px solid #0b5cad; padding-left: 12px; }
`;

let demoStyleHash: Promise<string> | undefined;
async function demoCsp(apiBase: string | undefined): Promise<string> {
  demoStyleHash ??= sha256Base64(DEMO_CSS);
  const hash = await demoStyleHash;
  const connect = ["'self'"];
  if (apiBase) connect.push(new URL(apiBase).origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    `connect-src ${connect.join(" ")}`,
    `style-src 'self' 'sha256-${hash}'`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function renderDemoPage(p: { title: string; apiBase: string | undefined; origin: string }): string {
  const apiAttr = p.apiBase ? ` data-api="${escapeHtml(p.apiBase)}"` : "";
  const snippet =
    `<script src="${p.origin}/widget.js"\n` +
    `        data-title="${p.title}" data-color="#0b5cad"\n` +
    `        data-position="bottom-right" defer></script>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(PAGE_TITLE)}</title>
<meta name="description" content="Trợ lý hỏi đáp về Chính phủ số và chuyển đổi số Việt Nam, trả lời kèm trích dẫn văn bản.">
<style>${DEMO_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(PAGE_TITLE)}</h1>
<p class="lead">Hỏi đáp về các quyết định, chương trình và kế hoạch Chính phủ số, chuyển đổi số của Việt Nam:
nhiệm vụ nào, cơ quan nào chủ trì, phối hợp, thời hạn và chỉ tiêu ra sao.</p>
<p>Bấm nút <strong>Hỏi đáp</strong> ở góc dưới bên phải để đặt câu hỏi. Mỗi câu trả lời đều có nguồn đánh số
[1], [2]… — bấm vào nguồn để xem số hiệu văn bản, mục và đoạn trích nguyên văn.</p>
<p class="note">Đây là trợ lý tự động (AI). Câu trả lời chỉ dựa trên các văn bản được trích dẫn và không thay thế
văn bản chính thức.</p>
<h2>Nhúng vào trang web của bạn</h2>
<p>Thêm một dòng vào trang, trước thẻ <code>&lt;/body&gt;</code>:</p>
<pre><code>${escapeHtml(snippet)}</code></pre>
<ul>
<li><code>data-api</code>: địa chỉ máy chủ hỏi đáp (mặc định: nơi tải <code>widget.js</code>).</li>
<li><code>data-title</code>: tiêu đề khung trò chuyện; <code>data-color</code>: màu chủ đạo dạng <code>#rrggbb</code>.</li>
<li><code>data-position</code>: <code>bottom-right</code> hoặc <code>bottom-left</code>.</li>
</ul>
</main>
<script src="/widget.js" data-title="${escapeHtml(p.title)}"${apiAttr} defer></script>
</body>
</html>
`;
}
