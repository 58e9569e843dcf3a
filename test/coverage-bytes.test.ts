// Coverage indexes stored with the index (CoverageIndex.toBytes/fromBytes, prepared.ts coverageBytes): read back over
// the bundled corpus they score, hold and give term sets exactly as the ones built from the texts; bytes of another
// corpus or format are refused and the indexes are built instead.
import { describe, expect, it } from "vitest";
import { compileTopic, CoverageFormatError, CoverageIndex } from "../src/answer/coverage.ts";
import { coverageBytes, prepare } from "../src/answer/prepared.ts";
import { longForms } from "../src/answer/understand.ts";
import { topicTerms } from "../src/text/tokenize.ts";
import { getKnowledge } from "./helpers/knowledge.ts";

const TOPICS = ["xây dựng cơ sở dữ liệu quốc gia về dân cư", "chuyển đổi số", "thủ tục hành chính trực tuyến toàn trình", "ty le ho so", "nền tảng", "tỷ lệ dịch vụ công"];

describe("stored coverage indexes", () => {
  it("score every task and indicator exactly as the built ones, over the bundled corpus", async () => {
    const K = await getKnowledge();
    const built = prepare({ ...K.kb });
    const stored = prepare({ ...K.kb, coverage: coverageBytes(K.corpus) });
    expect(stored.tasks.size).toBe(K.corpus.tasks.length);
    expect(stored.indicators.size).toBe(K.corpus.indicators.length);
    let nonZero = 0;
    for (const q of TOPICS) {
      const topic = topicTerms(longForms(q)).terms;
      const c = compileTopic(K.kb.terms, topic);
      const s = stored.tasks.scores(c);
      expect([...s]).toEqual([...built.tasks.scores(c)]);
      expect([...stored.indicators.scores(c)]).toEqual([...built.indicators.scores(c)]);
      nonZero += s.filter((x) => x > 0).length;
      const pair = topic.length > 1 ? [`${topic[0]}_${topic[1]}`] : [];
      expect([...stored.tasks.holding(topic.slice(0, 1), pair)]).toEqual([...built.tasks.holding(topic.slice(0, 1), pair)]);
    }
    // The topics do reach tasks (equal all-zero arrays would prove nothing).
    expect(nonZero).toBeGreaterThan(50);
    for (const i of [0, 1, K.corpus.tasks.length - 1]) expect(stored.tasks.sets(i)).toEqual(built.tasks.sets(i));
  });

  it("round-trips a small index, from an unaligned copy too", () => {
    const texts = ["Thủ tục hành chính trực tuyến", "cơ sở dữ liệu dân cư", "thủ đô và đô thị"];
    const a = new CoverageIndex(texts, false);
    const bytes = a.toBytes();
    const unaligned = new Uint8Array(bytes.byteLength + 1).subarray(1);
    unaligned.set(bytes);
    const b = CoverageIndex.fromBytes(unaligned, texts.length, (i) => texts[i]!);
    const stats = { documents: 3, df: () => 1 };
    const c = compileTopic(stats, ["thủ", "đô"]);
    expect([...b.scores(c)]).toEqual([...a.scores(c)]);
    expect([...b.scores(c)][2]).toBe(1);
    expect([...b.holding(["thủ"], [])]).toEqual([1, 0, 1]);
    expect(b.sets(1)).toEqual(a.sets(1));
  });

  it("refuses bytes of another item count or format; prepare() then builds", async () => {
    const a = new CoverageIndex(["một", "hai"], false);
    expect(() => CoverageIndex.fromBytes(a.toBytes(), 3, () => "")).toThrow(CoverageFormatError);
    expect(() => CoverageIndex.fromBytes(new Uint8Array(32), 2, () => "")).toThrow(CoverageFormatError);
    const K = await getKnowledge();
    const wrong = { tasks: a.toBytes(), indicators: a.toBytes() };
    const p = prepare({ ...K.kb, coverage: wrong });
    expect(p.tasks.size).toBe(K.corpus.tasks.length);
  });
});
