// Tasks layer (pure): the whole corpus in one step — files → documents → chunks, tasks, indicators.
// Ingest calls this; tests call it on in-memory files.

import { chunkDocument, type Chunk } from "../document/chunk.ts";
import { type FileOverride, parseFile } from "../document/parse.ts";
import type { DocumentMeta } from "../document/types.ts";
import { extractTasks } from "./extract.ts";
import type { Indicator, Task } from "./types.ts";

export interface SourceFile {
  name: string;
  text: string;
  /** Text extracted from a PDF: hard-wrapped lines are rejoined. */
  pdfLike?: boolean;
}

export interface Manifest {
  files: (FileOverride & { source?: string })[];
}

export interface CorpusData {
  documents: DocumentMeta[];
  chunks: Chunk[];
  tasks: Task[];
  indicators: Indicator[];
  warnings: string[];
  /** Files or documents the reader could not handle (the rest of the corpus is still built). */
  failures: { file: string; line: number | null; reason: string }[];
  stats: { files: number; documents: number; sections: number; tableRows: number; chunks: number; tasks: number; indicators: number };
}

const STATUS_VI: Record<string, string> = { final: "văn bản chính thức", draft: "dự thảo", summary: "bản tin tóm tắt, không phải văn bản pháp lý" };

/** One chunk per document saying what it is, so "được phê duyệt tại quyết định nào?" finds its number. */
export function documentCard(m: DocumentMeta): Chunk {
  const date = m.issuedDate ? m.issuedDate.split("-").reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join("/") : null;
  const parts = [
    m.number ? `Số: ${m.number}.` : "",
    `${m.title}.`,
    date ? `Ngày ban hành: ${date}.` : "",
    m.issuer ? `Cơ quan ban hành: ${m.issuer}.` : "",
    `Tình trạng: ${STATUS_VI[m.status] ?? m.status}.`,
  ];
  return {
    id: `${m.id}:0`,
    documentId: m.id,
    kind: "text",
    text: parts.filter(Boolean).join(" "),
    context: m.title,
    heading: "",
    section: "",
    lines: [m.lines[0], Math.min(m.lines[1], m.lines[0] + 8)],
  };
}

function errorReason(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const at = err.stack?.split("\n").find((l) => /\.ts:\d+/.test(l))?.trim() ?? "";
  return `${err.message}${at ? ` (${at})` : ""}`;
}

export function buildCorpus(files: SourceFile[], manifest: Manifest = { files: [] }): CorpusData {
  const out: CorpusData = {
    documents: [],
    chunks: [],
    tasks: [],
    indicators: [],
    warnings: [],
    failures: [],
    stats: { files: files.length, documents: 0, sections: 0, tableRows: 0, chunks: 0, tasks: 0, indicators: 0 },
  };
  const ids = new Set<string>();
  for (const f of files) {
    const override = manifest.files.find((m) => m.file === f.name);
    let docs: ReturnType<typeof parseFile>;
    try {
      docs = parseFile(f.name, f.text, { pdfLike: f.pdfLike, override });
    } catch (e) {
      // One file the reader cannot handle is reported; every other file is still indexed and served.
      out.failures.push({ file: f.name, line: null, reason: errorReason(e) });
      continue;
    }
    for (const d of docs) {
      // Two documents with one id (e.g. the same decision in two files) stay distinct.
      let id = d.meta.id;
      for (let n = 2; ids.has(id); n++) id = `${d.meta.id}-${n}`;
      d.meta.id = id;
      ids.add(id);
      out.documents.push(d.meta);
      out.warnings.push(...d.warnings);
      const sections = new Set(d.blocks.map((b) => b.path.join(" › ")));
      out.stats.sections += sections.size;
      out.stats.tableRows += d.blocks.filter((b) => b.kind === "row").length;
      out.chunks.push(documentCard(d.meta), ...chunkDocument(d));
      let ex: ReturnType<typeof extractTasks>;
      try {
        ex = extractTasks(d);
      } catch (e) {
        // The document stays searchable by its passages; its tasks are lost and the failure is reported.
        out.failures.push({ file: f.name, line: d.meta.lines[0], reason: `task extraction: ${errorReason(e)}` });
        continue;
      }
      out.tasks.push(...ex.tasks);
      out.indicators.push(...ex.indicators);
      out.warnings.push(...ex.warnings);
    }
  }
  out.stats.documents = out.documents.length;
  out.stats.chunks = out.chunks.length;
  out.stats.tasks = out.tasks.length;
  out.stats.indicators = out.indicators.length;
  return out;
}
