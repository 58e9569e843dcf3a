// Answer layer (pure): a passage with its neighbours — the rest of a sentence cut across chunks, the lead-in of a
// list ("b) Các Bộ: … hoàn thành trong tháng 11 năm 2025, cụ thể:") and the headings above it — and the sentence of
// that window that answers the question: the one that carries the fact asked for and the question's words.

import type { Chunk } from "../document/chunk.ts";
import { memoByText } from "../text/memo.ts";
import { type AnswerKind, carries, missingKinds } from "./answer-type.ts";
import { termSets } from "./coverage.ts";
import { ENUMERATION_LEAD_CHARS, KIND_BONUS, MAX_CONTINUATION, MAX_ENUMERATED, MAX_LEAD_BACK } from "./tuning.ts";


const ENDS_SENTENCE = /[.;:!?…]["”)]*$/;
/** A sentence opening an enumeration of parts: ": (i)", ": a)", "03 vấn đề:". */
const ENUMERATION = /:\s*\((i|a|1)\)|\b\d+\s+(vấn đề|nội dung|nhiệm vụ|nhóm|tiêu chí|giai đoạn|bước|mục tiêu)[^.;]*:/u;
/** A part of such an enumeration: "(ii) …", "(iii) …". */
const SUB_ITEM = /^\s*\((?:[ivx]+)\)/u;
/** The marker of an enumeration's parts, from its first: ": (1) …" → "(2) …"; ": (a) …" → "(b) …"; else roman. */
function partMarker(lead: string): RegExp {
  const m = /:\s*\((i|a|1)\)/u.exec(lead)?.[1];
  return m === "1" ? /^\s*\(\d+\)/u : m === "a" ? /^\s*\([a-zđ]\)/u : SUB_ITEM;
}

/** A line that only gives the deadline of the item above it. */
const DEADLINE_LINE = /^\W*(thời gian (hoàn thành|thực hiện)|thời hạn|tiến độ|hoàn thành (trước|trong|xong))/iu;
/** The longest such line. */
export const MAX_TRAILER = 200;
/** A sentence that starts a new item of a list: "(2) …", "3. …", "b) …", "- …". */
const NEW_ITEM = /^\s*(\(\d+\)|\d+(\.\d+)*\.\s|[a-zđ]\)|[-+•])/u;

