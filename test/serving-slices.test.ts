// A version prepared in slices serves what one prepared in one go does: the answerer's coverage indexes in shards
// score, hold and give term sets exactly as the whole ones; the lookups built in slices (directory given) equal
// the ones built on first use; /api/documents and /api/agencies are paged with their totals, bad pages are 400s.
import { describe, expect, it } from "vitest";
import { createAnswerer } from "../src/answer/engine.ts";
import { compileTopic } from "../src/answer/coverage.ts";
import { prepare, prepareInSlices } from "../src/answer/prepared.ts";
import { eachInSlices, type Slicing } from "../src/text/slicing.ts";
import { topicTerms } from "../src/text/tokenize.ts";
import { longForms } from "../src/answer/understand.ts";
import { parseConfig } from "../src/config.ts";
import { createApp } from "../src/http/app.ts";
import { buildLookups, prepareLookups } from "../src/http/lookups.ts";
import { silentLogger } from "../src/log.ts";
import { agencyDirectory } from "../src/tasks/agencies.ts";
import type { CorpusData } from "../src/tasks/corpus.ts";
import { getKnowledge, TEST_NOW } from "./helpers/knowledge.ts";
import { buildTaskIndex, taskIndexInSlices, taskIndexOf } from "../src/tasks/select.ts";
import { embedderBytes, embedderFromBytes, HashedTfidfEmbeddings } from "../src/retrieval/embeddings.ts";
import { LexicalIndex } from "../src/retrieval/lexical.ts";

/** A fake clock: every reading advances 1 ms, so a 3 ms budget cuts a slice after about three items. */
function countingSlicing(budgetMs = 3): Slicing & { pauses: number } {
  let t = 0;
  const s = { pauses: 0, budgetMs, now: () => t++, pause: async () => void s.pauses++ };
  return s;
}

const QUESTIONS = ["xây dựng cơ sở dữ liệu quốc gia về dân cư", "Luật An ninh dữ liệu", "chuyển đổi số", "thủ tục hành chính trực tuyến toàn trình", "ty le ho so", "nền tảng"];

