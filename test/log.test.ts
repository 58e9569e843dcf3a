// Structured JSON-line logs: the format of a line, redaction of string fields, and buffering (the lines of
// one turn of the event loop go out in one write; nothing is kept back by flush() or take()).
import { describe, expect, it } from "vitest";
import { redactPersonalData } from "../src/http/redact.ts";
import { createJsonLineLogger } from "../src/log.ts";

function setup(max?: number) {
  const writes: string[] = [];
  const queued: (() => void)[] = [];
  let t = Date.parse("2026-11-23T04:05:06.789Z");
  const log = createJsonLineLogger({
    write: (s) => writes.push(s),
    schedule: (f) => queued.push(f),
    redact: redactPersonalData,
    now: () => t,
    ...(max ? { maxBufferChars: max } : {}),
  });
  const runQueued = () => queued.splice(0).forEach((f) => f());
  return { log, writes, runQueued, tick: (ms: number) => (t += ms) };
}

describe("createJsonLineLogger", () => {
  it("writes one JSON object per line: time, level, msg, then the fields; string fields redacted", () => {
    const { log, writes, runQueued } = setup();
    log.info("request", { requestId: "r-1", method: "POST", path: "/api/x/0912345678", status: 200, ms: 3 });
    log.warn("llm: extractive answer served instead", { reason: "mail a.b@c.vn", n: 1, ok: true, list: ["0912345678"] });
    log.error("boom");
    expect(writes).toEqual([]);
    runQueued();
    expect(writes.length).toBe(1);
    const lines = writes[0]!.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toEqual([
      '{"time":"2026-11-23T04:05:06.789Z","level":"info","msg":"request","requestId":"r-1","method":"POST","path":"/api/x/[sđt]","status":200,"ms":3}',
      '{"time":"2026-11-23T04:05:06.789Z","level":"warn","msg":"llm: extractive answer served instead","reason":"mail [email]","n":1,"ok":true,"list":["0912345678"]}',
      '{"time":"2026-11-23T04:05:06.789Z","level":"error","msg":"boom"}',
    ]);
  });

  it("the same line as before buffering: JSON.stringify({time, level, msg, ...redacted fields})", () => {
    const { log, writes, runQueued, tick } = setup();
    const fields = { requestId: "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", method: "GET", path: "/healthz", status: 503, ms: 0 };
    for (let i = 0; i < 3; i++) {
      log.info("request", fields);
      tick(i);
    }
    runQueued();
    const times = ["2026-11-23T04:05:06.789Z", "2026-11-23T04:05:06.789Z", "2026-11-23T04:05:06.790Z"];
    const safe = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? redactPersonalData(v) : v]));
    expect(writes.join("")).toBe(times.map((time) => JSON.stringify({ time, level: "info", msg: "request", ...safe }) + "\n").join(""));
  });

  it("one write per turn, a new turn schedules again, a full buffer is written at once", () => {
    const { log, writes, runQueued } = setup(300);
    log.info("a");
    log.info("b");
    runQueued();
    expect(writes.length).toBe(1);
    runQueued();
    expect(writes.length).toBe(1);
    log.info("c");
    runQueued();
    expect(writes.length).toBe(2);
    for (let i = 0; i < 10; i++) log.info("x".repeat(50));
    expect(writes.length).toBeGreaterThan(2);
    runQueued();
    expect(writes.join("").split("\n").filter(Boolean).length).toBe(13);
  });

  it("flush() writes what is waiting; take() hands it over and leaves nothing behind", () => {
    const { log, writes, runQueued } = setup();
    log.info("one");
    log.flush();
    expect(writes.length).toBe(1);
    log.info("two");
    const taken = log.take();
    expect(taken).toMatch(/"msg":"two"\}\n$/);
    expect(log.take()).toBe("");
    runQueued();
    log.flush();
    expect(writes.length).toBe(1);
  });
});
