// Answer layer (pure): answer from passages — the pool (a named document's or the global hits), each scored by
// topic coverage and the fact asked, the refusals, then the gate: answer, "missing fact", or "Không tìm thấy".

import type { Chunk } from "../document/chunk.ts";
import { foldDiacritics, namesName } from "../text/normalize.ts";
import { provincesIn } from "../text/places.ts";
import { coverage, termSets } from "./coverage.ts";
import type { ChatAnswer } from "./types.ts";
import { type AnswerKind, askedBody, askedKinds, askedRole, asksMembers, carries, definedTerm, definesByLabel, definesTerm, namesRole, partsTerm, quotedPhrase, quotedTerm, termAsked } from "./answer-type.ts";
import { Composer } from "./compose.ts";
import { pickInWindow } from "./passage-window.ts";
import { namedDocuments, numberedDocuments, otherPlaces } from "./doc-refs.ts";
import { longForms, type Understanding } from "./understand.ts";
import { DEFINITION_ITEM_CHARS, HEADING_CHARS, HEADING_ITEMS_CHARS, KIND_MARGIN, KIND_POOL, NAMED_POOL, PASSAGE_HINT_BONUS, PASSAGE_KIND_BONUS, NAMED_SECTION_COVERAGE, PASSAGE_THRESHOLD, PLAIN_POOL, ROW_NAMED_BONUS, ROW_NAMED_SYLLABLES, ROW_QUOTE_CHARS, SECOND_CLAUSE_COVERAGE, SECOND_CLAUSE_WORDS, SECOND_PASSAGE_SHARE, SENTENCE_WEIGHT, TITLE_BONUS, TITLE_COVERAGE, WHO_SUBJECT_COVER_SHARE, WHOLE_WEIGHT, YEAR_CLASH_PENALTY } from "./tuning.ts";
import type { Knowledge, Prepared } from "./prepared.ts";
import { documentHints, topicOf } from "./prepared.ts";
import { asksQuantity, FIGURE_KINDS, holdsSpecific, instrumentsOf, specificWords, taskQuestion, namingDocuments, withoutNaming } from "./constraints.ts";
import { timed } from "./profile.ts";
import { expandUnitAbbreviations } from "./units.ts";
import { memoByText } from "../text/memo.ts";
import { expandAbbreviations, topicTerms } from "../text/tokenize.ts";
import { unitNames } from "../tasks/prose.ts";

/** Taking effect, folded: "có hiệu lực (thi hành) từ …". */
const EFFECT = /\bhieu luc\b/;

/** A recipients list's heading, as a section or a chunk's start. */
const RECIPIENTS = /(?:^|› )\s*\**\s*Nơi nhận\s*:/u;

/** Items of a heading's list an answer may quote ("6. Tra cứu …" + "a) …", "b) …", "c) …"). */
const MAX_HEADING_ITEMS = 8;

/** Member lines listed for "… có những ai?" (a committee's whole list would be a document, not an answer). */
const MAX_MEMBERS = 12;

/** Added to a sentence's coverage when it defines the term asked: it beats a sentence that only names the term. */
const DEFINITION_BONUS = 1;

/** The term sets of a passage's sentence in long forms: the same sentences are read for question after question. */
const sentenceTerms = memoByText((x) => termSets(longForms(x), true));

/** A passage scored for a question: the sentence picked in its window, and what of the fact asked it lacks. */
export interface PassageCandidate {
  c: Chunk;
  sentence: string;
  pick: ReturnType<typeof pickInWindow>;
  score: number;
  /** How much of the question its closest sentence covers. */
  cover?: number;
  /** The sentence is a whole unit (a heading's items, a definition item, a table row): quoted uncut. */
  whole?: boolean;
}

/**
 * The passages a question is read against, and its topic: a question naming its document ("Chương trình phát triển
 * Chính phủ số …") is answered from that document, and the words of its title no longer count as the topic.
 */
