// Answer layer (pure): what a question constrains beyond its topic words — the agencies it names (with their
// predecessors), "về X", a law's name, a quantity, the words that name a document or a unit — read by the finders.

import { type Agency, predecessorsOf, successorOf } from "../tasks/agencies.ts";
import type { Task } from "../tasks/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { accentedKey, foldSyllable, syllables, TOPIC_BREAK, topicTerms } from "../text/tokenize.ts";
import { type TermSets, termSets } from "./coverage.ts";
import { type AnswerKind, askedKinds, timeKindsAsked } from "./answer-type.ts";
import { countsTasks, type TaskQuestion } from "./answerability.ts";
import { overlapWith, pickInWindow } from "./passage-window.ts";
import { type Understanding, withoutDocumentReferences } from "./understand.ts";
import { expandUnitAbbreviations } from "./units.ts";
import type { Prepared } from "./prepared.ts";

/** Does a task's passage (with its cut end, lead-in and headings) hold the deadline kind asked? */
export function deadlineInPassage(p: Prepared, t: Task, u: Understanding): boolean {
  const c = p.neighbours.at(t.documentId, t.lines[0]);
  if (!c) return false;
  return pickInWindow(p.neighbours, c, timeKindsAsked(u), overlapWith(t.text)).missing.length === 0;
}

/** What the answerability predicates read of the question. */
export function taskQuestion(u: Understanding): TaskQuestion {
  const names = (a: Agency) => {
    const now = successorOf(a);
    return [a.name, ...a.aliases, ...predecessorsOf(a.id).map((x) => x.name), ...(now ? [now.name] : [])];
  };
  // A unit as written ("Sở NN&MT TP.HCM") stands for itself, not for the ministry the registry reads in it.
  // Groups ("các bộ, ngành") describe more than name: "các CSDL của bộ, ngành" is part of the topic.
  const actors = u.actors.filter((a) => a.kind !== "group" && !u.units.some((unit) => shadows(unit, a)));
  return { agencies: [...actors.map(names), ...u.units.map((x) => [x])], kinds: askedKinds(u), countsTasks: countsTasks(u.folded) };
}

/**
 * The words that name a document (a run of its title's or issuer's word pairs, its number) are not the topic;
 * single words shared with the title ("số", "kinh tế") and years asked about stay.
 */
export function withoutNaming(p: Prepared, topic: string[], named: Set<string>, keep?: string): string[] {
  // (The words of a term asked to be defined stay: "Theo Chiến lược … kinh tế số và xã hội số, xã hội số là gì?")
  const kept = new Set(keep?.split(" ") ?? []);
  const naming = new Set<string>();
  const numbers = new Set<string>();
  for (const id of named) {
    const d = p.docs.get(id)!;
    for (const b of termSets(`${d.title} ${d.issuer ?? ""} ${d.type}`).bi) naming.add(b);
    for (const n of d.number?.match(/\d+/g) ?? []) numbers.add(n);
  }
  const rest = [...topic];
  for (let i = 0; i + 1 < topic.length; i++) {
    const a = topic[i]!;
    const b = topic[i + 1]!;
    if (a === TOPIC_BREAK || b === TOPIC_BREAK || /^\d{4}$/.test(a) || /^\d{4}$/.test(b)) continue;
    if (naming.has(`${a}_${b}`) && !(kept.has(foldSyllable(a)) && kept.has(foldSyllable(b)))) rest[i] = rest[i + 1] = TOPIC_BREAK;
  }
  topic.forEach((w, i) => {
    if (numbers.has(w.replace(/^0+(?=\d)/, "")) || numbers.has(w)) rest[i] = TOPIC_BREAK;
  });
  return rest.some((w) => w !== TOPIC_BREAK) ? rest : topic;
}

/** The topic without the syllables of the units the question names and of their places (kept when that empties it). */
export function withoutUnitWords(u: Understanding): string[] {
  // The registry's agencies as the question writes them ("Bộ TT&TT", "bo cong an"): a task's lead is its own field,
  // its text need not repeat the agency's name.
  const written = u.agencies.flatMap((a) => [a.name, ...a.aliases]).filter((n) => n.length > 2 && ` ${u.folded} `.includes(` ${foldDiacritics(n).toLowerCase()} `));
  if (!u.unitsWritten.length && !written.length) return u.topic;
  const named = new Set([...unitWordsOf(u), ...syllables(written.join(" "))].flatMap((w) => [foldSyllable(w), accentedKey(w)]));
  const rest = u.topic.map((w) => (named.has(w) ? TOPIC_BREAK : w));
  return rest.filter((w) => w !== TOPIC_BREAK).length >= 2 ? rest : u.topic;
}

/** Syllables of the units as the question writes them: "Sở KH&CN Ninh Bình" → sở, kh, cn, ninh, bình, khoa, học … */
export function unitWordsOf(u: Understanding): string[] {
  return syllables(u.unitsWritten.map((w) => `${w} ${expandUnitAbbreviations(w)}`).join(" "));
}

/** Does a unit as written stand where the registry found an agency ("Sở Khoa học và Công nghệ" for Bộ KH&CN)? */
export function shadows(unit: string, a: Agency): boolean {
  const k = (x: string) => foldDiacritics(x).toLowerCase();
  const field = k(a.name).split(" ").slice(1).join(" ");
  return field.length > 3 && k(unit).endsWith(field) && k(unit) !== k(a.name);
}

