// Answer layer (pure): "Quyết định 2629 ban hành ngày nào?" — a document's own issue date, read from its header
// (the metadata the reader took from "Hà Nội, ngày 01 tháng 12 năm 2025") and cited at the header line that holds it.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import { foldDiacritics } from "../text/normalize.ts";

/** "… ban hành ngày nào?", "… ký khi nào?", "ngày ban hành của …" (folded). */
const ASKS_ISSUED = /ban hanh (vao )?(ngay|khi|luc|thoi gian) nao|ban hanh (khi|bao gio)|ky (vao )?(ngay|khi) nao|ky ban hanh (ngay|khi) nao|ngay ban hanh|ngay ky/;

/** "… phải ban hành khi nào?", "… cần được ban hành trước ngày nào?": an instrument to be issued, a deadline. */
const TO_BE_ISSUED = /\b(phai|can|duoc giao|co trach nhiem|de nghi|du kien|hoan thanh)\s+(?:[a-z]+\s+){0,2}ban hanh\b/;
/** Types of instrument a document may require to be issued. */
const INSTRUMENT = /\b(nghi dinh|thong tu|luat|nghi quyet|chi thi|quy che|quy dinh|de an|chuong trinh|ke hoach|chien luoc|bo tieu chi|huong dan|quyet dinh)\b/;
/** A number reference ("2623/QĐ-TTg", "số 36", "Quyết định 2629"). */
const NUMBERED = /\d+\s*\/|\bso\s+\d+|\b(quyet dinh|ke hoach|nghi quyet|cong van|thong bao|chi thi|cong dien|qd|kh|cv|tb)\s+\d+/;

/**
 * Is the question asking when the document it names was issued ("Quyết định 2629 ban hành ngày nào?")? Not when an
 * instrument it requires is asked about: "Theo QĐ 2623/QĐ-TTg, Nghị định xử phạt … phải ban hành khi nào?" asks a
 * deadline — an obligation ("phải ban hành"), or another instrument named after the frame "Theo …,".
 */
export function asksIssueDate(question: string): boolean {
  const f = foldDiacritics(question).toLowerCase().replace(/đ/g, "d");
  if (!ASKS_ISSUED.test(f) || TO_BE_ISSUED.test(f)) return false;
  const framed = /^(?:theo|trong|tai)\s[^,]*,\s*(.+)$/.exec(f);
  const subject = framed ? framed[1]! : f;
  return !(framed && INSTRUMENT.test(subject) && !NUMBERED.test(subject));
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
