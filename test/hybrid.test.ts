// Query expansion before hybrid search: abbreviations and agency aliases gain their long forms.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { expandQuery } from "../src/retrieval/hybrid.ts";
import { AGENCIES } from "../src/tasks/agencies.ts";
import { expandAbbreviations } from "../src/text/tokenize.ts";

/** The expansion as first written: a RegExp per alias, tested against the growing query. */
function reference(q: string): string {
  let out = expandAbbreviations(q);
  for (const a of AGENCIES) {
    for (const al of a.aliases) {
      if (/\s/.test(al) && !/&/.test(al)) continue;
      if (new RegExp(`(^|[^\\p{L}&])${al}(?=$|[^\\p{L}&])`, "u").test(out)) out = `${out} ${a.name}`;
    }
  }
  return out;
}

describe("expandQuery", () => {
  it("equals the RegExp-per-alias expansion on the shared questions and on every alias in a sentence", () => {
    const questions = readFileSync(new URL("./eval/dev.jsonl", import.meta.url), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { question: string }).question);
    const aliases = AGENCIES.flatMap((a) => a.aliases).map((al) => `Nhiệm vụ của ${al}, (${al}) và ${al.toLowerCase()}?`);
    let expanded = 0;
    for (const q of [...questions, ...aliases]) {
      expect(expandQuery(q), q).toBe(reference(q));
      if (expandQuery(q) !== q) expanded++;
    }
    expect(expanded).toBeGreaterThan(30);
  });

  it("adds the agency for a one-word alias, in any position, once per alias", () => {
    expect(expandQuery("BCA chủ trì gì?")).toContain("Bộ Công an");
    expect(expandQuery("nhiệm vụ của NHNN")).toContain("Ngân hàng Nhà nước Việt Nam");
  });

  it("handles aliases with an ampersand", () => {
    expect(expandQuery("Bộ KH&CN chủ trì những việc gì")).toContain("Bộ Khoa học và Công nghệ");
  });

  it("does not match an alias inside a longer word", () => {
    expect(expandQuery("ABCA và XBCA")).not.toContain("Bộ Công an");
  });

  it("expands term abbreviations and leaves plain questions unchanged", () => {
    expect(expandQuery("CSDL quốc gia về dân cư")).toMatch(/cơ sở dữ liệu/i);
    expect(expandQuery("Luật An ninh dữ liệu trình khi nào")).toBe("Luật An ninh dữ liệu trình khi nào");
  });
});
