// Evaluation rule of ../shared/eval/README.md (pure): does an answer pass an item? Used by `npm run eval`
// and by test/eval.test.ts.

import { CLARIFY_QUESTION } from "../src/answer/clarify.ts";
import { matchKey } from "../src/text/normalize.ts";

export interface EvalItem {
  id: string;
  question: string;
  kind: string;
  history?: { role: "user" | "assistant"; content: string }[];
  expect: { all?: string[]; any?: string[][]; none?: string[]; cite?: string[] };
  source?: { file?: string; quote?: string };
}

/** The matching rule of ../shared/eval/README.md: NFC, lower case, tone placement, dashes, spaces. */
export function norm(s: string): string {
  return matchKey(s);
}

export function judge(item: EvalItem, ans: { answer: string; citations: unknown[] }): string[] {
  const a = norm(ans.answer);
  const fails: string[] = [];
  for (const s of item.expect.all ?? []) if (!a.includes(norm(s))) fails.push(`missing "${s}"`);
  for (const g of item.expect.any ?? []) if (!g.some((s) => a.includes(norm(s)))) fails.push(`none of ${JSON.stringify(g)}`);
  for (const s of item.expect.none ?? []) if (a.includes(norm(s))) fails.push(`contains "${s}"`);
  for (const s of item.expect.cite ?? []) if (!ans.citations.some((c) => norm(JSON.stringify(c)).includes(norm(s)))) fails.push(`no citation with "${s}"`);
  if (item.kind === "unanswerable" && !NOT_FOUND.test(ans.answer)) fails.push("should say not found");
  return fails;
}

/** The words of an answer that says it does not know. */
const NOT_FOUND = /không tìm thấy thông tin|không có thông tin|chưa có thông tin/i;

/** An answer that does not state an answer: "Không tìm thấy thông tin …", or the clarifying turn "Bạn hỏi về nhiệm vụ nào?". */
export function declines(answer: string): boolean {
  return NOT_FOUND.test(answer) || answer.includes(CLARIFY_QUESTION);
}

/** Confident-wrong: an answer that fails its item's check and does not decline — the harm the gate exists to prevent. */
export function confidentWrong(item: EvalItem, ans: { answer: string; citations: unknown[] }, fails = judge(item, ans)): boolean {
  return fails.length > 0 && !declines(ans.answer);
}

/** The most confident-wrong answers a set may have: 2% of its items, rounded down (40 → 0, 48 → 0, 67 → 1). */
export const CONFIDENT_WRONG_SHARE = 0.02;
export function maxConfidentWrong(total: number): number {
  return Math.floor(total * CONFIDENT_WRONG_SHARE);
}


/** Items of a JSON-lines file's text; a line that is not JSON is reported by number. */
export function parseItems(text: string): EvalItem[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as EvalItem;
      } catch {
        throw new Error(`line ${i + 1} is not valid JSON`);
      }
    });
}
