// The stage clock of `npm run bench`: nested stages are not counted twice, methods are timed, and it is off by default.
import { afterEach, describe, expect, it } from "vitest";
import { startStageClock, stopStageClock, timed, timedMethods } from "../src/answer/profile.ts";

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

afterEach(() => stopStageClock());

describe("stage clock", () => {
  it("counts time in a nested stage once, in the inner stage", () => {
    const t = startStageClock();
    timed("compose", () => {
      spin(6);
      timed("gate", () => spin(12));
    });
    expect(t.gate).toBeGreaterThanOrEqual(12);
    expect(t.compose).toBeGreaterThanOrEqual(6);
    expect(t.compose).toBeLessThan(12);
    expect(t.understand).toBe(0);
  });

  it("times each method of a wrapped object and keeps its results and this", () => {
    const t = startStageClock();
    const o = timedMethods({ k: 3, f(x: number) { spin(5); return x * this.k; } }, "compose");
    expect(o.f(2)).toBe(6);
    expect(o.k).toBe(3);
    expect(t.compose).toBeGreaterThanOrEqual(5);
  });

  it("records nothing and wraps nothing without a clock", () => {
    const o = { f: () => 1 };
    expect(timedMethods(o, "compose")).toBe(o);
    const t = startStageClock();
    stopStageClock();
    timed("gate", () => spin(3));
    expect(t.gate).toBe(0);
  });
});
