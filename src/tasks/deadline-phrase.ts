// Tasks layer (pure): the deadline phrase inside a task's words, wherever it sits in the clause:
// "… hoàn thành trong tháng 11 năm 2025", "trước ngày 10/12/2025 báo cáo …", "xong trước 30/6",
// "trong quý I/2026", "Nhiệm vụ thường xuyên", "trước ngày 15 hằng tháng". A date that only dates a cited
// text ("Nghị quyết số 66/NQ-CP ngày 26 tháng 3 năm 2025") has no qualifier before it and is not a deadline.

import { parseDeadline, type Deadline } from "../text/dates.ts";

const Q = String.raw`(?:hoàn thành|hoàn tất|xong|thời hạn|thời gian hoàn thành|hạn|chậm nhất|muộn nhất|trước|trong|vào|đến hết|kết thúc)`;
const DAY = String.raw`(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?(?![\d/])|(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}(?:\s*(?:năm\s+|\/\s*)\d{4})?|ngày\s+\d{1,2}\s+h[ằà]ng\s+(?:tháng|quý|năm)`;
// "tháng 8/025" (a typo in a source) still reads as a month of 2025.
const MONTH = String.raw`tháng\s+\d{1,2}(?:\s*\/\s*\d{3,4}|\s+năm\s+\d{4})?(?!\s*tháng)`;
const QUARTER = String.raw`quý\s+(?:[IV]+|\d)(?:\s*\/\s*\d{4}|\s+năm\s+\d{4})?`;
const HALF = String.raw`(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?`;
const YEAR = String.raw`năm\s+\d{4}(?:\s*[-–]\s*\d{4})?`;
const WHEN = `(?:${DAY}|${QUARTER}|${HALF}|${MONTH}|${YEAR})`;
// "trước ngày 30/6": one or more qualifiers ("hoàn thành trước", "xong trước", "thời hạn: trong") then the time.
const DATED = new RegExp(String.raw`(?<![\p{L}])((?:${Q}\s*:?\s*)+)(${WHEN})(?:\s+(?:của\s+)?năm\s+(?:tiếp theo|sau))?`, "giu");
// "chi thường xuyên", "kinh phí thường xuyên" are budget lines, not a recurrence.
// A bare "thường xuyên" is a recurrence at the clause's start, after a stop or before an action
// ("Thường xuyên rà soát …", "…; thường xuyên cập nhật"); after a noun it is an adjective ("xử lý lỗi thường xuyên").
const RECURRING = /(?<![\p{L}])(?<!(?:chi|kinh phí|nguồn)\s)((?:nhiệm vụ\s+|thực hiện\s+)thường xuyên|(?:(?<=^|[,;:.]\s?|^\W*)thường xuyên|thường xuyên(?=\s+(?:rà soát|cập nhật|theo dõi|kiểm tra|tổ chức|báo cáo|đánh giá|tuyên truyền|phối hợp|đôn đốc|hướng dẫn|thực hiện|triển khai|giám sát|bồi dưỡng|đào tạo|tập huấn)(?![\p{L}])))|định kỳ\s+(?:h[ằà]ng\s+(?:năm|quý|tháng|tuần)|\d{1,2}\s+tháng(?:\s*\/\s*lần)?)|h[ằà]ng\s+(?:năm|quý|tháng))(?![\p{L}])/iu;

/** How far before "trong năm 2026" a verb of completion must stand for a bare year to be a deadline. */
const VERB_WINDOW = 30;
const COMPLETION_VERB = /(?:hoàn thành|xong|ban hành|trình|thực hiện|triển khai|đưa vào|tổ chức)\s*$|(?:hoàn thành|xong|ban hành|trình|thực hiện|triển khai|đưa vào)(?![\p{L}])/u;

/** The completion words of a phrase are not part of the deadline text: "hoàn thành trong tháng 8/2025" → "trong tháng 8/2025". */
function trimLead(words: string): string {
  return words.replace(/^(?:(?:hoàn thành|hoàn tất|xong|thời hạn|thời gian hoàn thành|hạn)\s*:?\s*)+/iu, "").trim();
}

/**
 * The deadline of a clause, or null. Several dated phrases: the one after a completion word wins
 * ("hoàn thành", "xong", "thời hạn"), else the last (the first ones usually date a cited text).
 * "…, hoàn thành trước ngày 05 tháng 12 năm 2025" → { kind: "day", text: "trước ngày 05 tháng 12 năm 2025", … }.
 */
export function findDeadline(text: string, year?: number): Deadline | null {
  const flat = text.replace(/\*+/g, "").replace(/\s+/g, " ");
  let best: { words: string; strong: boolean; at: number } | null = null;
  for (const m of flat.matchAll(DATED)) {
    const quals = m[1]!.toLowerCase();
    // "vào" / "trong" alone before a bare year is a period of activity more often than a deadline, except
    // when it closes the clause ("… trong năm 2026.").
    const strong = /hoàn thành|hoàn tất|xong|thời hạn|hạn|chậm nhất|muộn nhất|trước/.test(quals);
    const tail = flat.slice((m.index ?? 0) + m[0].length);
    const closes = /^\s*(?:[.;,)]|$)/.test(tail);
    const before = flat.slice(Math.max(0, (m.index ?? 0) - VERB_WINDOW), m.index);
    const completedEarlier = /(?:hoàn thành|hoàn tất|xong)(?![\p{L}])/iu.test(flat.slice(0, m.index));
    if (!strong && /^năm/iu.test(m[2]!) && !completedEarlier && (!closes || !COMPLETION_VERB.test(before))) continue;
    const words = trimLead(m[0]);
    // The first strong phrase wins; without one, the last weak one.
    if (!best || (strong && !best.strong) || (!strong && !best.strong)) best = { words, strong, at: m.index ?? 0 };
  }
  const rec = flat.match(RECURRING);
  if (best) {
    const d = parseDeadline(best.words, year);
    if (d.kind === "none") return null;
    // "định kỳ hằng năm … trước ngày 30 tháng 11": the recurrence is part of the deadline.
    // "định kỳ hằng tháng (trước ngày 25 hằng tháng)": both the recurrence and its day.
    if (rec && /h[ằà]ng\s/iu.test(best.words) && (rec.index ?? 0) < best.at && !best.words.includes(rec[1]!)) return { kind: "recurring", text: `${rec[1]} (${best.words})`, ...(d.qualifier ? { qualifier: d.qualifier } : {}) };
    if (/h[ằà]ng\s/iu.test(best.words)) return { ...d, kind: "recurring", text: best.words };
    // "Thường xuyên trong 6 tháng cuối năm 2025": a recurrence right before the period is part of it.
    const recAt = rec?.index ?? -1;
    if (rec && recAt < best.at && best.at - recAt - rec[0].length <= 2) return { kind: "recurring", text: `${rec[1]} ${best.words}` };
    // (In the text's order: "Trước ngày 15/12 hàng năm", "hằng năm, trước ngày 15/12".)
    if (rec && d.kind === "day") return { ...d, kind: "recurring", text: (recAt > best.at ? `${best.words} ${rec[1]}` : `${rec[1]} ${best.words}`).replace(/\s+/g, " ") };
    return { ...d, text: best.words };
  }
  if (rec) return { kind: "recurring", text: rec[1]! };
  return null;
}
