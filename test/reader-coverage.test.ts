// Tasks layer: the reader's self-check summed over real texts — the six unseen decisions (copies under
// test/fixtures/unseen/corpus) and the five seeds (corpus/): assignment-like lines (an agency next to chủ trì /
// giao / phối hợp, or a deadline phrase) that became part of no task. The bar is 95% for each set; the lines
// still uncovered are printed so a drop names them.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "../src/document/parse.ts";
import { coveragePercent, type ReaderCoverage, readerCoverage, sumCoverage } from "../src/tasks/coverage-check.ts";
import { extractTasks } from "../src/tasks/extract.ts";

const ROOT = join(import.meta.dirname, "..");
const BAR = 95;

function coverageOf(dir: string): ReaderCoverage & { lines: string[] } {
  const parts: ReaderCoverage[] = [];
  const lines: string[] = [];
  for (const name of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f) && f !== "README.md").sort()) {
    parseFile(name, readFileSync(join(dir, name), "utf8")).forEach((doc, k) => {
      doc.meta.id ||= `${name}#${k}`;
      const c = readerCoverage(doc, extractTasks(doc).tasks);
      parts.push(c);
      for (const u of c.uncovered) lines.push(`${name}:${u.line} ${u.text}`);
    });
  }
  return { ...sumCoverage(parts), lines };
}

describe("reader coverage", () => {
  it.each([
    ["six unseen real decisions", join(ROOT, "test/fixtures/unseen/corpus")],
    ["the five seed documents", join(ROOT, "corpus")],
  ])("%s: at least 95%% of assignment-like lines are inside a task", (label, dir) => {
    const c = coverageOf(dir);
    const pct = coveragePercent(c);
    console.log(`${label}: ${c.covered}/${c.candidates} (${pct.toFixed(1)}%)\n  ${c.lines.join("\n  ")}`);
    expect(c.candidates).toBeGreaterThan(50);
    expect(pct, c.lines.join("\n")).toBeGreaterThanOrEqual(BAR);
  });
});
