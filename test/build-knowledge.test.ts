// The one build pipeline (src/answer/build-knowledge.ts): steps in order, vectors handed to the caller's
// store, manifests checked by their schema.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildKnowledge, buildMemoryKnowledge, parseManifest, VECTOR_DIMS } from "../src/answer/build-knowledge.ts";

// A synthetic decision: header, one article with two assignments.
const DECISION = [
  "ỦY BAN NHÂN DÂN",
  "TỈNH AN BÌNH",
  "Số: 12/QĐ-UBND",
  "An Bình, ngày 3 tháng 3 năm 2025",
  "QUYẾT ĐỊNH",
  "Về việc triển khai cơ sở dữ liệu hộ tịch",
  "Điều 1. Giao Sở Tư pháp chủ trì xây dựng cơ sở dữ liệu hộ tịch, hoàn thành trong tháng 6 năm 2025.",
  "Điều 2. Sở Tài chính bố trí kinh phí thực hiện.",
].join("\n");

describe("buildKnowledge", () => {
  it("runs corpus → lexical → vectors and gives every chunk's vector to the store", async () => {
    const steps: string[] = [];
    const stored: { count: number; dims: number; ids: string[] } = { count: 0, dims: 0, ids: [] };
    const built = await buildKnowledge([{ name: "qd-12.txt", text: DECISION }], {
      onStep: (s) => {
        steps.push(s);
      },
      storeVectors: (count, at) => {
        stored.count = count;
        stored.dims = at(0).vector.length;
        stored.ids = Array.from({ length: count }, (_, i) => at(i).id);
        return "stored";
      },
    });
    expect(steps).toEqual(["corpus", "lexical", "vectors"]);
    expect(built.vectors).toBe("stored");
    expect(stored.count).toBe(built.corpus.chunks.length);
    expect(stored.ids).toEqual(built.corpus.chunks.map((c) => c.id));
    expect(stored.dims).toBe(VECTOR_DIMS);
    expect(built.lexical.size()).toBe(built.corpus.chunks.length);
  });

  it("a step may stop the build", async () => {
    await expect(
      buildKnowledge([{ name: "qd-12.txt", text: DECISION }], {
        onStep: () => {
          throw new Error("stop here");
        },
      }),
    ).rejects.toThrow("stop here");
  });

  it("in memory, the knowledge answers searches", async () => {
    const { kb, items, corpus } = await buildMemoryKnowledge([{ name: "qd-12.txt", text: DECISION }]);
    expect(items.length).toBe(corpus.chunks.length);
    const hits = await kb.index.search("cơ sở dữ liệu hộ tịch", 3);
    expect(hits.length).toBeGreaterThan(0);
  });
});

describe("parseManifest", () => {
  it("accepts the bundled manifest", () => {
    const m = parseManifest(JSON.parse(readFileSync(new URL("../corpus/manifest.json", import.meta.url), "utf8")));
    expect(m.files.length).toBeGreaterThan(0);
  });
  it("names the field that is wrong", () => {
    expect(() => parseManifest({ files: [{ file: "a.txt" }, { file: "b.txt", status: "dunno" }] })).toThrow(/status/);
    expect(() => parseManifest({ files: [{ status: "final" }] })).toThrow(/file/);
    expect(parseManifest({})).toEqual({ files: [] });
  });
});
