// Document layer (pure): parsed documents → retrieval chunks by structure (a table row, a field-list
// task, a paragraph), each with its citation anchor (document, section path, line range).

import type { Block, ParsedDocument } from "./types.ts";

export interface Chunk {
  id: string;
  documentId: string;
  kind: "row" | "task" | "text";
  /** The text quoted in citations: a row reads as a sentence with its column labels. */
  text: string;
  /** Headings and group titles around it, used for search only. */
  context: string;
  /** The nearest heading above it (not its own title): "1. Mục tiêu chung" for the paragraph under it. */
  heading: string;
  section: string;
  lines: [number, number];
}

const MAX_CHARS = 1600;

/** "TT: 3 | Nhiệm vụ: …" → "Nhiệm vụ, giải pháp: … Cơ quan chủ trì: … Thời gian thực hiện: …" */
export function rowSentence(headers: string[], cells: string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = (cells[i] ?? "").trim();
    if (!v) continue;
    const h = (headers[i] ?? "").trim();
    if (i === 0 && /^(s?tt)$/i.test(h)) continue;
    parts.push(h ? `${h}: ${v.replace(/[.;]$/, "")}.` : `${v.replace(/[.;]$/, "")}.`);
  }
  return parts.join(" ");
}

function splitLong(text: string): string[] {
  if (text.length <= MAX_CHARS) return [text];
  const sentences = text.split(/(?<=[.;])\s+(?=\p{Lu}|\(\d)/u);
  const out: string[] = [];
  let cur = "";
  for (const s of sentences) {
    if (cur && cur.length + s.length > MAX_CHARS) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur} ${s}` : s;
  }
  if (cur) out.push(cur);
  return out;
}

export function chunkDocument(doc: ParsedDocument): Chunk[] {
  const chunks: Chunk[] = [];
  const blocks = doc.blocks;
  const id = doc.meta.id;
  const push = (kind: Chunk["kind"], text: string, b: Block, end: number) => {
    // A block that opens a section carries its own title last in its context: that is not a heading above it.
    const above = b.context.filter((h) => !text.startsWith(h.replace(/…$/u, "")));
    for (const piece of splitLong(text)) {
      chunks.push({
        id: `${id}:${chunks.length + 1}`,
        documentId: id,
        kind,
        text: piece,
        context: [doc.meta.title, ...b.context].join(" › "),
        heading: above.at(-1) ?? "",
        section: b.path.join(" › "),
        lines: [b.line, end],
      });
    }
  };
  // A group row's own values ("I | NHÓM XÃ, PHƯỜNG | 115" → "TIÊU CHÍ: NHÓM XÃ, PHƯỜNG. ĐIỂM CHUẨN: 115.") are a
  // chunk of their own, cited at the group's position, once per table.
  const groupsSeen = new Set<string>();
  const pushGroupTotals = (b: Block) => {
    const r = b.row!;
    const labelled = r.groups.filter((g) => g.tt);
    const base = b.path.slice(0, b.path.length - (r.tt ? 1 : 0) - (labelled.length ? 1 : 0));
    for (const g of r.groups) {
      const key = `${r.table}:${g.tt}:${g.totals?.lines[0]}`;
      if (!g.totals || groupsSeen.has(key)) continue;
      groupsSeen.add(key);
      const text = rowSentence(r.headers, g.totals.cells);
      const at: Block = { ...b, line: g.totals.lines[0], endLine: g.totals.lines[1], path: [...base, g.tt], context: b.context.filter((c) => c !== g.title) };
      if (text) push("row", text, at, g.totals.lines[1]);
    }
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "row") {
      const r = b.row!;
      if (r.headers.length > 0) pushGroupTotals(b);
      const text = r.headers.length > 0 ? rowSentence(r.headers, r.cells) : r.cells.filter(Boolean).join(" | ");
      if (text) push("row", text, b, b.endLine);
      continue;
    }
    // A "- task" with its "+ Field: value" lines is one chunk.
    let text = b.text;
    let end = b.endLine;
    let kind: Chunk["kind"] = "text";
    let j = i + 1;
    if (/^[-•]\s/u.test(text)) {
      while (j < blocks.length && blocks[j]!.kind === "text" && /^\+\s*[^:]{3,60}:/u.test(blocks[j]!.text)) {
        text += " " + blocks[j]!.text;
        end = blocks[j]!.endLine;
        kind = "task";
        j++;
      }
      if (kind === "task") i = j - 1;
    }
    if (text.length < 12) continue;
    push(kind, text, b, end);
  }
  return chunks;
}
