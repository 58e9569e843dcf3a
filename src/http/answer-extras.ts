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

/** What the answerer writes after a list it cut short. */
const CUT_LIST = "(xem /api/tasks để lấy đầy đủ danh sách)";
/** "Nhiệm vụ của Bộ Công an — 23 nhiệm vụ:" → 23, the count the list's first line states. */
const LIST_COUNT = /— (\d+) nhiệm vụ/u;

export interface BoardLinkInput {
  /** What the question names: its first agency (registry name) or unit as written, its period, its intent. */
  agency: string | null;
  /** No start for "trước ngày 30/6/2025" (due_to alone). */
  period: { start?: string; end: string } | null;
  overdue: boolean;
}

const linked = new WeakMap<ChatAnswer, ChatAnswer>();

/**
 * A list the answerer cut short ends with a link to the board with the same filters — only when the board,
 * with those filters, counts exactly what the answer says it found; otherwise the answer is left as it is.
 * "… và 11 nhiệm vụ khác (xem /api/tasks …)" → "… và 11 nhiệm vụ khác (danh sách đầy đủ: /board?agency=Bộ+Công+an)".
 */
export function linkBoard(ans: ChatAnswer, q: BoardLinkInput, count: (params: Record<string, string>) => number): ChatAnswer {
  if (!ans.answer.includes(CUT_LIST)) return ans;
  const done = linked.get(ans);
  if (done) return done;
  const stated = Number(LIST_COUNT.exec(ans.answer)?.[1] ?? "NaN");
  const base: Record<string, string> = {};
  if (q.agency) base.agency = q.agency;
  if (q.period) Object.assign(base, { ...(q.period.start ? { due_from: q.period.start } : {}), due_to: q.period.end });
  if (q.overdue) base.status = "overdue";
  let out = ans;
  if (Object.keys(base).length) {
    for (const params of [base, { ...base, include_predecessors: "1" }]) {
      let n = -1;
      try {
        n = count(params);
      } catch {
        n = -1;
      }
      if (n === stated) {
        out = { ...ans, answer: ans.answer.replace(CUT_LIST, `(danh sách đầy đủ: /board?${new URLSearchParams(params).toString()})`) };
        break;
      }
    }
  }
  linked.set(ans, out);
  return out;
}
