// Retrieval contract: one suite run against each VectorIndex (exact in-memory, hnswlib) built from the same
// chunk vectors of the real corpus, then the hybrid index over each.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HnswVectorIndex } from "../src/retrieval/hnsw.node.ts";
import { HybridIndex } from "../src/retrieval/hybrid.ts";
import { MemoryVectorIndex } from "../src/retrieval/memory-index.ts";
import type { SearchHit, VectorIndex } from "../src/retrieval/types.ts";
import { getKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const QUERIES = [
  "Luật An ninh dữ liệu",
  "luat an ninh du lieu",
  "Cổng thông tin một cửa quốc gia",
  "cơ sở dữ liệu quốc gia về dân cư",
  "dịch vụ công trực tuyến toàn trình",
  "hóa đơn điện tử",
  "chữ ký số chuyên dùng Chính phủ",
  "nền tảng định danh người dân",
  "Trung tâm dữ liệu quốc gia",
  "đào tạo kỹ năng số cho công chức",
];

let K: TestKnowledge;
let hnsw: HnswVectorIndex;
const dirs: string[] = [];

beforeAll(async () => {
  K = await getKnowledge();
  hnsw = await HnswVectorIndex.build(K.items, K.embedder);
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const textOf = (id: string) => K.corpus.chunks.find((c) => c.id === id)!.text;
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

const impls: [string, () => VectorIndex][] = [
  ["MemoryVectorIndex", () => K.vectors],
  ["HnswVectorIndex", () => hnsw],
];

describe.each(impls)("VectorIndex contract: %s", (name, get) => {
  it("holds every chunk", () => {
    expect(get().size()).toBe(K.corpus.chunks.length);
    expect(get().kind).toBe(name === "MemoryVectorIndex" ? "memory" : "hnswlib");
  });

  it("returns k hits, best first, with cosine similarities", async () => {
    for (const q of QUERIES.slice(0, 3)) {
      const hits = await get().search(await K.embedder.embedQuery(q), 10);
      expect(hits).toHaveLength(10);
      const scores = hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const s of scores) {
        expect(s).toBeGreaterThan(-1.0001);
        expect(s).toBeLessThan(1.0001);
      }
      expect(new Set(ids(hits)).size).toBe(10);
    }
    expect(await get().search(await K.embedder.embedQuery("x"), 0)).toEqual([]);
    const all = await get().search(await K.embedder.embedQuery("kinh tế số"), K.corpus.chunks.length + 100);
    expect(all.length).toBeLessThanOrEqual(K.corpus.chunks.length);
    expect(all.length).toBeGreaterThan(K.corpus.chunks.length * 0.9);
  });

  it("finds a stored vector itself with similarity ≈ 1", async () => {
    for (const i of [0, 17, Math.floor(K.items.length / 2), K.items.length - 1]) {
      const it = K.items[i]!;
      const hits = await get().search(it.vector, 5);
      expect(hits[0]!.score).toBeCloseTo(1, 4);
      // Identical chunk texts have identical vectors; the item is among the ones at similarity 1.
      const top = hits.filter((h) => h.score > 0.9999).map((h) => h.id);
      expect(top).toContain(it.id);
    }
  });
});

describe("HnswVectorIndex agrees with the exact index", () => {
  it.each(QUERIES)("top-5 for %s overlaps ≥ 4/5", async (q) => {
    const v = await K.embedder.embedQuery(q);
    const exact = ids(await K.vectors.search(v, 5));
    const approx = await hnsw.search(v, 5);
    const overlap = ids(approx).filter((id) => exact.includes(id)).length;
    expect(overlap).toBeGreaterThanOrEqual(4);
    // Scores are the same cosine similarities.
    const exactScore = new Map((await K.vectors.search(v, 50)).map((h) => [h.id, h.score]));
    for (const h of approx) if (exactScore.has(h.id)) expect(h.score).toBeCloseTo(exactScore.get(h.id)!, 4);
  });

  it("save → load gives identical results", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hoidap-hnsw-"));
    dirs.push(dir);
    await hnsw.save(dir);
    expect((await readdir(dir)).sort()).toEqual(["0", "shards.json"]);
    expect((await readdir(join(dir, "0"))).sort()).toEqual(["args.json", "docstore.json", "hnswlib.index"]);
    expect(await HnswVectorIndex.files(dir)).toEqual(["shards.json", "0/hnswlib.index", "0/docstore.json", "0/args.json"]);
    const loaded = await HnswVectorIndex.load(dir, K.embedder);
    expect(loaded.size()).toBe(hnsw.size());
    for (const q of QUERIES) {
      const v = await K.embedder.embedQuery(q);
      const a = await hnsw.search(v, 10);
      const b = await loaded.search(v, 10);
      expect(ids(b)).toEqual(ids(a));
      for (const [i, h] of b.entries()) expect(h.score).toBeCloseTo(a[i]!.score, 6);
    }
  });
});

describe("HnswVectorIndex shards", () => {
  // 12,000 random unit vectors (above the 10,000-chunk shard threshold): two graphs built in two worker threads.
  const dims = 16;
  const n = 12_000;
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const vecs = Array.from({ length: n }, () => {
    const v = Array.from({ length: dims }, rand);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });

  it("builds two shards in parallel and merges their hits like one exact index", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hoidap-shards-"));
    dirs.push(dir);
    let progress = 0;
    await HnswVectorIndex.buildFrom(n, dims, (i) => ({ id: `c${i}`, vector: vecs[i]! }), { dir, onProgress: (d) => (progress = d) });
    const idx = await HnswVectorIndex.load(dir, K.embedder);
    expect(progress).toBe(n);
    expect(idx.size()).toBe(n);
    expect((await readdir(dir)).sort()).toEqual(["0", "1", "shards.json"]);
    const exact = new MemoryVectorIndex(vecs.map((vector, i) => ({ id: `c${i}`, vector })));
    let overlap = 0;
    const fromShard = new Set<number>();
    for (let q = 0; q < 40; q++) {
      const v = vecs[(q * 997) % n]!;
      const a = await idx.search(v, 10);
      const b = await exact.search(v, 10);
      expect(a[0]!.id).toBe(b[0]!.id);
      for (let i = 1; i < a.length; i++) expect(a[i - 1]!.score).toBeGreaterThanOrEqual(a[i]!.score);
      overlap += a.filter((h) => b.some((x) => x.id === h.id)).length;
      for (const h of a) fromShard.add(Number(h.id.slice(1)) < n / 2 ? 0 : 1);
    }
    expect(overlap / 400).toBeGreaterThan(0.95);
    expect([...fromShard].sort()).toEqual([0, 1]);
    const reloaded = await HnswVectorIndex.load(dir, K.embedder);
    expect(ids(await reloaded.search(vecs[5]!, 5))).toEqual(ids(await idx.search(vecs[5]!, 5)));
  });

  it("rejects a vector of the wrong length with a clear error and stops its workers", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hoidap-shards-"));
    dirs.push(dir);
    await expect(HnswVectorIndex.buildFrom(50, dims, (i) => ({ id: `c${i}`, vector: i === 30 ? [1, 2] : vecs[i]! }), { dir })).rejects.toThrow(/vector 30 has 2 dimensions, not 16/);
  });
});

