// Widget sub-app through app.request(): headers, demo page, and static safety checks on the browser script.
import { Script } from "node:vm";
import { transformSync } from "esbuild";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import { WIDGET_JS } from "../src/channels/widget-script.ts";
import { createWidgetApp, widgetHeadersMiddleware } from "../src/channels/widget.ts";

/** The script is ASCII-escaped; undo \uXXXX to search for Vietnamese text. */
const decoded = WIDGET_JS.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) =>
  String.fromCharCode(parseInt(hex, 16)),
);

describe("GET /widget.js", () => {
  it("serves JavaScript that other sites may load", async () => {
    const res = await createWidgetApp().request("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d{2,4}\b/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe(WIDGET_JS);
  });

  it("answers a matching If-None-Match with 304", async () => {
    const app = createWidgetApp();
    const etag = (await app.request("/widget.js")).headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const res = await app.request("/widget.js", { headers: { "If-None-Match": etag! } });
    expect(res.status).toBe(304);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("keeps CORP cross-origin under a global secureHeaders when mounted as documented", async () => {
    const outer = new Hono();
    outer.use(widgetHeadersMiddleware);
    outer.use(secureHeaders());
    outer.route("/", createWidgetApp());
    outer.get("/other", (c) => c.text("x"));
    expect((await outer.request("/widget.js")).headers.get("cross-origin-resource-policy")).toBe(
      "cross-origin",
    );
    // ...and only there: other routes keep the strict default.
    expect((await outer.request("/other")).headers.get("cross-origin-resource-policy")).toBe("same-origin");

    const lenient = new Hono();
    lenient.use(secureHeaders({ overwrite: false }));
    lenient.route("/", createWidgetApp());
    expect((await lenient.request("/widget.js")).headers.get("cross-origin-resource-policy")).toBe(
      "cross-origin",
    );
  });

  it("does not leak widget middleware onto the parent's other routes", async () => {
    const outer = new Hono();
    outer.route("/", createWidgetApp());
    outer.post("/api/chat", (c) => c.json({ ok: true }));
    const res = await outer.request("/api/chat", { method: "POST" });
    expect(res.headers.get("cross-origin-resource-policy")).toBeNull();
    expect(res.headers.get("content-security-policy")).toBeNull();
  });
});

describe("GET / (demo page)", () => {
  it("is a Vietnamese page with the widget embedded and a strict CSP", async () => {
    const res = await createWidgetApp({ title: "Hỏi <đáp> & CĐS" }).request("http://demo.test/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("<title>hoidap-cds — trợ lý Chính phủ số</title>");
    expect(html).toMatch(/<script src="\/widget\.js"[^>]* defer><\/script>/);
    expect(html).toContain('data-title="Hỏi &#60;đáp&#62; &#38; CĐS"');
    expect(html).not.toContain("<đáp>");
    expect(html).toContain("http://demo.test/widget.js");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("passes apiBase to the widget and allows it in connect-src", async () => {
    const res = await createWidgetApp({ apiBase: "https://api.example.gov.vn/hoidap/" }).request("/");
    const html = await res.text();
    expect(html).toContain('data-api="https://api.example.gov.vn/hoidap"');
    expect(res.headers.get("content-security-policy")).toContain(
      "connect-src 'self' https://api.example.gov.vn",
    );
  });

  it("ignores a non-http apiBase", async () => {
    const html = await (await createWidgetApp({ apiBase: "javascript:alert(1)" }).request("/")).text();
    expect(html).not.toContain('data-api="');
  });
});

describe("WIDGET_JS", () => {
  it("is valid ES2019 (nothing for esbuild to lower) and ASCII-only", () => {
    expect(() => new Script(WIDGET_JS)).not.toThrow();
    const es2019 = transformSync(WIDGET_JS, { target: "es2019", loader: "js" }).code;
    const esnext = transformSync(WIDGET_JS, { target: "esnext", loader: "js" }).code;
    expect(es2019).toBe(esnext);
    expect(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(WIDGET_JS)).toBe(true);
  });

  it("never builds HTML from strings, evaluates code, or loads images", () => {
    expect(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/.test(
        WIDGET_JS,
      ),
    ).toBe(false);
    expect(/\beval\s*\(|new\s+Function\s*\(|setTimeout\(\s*["']/.test(WIDGET_JS)).toBe(false);
    expect(/createElement\(\s*["'](img|a|iframe|script|link|object|embed)["']/.test(WIDGET_JS)).toBe(false);
    expect(/\bnew Image\b|\.src\s*=|\.href\s*=/.test(WIDGET_JS)).toBe(false);
    expect(/setAttribute\(\s*["'](on\w+|href|src|srcset|style)["']/i.test(WIDGET_JS)).toBe(false);
  });

  it("has no node:* imports and no module syntax", () => {
    expect(WIDGET_JS).not.toMatch(/\bimport\s|\brequire\(|node:/);
  });

  it("speaks Vietnamese and states it is an automated assistant", () => {
    for (const s of [
      "Cuộc trò chuyện mới",
      "Trợ lý tự động (AI) — trả lời dựa trên các văn bản được liệt kê, không thay thế văn bản chính thức.",
      "Đã sao chép",
      "Không kết nối được máy chủ",
      "Bạn gửi quá nhiều câu hỏi, vui lòng thử lại sau {n} giây.",
      "Máy chủ đang gặp sự cố",
      "Dự thảo",
      "Bản tin tóm tắt",
      "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?",
    ]) {
      expect(decoded).toContain(JSON.stringify(s).slice(1, -1));
    }
  });

  it("streams: asks for SSE and handles delta / done / error events", () => {
    expect(WIDGET_JS).toContain('Accept: "text/event-stream"');
    for (const ev of ['"delta"', '"done"', '"error"']) expect(WIDGET_JS).toContain(ev);
    expect(WIDGET_JS).toContain('"/api/chat"');
  });
});
