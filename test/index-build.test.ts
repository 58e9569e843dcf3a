// One-pass index building (src/retrieval/build.ts): the same BM25 index and the same vectors as building
// each index from the chunk strings separately, on the real corpus.
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndexes, type BuiltIndexes } from "../src/retrieval/build.ts";
import { HashedTfidfEmbeddings } from "../src/retrieval/embeddings.ts";
import { LexicalIndex } from "../src/retrieval/lexical.ts";
import { getKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

let K: TestKnowledge;
let built: BuiltIndexes;
let titles: Map<string, string>;

beforeAll(async () => {
  K = await getKnowledge();
  titles = new Map(K.corpus.documents.map((d) => [d.id, d.title]));
  built = buildIndexes(K.corpus.chunks, titles, 1024);
});

describe("buildIndexes", () => {
  it("gives each chunk the vector of its heading path + text, as the embedder computes it from the string", () => {
    const ref = new HashedTfidfEmbeddings({ dims: 1024 }).fit(K.corpus.chunks.map((c) => `${c.context}\n${c.text}`));
    expect(built.embedder.state().docs).toBe(K.corpus.chunks.length);
    expect(built.embedder.state().df).toEqual(ref.state().df);
    let worst = 0;
    for (const [i, c] of K.corpus.chunks.entries()) {
      const a = built.vector(i);
      const b = ref.vector(`${c.context}\n${c.text}`);
      for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j]! - b[j]!));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it("builds the same BM25 index as LexicalIndex.build over text + (document title › nearest heading)", async () => {
    const ref = LexicalIndex.build(K.corpus.chunks.map((c) => ({ id: c.id, text: c.text, context: `${titles.get(c.documentId) ?? ""} › ${c.heading}` })));
    for (const q of ["Bộ Công an chủ trì", "chữ ký số chuyên dùng", "nen tang dinh danh", "Kế hoạch 02-KH/BCĐTW", "quý IV năm 2025"]) {
      expect(built.lexical.search(q, 20), q).toEqual(ref.search(q, 20));
    }
    expect(built.lexical.size()).toBe(ref.size());
  });
});
