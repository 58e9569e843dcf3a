// The typed-array BM25 index: same scores and rankings as MiniSearch's BM25+ (which it replaced) on the
// real corpus, a byte round-trip that loses nothing, and clear errors for damaged bytes.
import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { LexicalIndex, type LexicalDoc } from "../src/retrieval/lexical.ts";
import { searchTerms } from "../src/text/tokenize.ts";
import { getKnowledge } from "./helpers/knowledge.ts";

let docs: LexicalDoc[];
let index: LexicalIndex;
let mini: MiniSearch<LexicalDoc>;

const QUERIES = [
  ...readFileSync(new URL("./eval/dev.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { question: string }).question),
  "Bộ Công an chủ trì nhiệm vụ nào?",
  "bo cong an chu tri nhiem vu nao",
  "CSDL quốc gia về dân cư",
  "chữ ký số",
  "zzzz không có từ này qqq",
];

beforeAll(async () => {
  const K = await getKnowledge();
  const titles = new Map(K.corpus.documents.map((d) => [d.id, d.title]));
  docs = K.corpus.chunks.map((c) => ({ id: c.id, text: c.text, context: titles.get(c.documentId) ?? "" }));
  index = LexicalIndex.build(docs);
  mini = new MiniSearch<LexicalDoc>({
    fields: ["text", "context"],
    storeFields: [],
    tokenize: (s: string) => searchTerms(s),
    processTerm: (t: string) => t,
    searchOptions: { boost: { text: 2, context: 0.6 }, combineWith: "OR" },
  });
  mini.addAll(docs);
});

describe("LexicalIndex", () => {
  it("ranks and scores exactly as MiniSearch BM25+ on the real corpus", () => {
    let compared = 0;
    for (const q of QUERIES) {
      const terms = index.queryTerms(q);
      const ours = index.search(q, 30);
      const theirs = terms.length ? mini.search(terms.join(" "), { tokenize: (s: string) => s.split(" ") }).slice(0, 30) : [];
      expect(ours.length, q).toBe(theirs.length);
      ours.forEach((h, i) => expect(h.score, `${q} #${i}`).toBeCloseTo(theirs[i]!.score, 9));
      // Same documents at each distinct score (ties may be ordered differently).
      const byScore = (hs: { id: string | number; score: number }[]) => hs.map((h) => `${h.score.toPrecision(11)} ${h.id}`).sort();
      const cut = ours.at(-1)?.score ?? 0;
      expect(byScore(ours.filter((h) => h.score > cut + 1e-9)), q).toEqual(byScore(theirs.filter((h) => h.score > cut + 1e-9)));
      compared += ours.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("drops very common terms from the query but keeps the rarest when all are common", () => {
    const terms = index.queryTerms("Bộ Công an chủ trì nhiệm vụ gì về cơ sở dữ liệu dân cư");
    expect(terms).toContain("dan_cu");
    expect(terms).not.toContain("bo");
    expect(index.queryTerms("bộ").sort()).toEqual(["bo", "bộ"]);
    expect(index.search("", 5)).toEqual([]);
    expect(index.search("chữ ký số", 0)).toEqual([]);
  });

  it("returns at most k hits, best first, ids from the corpus", () => {
    const hits = index.search("dịch vụ công trực tuyến toàn trình", 7);
    expect(hits).toHaveLength(7);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    const ids = new Set(docs.map((d) => d.id));
    for (const h of hits) expect(ids.has(h.id)).toBe(true);
    // Scratch buffers are reset between searches: the same query gives the same result.
    expect(index.search("dịch vụ công trực tuyến toàn trình", 7)).toEqual(hits);
  });

  it("round-trips through bytes (also from an unaligned buffer)", () => {
    const bytes = index.toBytes();
    const back = LexicalIndex.fromBytes(bytes);
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    const unaligned = LexicalIndex.fromBytes(shifted.subarray(1));
    expect(back.size()).toBe(index.size());
    for (const q of QUERIES.slice(0, 20)) {
      expect(back.search(q, 10), q).toEqual(index.search(q, 10));
      expect(unaligned.search(q, 10), q).toEqual(index.search(q, 10));
    }
  });

  it("rejects damaged bytes with a clear error", () => {
    const bytes = index.toBytes();
    expect(() => LexicalIndex.fromBytes(new TextEncoder().encode("{\"index\":1}"))).toThrow(/not a lexical index/);
    expect(() => LexicalIndex.fromBytes(bytes.subarray(0, bytes.byteLength - 1000))).toThrow(/lexical index: truncated/);
    expect(() => LexicalIndex.fromBytes(new Uint8Array(0))).toThrow(/not a lexical index/);
  });

  it("handles an empty corpus and empty fields", () => {
    const empty = LexicalIndex.build([]);
    expect(empty.search("chữ ký số", 5)).toEqual([]);
    expect(LexicalIndex.fromBytes(empty.toBytes()).size()).toBe(0);
    const one = LexicalIndex.build([{ id: "a", text: "chữ ký số", context: "" }]);
    expect(one.search("chu ky so", 5).map((h) => h.id)).toEqual(["a"]);
    expect(LexicalIndex.fromBytes(one.toBytes()).search("chữ ký", 5).map((h) => h.id)).toEqual(["a"]);
  });
});

describe("a small corpus", () => {
  it("words no chunk holds do not crowd out the ones it does", () => {
    // Every real term of a dozen-chunk index is above the common-term share; the question's own words ("những ai
    // của") are in no chunk. The real terms must still rank the lines.
    const small = LexicalIndex.build([
      { id: "d:1", text: "1. Ông Trần Văn An, Giám đốc Sở Khoa học và Công nghệ, Tổ trưởng;", context: "" },
      { id: "d:2", text: "2. Bà Lê Thị Bình, Phó Giám đốc Sở Tài chính, thành viên;", context: "" },
      { id: "d:3", text: "3. Ông Phạm Minh Cường, Trưởng phòng Ngân sách, Sở Tài chính, thành viên;", context: "" },
      { id: "d:4", text: "4. Ông Võ Văn Dũng, Phó Giám đốc Công an tỉnh, thành viên.", context: "" },
    ]);
    expect(small.search("những ai của Sở Tài chính", 3).map((h) => h.id).sort()).toEqual(["d:2", "d:3"]);
    expect(small.search("zzzz qqqq", 3)).toEqual([]);
  });
});