/** Sentences of a passage: "(1) … ; (2) …" and "a) …. b) …" split where a new sentence starts. */
export const sentencesOf: (text: string) => readonly string[] = memoByText((text) => text.split(/(?<=[.;])\s+(?=[\p{Lu}+\-(\d])/u).filter((s) => s.trim()));

/** Chunks of each document in reading order, for neighbours. */
export class Neighbourhood {
  private readonly byDoc = new Map<string, Chunk[]>();
  private readonly pos = new Map<string, number>();
  /** The first chunk of each section of a document (its heading line): "doc\u0000IV › 2 › 2.2 › * Giai đoạn …". */
  private readonly heads = new Map<string, Chunk>();

  constructor(chunks: Iterable<Chunk>) {
    for (const c of chunks) {
      const l = this.byDoc.get(c.documentId) ?? [];
      l.push(c);
      this.byDoc.set(c.documentId, l);
    }
    const seq = (c: Chunk) => Number(c.id.match(/:(\d+)$/)?.[1] ?? 0);
    for (const l of this.byDoc.values()) {
      l.sort((a, b) => seq(a) - seq(b));
      l.forEach((c, i) => this.pos.set(c.id, i));
      for (const c of l) {
        const k = `${c.documentId}\u0000${c.section}`;
        if (!this.heads.has(k)) this.heads.set(k, c);
      }
    }
  }

  /**
   * The heading lines of the sections holding a chunk, nearest first, past the sibling items between: c) under
   * "* Giai đoạn từ nay đến ngày 30/6/2025" (after a) and b)) is framed by that heading, and by "2.2. Về hạ tầng …".
   */
  private headings(c: Chunk): Chunk[] {
    const out: Chunk[] = [];
    const at = this.pos.get(c.id) ?? -1;
    const parts = c.section.split(" › ");
    for (let n = parts.length - 1; n >= 1; n--) {
      const h = this.heads.get(`${c.documentId}\u0000${parts.slice(0, n).join(" › ")}`);
      if (h && h !== c && (this.pos.get(h.id) ?? Infinity) < at) out.push(h);
    }
    return out;
  }

  private step(c: Chunk, d: number): Chunk | undefined {
    const i = this.pos.get(c.id);
    return i === undefined ? undefined : this.byDoc.get(c.documentId)?.[i + d];
  }

  /** The items of the list a chunk is an item of, in reading order: the chunks of its document under the same parent section. */
  siblings(c: Chunk): Chunk[] {
    const parent = (x: Chunk) => x.section.split(" › ").slice(0, -1).join(" › ");
    const p = parent(c);
    return p ? (this.byDoc.get(c.documentId) ?? []).filter((x) => parent(x) === p) : [c];
  }

  /** The chunk holding a source line of a document (a task's first line). */
  at(documentId: string, line: number): Chunk | undefined {
    const l = this.byDoc.get(documentId) ?? [];
    return l.find((c) => c.lines[0] <= line && line <= c.lines[1]) ?? l.find((c) => c.lines[0] >= line);
  }

  /** The chunks that finish a passage's cut last sentence, in the same section. */
  continuation(c: Chunk): Chunk[] {
    const out: Chunk[] = [];
    let cur = c;
    while (out.length < MAX_CONTINUATION && !ENDS_SENTENCE.test(cur.text.trim())) {
      const n = this.step(cur, 1);
      // A cut sentence goes on in the next chunk of its section ("… của Bộ" + "Xây dựng. Thời gian …"), unless
      // that chunk starts a new item or is a heading in capitals.
      const t = n?.text.trim() ?? "";
      if (!n || n.section !== c.section || NEW_ITEM.test(t) || (t === t.toUpperCase() && /\p{Lu}{3}/u.test(t))) break;
      out.push(n);
      cur = n;
    }
    return out;
  }

  /** The list items that follow a passage ending with ":" in its section ("- Giai đoạn cấp bách …", "- Giai đoạn đột phá …"). */
  items(c: Chunk): Chunk[] {
    const out: Chunk[] = [];
    let cur = [c, ...this.continuation(c)].at(-1)!;
    while (out.length < MAX_ENUMERATED) {
      const n = this.step(cur, 1);
      if (!n || !(n.section === c.section || n.section.startsWith(`${c.section} › `)) || !NEW_ITEM.test(n.text)) break;
      out.push(n);
      cur = n;
    }
    return out;
  }

  /** The short deadline line right after a passage in its section ("Thời gian hoàn thành trước ngày …"), if any. */
  trailer(c: Chunk): Chunk | undefined {
    const last = [c, ...this.continuation(c)].at(-1)!;
    const n = this.step(last, 1);
    return n && n.section === c.section && n.text.length <= MAX_TRAILER && DEADLINE_LINE.test(n.text) ? n : undefined;
  }

  /**
   * Chunks above a passage that frame it: the lead-in of its list (ending with ":"), its section's heading and
   * the headings of the sections holding it — not a sibling item of the same list, whose facts are its own.
   */
  framing(c: Chunk): Chunk[] {
    const out: Chunk[] = [];
    let cur = c;
    for (let k = 0; k < MAX_LEAD_BACK; k++) {
      const p = this.step(cur, -1);
      if (!p || !(c.section === p.section || c.section.startsWith(`${p.section} › `))) break;
      // A lead-in ("…, cụ thể:") or the first chunk of a section (its heading line): a short chunk in the middle of
      // a section may be the cell of another table row, whose date is not this passage's.
      const before = this.step(p, -1);
      const heading = !before || before.section !== p.section;
      if (/:$/.test(p.text.trim()) || heading) out.push(p);
      cur = p;
    }
    for (const h of this.headings(c)) if (!out.includes(h)) out.push(h);
    return out;
  }
}

export interface WindowPick {
  /** The sentence that answers (with the rest of it from the next chunks when it was cut). */
  sentence: string;
  /** Where the asked-for fact was found when the sentence lacks it: the lead-in or a heading above. */
  support?: { chunk: Chunk; sentence: string };
  /** Kinds asked for that neither the sentence nor its framing carries. */
  missing: AnswerKind[];
  /** The one sentence that carries the asked-for fact (the answering sentence itself, the next one, or support's). */
  evidence: string;
}

/** A sentence stating a rule's exception: "Trường hợp …", "Riêng …", "Đối với trường hợp …", "Ngoài ra, trường hợp …". */
const EXCEPTION = /^\W*(?:Trường hợp|Riêng|Đối với trường hợp|Ngoài ra,? trường hợp|Nếu)\s/u;

/** Pick the answering sentence of a passage's window, then look above it for a fact the sentence lacks. */
export function pickInWindow(nb: Neighbourhood, c: Chunk, kinds: AnswerKind[], cover: (text: string) => number): WindowPick {
  const text = [c.text, ...nb.continuation(c).map((x) => x.text)].join(" ");
  let best = text;
  let bestScore = -1;
  for (const s of sentencesOf(text)) {
    const carried = kinds.length ? (kinds.length - missingKinds(kinds, s).length) / kinds.length : 0;
    const score = cover(s) + KIND_BONUS * carried;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  // An item that lists its parts ("… 03 vấn đề tồn đọng: (i) …; (ii) …; (iii) …") answers with all of them.
  if (ENUMERATION.test(best)) {
    const all = sentencesOf(text);
    const rest = all.slice(all.indexOf(best) + 1);
    // Its parts are marked as its first one is: "(1) …; (2) …" as well as "(i) …; (ii) …" and "(a) …; (b) …".
    const part = partMarker(best);
    const end = rest.findIndex((s) => NEW_ITEM.test(s) && !SUB_ITEM.test(s) && !part.test(s));
    best = [best, ...(end < 0 ? rest : rest.slice(0, end))].join(" ");
    // The parts are the list items under it: "… chia làm 2 giai đoạn:" + "- Giai đoạn cấp bách …" + "- Giai đoạn đột
    // phá …" (a long lead-in is shown from its last clause).
    if (/:\s*$/u.test(best) && text.trim().endsWith(best.trim())) {
      const items = nb.items(c).map((x) => x.text);
      const lead = best.length > ENUMERATION_LEAD_CHARS ? best.slice(Math.max(best.lastIndexOf("; "), best.lastIndexOf(", ")) + 2) : best;
      if (items.length) best = [lead, ...items].join(" ");
    }
  }
  let missing = missingKinds(kinds, best);
  if (!missing.length) {
    // A rule's exception that follows it states the same kind of fact for another case ("… ngay trong ngày thực
    // hiện." + "Trường hợp … sau 16 giờ thì … trước 10 giờ sáng ngày làm việc tiếp theo."): the answer gives both.
    const all = sentencesOf(text);
    const next = all[all.indexOf(best) + 1];
    if (kinds.length && next && EXCEPTION.test(next) && kinds.some((k) => carries(k, next))) {
      const both = `${best} ${next}`;
      return { sentence: both, missing, evidence: both };
    }
    return { sentence: best, missing, evidence: best };
  }
  // Another sentence of the same passage may carry it ("… hoàn thành trong năm 2025." after the task).
  // Another sentence of the same item may carry it ("… hoàn thành trong năm 2025." after the task), not the
  // next item of a list ("(3) Bộ Tư pháp …"), whose facts are its own.
  const all = sentencesOf(text);
  const after = all.slice(all.indexOf(best) + 1);
  const end = after.findIndex((s) => NEW_ITEM.test(s));
  // (An agency that starts a later sentence is that sentence's subject, not this one's.)
  const facts = missing.filter((k) => k !== "who");
  // Of its sentences that carry the fact, the one closest to the question ("ĐIỂM CHUẨN: 5." and "HƯỚNG DẪN: từ 95-
  // dưới 100% cộng 04 điểm" both carry points; the second holds "95%" asked about).
  const carrying = facts.length && missing.length === facts.length ? (end < 0 ? after : after.slice(0, end)).filter((s) => facts.every((k) => carries(k, s))) : [];
  const same = carrying.reduce<string | undefined>((b, s) => (b === undefined || cover(s) > cover(b) ? s : b), undefined);
  if (same) return { sentence: `${best} ${same}`, missing: [], evidence: same };
  // A deadline line after an item is that item's ("… bảo đảm chính xác." + "Thời gian hoàn thành trước ngày …").
  const trailer = nb.trailer(c);
  const t = trailer && sentencesOf(trailer.text).find((x) => facts.length > 0 && facts.every((k) => carries(k, x)));
  if (trailer && t && missing.length === facts.length) return { sentence: best, support: { chunk: trailer, sentence: t }, missing: [], evidence: t };
  for (const f of nb.framing(c)) {
    // Of a heading's sentences, the one carrying most of what is missing: "1." (its marker, a number) is no answer
    // next to "Mức 1, không quá 40.000.000 đồng/tháng …" (money and a number).
    const held = (x: string) => missing.filter((k) => carries(k, x)).length;
    const s = sentencesOf(f.text).reduce<string | undefined>((b, x) => (held(x) > (b === undefined ? 0 : held(b)) ? x : b), undefined);
    if (s) {
      missing = missing.filter((k) => !carries(k, s));
      return { sentence: best, support: { chunk: f, sentence: s }, missing, evidence: s };
    }
  }
  return { sentence: best, missing, evidence: best };
}

/** Share of a reference text's word pairs a sentence holds: finds a task's own sentence in its passage. */
export function overlapWith(reference: string): (text: string) => number {
  const ref = termSets(reference).bi;
  return (text) => {
    if (ref.size === 0) return 0;
    const t = termSets(text).bi;
    let n = 0;
    for (const b of ref) if (t.has(b)) n++;
    return n / ref.size;
  };
}
