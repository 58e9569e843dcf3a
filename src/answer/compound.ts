// Answer layer (pure): a question that asks two facts ("… có tổng điểm chuẩn bao nhiêu, và tiêu chí … chiếm mấy
// điểm?") is read as its parts, each answered on its own, and the answers joined with their citations renumbered.

import { foldDiacritics } from "../text/normalize.ts";
import { TOPIC_BREAK, topicTerms } from "../text/tokenize.ts";
import { answerKinds, definedTerm } from "./answer-type.ts";
import type { ChatAnswer } from "./types.ts";

/** Where a question may be cut in two: ", và", "? ", "; ", ", " — each side must ask a fact of its own. */
const JOINS = /\s*(?:,\s*và\s+|\?\s+|;\s+|,\s+|\s+và\s+)/gu;
/** A frame that governs the whole question: "Trong thang điểm thi đua, …", "Theo Kế hoạch 02, …". */
const FRAME = /^\s*((?:trong|theo|tại|ở|với|đối với|về)\s+[^,?]{3,80}),\s*/iu;
/** A document named by its type and number: "Kế hoạch 02", "Quyết định số 2629/QĐ-TTg", "Công điện 220". */
const NAMED_DOCUMENT =
  /(?:quyết định|kế hoạch|chương trình|chiến lược|đề án|nghị quyết|nghị định|công điện|công văn|chỉ thị|thông tư|thông báo|quy chế)\s+(?:số\s+)?\d+[^\s,?]*/iu;
/** A số hiệu on its own: "384-QĐ/TW", "1610/QĐ-TTPVHCC", "163/2025/QĐ-CTUBND". */
const DOCUMENT_NUMBER = /\b\d+(?:\/\d{4})?[-/]\p{Lu}[\p{Lu}Đ&]*(?:[-/]\p{Lu}[\p{Lu}Đ&]*)*/u;
/** The fewest words a part needs to be a question of its own, and the fewest topic words it must name itself
 * ("…, đến năm 2030 là bao nhiêu?" leans on the first part's topic: it is not cut off). */
const MIN_PART_WORDS = 3;
const MIN_PART_TOPIC = 2;

/** Question words, folded: "bao nhiêu", "mấy", "nào", "gì", "ai", "khi nào", "bao lâu". */
const ASKING = /(^|\s)(bao nhieu|may|nao|gi|ai|bao gio|bao lau)(\s|$)/;
/** A part that opens by asking who: "ai là chủ sở hữu dữ liệu", "cơ quan nào là cơ quan chủ quản …" (folded). */
const WHO_FIRST = /^(?:ai la|(?:co quan|don vi|bo|so) nao la)\s/;
/** How near the end of the first part its question word must be. */
const ASK_NEAR_END = 4;
const lastWords = (s: string) => foldDiacritics(s).toLowerCase().split(/\s+/).slice(-ASK_NEAR_END).join(" ");
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** Topic words of a part, not counting times ("năm 2030" names no topic). */
const TIME_WORD = /^(năm|tháng|quý|ngày|tuần|\d+)$/u;
const topicWords = (s: string) => topicTerms(s).terms.filter((t) => t !== TOPIC_BREAK && !TIME_WORD.test(t)).length;

/**
 * The parts of a question that asks two facts, each with the question's frame; [] when it asks one (or when one
 * side only names a field of the same task: "Ai chủ trì …, hạn khi nào?" is one task's two fields).
 * "Trong thang điểm, nhóm xã có tổng điểm bao nhiêu, và tiêu chí A chiếm mấy điểm?" →
 * ["Trong thang điểm, nhóm xã có tổng điểm bao nhiêu?", "Trong thang điểm, tiêu chí A chiếm mấy điểm?"].
 */
export function questionParts(message: string): string[] {
  const q = message.trim().replace(/\?+$/u, "");
  const frame = q.match(FRAME);
  const body = frame ? q.slice(frame[0].length) : q;
  for (const m of body.matchAll(JOINS)) {
    const left = body.slice(0, m.index).trim();
    const right = body.slice(m.index + m[0].length).trim();
    if (words(left) < MIN_PART_WORDS || words(right) < MIN_PART_WORDS) continue;
    if (topicWords(left) < MIN_PART_TOPIC || topicWords(right) < MIN_PART_TOPIC) continue;
    // Each side asks ("… bao nhiêu", "… mấy điểm"), the first one just before the cut: "tỷ lệ cơ quan, tổ chức …"
    // is a list, not two questions.
    // ("ai là chủ sở hữu dữ liệu, và “chủ quản dữ liệu” được hiểu là gì?": a who and a meaning are facts asked too.)
    const fl = foldDiacritics(left).toLowerCase();
    const who = WHO_FIRST.test(fl.split(/,\s*/).at(-1)!);
    if (!(ASKING.test(lastWords(left)) || who) || !ASKING.test(foldDiacritics(right).toLowerCase())) continue;
    if (!(answerKinds(fl).length || who) || !(answerKinds(foldDiacritics(right)).length || definedTerm(right))) continue;
    // The second part reads in the document the first one names: "Kế hoạch 02 … chia mấy giai đoạn, giai đoạn cấp
    // bách kéo dài đến ngày nào?" → "Theo Kế hoạch 02, giai đoạn cấp bách …".
    // (… with a frame too, when the frame does not name it: "Trong quy định về …, … (384-QĐ/TW), ai …, và … là gì?".)
    const frameNames = !!frame && (NAMED_DOCUMENT.test(frame[1]!) || DOCUMENT_NUMBER.test(frame[1]!));
    const named = !frameNames && !NAMED_DOCUMENT.test(right) && !DOCUMENT_NUMBER.test(right) ? (left.match(NAMED_DOCUMENT)?.[0] ?? (frame ? left.match(DOCUMENT_NUMBER)?.[0] : undefined)) : undefined;
    const framed = (s: string, own: string | undefined) => `${frame ? `${frame[1]}, ` : ""}${own ? `${frame ? "theo" : "Theo"} ${own}, ` : ""}${s}?`;
    return [framed(left, undefined), framed(right, named)];
  }
  return [];
}

/** "[2]" markers of an answer moved by `by` (the second part's citations follow the first's). */
function shiftMarkers(text: string, by: number): string {
  return text.replace(/\[(\d+)\]/g, (_, n: string) => `[${Number(n) + by}]`);
}

/** An answer that states a fact: not "Không tìm thấy", not a clarifying question. */
export function answered(a: ChatAnswer): boolean {
  return a.intent !== "unanswerable" && a.citations.length > 0 && !/^Không tìm thấy|Bạn hỏi về/u.test(a.answer);
}

/** Two parts' answers as one: texts on their own lines, citations in order, renumbered. */
export function joinAnswers(parts: ChatAnswer[]): ChatAnswer {
  let answer = "";
  const citations: ChatAnswer["citations"] = [];
  const facts: ChatAnswer["facts"] = [];
  for (const a of parts) {
    const by = citations.length;
    answer += `${answer ? "\n" : ""}${shiftMarkers(a.answer, by)}`;
    citations.push(...a.citations.map((c) => ({ ...c, n: c.n + by })));
    facts.push(...a.facts.map((f) => (f.citation === undefined ? f : { ...f, citation: f.citation + by })));
  }
  return { answer, citations, intent: parts[0]?.intent ?? "explain", facts };
}
