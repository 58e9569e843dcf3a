// The answer cache: same question (any spelling of tones/spacing) → one computation; history, scope and
// TTL are part of the key; failures are not cached; the size is bounded.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cacheAnswers, utcDayClock } from "../src/answer/cache.ts";
import type { ChatAnswer, ChatInput } from "../src/answer/types.ts";

function counting() {
  const calls: ChatInput[] = [];
  const fn = async (i: ChatInput): Promise<ChatAnswer> => {
    calls.push(i);
    if (i.message === "boom") throw new Error("boom");
    return { answer: `a${calls.length}`, citations: [], intent: "explain", facts: [] };
  };
  return { calls, fn };
}

describe("cacheAnswers", () => {
  it("answers a repeated question from the cache, whatever the tone placement or spacing", async () => {
    const c = counting();
    const a = cacheAnswers(c.fn, { scope: () => "v1" });
    expect((await a({ message: "Hoá đơn  điện tử?" })).answer).toBe("a1");
    expect((await a({ message: "hóa đơn điện tử?" })).answer).toBe("a1");
    expect(c.calls.length).toBe(1);
  });
  it("keys on history and scope (index version, day)", async () => {
    const c = counting();
    let scope = "v1";
    const a = cacheAnswers(c.fn, { scope: () => scope });
    await a({ message: "Còn hạn chót?" });
    await a({ message: "Còn hạn chót?", history: [{ role: "user", content: "Luật An ninh dữ liệu" }] });
    scope = "v2";
    await a({ message: "Còn hạn chót?" });
    expect(c.calls.length).toBe(3);
  });
  it("expires entries and never keeps failures", async () => {
    const c = counting();
    let t = 0;
    const a = cacheAnswers(c.fn, { scope: () => "v", ttlMs: 1000, now: () => t });
    await a({ message: "x" });
    t = 1500;
    await a({ message: "x" });
    expect(c.calls.length).toBe(2);
    await expect(a({ message: "boom" })).rejects.toThrow();
    await expect(a({ message: "boom" })).rejects.toThrow();
    expect(c.calls.length).toBe(4);
  });
  it("is bounded", async () => {
    const c = counting();
    const a = cacheAnswers(c.fn, { scope: () => "v", maxEntries: 3 });
    for (const m of ["a", "b", "c", "d", "e"]) await a({ message: m });
    expect(a.size()).toBe(3);
  });
});

describe("cacheAnswers keys", () => {
  const tail = [
    { role: "assistant" as const, content: "Bộ Công an chủ trì." },
    { role: "user" as const, content: "ok" },
    { role: "assistant" as const, content: "Vâng." },
    { role: "user" as const, content: "ừ" },
    { role: "assistant" as const, content: "Vâng." },
    { role: "user" as const, content: "hay" },
  ];
  it("keys on the whole history: the question a follow-up leans on may be more than six turns back", async () => {
    const c = counting();
    const a = cacheAnswers(c.fn, { scope: () => "v" });
    await a({ message: "Còn cơ quan phối hợp?", history: [{ role: "user", content: "Luật An ninh dữ liệu" }, ...tail] });
    await a({ message: "Còn cơ quan phối hợp?", history: [{ role: "user", content: "Luật Trí tuệ nhân tạo" }, ...tail] });
    expect(c.calls.length).toBe(2);
    // …and on every character of a long turn, not its first 500.
    const pad = "Tôi muốn hỏi thêm. ".repeat(40);
    await a({ message: "Còn hạn chót?", history: [{ role: "user", content: `${pad} Luật An ninh dữ liệu` }] });
    await a({ message: "Còn hạn chót?", history: [{ role: "user", content: `${pad} Luật Trí tuệ nhân tạo` }] });
    expect(c.calls.length).toBe(4);
  });
  it("a long history (keyed by digest) still hits when it is the same, whatever the spelling", async () => {
    const c = counting();
    const a = cacheAnswers(c.fn, { scope: () => "v" });
    const long = (s: string) => [...tail, ...tail, { role: "user" as const, content: `${"Tôi muốn hỏi thêm. ".repeat(80)} ${s}` }];
    const first = await a({ message: "Còn hạn chót?", history: long("Hoá đơn điện tử") });
    const again = await a({ message: "còn  hạn chót?", history: long("hóa đơn  điện tử") });
    expect(again).toBe(first);
    expect(c.calls.length).toBe(1);
    await a({ message: "Còn hạn chót?", history: long("Chữ ký số") });
    expect(c.calls.length).toBe(2);
  });
  it("keeps the parts of a key apart, whatever characters a turn holds", async () => {
    const c = counting();
    const a = cacheAnswers(c.fn, { scope: () => "v" });
    await a({ message: "x", history: [{ role: "user", content: "a\u0001user:b" }] });
    await a({ message: "x", history: [{ role: "user", content: "a" }, { role: "user", content: "b" }] });
    await a({ message: "x", history: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }] });
    expect(c.calls.length).toBe(3);
  });
  it("answers a hit with the very same answer object (the HTTP layer reuses its JSON)", async () => {
    const c = counting();
    const a = cacheAnswers(c.fn, { scope: () => "v" });
    const first = await a({ message: "Luật An ninh dữ liệu" });
    for (let i = 0; i < 3; i++) expect(await a({ message: "Luật An ninh dữ liệu" })).toBe(first);
  });
  it("an expired entry's late failure does not evict the answer that replaced it", async () => {
    let t = 0;
    let fail: (e: Error) => void = () => {};
    let n = 0;
    const fn = (): Promise<ChatAnswer> => {
      n++;
      if (n === 1) return new Promise((_, reject) => (fail = reject));
      return Promise.resolve({ answer: `a${n}`, citations: [], intent: "explain", facts: [] });
    };
    const a = cacheAnswers(fn, { scope: () => "v", ttlMs: 1000, now: () => t });
    const slow = a({ message: "x" });
    t = 1500;
    expect((await a({ message: "x" })).answer).toBe("a2");
    fail(new Error("late"));
    await expect(slow).rejects.toThrow("late");
    expect((await a({ message: "x" })).answer).toBe("a2");
    expect(n).toBe(2);
  });
});

describe("utcDayClock", () => {
  it("gives the UTC date of now(), across midnight and when the clock goes back", () => {
    let t = Date.parse("2026-11-23T23:59:59.999Z");
    const day = utcDayClock(() => t);
    const iso = () => new Date(t).toISOString().slice(0, 10);
    for (const s of ["2026-11-23T23:59:59.999Z", "2026-11-24T00:00:00.000Z", "2026-11-24T12:00:00Z", "2026-11-23T23:00:00Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T10:00:00Z"]) {
      t = Date.parse(s);
      expect(day(), s).toBe(iso());
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800000 }), (ms) => {
        t = ms;
        return day() === iso();
      }),
    );
  });
});
