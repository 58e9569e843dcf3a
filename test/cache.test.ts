// The answer cache: same question (any spelling of tones/spacing) → one computation; history, scope and
// TTL are part of the key; failures are not cached; the size is bounded.
import { describe, expect, it } from "vitest";
import { cacheAnswers } from "../src/answer/cache.ts";
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
