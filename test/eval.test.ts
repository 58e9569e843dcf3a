// The evaluation sets as a regression guard: the shared dev set (copied to test/eval/dev.jsonl) and the project's own held-out items
// (test/eval/extra.jsonl, written from the texts before the assistant was run on them), answered in-process
// with the exact vector index. Floors are the measured pass counts; a drop fails CI and names the items.
// The unseen set (test/fixtures/unseen, six real decisions never used to write rules) is answered with those six
// texts added to corpus/, as `npm run eval` does with CORPUS_DIR pointing at such a copy.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { judge, parseItems } from "../ingest/judge.ts";
import { buildKnowledge, getKnowledge, readCorpusFiles, type TestKnowledge } from "./helpers/knowledge.ts";

/**
 * The unseen set's floor: 90% of its 67 items, the bar the product is held to on real decisions it has never
 * seen (measured 64/67 when this was set; raise it when the count rises, never lower it to pass).
 */
const UNSEEN_PASS_FLOOR = 61;
const UNSEEN_DIR = join(import.meta.dirname, "fixtures", "unseen");

let K: TestKnowledge;
beforeAll(async () => {
  K = await getKnowledge();
});

async function run(file: URL, k: () => TestKnowledge = () => K): Promise<{ pass: number; total: number; failed: string[] }> {
  const items = parseItems(readFileSync(file, "utf8"));
  const failed: string[] = [];
  for (const it of items) {
    const fails = judge(it, await k().answer({ message: it.question, ...(it.history ? { history: it.history } : {}) }));
    if (fails.length) failed.push(`${it.id}: ${fails.join("; ")}`);
  }
  return { pass: items.length - failed.length, total: items.length, failed };
}

describe("evaluation sets", () => {
  it("shared dev set: at least 48 of 48", async () => {
    const r = await run(new URL("./eval/dev.jsonl", import.meta.url));
    expect(r.total).toBe(48);
    expect(r.pass, r.failed.join("\n")).toBeGreaterThanOrEqual(48);
  });

  it("own held-out items: at least 38 of 40", async () => {
    const r = await run(new URL("./eval/extra.jsonl", import.meta.url));
    expect(r.total).toBe(40);
    expect(r.pass, r.failed.join("\n")).toBeGreaterThanOrEqual(38);
  });

  it("answer-stage items (roles, periods, counts, clarifying turns, scope, English): at least 90%", async () => {
    const r = await run(new URL("./eval/stages.jsonl", import.meta.url));
    expect(r.total).toBeGreaterThanOrEqual(20);
    expect(r.pass, r.failed.join("\n")).toBeGreaterThanOrEqual(Math.ceil(r.total * 0.9));
  });
});

describe("unseen real decisions added to the corpus", () => {
  let U: TestKnowledge;
  beforeAll(async () => {
    const { files, manifest } = readCorpusFiles();
    const dir = join(UNSEEN_DIR, "corpus");
    const unseen = readdirSync(dir)
      .filter((n) => n.endsWith(".txt"))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
    expect(unseen.length).toBe(6);
    U = await buildKnowledge([...files, ...unseen].sort((a, b) => a.name.localeCompare(b.name)), manifest);
  });

  it(`unseen set: at least ${UNSEEN_PASS_FLOOR} of 67`, async () => {
    const r = await run(new URL("./fixtures/unseen/questions.jsonl", import.meta.url), () => U);
    console.log(`unseen set: ${r.pass}/${r.total}`);
    expect(r.total).toBe(67);
    expect(r.pass, r.failed.join("\n")).toBeGreaterThanOrEqual(UNSEEN_PASS_FLOOR);
  });
});
