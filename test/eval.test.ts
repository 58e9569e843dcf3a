// The evaluation sets as a regression guard: the shared dev set (copied to test/eval/dev.jsonl) and the project's own held-out items
// (test/eval/extra.jsonl, written from the texts before the assistant was run on them), answered in-process
// with the exact vector index. Floors are the measured pass counts; a drop fails CI and names the items.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { judge, parseItems } from "../ingest/judge.ts";
import { getKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

let K: TestKnowledge;
beforeAll(async () => {
  K = await getKnowledge();
});

async function run(file: URL): Promise<{ pass: number; total: number; failed: string[] }> {
  const items = parseItems(readFileSync(file, "utf8"));
  const failed: string[] = [];
  for (const it of items) {
    const fails = judge(it, await K.answer({ message: it.question, ...(it.history ? { history: it.history } : {}) }));
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

  it("own held-out items: at least 37 of 40", async () => {
    const r = await run(new URL("./eval/extra.jsonl", import.meta.url));
    expect(r.total).toBe(40);
    expect(r.pass, r.failed.join("\n")).toBeGreaterThanOrEqual(37);
  });
});
