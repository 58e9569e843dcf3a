// Answer layer (pure): compose — a typed selection (tasks, a list, indicators, passages, a missing fact) in, a
// ChatAnswer out: one Vietnamese sentence per fact, each marked [n] with the citation that quotes it.

import type { Chunk } from "../document/chunk.ts";
import type { DocumentMeta } from "../document/types.ts";
import { type Agency, agencyByName, findAgencies, successorOf, unrecognisedWords } from "../tasks/agencies.ts";
import { isAgencyPhrase } from "../tasks/prose.ts";
import type { Indicator, Task } from "../tasks/types.ts";
import { formatDeadline } from "../text/dates.ts";
import { memoByText } from "../text/memo.ts";
import { looseKey, matchKey } from "../text/normalize.ts";
import { type AnswerKind, carries, KIND_LABEL, timeKindsAsked } from "./answer-type.ts";
import { type Neighbourhood, overlapWith, pickInWindow } from "./passage-window.ts";
import { CLARIFY_HINT, CLARIFY_QUESTION } from "./clarify.ts";
import { CLARIFY_MAX } from "./tuning.ts";
import type { ChatAnswer, Citation, Fact } from "./types.ts";
import type { Understanding } from "./understand.ts";
import type { Conflict } from "./conflicts.ts";
import { standing } from "./status.ts";

/** What composing reads of the prepared knowledge. */
export interface ComposeContext {
  docs: Map<string, DocumentMeta>;
  neighbours: Neighbourhood;
}

const STATUS_LABEL: Record<string, string> = { draft: "Dự thảo", summary: "Bản tin tóm tắt" };

/** A short list shows each task in full; a long one shortens them: [most items, characters] in order. */
const LIST_ITEM_LENGTH: [number, number][] = [
  [3, 600],
  [8, 480],
];
const LIST_ITEM_SHORT = 150;
const listItemLength = (n: number) => LIST_ITEM_LENGTH.find(([most]) => n <= most)?.[1] ?? LIST_ITEM_SHORT;


/** Longest task wording quoted in a sentence; a longer one is cut, or shown from the clause the question is about. */
const TASK_WORDING_CHARS = 220;

/**
 * A task's words as an answer quotes them: whole when short; else from its clause (cut at ";") that holds more of the
 * question's words than its opening does — "… ; định kỳ hằng năm (trước ngày 25/12 …) … gửi báo cáo … về Văn phòng
 * Trung ương Đảng …" for "… trước ngày nào và gửi báo cáo kết quả về đâu?" — else its opening, cut.
 */
function taskWording(text: string, u: Understanding): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= TASK_WORDING_CHARS) return shortText(flat, TASK_WORDING_CHARS);
  const clauses = flat.split(/;\s+/u);
  const key = (x: string) => looseKey(x).toLowerCase();
  const words = new Set(u.topic.map(key).filter((w) => w.length > 1));
  const hits = (c: string) => new Set(key(c).split(" ").filter((w) => words.has(w))).size;
  const best = clauses.reduce((b, c, i) => (hits(c) > hits(clauses[b]!) ? i : b), 0);
  return best === 0 ? shortText(flat, TASK_WORDING_CHARS) : `… ${shortText(clauses.slice(best).join("; "), TASK_WORDING_CHARS)}`;
}

