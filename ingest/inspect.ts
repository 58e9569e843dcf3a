// `npm run inspect -- FILE [FILE…] [--json]` (Node): what the reader understood of each file — header, section
// tree, tables with their column roles, tasks with their source lines, warnings — and the coverage self-check:
// assignment-like lines that did not become part of any task. The report itself is built in ingest/report.ts.

import { coveragePercent, type ReaderCoverage, sumCoverage } from "../src/tasks/coverage-check.ts";
import { type DocumentReport, type FileReport, inspectFile, shorten, SHOWN_CHARS } from "./report.ts";

function lineRange(a: number, b: number): string {
  return a === b ? `L${a}` : `L${a}–${b}`;
}

function coverageLine(c: ReaderCoverage): string {
  return `Coverage: ${c.covered}/${c.candidates} assignment-like lines are in tasks (${coveragePercent(c).toFixed(1)}%)`;
}

function printDocument(r: DocumentReport, index: number): void {
  const m = r.meta;
  console.log(`\n── Document ${index + 1} (${lineRange(m.lines[0], m.lines[1])}): ${m.type}${m.number ? ` ${m.number}` : ""}  [${m.id}]`);
  console.log(`  title:   ${m.title}`);
  console.log(`  date:    ${m.issuedDate ?? "—"}    status: ${m.status}    year: ${m.year ?? "—"}`);
  console.log(`  issuer:  ${m.issuer ?? "—"}`);
  console.log(`  signer:  ${m.signer ?? "—"}`);
  console.log(`\n  Sections (${r.sections.length}):`);
  for (const s of r.sections) console.log(`    ${`L${s.line}`.padEnd(7)}${"  ".repeat(s.depth)}${s.path.at(-1)}  ${shorten(s.text, SHOWN_CHARS - 2 * s.depth)}`);
  console.log(`\n  Tables (${r.tables.length}):`);
  for (const t of r.tables) {
    const cols = t.headers.map((h, i) => `${h || "(no label)"} [${t.roles[i] ?? "?"}]`).join(" | ");
    console.log(`    table ${t.table} ${lineRange(t.lines[0], t.lines[1])}: ${t.rows} rows; ${cols || "no header row"}`);
  }
  console.log(`\n  Tasks (${r.tasks.length}):`);
  for (const t of r.tasks) {
    console.log(`    ${lineRange(t.lines[0], t.lines[1]).padEnd(11)} [${t.layout}] ${t.section ? `${t.section}: ` : ""}${shorten(t.text)}`);
    const fields = [
      `lead: ${t.lead.join("; ") || t.leadText || "—"}`,
      t.coordinators.length || t.coordinatorsText ? `coordinators: ${t.coordinators.join("; ") || t.coordinatorsText}` : "",
      `deadline: ${t.deadline.text || "—"}`,
      t.result ? `result: ${shorten(t.result, 60)}` : "",
      t.status ? `status: ${t.status}` : "",
    ].filter(Boolean);
    console.log(`${" ".repeat(16)}${fields.join("  ·  ")}`);
  }
  if (r.warnings.length) {
    console.log(`\n  Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) console.log(`    ${w}`);
  }
  console.log(`\n  ${coverageLine(r.coverage)}`);
  for (const u of r.coverage.uncovered) console.log(`    not in a task: L${u.line}  ${shorten(u.text)}`);
}

// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) {
  console.error("Usage: npm run inspect -- FILE [FILE…] [--json]   (.txt, .md, .html, .pdf, .docx)");
  process.exit(2);
}

const reports: FileReport[] = [];
const failures: { file: string; reason: string }[] = [];
for (const f of files) {
  try {
    reports.push(await inspectFile(f));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory, not a file" : err.message;
    failures.push({ file: f, reason });
    console.error(`inspect: cannot read ${f}: ${reason}`);
  }
}

const total = sumCoverage(reports.flatMap((r) => r.documents.map((d) => d.coverage)));
if (json) {
  console.log(JSON.stringify({ files: reports, failures, coverage: { candidates: total.candidates, covered: total.covered, percent: coveragePercent(total) } }, null, 2));
} else {
  for (const r of reports) {
    console.log(`\n════ ${r.file}: ${r.documents.length} document${r.documents.length === 1 ? "" : "s"}`);
    r.documents.forEach(printDocument);
  }
  if (reports.length > 1 || reports.some((r) => r.documents.length > 1)) console.log(`\nAll files — ${coverageLine(total)}`);
}
// exitCode, not exit(): a pipe would lose the end of a long --json output.
process.exitCode = failures.length > 0 ? 1 : 0;