async function passagePool(kb: Knowledge, p: Prepared, u: Understanding, hints: Map<string, number>): Promise<{ pool: Chunk[]; topic: string[] }> {
  const deep = await kb.index.search(u.query, KIND_POOL);
  // A question asking for a fact (a date, a number, a role's holder) reads deeper: the passage that holds it is
  // often not among the few that share most words ("CHỦ TỊCH ỦY BAN …" heads a decision; its member list answers).
  const width = askedKinds(u).length ? KIND_POOL : PLAIN_POOL;
  // (Not another province's text, when the question names its place.)
  const elsewhere = otherPlaces(u, kb.corpus.documents);
  const chunksOf = (hits: { id: string }[]) => hits.map((h) => p.chunks.get(h.id)).filter((c): c is Chunk => !!c && !elsewhere?.has(c.documentId));
  const named = namedDocuments(hints);
  if (!named) return { pool: chunksOf(deep.slice(0, width)), topic: u.topic };
  // Search inside the named document itself, not only among global top hits: its best BM25 chunks for the question
  // (the whole document would cost a term-set per chunk, hundreds per question).
  const inside = await kb.index.search(u.query, NAMED_POOL, { documents: named });
  // "X được hiểu là gì?": the sentence defining X shares few words with the question beyond X; search X itself too.
  // (… and a phrase it quotes, "“05 không” … là những gì?", which may head its own list.)
  const term = termAsked(u.folded);
  const phrase = term ?? quotedPhrase(u.folded);
  const own = phrase ? await kb.index.search(phrase, NAMED_POOL, { documents: named }) : [];
  const seen = new Set(inside.map((h) => h.id));
  const pool = chunksOf([...inside, ...own.filter((h) => !seen.has(h.id))]);
  // A term the document's own title holds ("xã hội số" in "Chiến lược … kinh tế số và xã hội số") is in too many of
  // its chunks for a search to rank the defining one: its sentences that define the term are looked for directly.
  if (term) {
    const inPool = new Set(pool.map((c) => c.id));
    for (const c of p.chunks.values()) {
      if (named.has(c.documentId) && !inPool.has(c.id) && p.passage(c).sentences.some((x) => definesTerm(term, x))) pool.push(c);
    }
  }
  return { pool, topic: withoutNaming(p, u.topic, named, term ?? undefined) };
}

/** The years a passage is about: its own, else those of its nearest heading that has any ("1. Mục tiêu cơ bản đến năm 2025"). */
function passageYears(c: Chunk): string[] {
  return (
    c.text.match(/\b(19|20)\d{2}\b/g) ??
    c.context
      .split(" › ")
      .slice(1)
      .reverse()
      .map((h) => h.match(/\b(19|20)\d{2}\b/g))
      .find((m) => m) ??
    []
  );
}

/** "Ai chủ trì …?", "Cơ quan nào cấp …?": the lead asked, not who coordinates. */
const asksLead = (u: Understanding) => u.asks.has("lead") && !u.asks.has("coordinators");

/** Does a text name any body (a registry agency or a unit: "Sở Tài chính")? Kept per text: the same headings and
 * sentences are read question after question (read whole, it was a third of a "not found" answer's time). */
const namesUnit = memoByText((t) => unitNames(t).length > 0);

/** Does a passage, read with its lead-in and headings, name any body? (Each part on its own: a name never spans "; ".) */
function namesABody(p: Prepared, x: PassageCandidate): boolean {
  // (A table row is one record: a body in any of its cells is named.)
  return [x.sentence, x.pick.support?.sentence ?? "", x.c.context, framingText(p, x.c), x.c.kind === "row" ? x.c.text : ""].some((t) => t !== "" && namesUnit(t));
}

/** "Label: value." cells of a row chunk, their values folded. */
const rowValues = memoByText((text) =>
  text
    .split(/(?<=[.;])\s+(?=\p{Lu}[^:]{0,80}:\s)/u)
    .map((cell) => foldDiacritics(cell.slice(cell.indexOf(":") + 1)).toLowerCase().replace(/đ/g, "d").replace(/[^a-z0-9]+/g, " ").trim())
    .filter((v) => v.split(" ").length >= ROW_NAMED_SYLLABLES),
);

/** Does the question name the row by one of its cells ("… đối với dữ liệu kê khai tài sản, thu nhập?" → that row)? */
function namesRow(c: Chunk, q: string): boolean {
  return c.kind === "row" && rowValues(c.text).some((v) => q.includes(` ${v} `));
}

/** The lead-in and headings above a passage, as one text: a body or unit named there is named for the passage. */
function framingText(p: Prepared, c: Chunk): string {
  return p.neighbours.framing(c).map((h) => h.text).join(" ");
}

