// Topic coverage through posting lists (CoverageIndex) equals the per-text computation for every task and
// indicator of the real corpus, for the shared set's questions (with and without diacritics).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileTopic, CoverageIndex, coverage, termSets, type TermStats } from "../src/answer/coverage.ts";
import { understand } from "../src/answer/understand.ts";
import { foldDiacritics } from "../src/text/normalize.ts";
import { getKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

let K: TestKnowledge;
let stats: TermStats;
const questions = readFileSync(new URL("./eval/dev.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { question: string }).question);

beforeAll(async () => {
  K = await getKnowledge();
  stats = K.kb.terms;
});

describe("CoverageIndex", () => {
  it("scores every task exactly as coverage(termSets(text))", () => {
    const texts = K.corpus.tasks.map((t) => `${t.text} ${t.context} ${t.result}`);
    const index = new CoverageIndex(texts, true);
    const sets = texts.map((t) => termSets(t, true));
    let nonZero = 0;
    for (const q of [...questions, ...questions.slice(0, 10).map(foldDiacritics)]) {
      const topic = understand(q).topic;
      const c = compileTopic(stats, topic);
      const all = index.scores(c);
      expect(all.length).toBe(texts.length);
      sets.forEach((s, i) => expect(all[i], `${q} / task ${i}`).toBe(coverage(c, s)));
      nonZero += all.filter((x) => x > 0).length;
    }
    expect(nonZero).toBeGreaterThan(1000);
  });

  it("scores indicators (unnormalized text) the same way, and gives term sets on demand", () => {
    const texts = K.corpus.indicators.map((i) => `${i.name} ${i.period} ${i.unit}`);
    const index = new CoverageIndex(texts, false);
    for (const q of questions.slice(0, 15)) {
      const c = compileTopic(stats, understand(q).topic);
      const all = index.scores(c);
      texts.forEach((t, i) => expect(all[i]).toBe(coverage(c, termSets(t))));
    }
    expect(index.sets(0)).toEqual(termSets(texts[0]!));
  });

  it("holding() marks exactly the items whose term sets have the words and pairs", () => {
    const texts = K.corpus.tasks.map((t) => `${t.text} ${t.context} ${t.result}`);
    const index = new CoverageIndex(texts, true);
    for (const [uni, bi] of [[["dân", "cư"], ["dân_cư"]], [[], ["người_dân"]], [["nhân"], []], [["khôngcótừnày"], []]] as [string[], string[]][]) {
      const mask = index.holding(uni, bi);
      const want = texts.map((t) => {
        const s = termSets(t, true);
        return uni.every((w) => s.uni.has(w)) && bi.every((b) => s.bi.has(b)) ? 1 : 0;
      });
      expect([...mask]).toEqual(want);
    }
  });

  it("an empty topic covers nothing; a text with the whole topic is covered fully", () => {
    const index = new CoverageIndex(["Cơ sở dữ liệu quốc gia về dân cư", "hóa đơn điện tử"], false);
    expect([...index.scores(compileTopic(stats, []))]).toEqual([0, 0]);
    const full = index.scores(compileTopic(stats, understand("cơ sở dữ liệu quốc gia về dân cư là gì").topic));
    expect(full[0]).toBeCloseTo(1, 9);
    expect(full[1]).toBe(0);
  });
});