/** "… bao nhiêu …", "tỷ lệ …": a number is asked for. */
export function asksQuantity(u: Understanding): boolean {
  return u.intent === "target" && /bao nhieu|ti le|ty le|phan tram|%/.test(u.folded);
}

/**
 * What "… về X" asks about: the first words after the last "về" ("cơ sở dữ liệu quốc gia về người có công" →
 * người, có). A task about another "cơ sở dữ liệu quốc gia về …" is not an answer.
 */
export function specificWords(u: Understanding): string[] {
  const phrase = aboutPhrase(u);
  if (!phrase) return [];
  const after = topicTerms(phrase).terms;
  const out: string[] = [];
  // Its head: the first two words ("chất lượng" of "chất lượng trải nghiệm của người dùng …"); the rest may
  // be worded differently in the text.
  for (const w of after) {
    if (w === TOPIC_BREAK || out.length === 2) break;
    out.push(w);
  }
  return out;
}

/**
 * The "X" of "… về X" ("… liên quan đến X", "… trong lĩnh vực X") as the question writes it, to its end ("sân bay quốc tế Long Thành"), or null. The last "về" of
 * the question (typed without diacritics, "ve" may be "vệ" in "bảo vệ": what is protected is as specific). A "về"
 * inside a document's name ("kế hoạch … về quy hoạch của TP.HCM") names the document, not the topic; "gửi về đâu",
 * "về những gì" ask and name nothing.
 */
export function aboutPhrase(u: Pick<Understanding, "query">): string | null {
  const q = withoutDocumentReferences(u.query);
  const m = [...q.matchAll(ABOUT_WORD)].at(-1);
  if (!m) return null;
  // To the clause's end: not the deadline or the verb that follow ("… về dữ liệu dân cư đến hạn trong năm 2025?").
  const phrase = q
    .slice(m.index + m[0].length)
    .replace(ABOUT_PHRASE_END, "")
    .replace(/[\s?!.…]+$/u, "")
    .trim();
  return phrase || null;
}

/** The words that open "X": "về", "liên quan đến/tới", "(trong) lĩnh vực" (typed with diacritics or without). */
const ABOUT_WORD = /(?:^|[^\p{L}])(về|ve|liên quan (?:đến|tới)|lien quan (?:den|toi)|lĩnh vực|linh vuc)\s+(?!(?:đâu|dau|nào|nao|gì|gi|ai|những gì)(?:[^\p{L}]|$))/giu;

/** Where the X of "về X" ends: a comma, or a word that starts the rest of the clause (a deadline, a verb, an actor). */
const ABOUT_PHRASE_END = /(?:,|\s(?:phải|cần|đến hạn|hết hạn|có thời hạn|hoàn thành|trong|trước|từ|do|mà|được|đã|sẽ|thì|là|có)(?![\p{L}])).*$/su;

/** Does a text's term set hold the specific words in order (adjacent pairs), or the one word? */
export function holdsSpecific(ts: TermSets, specific: string[]): boolean {
  return specific.length === 1 ? ts.uni.has(specific[0]!) : specific.slice(1).every((w, k) => ts.bi.has(`${specific[k]}_${w}`));
}

/**
 * The documents in which the "về X" words name the document, not a task's topic: those whose title holds them, and a
 * document the question names by number that holds them somewhere ("Trong QĐ 2820, ai … báo cáo tình hình thực hiện
 * Đề án CSDL quốc gia về quy hoạch?" of a decision whose plan is titled "… cơ sở dữ liệu quốc gia về quy hoạch"). Its
 * tasks and passages need not repeat the phrase; the documents it is not in still must.
 */
export function namingDocuments(p: Prepared, specific: string[], numbered: Set<string> | null): Set<string> {
  const out = new Set<string>();
  if (!specific.length) return out;
  for (const [id, d] of p.docs) if (holdsSpecific(termSets(d.title), specific)) out.add(id);
  if (numbered) {
    for (const c of p.chunks.values()) {
      if (numbered.has(c.documentId) && !out.has(c.documentId) && holdsSpecific(p.passage(c).whole, specific)) out.add(c.documentId);
    }
  }
  return out;
}

/** The legal instruments a question's topic names ("luật", "nghị định" …), folded. */
export function instrumentsOf(u: Understanding): string[] {
  const topic = u.topic.map(foldSyllable).join(" ");
  // (A numbered one — "Kế hoạch 308 … triển khai Nghị quyết 214/NQ-CP:" — refers to a text, the document's frame; it
  // says which text, not what the task is about.)
  return INSTRUMENTS.filter((w) => new RegExp(`(^| )${w}( (?!\\d)|$)`).test(topic));
}

/** Kinds of legal instrument: asked about by name, they must be in the task's text. */
export const INSTRUMENTS = ["luat", "nghi dinh", "nghi quyet", "thong tu", "de an"];
/** Kinds of fact that are figures of one body: read only where that body is named. */
export const FIGURE_KINDS: AnswerKind[] = ["percent", "number", "level", "points", "money"];