describe.each(impls)("HybridIndex over %s", (_name, get) => {
  let hy: HybridIndex;
  beforeAll(() => {
    hy = new HybridIndex(K.lexical, get(), K.embedder);
  });
  const top = async (q: string, k = 3): Promise<SearchHit[]> => hy.search(q, k);

  it("finds the Luật An ninh dữ liệu task with and without diacritics", async () => {
    for (const q of ["Luật An ninh dữ liệu", "luat an ninh du lieu", "LUẬT AN NINH DỮ LIỆU"]) {
      const texts = (await top(q)).map((h) => textOf(h.id));
      expect(texts.some((t) => t.includes("Xây dựng Luật An ninh dữ liệu")), `${q}: ${texts.join(" || ")}`).toBe(true);
    }
  });

  it("finds the Cổng thông tin một cửa quốc gia row without diacritics", async () => {
    const hits = await top("cong thong tin mot cua quoc gia");
    const row = hits.map((h) => K.corpus.chunks.find((c) => c.id === h.id)!).find((c) => c.kind === "row" && c.text.includes("Cổng thông tin một cửa quốc gia"));
    expect(row, hits.map((h) => textOf(h.id)).join(" || ")).toBeDefined();
  });

  it("expands abbreviations: CSDL, DVCTT", async () => {
    const csdl = (await top("CSDL quốc gia về dân cư")).map((h) => textOf(h.id).toLowerCase());
    expect(csdl[0]).toContain("cơ sở dữ liệu quốc gia về dân cư");
    const dvc = (await top("DVCTT toàn trình")).map((h) => textOf(h.id).toLowerCase());
    expect(dvc[0]).toContain("dịch vụ công trực tuyến toàn trình");
    expect(dvc.filter((t) => t.includes("dịch vụ công trực tuyến")).length).toBeGreaterThanOrEqual(2);
  });

  it("old and new tone placement give identical results (hoá / hóa)", async () => {
    const a = await top("hoá đơn điện tử", 10);
    const b = await top("hóa đơn điện tử", 10);
    expect(ids(a)).toEqual(ids(b));
    expect(a.map((h) => h.score)).toEqual(b.map((h) => h.score));
    expect(textOf(a[0]!.id)).toMatch(/hóa đơn điện tử/i);
    // NFD input is the same question too.
    expect(ids(await top("hóa đơn điện tử".normalize("NFD"), 10))).toEqual(ids(b));
  });

  it("fused hits carry both scores when both indexes found them", async () => {
    const hits = await top("Xây dựng Luật An ninh dữ liệu", 5);
    expect(hits[0]!.lexical).toBeGreaterThan(0);
    expect(hits[0]!.vector).toBeGreaterThan(0);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });
});

describe("HybridIndex over either vector index", () => {
  it("returns the same top 3 for every query", async () => {
    const mem = new HybridIndex(K.lexical, K.vectors, K.embedder);
    const hn = new HybridIndex(K.lexical, hnsw, K.embedder);
    for (const q of QUERIES) {
      const a = ids(await mem.search(q, 3));
      const b = ids(await hn.search(q, 3));
      expect(b.filter((x) => a.includes(x)).length, q).toBeGreaterThanOrEqual(2);
      expect(b[0], q).toBe(a[0]);
    }
  });
});
