// Near matches in other documents that give the same answer to what is asked are stated together, not turned into
// a clarifying question (src/answer/engine.ts agreeing); near matches that answer differently still ask
// (test/clarify.test.ts). On the bundled corpus: one platform named in a 2022 plan and in a 2021 decision.
import { beforeAll, describe, expect, it } from "vitest";
import { CLARIFY_QUESTION } from "../src/answer/clarify.ts";
import type { AnswerFn } from "../src/answer/types.ts";
import { getKnowledge } from "./helpers/knowledge.ts";

let answer: AnswerFn;
beforeAll(async () => {
  answer = (await getKnowledge()).answer;
}, 120_000);

describe("near matches that agree on what is asked", () => {
  it("one lead in both documents: the lead, both cited, no clarifying turn", async () => {
    const a = await answer({ message: "Nền tảng bản đồ số quốc gia do bộ nào chủ trì phát triển?" });
    expect(a.answer).not.toContain(CLARIFY_QUESTION);
    expect(a.answer).toContain("Bộ Tài nguyên và Môi trường");
    expect(a.answer).not.toMatch(/Bộ (Công an|Tài chính|Xây dựng) chủ trì/);
    expect(a.citations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(a.citations.map((c) => (c as { documentId: string }).documentId)).size).toBeGreaterThanOrEqual(2);
  });
});