/** Score every passage of the pool for the question, best first. */
function scorePassages(p: Prepared, u: Understanding, pool: Chunk[], hints: Map<string, number>): PassageCandidate[] {
  const maxHint = Math.max(0, ...hints.values());
  // Years asked about ("đến năm 2030") must not be answered by a passage about other years only.
  const askedYears: string[] = u.query.match(/\b(19|20)\d{2}\b/g) ?? [];
  // "Ai chủ trì …?" answered by "Chủ trì, phối hợp với …" under "Điều 22. Sở Tài chính": the agency is read from
  // the heading; a passage is not refused for lacking it (the agency may be written in many ways).
  const kinds = askedKinds(u);
  const lookFor: AnswerKind[] = u.asks.has("lead") && !u.asks.has("coordinators") ? [...kinds, "who"] : kinds;
  const topic = topicOf(p, u.topic);
  // "X được hiểu là gì?": the sentence that defines X ("X là …") is picked in its passage.
  const term = termAsked(u.folded);
  // A sentence is read in its own passage and again in its neighbours' windows: its coverage is computed once.
  const seen = new Map<string, number>();
  const covered = (x: string) => {
    let v = seen.get(x);
    if (v === undefined) seen.set(x, (v = coverage(topic, sentenceTerms(x))));
    return v;
  };
  const cover = (x: string) => covered(x) + (term && definesTerm(term, x) ? DEFINITION_BONUS : 0);
  const q = ` ${u.folded.replace(/[^a-z0-9]+/g, " ")} `;
  return pool
    .map((c) => {
      const a = p.passage(c);
      // The sentence that carries the fact asked for and the question's words, with its cut end and the
      // lead-in or heading above it when the fact is there.
      const found = pickInWindow(p.neighbours, c, lookFor, cover);
      const pick = { ...found, missing: found.missing.filter((k) => k !== "who"), sentence: withAntecedent(a.sentences, found.sentence) };
      let bestCov = -1;
      for (const x of a.sentences) bestCov = Math.max(bestCov, covered(x));
      const whole = coverage(topic, a.whole);
      const hint = maxHint > 0 && hints.get(c.documentId) === maxHint ? PASSAGE_HINT_BONUS : 0;
      // A section titled with the question's topic ("Mục tiêu" for "… có mục tiêu gì?") is the answer's home.
      // (Not for a role: "CHỦ TỊCH ỦY BAN …" heads a decision; the holder is in the member list.)
      const titled = c.text.length < HEADING_CHARS && !/[.;]$/.test(c.text) && bestCov >= TITLE_COVERAGE && !kinds.includes("holder") ? TITLE_BONUS : 0;
      const years = passageYears(c);
      const yearClash = askedYears.length > 0 && years.length > 0 && !askedYears.some((y) => years.includes(y)) ? YEAR_CLASH_PENALTY : 0;
      const carried = kinds.length && !pick.missing.length ? PASSAGE_KIND_BONUS : 0;
      const row = namesRow(c, q) ? ROW_NAMED_BONUS : 0;
      return { c, sentence: pick.sentence, pick, cover: bestCov, score: WHOLE_WEIGHT * whole + SENTENCE_WEIGHT * bestCov + hint + titled - yearClash + carried + row };
    })
    .sort((a, b) => b.score - a.score);
}

/** The question's clauses after the first ("…; nếu …", "…, còn …"): a passage may answer each in its own sentence. */
const LATER_CLAUSE = /;\s+|,\s+(?:còn|và|nếu)\s+/u;

function withSecondPart(p: Prepared, u: Understanding, best: PassageCandidate): string {
  const clauses = u.query.split(LATER_CLAUSE).slice(1).filter((x) => x.split(/\s+/).length >= SECOND_CLAUSE_WORDS);
  const sentences = p.passage(best.c).sentences;
  const i = sentences.findIndex((x) => best.sentence.endsWith(x));
  const next = i >= 0 ? sentences[i + 1] : undefined;
  if (!clauses.length || !next) return best.sentence;
  const topic = topicOf(p, topicTerms(longForms(clauses.at(-1)!)).terms);
  const own = coverage(topic, sentenceTerms(next));
  return own >= SECOND_CLAUSE_COVERAGE && own > coverage(topic, sentenceTerms(best.sentence)) ? `${best.sentence} ${next}` : best.sentence;
}

/** A sentence that points back ("Trong trường hợp này, …", "Trên cơ sở đó, …") is read with the one before it. */
const ANAPHORA = /^(?:Trong trường hợp (?:này|đó|trên)|Khi đó|Theo đó|Trên cơ sở đó|Sau đó|Việc này)(?=[,\s])/u;

function withAntecedent(sentences: readonly string[], sentence: string): string {
  const i = sentences.indexOf(sentence);
  return i > 0 && ANAPHORA.test(sentence) ? `${sentences[i - 1]} ${sentence}` : sentence;
}

/** The parts a question asks to be named, folded: "… chia thành những giai đoạn nào?" → "giai doan"; "gồm mấy bước?" → "buoc". */
export function partsAsked(folded: string): string | null {
  return folded.match(/\b(?:nhung|cac|may) (giai doan|buoc|dot|tru cot|cap do) (?:nao|gi)\b|\b(?:chia|gom|co) (?:thanh |lam )?may (giai doan|buoc|dot|tru cot|cap do)\b/)?.slice(1).find(Boolean) ?? null;
}

/**
 * What a question asks to be listed: "… cụ thể gồm những CSDL nào?" → the phrases "csdl", "co so" … (folded, the
 * abbreviation written out too) that a sentence counting them would hold after its number; null when no list is asked.
 */
