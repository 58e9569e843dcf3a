// `npm run ask -- "câu hỏi"`: print the answer and its sources.

import { loadRuntime } from "./runtime.ts";

const q = process.argv.slice(2).join(" ").trim();
if (!q) {
  console.error('Usage: npm run ask -- "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?"');
  process.exit(2);
}
const rt = await loadRuntime({ progress: (m) => console.error(m) });
const a = await rt.answer({ message: q });
console.log(a.answer);
if (a.citations.length) console.log("\nNguồn:");
for (const c of a.citations) console.log(`[${c.n}] ${c.document.number ?? ""} ${c.document.title}${c.label ? ` (${c.label})` : ""} › ${c.section}\n    “${c.quote.slice(0, 200)}”`);
