// Answer layer (pure): "Quyết định 2629 ban hành ngày nào?" — a document's own issue date, read from its header
// (the metadata the reader took from "Hà Nội, ngày 01 tháng 12 năm 2025") and cited at the header line that holds it.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import { foldDiacritics } from "../text/normalize.ts";

/** "… ban hành ngày nào?", "… ký khi nào?", "ngày ban hành của …" (folded). */
const ASKS_ISSUED = /ban hanh (vao )?(ngay|khi|luc|thoi gian) nao|ban hanh (khi|bao gio)|ky (vao )?(ngay|khi) nao|ky ban hanh (ngay|khi) nao|ngay ban hanh|ngay ky/;

export function asksIssueDate(question: string): boolean {
  return ASKS_ISSUED.test(foldDiacritics(question).toLowerCase().replace(/đ/g, "d"));
}

/** The header chunk of a document that writes its date ("ngày 01 tháng 12 năm 2025", "01/12/2025"). */
export function issueDateChunk(d: DocumentMeta, chunks: Iterable<Chunk>): Chunk | undefined {
  if (!d.issuedDate) return undefined;
  const [y, m, day] = d.issuedDate.split("-").map(Number) as [number, number, number];
  const forms = [
    new RegExp(`ngày\\s+0?${day}\\s+tháng\\s+0?${m}\\s+năm\\s+${y}`, "iu"),
    new RegExp(`(^|\\D)0?${day}\\s*/\\s*0?${m}\\s*/\\s*${y}`, "u"),
  ];
  // The header line as written first ("Hà Nội, ngày 01 tháng 12 năm 2025"), else the document card the ingest made.
  const own = [...chunks].filter((c) => c.documentId === d.id);
  for (const f of forms) {
    const hits = own.filter((c) => f.test(c.text)).sort((a, b) => a.lines[0] - b.lines[0]);
    if (hits[0]) return hits[0];
  }
  return undefined;
}
