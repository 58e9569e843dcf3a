// The clarifying turn (src/answer/clarify.ts): near matches are listed, numbered, with "Bạn hỏi về nhiệm vụ nào?";
// the reply ("cái thứ hai", "nhiệm vụ của Bộ Công an", a document) picks one through the history.
import { beforeAll, describe, expect, it } from "vitest";
import { CLARIFY_QUESTION, chooseTask, ordinalChoice, pendingClarification } from "../src/answer/clarify.ts";
import type { AnswerFn, ChatAnswer } from "../src/answer/types.ts";
import type { Task } from "../src/tasks/types.ts";
import { getKnowledge } from "./helpers/knowledge.ts";

let answer: AnswerFn;
beforeAll(async () => {
  answer = (await getKnowledge()).answer;
}, 120_000);

const task = (id: string, lead: string[], documentId = "d1") => ({ id, lead, coordinators: [], documentId }) as unknown as Task;

describe("reading a choice", () => {
  it("ordinals, folded or not, within the list", () => {
    expect(ordinalChoice("cái thứ hai", 3)).toBe(1);
    expect(ordinalChoice("cai thu 3", 3)).toBe(2);
    expect(ordinalChoice("cái đầu tiên", 3)).toBe(0);
    expect(ordinalChoice("cái cuối", 3)).toBe(2);
    expect(ordinalChoice("cái thứ tư", 3)).toBeNull();
    expect(ordinalChoice("Bộ nào chủ trì?", 3)).toBeNull();
  });
  it("an agency picks the one task it leads; two of them pick none", () => {
    const cands = [task("a", ["Bộ Tài chính"]), task("b", ["Bộ Công an"]), task("c", ["Bộ Công an"], "d2")];
    const bca = { name: "Bộ Công an" } as never;
    expect(chooseTask("nhiệm vụ của Bộ Công an", cands.slice(0, 2), [bca], null)?.id).toBe("b");
    expect(chooseTask("nhiệm vụ của Bộ Công an", cands, [bca], null)).toBeNull();
    expect(chooseTask("của Bộ Công an, theo văn bản kia", cands, [bca], new Set(["d2"]))?.id).toBe("c");
  });
  it("only a clarifying answer is pending", () => {
    const h = [
      { role: "user" as const, content: "Q1" },
      { role: "assistant" as const, content: `Có 2 nhiệm vụ … ${CLARIFY_QUESTION}` },
    ];
    expect(pendingClarification(h)).toEqual({ question: "Q1", before: [] });
    expect(pendingClarification([...h, { role: "user", content: "cái thứ hai" }, { role: "assistant", content: "… [1]." }])).toBeNull();
  });
});

describe("a clarifying turn and its follow-up", () => {
  const question = "Bộ nào chủ trì xây dựng hệ thống thông tin?";
  let first: ChatAnswer;
  const reply = (message: string) => answer({ message, history: [{ role: "user", content: question }, { role: "assistant", content: first.answer }] });
  beforeAll(async () => {
    first = await answer({ message: question });
  });
  it("lists two or three near matches with their documents and asks which", () => {
    expect(first.answer).toContain(CLARIFY_QUESTION);
    expect(first.facts.length).toBeGreaterThanOrEqual(2);
    expect(first.facts.length).toBeLessThanOrEqual(3);
    expect(first.answer).toMatch(/\n1\. Theo .+\n2\. Theo /);
  });
  it("'cái thứ hai' answers with the second task listed", async () => {
    const b = await reply("cái thứ hai");
    expect(b.answer).not.toContain(CLARIFY_QUESTION);
    expect(b.facts.map((f) => f.task)).toEqual([first.facts[1]!.task]);
  });
  it("an agency leading one of them answers with that one", async () => {
    const leads = first.facts.map((f) => f.lead.join(", "));
    const unique = leads.find((l) => leads.filter((x) => x === l).length === 1 && !l.includes(","))!;
    const b = await reply(`nhiệm vụ của ${unique}`);
    expect(b.facts).toHaveLength(1);
    expect(b.facts[0]!.lead).toEqual([unique]);
    expect(b.answer).toContain(unique);
  });
});
