// Evaluation rule of ../shared/eval/README.md (pure): does an answer pass an item? Used by `npm run eval`
// and by test/eval.test.ts.

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
  if (item.kind === "unanswerable" && !/không tìm thấy thông tin|không có thông tin|chưa có thông tin/i.test(ans.answer)) fails.push("should say not found");
  return fails;
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
