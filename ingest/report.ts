// Ingest (Node): what the reader understood of one file — header, section tree, tables with their column
// roles, tasks with their source lines, warnings and the coverage self-check. `npm run inspect` prints it;
// the admin upload jobs (ingest/admin-documents.ts) return it as the job's report.

import { basename } from "node:path";
import { columnRoles } from "../src/document/fields.ts";
import { parseFile } from "../src/document/parse.ts";
import type { Block, DocumentMeta, ParsedDocument } from "../src/document/types.ts";
import { type ReaderCoverage, readerCoverage } from "../src/tasks/coverage-check.ts";
import { extractTasks } from "../src/tasks/extract.ts";
import type { Task } from "../src/tasks/types.ts";
import { type LoadedFile, loadCorpusFile } from "./load-file.ts";

export interface SectionLine {
  line: number;
  depth: number;
  path: string[];
  text: string;
}

export interface TableSummary {
  table: number;
  lines: [number, number];
  headers: string[];
  roles: (string | null)[];
  rows: number;
}

export interface DocumentReport {
  meta: DocumentMeta;
  sections: SectionLine[];
  tables: TableSummary[];
  tasks: Task[];
  warnings: string[];
  coverage: ReaderCoverage;
}

export interface FileReport {
  file: string;
  /** Pages read by OCR, when the text came from a scan. */
  ocr?: LoadedFile["ocr"];
  documents: DocumentReport[];
  warnings: string[];
}

/** How much of a heading or task text one line shows. */
export const SHOWN_CHARS = 110;

export function shorten(s: string, n = SHOWN_CHARS): string {
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

export function reportDocument(d: ParsedDocument): DocumentReport {
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

export async function inspectFile(path: string): Promise<FileReport> {
  return reportSource(await loadCorpusFile(path, basename(path)));
}

/** The report of a file already read (an upload, before it enters the corpus). */
export function reportSource(src: LoadedFile): FileReport {
  const docs = parseFile(src.name, src.text, { pdfLike: src.pdfLike });
  return { file: src.name, ...(src.ocr ? { ocr: src.ocr } : {}), documents: docs.map(reportDocument), warnings: src.warnings ?? [] };
}