export function listedNoun(question: string): string[] | null {
  const f = foldDiacritics(expandAbbreviations(question)).toLowerCase().replace(/đ/g, "d");
  const m = f.match(/\b(?:gom|bao gom|la|co|ke ten|liet ke)\s+(?:nhung|cac)\s+((?:[a-z0-9]+\s+){1,6}?)(?:nao|gi)\b/);
  if (!m) return null;
  const w = m[1]!.trim().split(/\s+/);
  return [...new Set(w.map((x, i) => [x, w[i + 1]].filter(Boolean).join(" ")))];
}

/**
 * Does the sentence only count what the question asks to be listed ("ưu tiên hoàn thiện 11 cơ sở dữ liệu quốc gia …")
 * without naming them (no ": A, B" after the count, no items following in its passage)?
 */
export function countsWithoutListing(nouns: string[], sentence: string, passage: string): boolean {
  const f = foldDiacritics(sentence).toLowerCase().replace(/đ/g, "d");
  const counted = nouns.some((n) => new RegExp(`\\b\\d+\\s+${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(f));
  if (!counted) return false;
  const after = passage.slice(Math.max(0, passage.indexOf(sentence)) + sentence.length);
  return !/:/.test(sentence) && !/^\s*(?:[-+•]|\(?[a-zđ0-9]{1,2}[.)])\s/mu.test(after);
}

const ORDINALS: Record<string, number> = { hai: 2, ba: 3, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };

/** The part of a list a question asks for by its rank: "Nền tảng thứ ba …" → 3, "nhiệm vụ thứ 4" → 4; else null. */
export function ordinalAsked(question: string): number | null {
  const f = foldDiacritics(question).toLowerCase().replace(/đ/g, "d");
  const m = /\b(?:thu|so)\s+(hai|ba|tu|nam|sau|bay|tam|chin|muoi|\d{1,2})\b(?!\s*(?:\/|ngay|thang|nam\s+\d))/.exec(f);
  if (!m) return null;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : ORDINALS[m[1]!]!;
  return n >= 2 ? n : null;
}

/** An enumeration "(1) …; (2) …" (or "1) … 2) …") in the text that stops before part n. */
export function lacksPart(text: string, n: number): boolean {
  const marks = [...text.matchAll(/(?:^|[\s:;])\((\d{1,2})\)\s/g)].map((m) => Number(m[1]));
  return marks.includes(1) && marks.includes(2) && Math.max(...marks) < n;
}

/** Passages that match the topic but cannot answer: another "về X", no law named, another body's figure, no number. */
function answerablePassages(p: Prepared, u: Understanding, cands: PassageCandidate[]): PassageCandidate[] {
  const k = (x: string) => foldDiacritics(x).toLowerCase();
  // "… về X": a passage about another X is not an answer.
  const specific = specificWords(u);
  const aboutTitle = namingDocuments(p, specific, numberedDocuments(u, [...p.docs.values()]));
  // A question about a law (a decree …) is answered only by a passage that names one.
  const instruments = instrumentsOf(u);
  // A figure asked of an agency ("NHNN đạt tỷ lệ bao nhiêu %?") must be read where that agency is named (the
  // passage, its headings, the lead-in read with it): another body's figure is not the answer.
  const figure = askedKinds(u).some((x) => FIGURE_KINDS.includes(x));
  const actors = figure ? taskQuestion(u).agencies : [];
  // … and of a province ("Hà Nội đã công bố bao nhiêu TTHC …?"): read where that province is named (a table's row).
  const provinces = figure ? provincesIn(u.folded) : [];
  // "… bao nhiêu tỷ đồng?": a passage without a number (or without the unit asked for) does not answer it.
  const quantity = asksQuantity(u);
  const unit = u.folded.match(/ty dong|trieu dong|nghin ty|phan tram|%|km|mbps|gbps/)?.[0];
  // "Ai là Phó Chủ tịch thường trực …?": the sentence must name that role, not "Chủ tịch" or "cơ quan thường trực".
  // … of the body asked: the Chairman of "Hội đồng Tư vấn …" is not the Chairman of "Ủy ban Quốc gia …" (a text's
  // own issuer is the body its "Trưởng Ban" heads).
  const role = askedRole(u.folded);
  const body = role ? askedBody(u.folded) : null;
  // "X là gì?", "X được hiểu là gì?": only a sentence defining X answers (a title naming X is not a definition).
  // (A quoted term asked about is required to be defined only where some passage defines it.)
  const quoted = quotedTerm(u.folded) ?? (definedTerm(u.folded) ? null : partsTerm(u.folded));
  const term = quoted ? null : definedTerm(u.folded);
  const quotedDefined = !!quoted && cands.some((x) => definesTerm(quoted, x.sentence));
  const holder = askedKinds(u).includes("holder");
  // "… giao Tổng Công ty X nhiệm vụ gì?": the tasks of a unit the question names are read where that unit is named.
  const assigned = u.intent === "tasks_by_agency" || /\b(giao|yeu cau|de nghi)\b/.test(u.folded);
  const units = assigned ? u.units.map((n) => expandUnitAbbreviations(n)) : [];
  const parts = partsAsked(u.folded);
  return cands.filter((x) => {
    // "… chia thành những giai đoạn nào?": a sentence naming no phase does not list them (the plan's title does not).
    if (parts && !k(`${x.sentence} ${x.pick.support?.sentence ?? ""}`).replace(/đ/g, "d").includes(parts)) return false;
    // "… có hiệu lực từ ngày nào?": a date of another event (a submission, a deadline) is not its effective date.
    if (EFFECT.test(u.folded) && !EFFECT.test(k(`${x.sentence} ${x.pick.support?.sentence ?? ""}`))) return false;
    if (units.length) {
      // (The document's issuer counts: "Ban Chỉ đạo … giao ai …?" names who assigns, the author of the letter.)
      const seen = expandUnitAbbreviations(`${x.c.text} ${x.c.context} ${x.sentence} ${framingText(p, x.c)} ${p.docs.get(x.c.documentId)?.issuer ?? ""}`);
      if (!units.every((n) => namesName(seen, n))) return false;
    }
    // A recipients list ("Nơi nhận: - Văn phòng Chính phủ; - Các sở, ban, ngành …") assigns and states nothing
    // (only a role holder may be named there: "Đồng chí …, Trưởng Ban Chỉ đạo (để báo cáo)").
    if (!holder && (RECIPIENTS.test(x.c.section) || RECIPIENTS.test(x.c.text))) return false;
    if (term && !definesTerm(term, x.sentence)) return false;
    if (quotedDefined && !definesTerm(quoted!, x.sentence)) return false;
    if (role && !namesRole(`${x.sentence} ${x.pick.support?.sentence ?? ""}`, role)) return false;
    // (The list's heading counts: "Điều 1. Thành lập Tổ công tác … gồm các thành viên sau:" over "2. Bà …, thành viên;".)
    if (body && !namesRole(`${x.sentence} ${x.c.context} ${x.pick.support?.sentence ?? ""} ${p.docs.get(x.c.documentId)?.issuer ?? ""} ${framingText(p, x.c)}`, body)) return false;
    if (specific.length && !aboutTitle.has(x.c.documentId) && !holdsSpecific(p.passage(x.c).whole, specific)) return false;
    if (instruments.length && !instruments.every((w) => k(`${x.c.text} ${x.c.context}`).includes(w))) return false;
    if (actors.length) {
      // (The document's issuer counts: "Kế hoạch 02 của Ban Chỉ đạo Trung ương chia mấy giai đoạn?" names its author.)
      const issuer = p.docs.get(x.c.documentId)?.issuer ?? "";
      const seen = `${x.c.text} ${x.c.context} ${x.sentence} ${x.pick.support?.sentence ?? ""} ${issuer}`;
      if (!actors.every((names) => names.some((n) => namesName(seen, n)))) return false;
    }
    if (provinces.length) {
      const seen = provincesIn(`${x.c.text} ${x.c.context} ${x.sentence} ${p.docs.get(x.c.documentId)?.issuer ?? ""} ${p.docs.get(x.c.documentId)?.title ?? ""}`);
      if (!provinces.every((n) => seen.includes(n))) return false;
    }
    if (quantity) {
      // (The number may be in the heading read with the sentence: "1. Mức 1, không quá 40.000.000 đồng/tháng …" over
      // "c) Chuyên gia tư vấn đảm nhiệm chức danh Trưởng nhóm tư vấn …".)
      const f = k(`${x.sentence} ${x.pick.support?.sentence ?? ""}`);
      return /\d/.test(f) && (!unit || f.includes(unit) || (unit === "phan tram" && f.includes("%")) || (unit === "%" && f.includes("phan tram")));
    }
    return true;
  });
}

/** A heading's items: the chunks right after it in sections under its own ("… › 6 › a)", "… › 6 › b)"), at most MAX_HEADING_ITEMS. */
function headingItems(p: Prepared, heading: Chunk): Chunk[] {
  const [doc, num] = heading.id.split(/:(?=\d+$)/);
  const items: Chunk[] = [];
  for (let i = 1; i <= MAX_HEADING_ITEMS; i++) {
    const c = p.chunks.get(`${doc}:${Number(num) + i}`);
    // (Bullets right under a numbered heading share its section: "*1. 05 không:*" over "- Không cần …;".)
    if (!c || !(c.section.startsWith(`${heading.section} › `) || (c.section === heading.section && c.heading === heading.text))) break;
    items.push(c);
  }
  return items;
}

/**
 * The unit quoted whole instead of one sentence, when the best passage is one: a heading's items, a labelled
 * definition, a table row, a "X bao gồm: A; B; C." item. (Each has its own cap; the composer quotes it uncut.)
 */
function answeringUnit(p: Prepared, u: Understanding, best: PassageCandidate): string | null {
  // A heading ("Mục tiêu chung") says nothing by itself: answer with the paragraph under it.
  // A heading that opens a list ("6. Tra cứu tình trạng hồ sơ TTHC:" + "a) … b) … c) …") is answered with its items.
  if (best.c.text.length < HEADING_CHARS && !/[.;]$/.test(best.c.text)) {
    const [doc, num] = best.c.id.split(/:(?=\d+$)/);
    const next = p.chunks.get(`${doc}:${Number(num) + 1}`);
    const items = headingItems(p, best.c);
    const head = best.c.text.replace(/\s*:\s*$/u, "");
    if (items.length > 1 && items.reduce((n, x) => n + x.text.length, 0) <= HEADING_ITEMS_CHARS) return `${head}: ${items.map((x) => x.text).join(" ")}`;
    if (next) return `${head}: ${next.text}`;
  }
  // A term defined by a label ("- Thực chất, hiệu quả: …") is defined by the whole item, every sentence of it.
  const term = termAsked(u.folded);
  if (term && definesByLabel(term, best.c.text) && best.c.text.length <= DEFINITION_ITEM_CHARS) return best.c.text;
  // A table row is one record: a question on it often asks several of its cells (a total, a count, a rate).
  if (best.c.kind === "row" && best.c.text.length <= ROW_QUOTE_CHARS) return best.c.text;
  // "X bao gồm: A; B; C." lists its parts across sentences cut at ";": the item is quoted from X to its end.
  if (term && definesTerm(term, best.sentence) && /\b(?:bao gom|gom co|gom)\s*:/.test(foldDiacritics(best.sentence).toLowerCase())) {
    const at = best.c.text.indexOf(best.sentence);
    const rest = at >= 0 ? best.c.text.slice(at) : "";
    if (rest.length > best.sentence.length && rest.length <= DEFINITION_ITEM_CHARS) return rest;
  }
  // "… những báo cáo nào?" answered by a sentence that lists them inline ("… các báo cáo: (i) …; (ii) …; (iii) …"):
  // every item is the answer, quoted uncut.
  if (asksItems(u.folded) && INLINE_ITEMS.test(best.sentence)) return best.sentence;
  return null;
}
/** An inline enumeration: a colon, then "(i)", "(1)", "a)" and a second item after it. */
const INLINE_ITEMS = /:\s*(?:\((?:i|1|a)\)|a\))[^]*?[;,]\s*(?:\((?:ii|2|b)\)|b\))/u;

/** "… gồm những cá nhân nào?", "những ai …", "bao gồm những gì": the question asks for the items of a list. */
const asksItems = (folded: string) => /\b(?:nhung|cac) (?:[a-z]+ ){1,3}?(?:nao|gi)\b|\bnhung (?:ai|gi)\b|\b(?:bao )?gom\b/.test(folded);

/** A heading's own words, its numbering aside ("1. Đối tượng thi đua" → "doi tuong thi dua"). */
const headingWords = (h: string) =>
  foldDiacritics(h)
    .toLowerCase()
    .replace(/^\s*(?:[ivxlc]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s*/u, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Syllables a heading must have for the question to name it by them ("Mục tiêu" alone names too many sections). */
const NAMED_HEADING_SYLLABLES = 3;

/**
 * A section the question names by its heading ("1. Đối tượng thi đua" in "… đối tượng thi đua gồm những cá nhân nào?")
 * whose items — the chunks right after it in sections under its own — hold the question's other words: it answers with
 * the items, under their sub-headings ("b) Cá nhân: - …"), only the sub-list the question names when it names one. Its
 * score is how much of the question the heading and items cover together: NAMED_SECTION_COVERAGE at least, or the
 * plain passage bar when the question names a sub-list too. Null when no such section is among the candidates.
 */
function namedSection(p: Prepared, u: Understanding, cands: PassageCandidate[]): PassageCandidate | null {
  const q = ` ${u.folded.replace(/[^a-z0-9]+/g, " ")} `;
  const topic = topicOf(p, u.topic);
  // A heading the question quotes ("“05 không” … là những gì?") is named however short it is.
  const quoted = quotedPhrase(u.folded)?.replace(/[^a-z0-9]+/g, " ").trim();
  for (const x of cands) {
    const head = headingWords(x.c.text);
    const isQuoted = !!quoted && head === quoted;
    if (x.c.text.length >= HEADING_CHARS || /[.;]$/.test(x.c.text) || (head.split(" ").length < NAMED_HEADING_SYLLABLES && !isQuoted) || !q.includes(` ${head} `)) continue;
    const items = headingItems(p, x.c);
    if (items.length < 2 || items.reduce((n, c) => n + c.text.length, 0) > HEADING_ITEMS_CHARS) continue;
    // (Sub-headings are the items' own headings: "a) Tập thể", "b) Cá nhân".)
    const subs = [...new Set(items.map((c) => c.heading).filter((h) => h && h !== x.c.text))];
    const named = subs.filter((h) => {
      const w = headingWords(h);
      return w.length > 0 && q.includes(` ${w} `);
    });
    const kept = named.length ? items.filter((c) => named.includes(c.heading)) : items;
    const said = kept.map((c, i) => (c.heading && c.heading !== x.c.text && c.heading !== kept[i - 1]?.heading ? `${c.heading.replace(/\s*:\s*$/u, "")}: ${c.text}` : c.text));
    const sentence = `${x.c.text.replace(/\s*:\s*$/u, "")}: ${said.join(" ")}`;
    const cover = coverage(topic, termSets(longForms(sentence), true));
    // (A sub-list named too, "b) Cá nhân" for "… những cá nhân nào", is the question's own structure: the plain bar.)
    if (cover < (named.length || isQuoted ? PASSAGE_THRESHOLD : NAMED_SECTION_COVERAGE)) continue;
    return { ...x, sentence, whole: true, score: Math.max(x.score, cover), cover, pick: { ...x.pick, sentence, missing: askedKinds(u).filter((k) => !carries(k, sentence)) } };
  }
  return null;
}

/**
 * The other member lines of the list the best one is in (same document and section level), that hold a role and
 * name each body the question names ("Ban Cơ yếu Chính phủ"), in reading order.
 */
function members(p: Prepared, u: Understanding, best: PassageCandidate): PassageCandidate[] {
  const k = (x: string) => foldDiacritics(x).toLowerCase();
  // The body whose list it is ("Tổ công tác giúp việc Ủy ban Quốc gia …", in the heading or the title) selects nothing.
  const own = k(`${framingText(p, best.c)} ${p.docs.get(best.c.documentId)?.title ?? ""}`);
  const bodies = taskQuestion(u).agencies.filter((ns) => !ns.some((n) => own.includes(k(n))));
  const names = (text: string) => bodies.every((ns) => ns.some((n) => k(text).includes(k(n))));
  if (!names(best.sentence)) return [];
  return p.neighbours
    .siblings(best.c)
    .filter((c) => c !== best.c && carries("holder", c.text) && names(c.text))
    .slice(0, MAX_MEMBERS - 1)
    .map((c) => ({ c, sentence: c.text, pick: { sentence: c.text, missing: [], evidence: c.text }, score: best.score }));
}

export async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer): Promise<ChatAnswer>;
export async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer, strict: number, score?: { value: number }): Promise<ChatAnswer | null>;
export async function passages(kb: Knowledge, p: Prepared, u0: Understanding, ctx: Composer, strict?: number, score?: { value: number }): Promise<ChatAnswer | null> {
  if (u0.topic.length === 0) return strict ? null : ctx.notFound(u0);
  const hints = documentHints(p, u0, kb.corpus.documents);
  const { pool, topic } = await passagePool(kb, p, u0, hints);
  const u = { ...u0, topic };
  const kinds = askedKinds(u);
  const scored = scorePassages(p, u, pool, hints);
  const cands = timed("gate", () => answerablePassages(p, u, scored));
  // The passage that holds the fact asked for goes first when it is nearly as close to the question.
  if (kinds.length && cands[0]?.pick.missing.length) {
    const holding = cands.findIndex((x) => !x.pick.missing.length && x.score >= cands[0]!.score - KIND_MARGIN);
    if (holding > 0) cands.unshift(...cands.splice(holding, 1));
  } else if (!kinds.length && asksLead(u) && cands[0] && !namesABody(p, cands[0])) {
    // … and so does a sentence whose subject is a body ("- Ủy ban nhân dân cấp xã: Cấp Giấy phép …"), for "Cơ quan nào
    // cấp …?" whose closest passage (a title) names none, when that sentence is at least half as close to the question
    // as the title's own. (Not a body named in passing: "(Kèm theo Quyết định … của Bộ trưởng Bộ …)".)
    const top = cands[0];
    const naming = cands.findIndex((x) => carries("who", x.sentence) && (x.cover ?? 0) >= WHO_SUBJECT_COVER_SHARE * (top.cover ?? 0) && x.score >= PASSAGE_THRESHOLD);
    if (naming > 0) cands.unshift(...cands.splice(naming, 1));
  }
  // "Đối tượng thi đua gồm những cá nhân nào?": the section the question names by its heading, when its items hold the
  // rest of the question's words, answers with those items.
  const section = asksItems(u.folded) ? namedSection(p, u, cands) : null;
  if (section) cands.unshift(section);
  const best = cands[0];
  if (score) score.value = best?.score ?? 0;
  // A passage that holds the fact asked for ("100% …" for "bao nhiêu phần trăm") needs only the plain threshold.
  const bar = best && kinds.length && !best.pick.missing.length ? Math.min(strict ?? PASSAGE_THRESHOLD, PASSAGE_THRESHOLD) : (strict ?? PASSAGE_THRESHOLD);
  if (!best || best.score < bar) {
    if (strict) return null;
    // A fact asked of a document the question names ("QĐ 2597 bố trí bao nhiêu tỷ đồng …?") that none of its passages
    // gives: said of that document, with its passage closest to the question (or its title, when none is close).
    // (No fact kind asked, "… nhận được những kết quả nào?": not found in that document, said of it.)
    const named = namedDocuments(hints);
    if (!named || named.size !== 1) return ctx.notFound(u);
    const near = kinds.length ? scored.find((x) => named.has(x.c.documentId) && x.score >= PASSAGE_THRESHOLD) : undefined;
    if (near) return ctx.missingFact(u, { chunk: near.c, sentence: near.sentence }, kinds);
    const head = [...p.chunks.values()].filter((c) => named.has(c.documentId)).sort((a, b) => a.lines[0] - b.lines[0])[0];
    return head ? ctx.notFoundIn(u, head, kinds) : ctx.notFound(u);
  }
  // (A named section's items are its unit already.)
  const unit = best.whole ? null : answeringUnit(p, u, best);
  if (unit) {
    best.sentence = unit;
    best.whole = true;
  }
  // "… cụ thể gồm những CSDL nào?" answered by a sentence that counts them ("11 cơ sở dữ liệu …") without naming them:
  // the list is not in the text that counts it.
  const listed = listedNoun(u.query);
  if (listed && !unit && countsWithoutListing(listed, best.sentence, best.c.text)) return strict ? null : ctx.missingFact(u, { chunk: best.c, sentence: best.sentence }, ["list"]);
  // "Ai chủ trì …?" answered by a passage that names no body at all — not in its sentence, the lead-in or the headings
  // above it — leaves the lead open: say so, with the passage.
  if (u.asks.has("lead") && !u.asks.has("coordinators") && !kinds.includes("holder") && !namesABody(p, best)) return strict ? null : ctx.missingFact(u, { chunk: best.c, sentence: best.sentence }, ["who"]);
  // "Nền tảng thứ ba là gì?" answered by an enumeration "(1) …; (2) …" that has no third part.
  const nth = ordinalAsked(u.query);
  if (nth && lacksPart(best.sentence, nth)) return strict ? null : ctx.missingFact(u, { chunk: best.c, sentence: best.sentence }, ["list"]);
  // The gate: a passage that answers the topic but holds no fact of the kind asked ("trước ngày nào?", "bao
  // nhiêu phần trăm?") anywhere near it does not answer the question.
  if (best.pick.missing.length) return strict ? null : ctx.missingFact(u, { chunk: best.c, sentence: best.sentence }, best.pick.missing);
  // "… giao ai chủ động chỉ đạo …; nếu vượt thẩm quyền thì đề nghị cơ quan nào?": a second clause of the question that
  // the next sentence of the passage answers ("Trường hợp vượt thẩm quyền, … đề nghị Bộ quản lý ngành …") goes with it.
  if (!best.whole) best.sentence = withSecondPart(p, u, best);
  const picked = [best];
  // "… Ban Cơ yếu Chính phủ có những ai tham gia?": every line of the same list naming a member asked about.
  if (asksMembers(u.folded)) picked.push(...members(p, u, best));
  picked.sort((a, b) => (a.c.documentId === b.c.documentId ? a.c.lines[0] - b.c.lines[0] : 0));
  const second = picked.length === 1 && cands.find((x) => x.c.documentId !== best.c.documentId && x.score >= best.score * SECOND_PASSAGE_SHARE && !x.pick.missing.length);
  if (second) picked.push(second);
  return ctx.passages(picked.map((x) => ({ chunk: x.c, sentence: x.sentence, ...(x.whole ? { whole: true } : {}), ...(x.pick.support ? { support: x.pick.support } : {}) })), u);
}

