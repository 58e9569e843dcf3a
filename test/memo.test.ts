import { describe, expect, it } from "vitest";
import { memoByText } from "../src/text/memo.ts";
import { foldDiacritics } from "../src/text/normalize.ts";

describe("memoByText", () => {
  it("computes a text's value once and returns the same value after", () => {
    let calls = 0;
    const f = memoByText((s) => {
      calls++;
      return s.toUpperCase();
    });
    expect(f("bộ công an")).toBe("BỘ CÔNG AN");
    expect(f("bộ công an")).toBe("BỘ CÔNG AN");
    expect(f("sở tài chính")).toBe("SỞ TÀI CHÍNH");
    expect(calls).toBe(2);
  });

  it("starts over when the characters held pass its bound, and stays correct", () => {
    let calls = 0;
    const f = memoByText((s) => {
      calls++;
      return s.length;
    }, 100);
    const texts = Array.from({ length: 50 }, (_, i) => `${"x".repeat(10)}${i}`);
    for (const t of texts) f(t);
    expect(calls).toBe(50);
    // The first texts were forgotten (50 × ~24 chars ≫ 100): asked again, they are computed again, with the same values.
    for (const t of texts.slice(0, 5)) expect(f(t)).toBe(t.length);
    expect(calls).toBe(55);
  });

  it("keeps non-string results (term sets, numbers) as they were computed", () => {
    const f = memoByText((s) => new Set(s.split(" ")));
    const a = f("chuyển đổi số");
    expect(f("chuyển đổi số")).toBe(a);
    expect([...a]).toEqual(["chuyển", "đổi", "số"]);
  });

  it("foldDiacritics, memoised, folds as before", () => {
    for (let i = 0; i < 3; i++) {
      expect(foldDiacritics("Bộ Công an")).toBe("bo cong an");
      expect(foldDiacritics("Đà Nẵng")).toBe("da nang");
      expect(foldDiacritics("Ủy ban nhân dân")).toBe("uy ban nhan dan");
    }
  });
});
