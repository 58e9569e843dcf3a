// Text layer: NFC, one tone-mark convention, punctuation, folding — and two properties over arbitrary input.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldDiacritics, hasDiacritics, looseKey, matchKey, normalizeText, unifyPunctuation, unifyTonePlacement } from "../src/text/normalize.ts";

describe("normalizeText", () => {
  it("turns NFD input into the same NFC string", () => {
    const nfc = "Bộ Khoa học và Công nghệ";
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    expect(nfd.length).toBeGreaterThan(nfc.length);
    expect(normalizeText(nfd)).toBe(nfc);
    expect(normalizeText(nfd).length).toBe(nfc.length);
  });

  it("moves the tone mark of open oa/oe/uy syllables onto the first vowel", () => {
    expect(normalizeText("chuẩn hoá")).toBe("chuẩn hóa");
    expect(normalizeText("Uỷ ban Quốc gia")).toBe("Ủy ban Quốc gia");
    expect(normalizeText("thuỷ lợi")).toBe("thủy lợi");
    expect(normalizeText("khoẻ")).toBe("khỏe");
    expect(normalizeText("HOÁ ĐƠN")).toBe("HÓA ĐƠN");
    // Already in the new style, or "qu" + y: unchanged.
    expect(normalizeText("hóa")).toBe("hóa");
    expect(normalizeText("quý I/2025")).toBe("quý I/2025");
    expect(normalizeText("Quỳnh")).toBe("Quỳnh");
    // Closed syllables keep their mark where it is.
    expect(normalizeText("hoàn thành")).toBe("hoàn thành");
    expect(normalizeText("thuyết")).toBe("thuyết");
  });

  it("applies tone placement to NFD input too", () => {
    expect(unifyTonePlacement("hoá".normalize("NFD"))).toBe("hóa");
    expect(normalizeText("Uỷ ban".normalize("NFD"))).toBe("Ủy ban");
  });

  it("unifies quotes, dashes and odd spaces, and collapses white space", () => {
    expect(unifyPunctuation("“đúng, đủ” – ‘sạch’ — sống")).toBe("\"đúng, đủ\" - 'sạch' - sống");
    expect(normalizeText("  Năm\u00A02025\u20132030\t ")).toBe("Năm 2025-2030");
    expect(normalizeText("dữ\u200Bliệu")).toBe("dữliệu");
  });

  it("gives equal match keys to old and new spellings", () => {
    expect(matchKey("Uỷ ban  nhân dân")).toBe(matchKey("ủy ban nhân dân"));
    expect(matchKey("Chuẩn hoá")).toBe(matchKey("chuẩn hóa"));
    expect(matchKey("Bộ Công an")).not.toBe(matchKey("Bộ Công án"));
  });
});

describe("foldDiacritics / looseKey / hasDiacritics", () => {
  it("strips marks and đ, lower-cases", () => {
    expect(foldDiacritics("Đà Nẵng")).toBe("da nang");
    expect(foldDiacritics("Bộ Công an")).toBe("bo cong an");
    expect(foldDiacritics("đường")).toBe("duong");
    expect(foldDiacritics("Ủy ban".normalize("NFD"))).toBe("uy ban");
  });

  it("looseKey drops punctuation", () => {
    expect(looseKey("Bộ KH&CN, Bộ TT&TT")).toBe("bo kh cn bo tt tt");
    expect(looseKey("Uỷ ban")).toBe(looseKey("ủy ban"));
  });

  it("hasDiacritics tells typed accents apart", () => {
    expect(hasDiacritics("bộ nào chủ trì")).toBe(true);
    expect(hasDiacritics("bo nao chu tri")).toBe(false);
  });
});

describe("properties", () => {
  it("normalizeText never throws on arbitrary unicode and returns NFC", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        const out = normalizeText(s);
        expect(typeof out).toBe("string");
        expect(out.normalize("NFC")).toBe(out);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        normalizeText(s);
      }),
      { numRuns: 500 },
    );
  });

  it("normalizeText is idempotent", () => {
    const vietnamese = fc.string({
      unit: fc.constantFrom(..."aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐqhnmt \t\u00A0“”–\u0300\u0301\u0303\u0309\u0323".split("")),
      maxLength: 80,
    });
    for (const arb of [fc.string({ unit: "grapheme", maxLength: 120 }), vietnamese]) {
      fc.assert(
        fc.property(arb, (s) => {
          const once = normalizeText(s);
          expect(normalizeText(once)).toBe(once);
        }),
        { numRuns: 1000 },
      );
    }
  });
});
