// `npm run eval -- FILE.jsonl`: answer each item in-process, print pass rates by kind and overall, and
// retrieval recall (is the chunk holding the item's source quote among the top 1 / 5 search hits?), the facts stated
// without a quote that holds them (ingest/grounding.ts) and the confident-wrong answers (failed, not declined).

import { readFile } from "node:fs/promises";
import { understand } from "../src/answer/understand.ts";
import { describeFacts, ungroundedFacts } from "./grounding.ts";
import { confidentWrong, type EvalItem as Item, judge, maxConfidentWrong, norm, parseItems } from "./judge.ts";
import { loadRuntime } from "./runtime.ts";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run eval -- FILE.jsonl");
  process.exit(2);
}
let items: Item[];
try {
  items = parseItems(await readFile(file, "utf8"));
} catch (e) {
  console.error(`Cannot read ${file}: ${(e as Error).message}`);
  process.exit(2);
}
const verbose = process.argv.includes("--verbose") || process.env.VERBOSE;
const today = new Date(process.env.EVAL_TODAY ?? Date.now());
const rt = await loadRuntime({ answer: { now: () => today } });
const chunkText = new Map(rt.data.corpus.chunks.map((c) => [c.id, c.text]));
const byKind = new Map<string, { pass: number; total: number }>();
let r1 = 0;
let r5 = 0;
let rTotal = 0;
const ungrounded: string[] = [];
let ungroundedCount = 0;
const wrong: string[] = [];
for (const it of items) {
  const ans = await rt.answer({ message: it.question, history: it.history });
  const fails = judge(it, ans);
  const facts = ungroundedFacts(ans, { today });
  ungroundedCount += facts.length;
  if (facts.length) ungrounded.push(`${it.id}: ${describeFacts(facts)}`);
  if (confidentWrong(it, ans, fails)) wrong.push(it.id);
  const k = byKind.get(it.kind) ?? { pass: 0, total: 0 };
  k.total++;
  if (fails.length === 0) k.pass++;
  byKind.set(it.kind, k);
  if (fails.length && verbose) console.log(`✗ ${it.id} [${it.kind}] ${it.question}\n    ${fails.join("; ")}\n    → ${ans.answer.replace(/\n/g, "\n      ").slice(0, 700)}`);
  if (it.source?.quote) {
    // Recall of the search the answer path runs (follow-ups resolved with their history).
    rTotal++;
    // A quote from a table row joins its cells with tabs (or " | "): each cell must be in the chunk.
    const parts = it.source.quote.split(/\t| \| /).map((p) => norm(p).replace(/[.…]+$/, "")).filter(Boolean);
    const holds = (text: string) => parts.every((p) => norm(text).includes(p.slice(0, 60)));
    const query = understand(it.question, it.history ?? []).query;
    const hits = await rt.kb.index.search(query, 5);
    const rank = hits.findIndex((h) => holds(chunkText.get(h.id) ?? ""));
    if (rank === 0) r1++;
    if (rank >= 0) r5++;
  }
}
let pass = 0;
console.log("\n| kind | pass | total | rate |\n|---|---|---|---|");
for (const [k, v] of [...byKind.entries()].sort()) {
  pass += v.pass;
  console.log(`| ${k} | ${v.pass} | ${v.total} | ${((100 * v.pass) / v.total).toFixed(0)}% |`);
}
console.log(`| **overall** | ${pass} | ${items.length} | ${((100 * pass) / items.length).toFixed(1)}% |`);
console.log(`\nungrounded facts: ${ungroundedCount}${ungrounded.length ? ` in ${ungrounded.length} answers` : ""}`);
if (verbose) for (const u of ungrounded) console.log(`    ${u}`);
console.log(`confident-wrong: ${wrong.length} of ${items.length} (at most ${maxConfidentWrong(items.length)})${wrong.length ? `: ${wrong.join(", ")}` : ""}`);
if (rTotal) console.log(`\nRetrieval: source chunk at rank 1 for ${r1}/${rTotal} (${((100 * r1) / rTotal).toFixed(0)}%), in top 5 for ${r5}/${rTotal} (${((100 * r5) / rTotal).toFixed(0)}%)`);