describe("prepareInSlices", () => {
  it("pauses between slices and visits every item once, in order", async () => {
    const s = countingSlicing();
    const seen: number[] = [];
    await eachInSlices([10, 11, 12, 13, 14, 15, 16], (x, i) => seen.push(x - i), s);
    expect(seen).toEqual([10, 10, 10, 10, 10, 10, 10]);
    expect(s.pauses).toBeGreaterThanOrEqual(2);
  });

  it("scores, holds and reads term sets as the prepare() of one go", async () => {
    const K = await getKnowledge();
    // A knowledge object of its own: prepareInSlices registers its result for that object only.
    const kb = { ...K.kb };
    const whole = prepare(kb);
    const s = countingSlicing(4);
    const sliced = await prepareInSlices(kb, s);
    expect(s.pauses).toBeGreaterThan(10);
    expect(sliced.tasks.size).toBe(K.corpus.tasks.length);
    expect(sliced.indicators.size).toBe(K.corpus.indicators.length);
    for (const q of QUESTIONS) {
      const topic = topicTerms(longForms(q)).terms;
      const c = compileTopic(kb.terms, topic);
      expect([...sliced.tasks.scores(c)]).toEqual([...whole.tasks.scores(c)]);
      expect([...sliced.indicators.scores(c)]).toEqual([...whole.indicators.scores(c)]);
      const pair = topic.length > 1 ? [`${topic[0]}_${topic[1]}`] : [];
      expect([...sliced.tasks.holding(topic.slice(0, 1), pair)]).toEqual([...whole.tasks.holding(topic.slice(0, 1), pair)]);
    }
    for (const i of [0, 1, 57, K.corpus.tasks.length - 1]) expect(sliced.tasks.sets(i)).toEqual(whole.tasks.sets(i));
    // prepare() of the same knowledge now returns the sliced build at once.
    expect(prepare(kb)).toBe(sliced);
  });

  it("an answerer over it answers as one over prepare()", async () => {
    const K = await getKnowledge();
    const kb = { ...K.kb };
    await prepareInSlices(kb, countingSlicing(50));
    const sliced = createAnswerer(kb, { now: () => TEST_NOW });
    const whole = createAnswerer({ ...K.kb }, { now: () => TEST_NOW });
    for (const q of ["Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "Các nhiệm vụ của Bộ Công an", "Chỉ tiêu tỷ lệ dịch vụ công trực tuyến toàn trình năm 2025 là bao nhiêu?"]) {
      expect(await sliced({ message: q })).toEqual(await whole({ message: q }));
    }
  });
});

describe("lookups prepared in slices", () => {
  it("equal the ones built on first use", async () => {
    const K = await getKnowledge();
    const corpus: CorpusData = { ...K.corpus };
    const sliced = await prepareLookups(corpus, { slicing: countingSlicing(), directory: Promise.resolve(agencyDirectory(corpus)) });
    const whole = buildLookups({ ...K.corpus });
    expect(sliced.documentJson).toEqual(whole.documentJson);
    expect(sliced.agencyJson()).toEqual(whole.agencyJson());
    expect([...sliced.sectionsByDocument]).toEqual([...whole.sectionsByDocument]);
    expect(sliced.chunkById.size).toBe(whole.chunkById.size);
  });
});

describe("paged /api/documents and /api/agencies", () => {
  const app = async () => {
    const K = await getKnowledge();
    return createApp({
      config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0" }),
      current: () => ({ version: "v-test", corpus: K.corpus, index: K.kb.index, answer: K.answer }),
      logger: silentLogger,
      fetch: (async () => {
        throw new Error("no network");
      }) as typeof fetch,
      defer: () => {},
      now: () => TEST_NOW,
    });
  };
  type Page<K extends string> = { total: number; limit: number; offset: number } & Record<K, { id: string }[]>;

  it("documents: 50 by default, a window with limit/offset, the total always", async () => {
    const a = await app();
    const all = (await (await a.request("/api/documents")).json()) as Page<"documents">;
    expect(all).toMatchObject({ total: 12, limit: 50, offset: 0 });
    expect(all.documents).toHaveLength(12);
    const page = (await (await a.request("/api/documents?limit=5&offset=10")).json()) as Page<"documents">;
    expect(page).toMatchObject({ total: 12, limit: 5, offset: 10 });
    expect(page.documents.map((d) => d.id)).toEqual(all.documents.slice(10).map((d) => d.id));
    // Pages followed one after another give the whole list, in order, once.
    const ids: string[] = [];
    for (let off = 0; off < all.total; off += 5) ids.push(...((await (await a.request(`/api/documents?limit=5&offset=${off}`)).json()) as Page<"documents">).documents.map((d) => d.id));
    expect(ids).toEqual(all.documents.map((d) => d.id));
    const past = (await (await a.request("/api/documents?offset=99")).json()) as Page<"documents">;
    expect(past).toMatchObject({ total: 12, documents: [] });
  });

  it("agencies: the whole directory by default (up to 500), paged on request", async () => {
    const a = await app();
    const all = (await (await a.request("/api/agencies")).json()) as Page<"agencies">;
    expect(all.total).toBe(all.agencies.length);
    expect(all.limit).toBe(500);
    const page = (await (await a.request("/api/agencies?limit=3&offset=2")).json()) as Page<"agencies">;
    expect(page.agencies.map((x) => x.id)).toEqual(all.agencies.slice(2, 5).map((x) => x.id));
    expect(page.total).toBe(all.total);
  });

  it("a bad limit or offset is a 400 in Vietnamese and English", async () => {
    const a = await app();
    for (const q of ["limit=0", "limit=501", "limit=abc", "limit=-1", "offset=-3", "offset=1.5", "limit=", "offset=9999999999999"]) {
      for (const path of ["/api/documents", "/api/agencies"]) {
        const res = await a.request(`${path}?${q}`);
        if (q === "limit=") {
          // An empty value is the default, as elsewhere in the API.
          expect(res.status, `${path}?${q}`).toBe(200);
          continue;
        }
        expect(res.status, `${path}?${q}`).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("invalid_input");
        expect(body.error.message).toMatch(/Tham số (limit|offset) phải là số nguyên .* \/ (limit|offset) must be a whole number/);
      }
    }
    expect((await a.request("/api/documents?page=2")).status).toBe(400);
  });
});

describe("task index and embedder state at load", () => {
  it("taskIndexInSlices builds what buildTaskIndex does, pausing, and taskIndexOf then returns it", async () => {
    const K = await getKnowledge();
    const tasks = [...K.corpus.tasks];
    const s = countingSlicing(4);
    const sliced = await taskIndexInSlices(tasks, s);
    expect(s.pauses).toBeGreaterThan(10);
    const whole = buildTaskIndex(tasks);
    expect(sliced.tasksByDeadline.map((t) => t.id)).toEqual(whole.tasksByDeadline.map((t) => t.id));
    expect([...sliced.searchText.values()]).toEqual([...whole.searchText.values()]);
    expect(taskIndexOf(tasks)).toBe(sliced);
    // Deadlines in date order, undated last, ties in corpus order.
    const ends = sliced.tasksByDeadline.map((t) => t.deadline.end ?? "9999");
    expect(ends).toEqual([...ends].sort());
  });

  it("an embedder restored from its state (a sorted list of pairs, or the earlier object) embeds as the fitted one", () => {
    const texts = ["chuyển đổi số quốc gia", "cơ sở dữ liệu quốc gia về dân cư", "dịch vụ công trực tuyến"];
    const fitted = new HashedTfidfEmbeddings().fit(texts);
    const state = fitted.state();
    expect(Array.isArray(state.df)).toBe(true);
    const pairs = state.df as [string, number][];
    expect(pairs.map(([t]) => t)).toEqual(pairs.map(([t]) => t).sort());
    const fromList = new HashedTfidfEmbeddings(JSON.parse(JSON.stringify(state)));
    const fromObject = new HashedTfidfEmbeddings({ ...state, df: Object.fromEntries(pairs) });
    const q = "dữ liệu dân cư quốc gia";
    expect(fromList.vector(q)).toEqual(fitted.vector(q));
    expect(fromObject.vector(q)).toEqual(fitted.vector(q));
  });

  it("an embedder read from its byte parts (data/'s form) embeds as the fitted one; parts that do not match are refused", async () => {
    const K = await getKnowledge();
    const { terms, df } = embedderBytes(K.embedder);
    // Through bytes on disk: the counts as raw bytes, read back into a u32 view.
    const raw = new Uint8Array(df.buffer.slice(df.byteOffset, df.byteOffset + df.byteLength));
    const restored = embedderFromBytes(terms.slice(), new Uint32Array(raw.buffer));
    for (const q of QUESTIONS) expect(restored.vector(q)).toEqual(K.embedder.vector(q));
    expect(restored.state()).toEqual(K.embedder.state());
    expect(() => embedderFromBytes(terms, df.subarray(1))).toThrow(/differ in number/);
    expect(() => embedderFromBytes(new TextEncoder().encode('{"name":"other","dims":8,"docs":1}\nx'), new Uint32Array([1]))).toThrow(/not a hashed TF-IDF/);
  });

  it("a lexical index read in slices searches as the one read in one go", async () => {
    const K = await getKnowledge();
    const bytes = K.lexical.toBytes();
    const whole = LexicalIndex.fromBytes(bytes);
    const s = countingSlicing(4);
    const sliced = await LexicalIndex.fromBytesInSlices(bytes, s);
    expect(s.pauses).toBeGreaterThan(100);
    expect(sliced.size()).toBe(whole.size());
    for (const q of QUESTIONS) expect(sliced.search(q, 20)).toEqual(whole.search(q, 20));
    await expect(LexicalIndex.fromBytesInSlices(bytes.subarray(0, bytes.length >> 1), s)).rejects.toThrow(/lexical index/);
  });
});
