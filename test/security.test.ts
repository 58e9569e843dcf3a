// Security basics through app.request(): secure headers, personal data redacted from logs, no internals
// in 500 responses, constant error shape for the admin API.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded, newRequestId } from "../src/http/app.ts";
import { redactPersonalData } from "../src/http/redact.ts";
import type { LogFields, Logger } from "../src/log.ts";

function recordingLogger() {
  const lines: { msg: string; fields?: LogFields }[] = [];
  const logger: Logger = { info: (msg, fields) => lines.push({ msg, fields }), warn: (msg, fields) => lines.push({ msg, fields }), error: (msg, fields) => lines.push({ msg, fields }) };
  return { lines, logger };
}

const corpus = { documents: [], chunks: [], tasks: [], indicators: [], warnings: [], failures: [], stats: { files: 0, documents: 0, sections: 0, tableRows: 0, chunks: 0, tasks: 0, indicators: 0 } };

describe("redactPersonalData", () => {
  it("removes citizen ID numbers, phone numbers and e-mail addresses, keeps the rest", () => {
    const s = redactPersonalData("CCCD 001203004567, gọi 0912 345 678 hoặc +84 912345678, mail nguyen.van.a@gmail.com — Quyết định 2629/QĐ-TTg năm 2025");
    expect(s).not.toMatch(/001203004567|0912 345 678|912345678|nguyen\.van\.a/);
    expect(s).toContain("[cccd]");
    expect(s).toContain("[sđt]");
    expect(s).toContain("[email]");
    expect(s).toContain("2629/QĐ-TTg năm 2025");
  });
  it("removes a 9-digit CMND number but not a phone number's digits, an amount or a số hiệu", () => {
    expect(redactPersonalData("CMND số 012345678 của tôi")).toBe("CMND số [cmnd] của tôi");
    expect(redactPersonalData("cmnd 123456789, sđt 0912345678")).toBe("cmnd [cmnd], sđt [sđt]");
    expect(redactPersonalData("kinh phí 123.456.789 đồng, văn bản 123456789/QĐ-UBND")).toBe("kinh phí 123.456.789 đồng, văn bản 123456789/QĐ-UBND");
    expect(redactPersonalData("mã hồ sơ 1234567890")).toBe("mã hồ sơ 1234567890");
  });
});

describe("redactPersonalData: the three patterns, in linear time", () => {
  // The reference: the three patterns applied one after the other over the whole text.
  const full = (text: string) =>
    text
      .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, "[email]")
      .replace(/(?<!\d)\d{12}(?!\d)/g, "[cccd]")
      .replace(/(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){9,10}(?![\d])/g, "[sđt]")
      .replace(/(?<![\d.,/])\d{9}(?!\d|[.,]\d|\/)/g, "[cmnd]");
  it("is exactly the reference on texts made of the characters the patterns care about", () => {
    const chars = fc.constantFrom("a", "b", "ệ", "Đ", "𝐀", "1", "0", "8", "4", "٣", "@", ".", "-", "_", "%", "+", " ", "/", "＠", "\n");
    const pieces = fc.constantFrom("0912 345 678", "+84 912345678", "001203004567", "a.b@c.vn", "ư@đ.việt", "x@y.zz_q@r.st", "a@b.cc1@d.ee", "Bộ Công an", "/api/chat");
    fc.assert(fc.property(fc.array(fc.oneof(chars, chars, pieces), { maxLength: 40 }), (parts) => redactPersonalData(parts.join("")) === full(parts.join(""))), { numRuns: 20000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => redactPersonalData(s) === full(s)), { numRuns: 2000 });
  });
  it("takes linear time on long runs of letters or digits (the reference took seconds on a 15 kB path)", () => {
    for (const s of ["1".repeat(64000), "a".repeat(64000) + "@", `${"a".repeat(32000)}@${"b".repeat(32000)}`, "a@".repeat(32000), "1@".repeat(32000), `x@${"a.".repeat(32000)}`]) {
      const t = performance.now();
      redactPersonalData(s);
      expect(performance.now() - t, s.slice(0, 8)).toBeLessThan(250);
    }
    expect(redactPersonalData(`/api/${"1".repeat(15000)}`)).toBe(`/api/${"1".repeat(15000)}`);
  });
});

describe("HTTP hardening", () => {
  it("sets secure headers and hides internals when the answer function fails", async () => {
    const { lines, logger } = recordingLogger();
    const current = (): Loaded => ({
      version: "v-test",
      corpus,
      index: { search: async () => [], size: () => 0 },
      answer: async () => {
        throw new Error("ENOENT: /srv/secret/path/data.json");
      },
    });
    const app = createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0" }), current, logger, fetch: () => Promise.reject(new Error("offline")), defer: () => {} });
    const res = await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: "Số CCCD của tôi là 001203004567, email a.b@c.vn" }) });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/ENOENT|secret|\.json|at /);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "internal_error" } });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    // Logs: one structured line per request with id and latency; no question text, no personal data.
    const logged = JSON.stringify(lines);
    expect(logged).not.toMatch(/001203004567|a\.b@c\.vn/);
    expect(lines.some((l) => l.msg === "request" && typeof l.fields?.ms === "number" && l.fields?.requestId)).toBe(true);
  });
});

describe("request ids", () => {
  it("generated ids are UUIDs that redaction leaves alone, so the logged id is the X-Request-Id sent", async () => {
    for (let i = 0; i < 5000; i++) {
      const id = newRequestId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(redactPersonalData(id)).toBe(id);
    }
    const { lines, logger } = recordingLogger();
    const current = (): Loaded => ({ version: "v-test", corpus, index: { search: async () => [], size: () => 0 }, answer: async () => ({ answer: "x", citations: [], intent: "explain", facts: [] }) });
    const app = createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0" }), current, logger, fetch: () => Promise.reject(new Error("offline")), defer: () => {} });
    const sent: string[] = [];
    for (let i = 0; i < 300; i++) sent.push((await app.request("/healthz")).headers.get("x-request-id")!);
    const logged = lines.filter((l) => l.msg === "request").map((l) => redactPersonalData(String(l.fields?.requestId)));
    expect(logged).toEqual(sent);
    // A client's own id is kept in the header; in the logs it is redacted like any other field.
    const own = await app.request("/healthz", { headers: { "X-Request-Id": "call-0912345678" } });
    expect(own.headers.get("x-request-id")).toBe("call-0912345678");
  });
});
