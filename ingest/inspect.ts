// `npm run inspect -- FILE [FILE…] [--json]` (Node): what the reader understood of each file — header, section
// tree, tables with their column roles, tasks with their source lines, warnings — and the coverage self-check:
// assignment-like lines that did not become part of any task.

import { basename } from "node:path";
import { columnRoles } from "../src/document/fields.ts";
import { parseFile } from "../src/document/parse.ts";
import type { Block, DocumentMeta, ParsedDocument } from "../src/document/types.ts";
import { coveragePercent, type ReaderCoverage, readerCoverage, sumCoverage } from "../src/tasks/coverage-check.ts";
import { extractTasks } from "../src/tasks/extract.ts";
import type { Task } from "../src/tasks/types.ts";
import { loadCorpusFile } from "./load-file.ts";

interface SectionLine {
  line: number;
  depth: number;
  path: string[];
  text: string;
}

interface TableSummary {
  table: number;
  lines: [number, number];
  headers: string[];
  roles: (string | null)[];
  rows: number;
}

interface DocumentReport {
  meta: DocumentMeta;
  sections: SectionLine[];
  tables: TableSummary[];
  tasks: Task[];
  warnings: string[];
  coverage: ReaderCoverage;
}

interface FileReport {
  file: string;
  documents: DocumentReport[];
  warnings: string[];
}

/** How much of a heading or task text one line shows. */
const SHOWN_CHARS = 110;

function shorten(s: string, n = SHOWN_CHARS): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= n ? t : `${t.slice(0, n - 1)}…`;
}

/** The text block that opens each section path, in order: one line per heading. */
function sectionTree(blocks: Block[]): SectionLine[] {
  const seen = new Set<string>();
  const out: SectionLine[] = [];
  for (const b of blocks) {
    if (b.kind !== "text" || b.path.length === 0) continue;
    const key = b.path.join(" › ");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line: b.line, depth: b.path.length - 1, path: b.path, text: b.text });
  }
  return out;
}

function tableSummaries(blocks: Block[]): TableSummary[] {
  const byTable = new Map<number, TableSummary>();
  for (const b of blocks) {
    if (b.kind !== "row" || !b.row) continue;
    const t = byTable.get(b.row.table);
    const headers = b.row.headers;
    if (!t) {
      byTable.set(b.row.table, { table: b.row.table, lines: [b.line, b.endLine], headers, roles: b.row.roles ?? columnRoles(headers), rows: 1 });
      continue;
    }
    t.rows++;
    t.lines[1] = Math.max(t.lines[1], b.endLine);
    if (t.headers.length === 0 && headers.length > 0) {
      t.headers = headers;
      t.roles = b.row.roles ?? columnRoles(headers);
    }
  }
  return [...byTable.values()];
}

function reportDocument(d: ParsedDocument): DocumentReport {
  let tasks: Task[] = [];
  const warnings = [...d.warnings];
  try {
    const ex = extractTasks(d);
    tasks = ex.tasks;
    warnings.push(...ex.warnings);
  } catch (e) {
    warnings.push(`task extraction failed: ${(e as Error).message}`);
  }
  return { meta: d.meta, sections: sectionTree(d.blocks), tables: tableSummaries(d.blocks), tasks, warnings, coverage: readerCoverage(d, tasks) };
}

async function inspectFile(path: string): Promise<FileReport> {
  const src = await loadCorpusFile(path, basename(path));
  const docs = parseFile(src.name, src.text, { pdfLike: src.pdfLike });
  return { file: src.name, documents: docs.map(reportDocument), warnings: [] };
}

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
  console.error("Usage: npm run inspect -- FILE [FILE…] [--json]   (.txt, .md, .html, .pdf)");
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
