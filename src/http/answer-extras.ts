// HTTP layer (pure): what the HTTP side adds to an answer the answerer composed — its id in the JSON bytes,
// and a label on citations of text read by OCR from a scan (such a quote may carry misread characters).

import type { ChatAnswer } from "../answer/types.ts";
import type { CorpusData } from "../tasks/corpus.ts";

const utf8 = new TextEncoder();

/** `{"answer":…}` → `{"answer":…,"answerId":"…"}` without serialising the answer again. */
export function withAnswerId(json: Uint8Array<ArrayBuffer>, answerId: string): Uint8Array<ArrayBuffer> {
  const tail = utf8.encode(`,"answerId":${JSON.stringify(answerId)}}`);
  const out = new Uint8Array(json.length - 1 + tail.length);
  out.set(json.subarray(0, json.length - 1));
  out.set(tail, json.length - 1);
  return out;
}

/** The file-name mark the workbench gives text it read by OCR ("qd-12-2025.ocr.txt"). */
export const OCR_FILE_MARK = ".ocr.";
export const OCR_LABEL = "Bản nhận dạng chữ (OCR) từ ảnh quét — đối chiếu với bản gốc";

const ocrDocs = new WeakMap<CorpusData, Set<string>>();
const marked = new WeakMap<ChatAnswer, ChatAnswer>();

/** The same answer object when nothing it cites was OCR'd (so the answer cache's serialised bytes still apply). */
export function markOcrCitations(ans: ChatAnswer, corpus: CorpusData): ChatAnswer {
  let ids = ocrDocs.get(corpus);
  if (!ids) ocrDocs.set(corpus, (ids = new Set(corpus.documents.filter((d) => d.file.toLowerCase().includes(OCR_FILE_MARK)).map((d) => d.id))));
  if (ids.size === 0 || !ans.citations.some((c) => ids.has(c.documentId))) return ans;
  let m = marked.get(ans);
  if (!m) {
    m = { ...ans, citations: ans.citations.map((c) => (ids.has(c.documentId) ? { ...c, label: c.label ? `${c.label}; ${OCR_LABEL}` : OCR_LABEL } : c)) };
    marked.set(ans, m);
  }
  return m;
}