/** A task under a heading that names its holder and nothing else ("2. Sở Khoa học và Công nghệ", "Điều 14. Trách nhiệm của Sở X"). */
function addressedTo(t: Task, holders: string[]): boolean {
  const heading = t.context.replace(HEADING_MARKER, "").replace(/^trách nhiệm của\s+/iu, "").trim();
  if (!heading || heading.length > ADDRESSEE_HEADING_CHARS || /[.;]$/u.test(heading) || !isAgencyPhrase(heading)) return false;
  const h = matchKey(heading);
  return holders.some((l) => h.includes(matchKey(l)));
}
const HEADING_MARKER = /^(?:(?:Điều|Mục|Phần)\s+\d+[.:]?|[IVXLC]+\.|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s*/iu;
/** Longest heading read as the name of the bodies it addresses. */
const ADDRESSEE_HEADING_CHARS = 160;

/** The bodies a quote names that were reorganised since: " (Bộ Tài nguyên và Môi trường nay là Bộ Nông nghiệp và Môi trường)". */
function successorNote(quote: string): string {
  const notes = [...new Set(findAgencies(quote).flatMap(({ agency }) => nowNote(agency.name, agency) ?? []))];
  return notes.length ? ` (${notes.join("; ")})` : "";
}

/** "Bộ Thông tin và Truyền thông nay là Bộ Khoa học và Công nghệ" for a body the registry says was succeeded. */
function nowNote(name: string, a: Agency | undefined): string | undefined {
  const now = a ? successorOf(a) : undefined;
  return now ? `${name} nay là ${now.name}` : undefined;
}

export function agencyPhrase(name: string): string {
  const a: Agency | undefined = agencyByName(name);
  const s = a ? successorOf(a) : undefined;
  return s ? `${name} (nay là ${s.name})` : name;
}

/**
 * Who acts, for an answer: the registry's names ("(nay là …)" for reorganised ministries) when they account for
 * the whole cell; otherwise the cell as written, so that "các doanh nghiệp viễn thông di động" is neither
 * dropped nor turned into another group.
 */
function agencyList(names: string[], text: string, inSentence: boolean): string {
  const written = text.replace(/\s+/g, " ").trim().replace(/[.;,]$/, "");
  if (names.length && !(written && unrecognisedWords(written).length)) {
    const list = names.map(agencyPhrase);
    return joinVi(inSentence ? list.map(midSentence) : list);
  }
  const notes = names.flatMap((n) => nowNote(n, agencyByName(n)) ?? []);
  const shown = inSentence ? midSentence(written) : written;
  return notes.length ? `${shown} (${notes.join("; ")})` : shown;
}

/** Group names start lower-case inside a sentence: "… và các bộ, ngành, địa phương". */
function midSentence(name: string): string {
  return /^Các /.test(name) ? "c" + name.slice(1) : name;
}

export function joinVi(xs: string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} và ${xs.at(-1)}`;
}

function shortText(s: string, n = 160): string {
  const t = s.replace(/\s+/g, " ").trim().replace(/[.;:,]$/, "");
  if (t.length <= n) return t;
  // Not inside a date: "… Kế hoạch số 02-KH/BCĐTW ngày 19 tháng 6…" would state a date the text does not write.
  return t.slice(0, n - 1).replace(/\s+\S*$/, "").replace(CUT_DATE, "") + "…";
}

/** A date cut before its end at the end of a shortened text: "ngày 19 tháng 6", "ngày 19", "19/6", "tháng 6". */
const CUT_DATE = /\s*(?:(?:ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm)?)?|tháng\s+\d{1,2}(?:\s+năm)?|\d{1,2}\/\d{1,2})|ngày|tháng)$/u;

/**
 * Does a text hold a date as written, or by its numbers in order? "trước ngày 30/6/2025" is held by "… hoàn thành trước
 * ngày 30/6/2025" and by "… trước ngày 30 tháng 6 năm 2025"; "Thường xuyên" only by its words.
 */
/** Items past the list cap still shown rather than counted ("… và 2 nhiệm vụ khác"). */
const LIST_OVERFLOW_SHOWN = 3;

/** A date only as a start: "từ ngày 01/7/2025", "kể từ ngày …"; and the words that make a date a deadline. */
const START_ONLY = /(?:từ|kể từ)\s+(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}|(?:từ|kể từ)\s+ngày\s+\d{1,2}\s+tháng/u;
const DUE_WORD = /trước ngày|đến ngày|hoàn thành|xong|chậm nhất|thời hạn|đến hết|trong (?:tháng|quý|năm)/u;

/** A text's numbers in order, " 30 6 2025 ": how a date written either way is found in it. */
const numberSequence = memoByText((text) => ` ${(text.match(/\d+/g) ?? []).map(Number).join(" ")} `);

export function holdsDate(text: string, words: string): boolean {
  if (matchKey(text).includes(matchKey(words))) return true;
  const nums = words.match(/\d+/g);
  if (!nums) return false;
  const seq = numberSequence(text);
  return seq.includes(` ${nums.map(Number).join(" ")} `);
}

/** A deadline quoted from a passage is cut to this many characters, around the clause that holds the time. */
const DEADLINE_QUOTE_CHARS = 260;

/**
 * The part of a long sentence that holds the time asked: "Thực hiện …; tham mưu … (40 words); phối hợp … rà soát quy
 * hoạch … đến năm 2030." → "… phối hợp … rà soát quy hoạch … đến năm 2030" (the last clause holding a time), so a cut
 * quote does not lose the date it is quoted for.
 */
function timedClause(text: string, u: Understanding): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= DEADLINE_QUOTE_CHARS) return shortText(flat, DEADLINE_QUOTE_CHARS);
  const kinds = timeKindsAsked(u);
  const tail = (x: string) => (x.length > DEADLINE_QUOTE_CHARS ? `…${x.slice(x.length - DEADLINE_QUOTE_CHARS + 1).replace(/^\S*\s/, "")}` : x);
  // A rule and its exception, two sentences that each give a time ("… ngay trong ngày thực hiện." "Trường hợp … sau 16
  // giờ thì … trước 10 giờ sáng ngày làm việc tiếp theo."), are both quoted.
  const sentences = flat.split(/(?<=\.)\s+(?=\p{Lu})/u);
  const timed = sentences.filter((x) => kinds.some((k) => carries(k, x)));
  if (timed.length > 1) {
    const [first, last] = [timed[0]!, timed.at(-1)!];
    return `${first === sentences[0] ? "" : "… "}${tail(first)} ${tail(last)}`.replace(/[.;:,]$/, "");
  }
  const clauses = flat.split(/(?<=;)\s+/);
  const holding = [...clauses].reverse().find((x) => kinds.some((k) => carries(k, x)));
  if (!holding || holding === clauses[0]) return shortText(flat, DEADLINE_QUOTE_CHARS);
  const cut = holding.length > DEADLINE_QUOTE_CHARS ? tail(holding) : `… ${holding}`;
  return cut.replace(/[.;:,]$/, "");
}

/** Fields asked, the words a task line uses when its text holds none, and the field's name in a "không tìm thấy" line. */
const MISSING_FIELDS: ["deadline" | "coordinators" | "output", string, string][] = [
  ["deadline", "văn bản không nêu thời hạn", "thời hạn"],
  ["coordinators", "văn bản không nêu cơ quan phối hợp", "cơ quan phối hợp"],
  ["output", "văn bản không nêu kết quả", "kết quả, sản phẩm"],
];

/** The longest quote a citation carries. */
const QUOTE_MAX = 1500;
/** A passage's sentence in the answer is cut here; a whole unit (see PassageItem) up to the longest unit a finder picks. */
const PASSAGE_QUOTE_CHARS = 480;
const WHOLE_UNIT_CHARS = 1900;

/**
 * A quote shortened to QUOTE_MAX characters around the words the answer takes from it: its start when they are there,
 * else "…" and the part ending with them — a long passage's last sentence is not cut off the quote it is cited by.
 */
/** A quote on one line, and its start cut to QUOTE_MAX: the same passages are quoted question after question. */
const flatQuote = memoByText((quote) => {
  const flat = quote.replace(/\s+/g, " ").trim();
  return { flat, short: shortText(flat, QUOTE_MAX) };
});

export function fitQuote(quote: string, keep?: string): string {
  const { flat, short } = flatQuote(quote);
  const k = keep?.replace(/\s+/g, " ").trim().replace(/[.;:,…]+$/, "");
  if (!k || flat.length <= QUOTE_MAX || short.includes(k.slice(0, QUOTE_MAX / 2))) return short;
  const at = flat.indexOf(k.slice(0, QUOTE_MAX / 2));
  if (at < 0) return short;
  const end = Math.min(flat.length, at + k.length);
  const from = Math.max(0, end - QUOTE_MAX + 1);
  return `…${flat.slice(from, end).replace(/^\S*\s/, "")}${end < flat.length ? "…" : ""}`;
}

function docName(d: DocumentMeta): string {
  if (d.number) return `${d.type} ${d.number}`;
  return d.title;
}

export interface PassageItem {
  chunk: Chunk;
  sentence: string;
  /** A unit the finder chose whole (a heading's items, a definition item, a table row; each capped there): not cut. */
  whole?: boolean;
  support?: { chunk: Chunk; sentence: string };
}

export class Composer {
  private cites: Citation[] = [];
  constructor(private readonly p: ComposeContext) {}

  /** `keep`: the words the answer takes from this quote, which a shortened quote must still hold. */
  private cite(documentId: string, section: string, quote: string, lines: [number, number], keep?: string): number {
    const found = this.cites.find((c) => c.documentId === documentId && c.section === section && c.quote === quote);
    if (found) return found.n;
    const d = this.p.docs.get(documentId)!;
    const n = this.cites.length + 1;
    this.cites.push({
      n,
      documentId,
      document: { number: d.number, title: d.title, issuedDate: d.issuedDate, status: d.status },
      section: section || "(phần mở đầu)",
      quote: fitQuote(quote, keep),
      ...(STATUS_LABEL[d.status] ? { label: STATUS_LABEL[d.status] } : {}),
      lines,
    });
    return n;
  }

  private fact(t: Task, n: number): Fact {
    return {
      task: t.text,
      lead: t.lead,
      coordinators: t.coordinators,
      ...(t.result ? { result: t.result } : {}),
      ...(t.deadline.kind !== "none" ? { deadline: { text: t.deadline.text, ...(t.deadline.end ? { end: t.deadline.end } : {}), ...(t.deadline.start ? { start: t.deadline.start } : {}), kind: t.deadline.kind } } : {}),
      citation: n,
    };
  }

  private taskSentence(t: Task, n: number, u: Understanding): string {
    const lead = agencyList(t.lead, t.leadText, false);
    const parts: string[] = [];
    parts.push(`${lead || "Văn bản không nêu cơ quan chủ trì cho"} chủ trì nhiệm vụ “${taskWording(t.text, u)}”`);
    if (t.coordinators.length || t.coordinatorsText) {
      parts.push(`phối hợp với ${agencyList(t.coordinators, t.coordinatorsText, true)}`);
    } else if (u.asks.has("coordinators")) parts.push("văn bản không nêu cơ quan phối hợp");
    const rest: string[] = [];
    if (t.result) rest.push(`kết quả: ${shortText(t.result, 200).replace(/^./, (c) => c.toLowerCase())}`);
    else if (u.asks.has("output")) rest.push("văn bản không nêu kết quả/sản phẩm cụ thể");
    if (t.deadline.kind !== "none") rest.push(`thời hạn: ${formatDeadline(t.deadline)}${this.deadlineMark(t, n)}`);
    // A deadline cell that is an occasion, no date ("Khi có phát sinh"): what the row says, as it says it.
    else if (t.deadline.text.trim()) rest.push(`thời hạn theo văn bản: ${t.deadline.text.trim().replace(/^./, (c) => c.toLowerCase())}`);
    else if (u.asks.has("deadline")) rest.push(this.deadlineFromPassage(t, u) ?? "văn bản không nêu thời hạn");
    // A status column ("Đã hoàn thành", "Đang thực hiện") is part of what the row says about the task.
    if (t.status?.trim()) rest.push(`tình trạng (theo văn bản): ${shortText(t.status.trim(), 120).replace(/^./, (c) => c.toLowerCase())}`);
    return `${parts.join(", ")}${rest.length ? "; " + rest.join("; ") : ""} [${n}].`;
  }

  /**
   * Where a task's deadline is written, when its own quote does not hold it: the lead-in of its list or a heading above
   * ("b) Các Bộ: … hoàn thành trong tháng 11 năm 2025, cụ thể:" over "(3) Bộ Tư pháp …"), the rest of its sentence or
   * the deadline line after it. That passage is cited next to the deadline, so the answer quotes what it states.
   */
  private deadlineMark(t: Task, n: number): string {
    if (holdsDate(t.quote, t.deadline.text)) return "";
    const c = this.p.neighbours.at(t.documentId, t.lines[0]);
    if (!c) return "";
    const trailer = this.p.neighbours.trailer(c);
    const around = [c, ...this.p.neighbours.continuation(c), ...(trailer ? [trailer] : []), ...this.p.neighbours.framing(c)];
    const holder = around.find((x) => holdsDate(x.text, t.deadline.text));
    if (!holder) return "";
    const m = this.cite(holder.documentId, holder.section, holder.text, holder.lines, t.deadline.text);
    return m === n ? "" : ` [${m}]`;
  }

  /**
   * A task record without a deadline, asked for one: read its passage, the rest of a cut sentence, the lead-in of
   * its list and its headings ("b) Các Bộ: … hoàn thành trong tháng 11 năm 2025, cụ thể:"), and quote what is there.
   */
  private deadlineFromPassage(t: Task, u: Understanding): string | null {
    const c = this.p.neighbours.at(t.documentId, t.lines[0]);
    if (!c) return null;
    let pick = pickInWindow(this.p.neighbours, c, timeKindsAsked(u), overlapWith(t.text));
    if (pick.missing.length) return null;
    // A date the item starts from ("… không gián đoạn từ ngày 01/7/2025") is no deadline: the phase heading above
    // it, when one gives a date ("* Giai đoạn từ nay đến ngày 30/6/2025"), is what the item is due by.
    if (!pick.support && START_ONLY.test(pick.evidence) && !DUE_WORD.test(pick.evidence)) {
      const h = this.p.neighbours.framing(c).find((x) => carries("time", x.text));
      if (h) pick = { ...pick, support: { chunk: h, sentence: h.text }, evidence: h.text };
    }
    const chunk = pick.support?.chunk ?? c;
    const used = pick.support ? pick.support.sentence : pick.sentence;
    const n = this.cite(chunk.documentId, chunk.section, this.quoteOf(chunk, used), chunk.lines, pick.evidence);
    return `thời hạn theo văn bản: “${timedClause(pick.evidence.replace(/^[-+•*]\s*/, ""), u)}” [${n}]`;
  }

  private taskLine(t: Task, u: Understanding, bullet: boolean): { line: string; fact: Fact } {
    const n = this.cite(t.documentId, t.section, t.quote, t.lines);
    const d = this.p.docs.get(t.documentId)!;
    const src = `Theo ${docName(d)}${d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : ""}`;
    return { line: `${bullet ? "- " : ""}${src}: ${this.taskSentence(t, n, u)}`, fact: this.fact(t, n) };
  }

  tasks(primary: Task[], alternatives: Task[], u: Understanding, conflicts: Conflict[] = []): ChatAnswer {
    const out: string[] = [];
    const facts: Fact[] = [];
    const many = primary.length > 1;
    if (many) {
      const docs = primary.map((t) => this.p.docs.get(t.documentId)!);
      const finals = docs.filter((d) => d.status === "final");
      let head = `Nhiệm vụ này có trong ${primary.length} văn bản`;
      if (finals.length && finals.length < docs.length) head += `; văn bản chính thức là ${joinVi(finals.map(docName))}`;
      const leads = new Set(primary.map((t) => [...t.lead].sort().join(",")));
      const dls = new Set(primary.map((t) => t.deadline.end ?? t.deadline.text.toLowerCase()));
      const diff = [leads.size > 1 ? "cơ quan chủ trì" : "", dls.size > 1 ? "thời hạn" : ""].filter(Boolean);
      if (diff.length) head += `. Lưu ý: các văn bản ghi khác nhau về ${diff.join(" và ")}`;
      out.push(`${head}:`);
    } else if (alternatives.length) {
      return this.clarify([...primary, ...alternatives], u);
    }
    for (const t of primary) {
      const r = this.taskLine(t, u, many || alternatives.length > 0);
      out.push(r.line);
      facts.push(r.fact);
    }
    // A field asked that no answering task's text holds is said first, as the answer conventions want it ("Không tìm
    // thấy thông tin …"): "… phải hoàn thành trước ngày nào?" of a task without a deadline.
    const absent = MISSING_FIELDS.filter(([field, marker]) => u.asks.has(field) && primary.length > 0 && out.every((l, i) => i < out.length - primary.length || l.includes(marker)));
    if (absent.length) out.unshift(`Không tìm thấy thông tin về ${joinVi(absent.map(([, , label]) => label))} của nhiệm vụ này trong văn bản:`);
    out.push(...this.disagreements(conflicts.filter((c) => !primary.includes(c.other))));
    if (alternatives.length) {
      if (many) out.push("Các nhiệm vụ khác cũng khớp:");
      for (const t of alternatives) {
        const r = this.taskLine(t, u, true);
        out.push(r.line);
        facts.push(r.fact);
      }
    }
    return { answer: out.join("\n"), citations: this.cites, intent: u.intent, facts };
  }

  /**
   * Where a task stands: its table's status column when it has one, else what the text holds — the assignment and its
   * deadline against today — and that the text records no progress.
   */
  status(t: Task, u: Understanding, today: Date): ChatAnswer {
    const n = this.cite(t.documentId, t.section, t.quote, t.lines);
    const d = this.p.docs.get(t.documentId)!;
    const what = `nhiệm vụ “${shortText(t.text, 220)}”`;
    const lead = agencyList(t.lead, t.leadText, true);
    const due = t.deadline.kind !== "none" ? `thời hạn: ${formatDeadline(t.deadline)}` : "văn bản không nêu thời hạn";
    const day = `${today.getUTCDate()}/${today.getUTCMonth() + 1}/${today.getUTCFullYear()}`;
    const when = { passed: `; tính đến ngày ${day}, thời hạn này đã qua`, ahead: `; tính đến ngày ${day}, thời hạn này chưa đến`, unknown: "" }[standing(t.deadline.end, today)];
    const answer = t.status
      ? `Theo ${docName(d)}, bảng nhiệm vụ ghi tình trạng của ${what}: “${t.status}”${lead ? ` (chủ trì: ${lead})` : ""}; ${due} [${n}]. Đây là tình trạng ghi trong văn bản, không phải số liệu cập nhật.`
      : `${docName(d)} không ghi tiến độ hay tình trạng thực hiện của ${what}; văn bản chỉ giao ${lead || "(không nêu cơ quan chủ trì)"} chủ trì, ${due} [${n}]${when}. Văn bản không cho biết nhiệm vụ đã hoàn thành hay chưa.`;
    return { answer, citations: this.cites, intent: u.intent, facts: [this.fact(t, n)] };
  }

  /**
   * Another record of the answered task that gives another lead or deadline (the appendix table and the prose
   * "Tổ chức thực hiện", a draft and its final text of one year): stated with its own citation, never dropped.
   */
  private disagreements(conflicts: Conflict[]): string[] {
    return conflicts.map((c) => {
      const o = c.other;
      const n = this.cite(o.documentId, o.section, o.quote, o.lines);
      const d = this.p.docs.get(o.documentId)!;
      const where = o.documentId === c.task.documentId ? `cùng văn bản, mục ${o.section}` : `${docName(d)}${o.section ? `, ${o.section}` : ""}`;
      const what = c.field === "lead" ? `cơ quan chủ trì là ${agencyList(o.lead, o.leadText, true)}` : `thời hạn là ${formatDeadline(o.deadline)}`;
      return `Lưu ý: các văn bản không thống nhất — ${where} ghi ${what} [${n}]; cần đối chiếu văn bản gốc.`;
    });
  }

  /**
   * A list of tasks under a title stating its count. A count question ("bao nhiêu nhiệm vụ …") is answered first
   * with that number and how many are listed; `sameAsApi` says the number is /api/tasks's for the same filter.
   */
  /**
   * No task is clearly best: the near matches, numbered with their documents and facts, and the question which one is
   * meant (clarify.ts reads the reply: "cái thứ hai", "nhiệm vụ của Bộ Công an").
   */
  clarify(near: Task[], u: Understanding): ChatAnswer {
    const tasks = near.slice(0, CLARIFY_MAX);
    const out = [`Có ${tasks.length} nhiệm vụ khớp gần như nhau với câu hỏi. ${CLARIFY_QUESTION}`];
    const facts: Fact[] = [];
    tasks.forEach((t, i) => {
      const r = this.taskLine(t, u, false);
      out.push(`${i + 1}. ${r.line}`);
      facts.push(r.fact);
    });
    out.push(CLARIFY_HINT);
    return { answer: out.join("\n"), citations: this.cites, intent: u.intent, facts };
  }

  list(tasks: Task[], u: Understanding, title: string, maxList: number, inherited: Agency[], sameAsApi = false, role: "lead" | "coordinator" = "lead"): ChatAnswer {
    // The bodies a task is listed under: its leads, or its coordinators for "… phối hợp những nhiệm vụ nào?".
    const holders = (t: Task) => (role === "coordinator" ? t.coordinators : t.lead);
    // A list a few items over the cap is shown whole: "… và 1 nhiệm vụ khác" would hide one item behind a link.
    const max = tasks.length <= maxList + LIST_OVERFLOW_SHOWN ? tasks.length : maxList;
    if (tasks.length === 0) return this.notFound(u, `Không tìm thấy thông tin về nhiệm vụ nào phù hợp (${title.charAt(0).toLowerCase()}${title.slice(1)}) trong các văn bản hiện có`);
    const byDoc = new Map<string, Task[]>();
    for (const t of tasks) byDoc.set(t.documentId, [...(byDoc.get(t.documentId) ?? []), t]);
    // Final texts first, newest first; inside a document by deadline.
    const docIds = [...byDoc.keys()].sort((a, b) => {
      const da = this.p.docs.get(a)!;
      const db = this.p.docs.get(b)!;
      const fa = da.status === "final" ? 0 : 1;
      const fb = db.status === "final" ? 0 : 1;
      return fa - fb || (db.issuedDate ?? String(db.year ?? "")).localeCompare(da.issuedDate ?? String(da.year ?? ""));
    });
    const ordered = docIds.flatMap((id) => byDoc.get(id)!.sort((a, b) => (a.deadline.end ?? "9999").localeCompare(b.deadline.end ?? "9999")));
    // The items of a part addressed to the holder ("5. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan")
    // are its own list of duties: shortened only as a list of that many would be; mentions elsewhere as the whole list.
    const own = new Set(tasks.filter((t) => addressedTo(t, holders(t))));
    const itemLength = (t: Task) => listItemLength(own.has(t) ? own.size : tasks.length);
    const note = this.inheritedNote(tasks, ordered, max, inherited, u.agencies[0]?.name, holders);
    const out: string[] = [`${title.charAt(0).toUpperCase()}${title.slice(1)} — ${tasks.length} nhiệm vụ${note}:`];
    const facts: Fact[] = [];
    let shown = 0;
    for (const id of docIds) {
      const d = this.p.docs.get(id)!;
      const list = byDoc.get(id)!;
      if (shown >= max) break;
      out.push(`${docName(d)}${d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : ""}:`);
      for (const t of list) {
        if (shown >= max) break;
        const n = this.cite(t.documentId, t.section, t.quote, t.lines);
        facts.push(this.fact(t, n));
        const was = inherited.length && holders(t).some((l) => inherited.some((a) => a.name === l)) ? ` (giao cho ${joinVi(holders(t).filter((l) => inherited.some((a) => a.name === l)))}, nay thuộc ${u.agencies[0]?.name})` : "";
        const mark = t.deadline.kind !== "none" ? this.deadlineMark(t, n) : "";
        const due = t.deadline.kind !== "none" ? ` — thời hạn: ${formatDeadline(t.deadline)}` : "";
        // A deadline cited from its own passage follows the task's citation: "- … [3] — thời hạn: … [4]".
        out.push(mark ? `- ${shortText(t.text, itemLength(t))}${was} [${n}]${due}${mark}` : `- ${shortText(t.text, itemLength(t))}${was}${due} [${n}]`);
        shown++;
      }
    }
    if (tasks.length > shown) out.push(`… và ${tasks.length - shown} nhiệm vụ khác (xem /api/tasks để lấy đầy đủ danh sách).`);
    if (u.counts) {
      const listed = shown < tasks.length ? `dưới đây liệt kê ${shown} nhiệm vụ đầu` : "liệt kê đầy đủ dưới đây";
      out.unshift(`Có ${tasks.length} nhiệm vụ${sameAsApi ? " (đúng số /api/tasks trả về với cùng bộ lọc)" : ""}; ${listed}.`);
    }
    return { answer: out.join("\n"), citations: this.cites, intent: u.intent, facts };
  }

  /**
   * "(trong đó 193 nhiệm vụ văn bản giao cho Bộ Thông tin và Truyền thông, nay thuộc Bộ Khoa học và Công nghệ từ
   * 1/3/2025)": how many of a list's tasks the documents gave to the agency's predecessors. When none of them is among
   * the tasks shown, the first is cited there, so the predecessor's name is quoted from a document.
   */
  private inheritedNote(tasks: Task[], ordered: Task[], max: number, inherited: Agency[], now: string | undefined, holders: (t: Task) => string[]): string {
    const isInherited = (t: Task) => holders(t).some((l) => inherited.some((a) => a.name === l));
    const count = inherited.length ? tasks.filter(isInherited).length : 0;
    if (!count) return "";
    const since = inherited[0]?.since?.split("-").reverse().map((x, i) => (i < 2 ? String(Number(x)) : x)).join("/");
    const example = ordered.slice(0, max).some(isInherited) ? undefined : ordered.find(isInherited);
    const mark = example ? ` [${this.cite(example.documentId, example.section, example.quote, example.lines)}]` : "";
    return ` (trong đó ${count} nhiệm vụ văn bản giao cho ${joinVi(inherited.map((a) => a.name))}${mark}, nay thuộc ${now}${since ? ` từ ${since}` : ""})`;
  }

  indicators(inds: Indicator[]): ChatAnswer {
    const lines = inds.map((i) => {
      const n = this.cite(i.documentId, i.section, this.indicatorQuote(i), i.lines);
      const d = this.p.docs.get(i.documentId)!;
      const mon = i.monitor.length ? joinVi(i.monitor.map(agencyPhrase)) : i.monitorText;
      const label = d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : "";
      return `Theo ${docName(d)}${label}, chỉ tiêu “${shortText(i.name, 200)}”${i.period ? ` (${i.period.replace(/^./, (c) => c.toLowerCase())})` : ""}${i.target ? `: ${i.target}` : ""}${mon ? `; cơ quan chủ trì theo dõi, đánh giá: ${mon}` : ""} [${n}].`;
    });
    return { answer: lines.join("\n"), citations: this.cites, intent: "target", facts: [] };
  }

  /**
   * An indicator's row with the heading that gives its period, when the row does not: the table's group row "Giai
   * đoạn 2025-2027" over "3 | Tỉ lệ … | % | 95% | …" → "Giai đoạn 2025-2027 … 3 | Tỉ lệ …" (both verbatim, the rows
   * between them left out), so the period the answer states is in the quote.
   */
  private indicatorQuote(i: Indicator): string {
    if (!i.period || holdsDate(i.quote, i.period)) return i.quote;
    const c = this.p.neighbours.at(i.documentId, i.lines[0]);
    const heading = c?.context
      .split(" › ")
      .reverse()
      .find((h) => holdsDate(h, i.period));
    return heading ? `${heading.replace(/…$/, "").trim()} … ${i.quote}` : i.quote;
  }

  passages(items: PassageItem[], u: Understanding): ChatAnswer {
    const lines = items.map(({ chunk, sentence, support, whole }) => {
      const n = this.cite(chunk.documentId, chunk.section, this.quoteOf(chunk, sentence), chunk.lines, sentence);
      const d = this.p.docs.get(chunk.documentId)!;
      const label = d.status !== "final" ? ` (${STATUS_LABEL[d.status]!.toLowerCase()})` : "";
      const quoted = shortText(sentence.replace(/^[-+•]\s*/, ""), whole ? WHOLE_UNIT_CHARS : PASSAGE_QUOTE_CHARS);
      const main = `Theo ${docName(d)}${label}${chunk.section ? `, ${chunk.section}` : ""}: “${quoted}” [${n}]${successorNote(quoted)}`;
      if (!support) return `${main}.`;
      const m = this.cite(support.chunk.documentId, support.chunk.section, support.chunk.text, support.chunk.lines, support.sentence);
      return `${main}; phần ${support.chunk.section || "mở đầu"} ghi: “${shortText(support.sentence, 300)}” [${m}].`;
    });
    return { answer: lines.join("\n"), citations: this.cites, intent: u.intent, facts: [] };
  }

  /** A document's issue date, cited at the header line that writes it; none written: say so. */
  issued(d: DocumentMeta, at: Chunk | undefined, u: Understanding): ChatAnswer {
    if (!d.issuedDate || !at) return this.notFound(u, `${docName(d)} không ghi ngày ban hành trong phần đầu văn bản (có thể là dự thảo hoặc bản chưa ghi ngày)`);
    const n = this.cite(at.documentId, at.section, at.text, at.lines);
    const [y, m, day] = d.issuedDate.split("-");
    // (Only the date: the title's and the issuer's names are not in the header line cited.)
    const answer = `${docName(d)} được ban hành ngày ${day}/${m}/${y} [${n}].`;
    return { answer, citations: this.cites, intent: u.intent, facts: [] };
  }

  /** The quote of a passage: its text, with the end of a sentence cut across chunks when the answer uses it. */
  quoteOf(chunk: Chunk, sentence: string): string {
    if (chunk.text.includes(sentence)) return chunk.text;
    // The sentence starts in this chunk and goes on in the next ones (a cut sentence, an enumeration's items): its
    // start is this chunk's tail, whose length may be short ("chia làm 2 giai đoạn:" + its items).
    const head = [40, 20].map((k) => sentence.slice(0, k)).find((h) => chunk.text.includes(h));
    return head ? `${chunk.text.slice(0, chunk.text.lastIndexOf(head))}${sentence}` : chunk.text;
  }

  /** The passage closest to the question holds no fact of the kind asked: say so, and show what it says. */
  missingFact(u: Understanding, item: PassageItem, missing: AnswerKind[]): ChatAnswer {
    const { chunk, sentence } = item;
    const n = this.cite(chunk.documentId, chunk.section, chunk.text, chunk.lines, sentence);
    const d = this.p.docs.get(chunk.documentId)!;
    const what = joinVi([...new Set(missing.map((k) => KIND_LABEL[k]))]);
    const answer = `Không tìm thấy thông tin về ${what} cho nội dung này trong các văn bản hiện có. Đoạn gần nhất (${docName(d)}${chunk.section ? `, ${chunk.section}` : ""}) chỉ ghi: “${shortText(sentence.replace(/^[-+•]\s*/, ""), 300)}” [${n}].`;
    return { answer, citations: this.cites, intent: "unanswerable", facts: [] };
  }

  /** A fact asked of the one document the question names, that none of its passages gives: said of that document. */
  notFoundIn(u: Understanding, head: Chunk, missing: AnswerKind[]): ChatAnswer {
    const d = this.p.docs.get(head.documentId)!;
    const n = this.cite(head.documentId, head.section, head.text, head.lines, head.text);
    // ("số liệu" goes without saying beside a more specific figure: "số tiền".)
    const kinds = missing.length > 1 ? missing.filter((k) => k !== "number") : missing;
    const what = joinVi([...new Set(kinds.map((k) => KIND_LABEL[k]))]);
    const answer = `Không tìm thấy thông tin${what ? ` về ${what}` : ""} cho nội dung này trong ${docName(d)} [${n}].`;
    return { answer, citations: this.cites, intent: "unanswerable", facts: [] };
  }

  notFound(u: Understanding, why?: string): ChatAnswer {
    const answer = why
      ? `${why}.`
      : "Không tìm thấy thông tin về nội dung này trong các văn bản hiện có (các quyết định, kế hoạch về Chính phủ số và chuyển đổi số đã được nạp). Bạn có thể hỏi lại với tên nhiệm vụ, cơ quan hoặc văn bản cụ thể.";
    return { answer, citations: [], intent: why ? u.intent : "unanswerable", facts: [] };
  }
}

