// Answer layer (pure): list questions — an agency's or a unit's tasks, tasks due in a period, overdue tasks, and
// "bao nhiêu nhiệm vụ …" — through the task selection /api/tasks uses (tasks/select.ts), so the counts agree.

import { inSection, sectionAsked } from "./sections.ts";
import { predecessorsOf } from "../tasks/agencies.ts";
import { selectTasks, type TaskFilter, taskIndexOf } from "../tasks/select.ts";
import type { Indicator, Task } from "../tasks/types.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { accentedKey, expandAbbreviations, foldSyllable, syllables, TOPIC_BREAK } from "../text/tokenize.ts";
import type { ChatAnswer } from "./types.ts";
import { agencyPhrase, Composer, joinVi } from "./compose.ts";
import { namedDocuments, numberedDocuments, otherPlaces } from "./doc-refs.ts";
import { type Understanding } from "./understand.ts";
import { leadIsUnit, sectionReference } from "./units.ts";
import { LIST_NARROW, LONG_LEAD_SHARE, LONG_LEAD_WORDS } from "./tuning.ts";
import type { Knowledge, Prepared } from "./prepared.ts";
import { documentHints, topicOf } from "./prepared.ts";
import { aboutPhrase, namingDocuments, specificWords, withoutNaming } from "./constraints.ts";

/** Tasks whose lead, as written, is a unit the question names (in the document it names, if any); null when none. */
export function listByUnit(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number): ChatAnswer | null {
  if (!u.units.length) return null;
  const named = numberedDocuments(u, kb.corpus.documents) ?? namedDocuments(documentHints(p, u, kb.corpus.documents));
  // "Sở Tài chính Nghệ An …" is not Hà Nội's Sở Tài chính.
  const elsewhere = otherPlaces(u, kb.corpus.documents);
  const role = roleAsked(u) === "coordinator" ? "phối hợp" : "chủ trì";
  for (const unit of u.units) {
    const holds = (t: Task) => (role === "phối hợp" ? t.coordinators : t.lead).some((l) => leadIsUnit(l, unit));
    let tasks = kb.corpus.tasks.filter((t) => (!named || named.has(t.documentId)) && !elsewhere?.has(t.documentId) && holds(t));
    if (!tasks.length) continue;
    const unitWords = new Set(syllables(unit).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
    // (The words naming the document are not the topic: "… theo Quy chế quản lý Hệ thống thông tin … (QĐ 163)".)
    const topical = named ? { ...u, topic: withoutNaming(p, u.ownTopic, named) } : u;
    const part = numberedPart(u, tasks);
    // The unit as the documents write it ("Công an tỉnh" for "Công an tỉnh Ninh Bình").
    const written = mostCommon(tasks.flatMap((t) => [...t.lead, ...t.coordinators].filter((l) => leadIsUnit(l, unit)))) ?? unit;
    const about = part ? null : byAbout(p, topical, tasks, named);
    if (about?.none) return ctx.notFound(u, noneAboutText(about.none, `mà ${written} ${role}`));
    tasks = part ? part.tasks : narrowBySection(p, u, narrowByTopic(p, topical, about!.tasks, unitWords));
    return ctx.list(tasks, u, `${written} ${role}`, maxList, []);
  }
  return null;
}

/** "… chủ trì những chỉ tiêu nào?", "các chỉ tiêu được giao cho …": the indicators asked, not the tasks. */
const ASKS_INDICATORS = /\b(?:nhung|cac) chi tieu\b|\bchi tieu (?:nao|gi)\b/;

/**
 * "Công an tỉnh được giao chủ trì những chỉ tiêu nào …?": the indicators whose body in charge (the table's "Chủ trì"
 * column) is the unit the question names as written, else the agency it names; null when the question asks no
 * indicators or none is held.
 */
export function listIndicators(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number): ChatAnswer | null {
  if (!ASKS_INDICATORS.test(u.folded) || (!u.units.length && !u.agencies.length)) return null;
  const named = numberedDocuments(u, kb.corpus.documents) ?? namedDocuments(documentHints(p, u, kb.corpus.documents));
  const elsewhere = otherPlaces(u, kb.corpus.documents);
  // (A unit as written, "Ngân hàng nhà nước khu vực XII", is not the agency the registry reads in it.)
  const holds = (i: Indicator) =>
    u.units.length ? u.units.some((unit) => [...i.monitor, i.monitorText].some((m) => leadIsUnit(m, unit))) : u.agencies.some((a) => i.monitor.includes(a.name));
  const items = kb.corpus.indicators.filter((i) => (!named || named.has(i.documentId)) && !elsewhere?.has(i.documentId) && holds(i));
  return items.length ? ctx.indicators(items.slice(0, maxList)) : null;
}

/** "Sở X phối hợp làm việc gì?", "Bộ Y phối hợp những nhiệm vụ nào?": the tasks it coordinates; else those it leads. */
function roleAsked(u: Understanding): "lead" | "coordinator" {
  return /phoi hop (?!voi)/.test(u.folded) && !/chu tri/.test(u.folded) ? "coordinator" : "lead";
}

/** "… được đề nghị làm gì", "… có trách nhiệm gì", "… được giao những việc gì": the tasks of whoever is named. */
const ASKS_TASKS_OF = /\b(lam gi|lam nhung gi|lam nhung viec gi|viec gi|nhiem vu gi|trach nhiem gi|nhung nhiem vu nao|nhung viec nao|duoc giao nhung)\b/;
/** Written names of three words or more: "Ủy ban" alone, or "các sở", names no one in particular. */
const MIN_LEAD_WORDS = 3;

/**
 * A question about the tasks of a body the registry and the unit shapes do not know ("các tổ chức cung cấp dịch vụ
 * chi trả được đề nghị làm gì?"): the longest lead the texts write that the question names is its unit.
 */
export function withWrittenLead(p: Prepared, u: Understanding): Understanding {
  if (u.agencies.length || u.units.length || u.followUp || !ASKS_TASKS_OF.test(u.folded)) return u;
  const q = ` ${u.folded.replace(/[^a-z0-9&]+/g, " ")} `;
  // A long name is not retyped word for word: "cơ quan, đơn vị có hệ thống thông tin, CSDL chuyên ngành kết nối …" names
  // "cơ quan, đơn vị trên địa bàn tỉnh có hệ thống thông tin, cơ sở dữ liệu chuyên ngành kết nối …".
  const words = new Set(foldDiacritics(expandAbbreviations(u.query)).toLowerCase().replace(/đ/g, "d").split(/[^a-z0-9&]+/));
  const nearly = (folded: string, n: number) => n >= LONG_LEAD_WORDS && folded.split(" ").filter((w) => words.has(w)).length >= LONG_LEAD_SHARE * n;
  const named = p.writtenLeads.find((l) => {
    const n = l.folded.split(" ").length;
    return n >= MIN_LEAD_WORDS && (q.includes(` ${l.folded} `) || nearly(l.folded, n));
  });
  return named ? { ...u, units: [named.name], intent: "tasks_by_agency" } : u;
}

function mostCommon(xs: string[]): string | undefined {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The tasks in a numbered part the question names ("tại mục 5 phần III"), when it holds any; else null. */
function numberedPart(u: Understanding, tasks: Task[]): { tasks: Task[]; labels: string[] } | null {
  const labels = sectionAsked(u.query);
  const inPart = labels ? tasks.filter((t) => inSection(t.section, labels)) : [];
  return inPart.length ? { tasks: inPart, labels: labels! } : null;
}

/**
 * "… trong phần tổ chức thực hiện", "… ở Phụ lục II": a part of the document the question names keeps the tasks
 * under a heading with those words (when any are).
 */
function narrowBySection(p: Prepared, u: Understanding, tasks: Task[]): Task[] {
  const part = sectionReference(u.query);
  if (!part) return tasks;
  const under = tasks.filter((t) => {
    const c = p.neighbours.at(t.documentId, t.lines[0]);
    return foldDiacritics(`${t.section} ${t.context} ${c?.context ?? ""}`).toLowerCase().includes(part);
  });
  return under.length ? under : tasks;
}

/** Topic words beyond the agency narrow a list ("… về thanh toán"), when two syllables or more are left. */
function narrowByTopic(p: Prepared, u: Understanding, tasks: Task[], agencyWords: Set<string>): Task[] {
  const topic = u.topic.map((w) => (agencyWords.has(w) || /^(chuyen|doi|so|nhiem|chuong|trinh|phat|trien)$/.test(foldSyllable(w)) ? TOPIC_BREAK : w));
  // Narrow only on a real topic: a lone "co" may be "có" or "cơ".
  if (topic.filter((w) => w !== TOPIC_BREAK).length < 2) return tasks;
  const cov = p.tasks.scores(topicOf(p, topic));
  const narrowed = tasks.filter((t) => cov[p.taskIndex.get(t.id)!]! >= LIST_NARROW);
  return narrowed.length > 0 ? narrowed : tasks;
}

/**
 * "… chủ trì nhiệm vụ gì về X?": the tasks about X (the head words of X, "sân bay", in a task's text, context and
 * result or in its document's title); all of them when no "về X" is asked. `none` is X as the question writes it when
 * none of the tasks is about X. (Narrowing by topic keeps the whole list when nothing matches; listing every task of
 * the body then answered a question about something it is not given.)
 */
function byAbout(p: Prepared, u: Understanding, tasks: Task[], named: Set<string> | null): { tasks: Task[]; none: string | null } {
  const about = tasks.length ? aboutTasks(p, u, named) : null;
  if (!about) return { tasks, none: null };
  const kept = tasks.filter(about);
  return kept.length ? { tasks: kept, none: null } : { tasks, none: aboutPhrase(u) };
}

/** "… về những nội dung nào?", "… về lĩnh vực gì?": the "về" asks, it names no topic. */
const ASKING_PHRASE = /^(?:(?:nhung|cac)\s+)?(?:\S+\s+){0,2}(?:nao|gi)$/;

/** The words of the programme itself ("chuyển đổi số", "chương trình", "nhiệm vụ"): "về X" with only these names no topic. */
const PROGRAMME_WORDS = /^(chuyen|doi|so|nhiem|vu|chuong|trinh|phat|trien|chinh|phu|dien|tu)$/;

/** Is a task about the X of "… về X" (its head words in the task, or in its document's title)? Null when none is asked. */
function aboutTasks(p: Prepared, u: Understanding, named: Set<string> | null): ((t: Task) => boolean) | null {
  const specific = specificWords(u);
  if (!specific.length || specific.every((w) => PROGRAMME_WORDS.test(foldSyllable(w))) || ASKING_PHRASE.test(foldDiacritics(aboutPhrase(u) ?? "").toLowerCase())) return null;
  // (A document the question names is about X when X is in its title or any of its passages: "… kế hoạch triển khai
  // CSDL quốc gia về quy hoạch" names the document, and all its tasks stay.)
  const titled = namingDocuments(p, specific, named);
  const holds = p.tasks.holding(specific.length === 1 ? specific : [], specific.slice(1).map((w, k) => `${specific[k]}_${w}`));
  return (t) => titled.has(t.documentId) || holds[p.taskIndex.get(t.id)!] === 1;
}

/** How to ask again after a body's list held nothing about X. */
const ASK_BODY_LIST = "Bạn có thể hỏi danh sách nhiệm vụ của cơ quan này, hoặc hỏi lại với tên nhiệm vụ, văn bản cụ thể";

/**
 * "Không tìm thấy thông tin về nhiệm vụ nào liên quan đến X mà Bộ … chủ trì …": what was understood (`which`: the tasks
 * looked among, after "nhiệm vụ nào … X"), and how to ask again. (No count: a not-found answer cites nothing, and
 * states no fact.)
 */
function noneAboutText(about: string, which: string, suggestion = ASK_BODY_LIST, of = ""): string {
  return `Không tìm thấy thông tin về nhiệm vụ nào${of} liên quan đến "${about}" ${which} trong các văn bản hiện có. ${suggestion}`;
}

/**
 * The /api/tasks filter a list question stands for: its one agency (with its predecessors, as the chat has always
 * counted them), the one document it names, its period (a deadline ending in it) or "quá hạn". Several agencies or
 * documents are applied afterwards (the API takes one of each).
 */
function listFilter(u: Understanding, named: Set<string> | null, period: Understanding["period"], overdue: boolean): TaskFilter {
  const f: TaskFilter = { includePredecessors: true };
  if (u.agencies.length === 1) f.agency = u.agencies[0]!.name;
  if (u.agencies.length && roleAsked(u) === "coordinator") f.role = "coordinator";
  if (named?.size === 1) f.document = [...named][0]!;
  if (overdue) f.status = "overdue";
  // "trước ngày 30/6/2025" has no start: due_to alone, overdue tasks included.
  else if (period) Object.assign(f, { ...(period.start ? { dueFrom: period.start } : {}), dueTo: period.end });
  return f;
}

/** The tasks a list question selects: the shared selection, then the agencies and documents it could not take. */
function selected(kb: Knowledge, u: Understanding, named: Set<string> | null, f: TaskFilter, today: Date): Task[] {
  let tasks = selectTasks(taskIndexOf(kb.corpus.tasks), f, today.toISOString().slice(0, 10));
  if (u.agencies.length > 1) {
    const names = new Set(u.agencies.flatMap((a) => [a.name, ...predecessorsOf(a.id).map((x) => x.name)]));
    tasks = tasks.filter((t) => (roleAsked(u) === "coordinator" ? t.coordinators : t.lead).some((l) => names.has(l)));
  }
  if (named && named.size > 1) tasks = tasks.filter((t) => named.has(t.documentId));
  return tasks;
}

/** "trong quý I/2026", "trước ngày 30/6/2027": how a list's title names its period. */
const periodPhrase = (text: string) => (/^(trước|từ)\s/u.test(text) ? text : `trong ${text}`);

export function listByAgency(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): ChatAnswer {
  const agency = u.agencies[0]!;
  const roleWord = roleAsked(u) === "coordinator" ? "phối hợp" : "chủ trì";
  const pred = predecessorsOf(agency.id);
  const named = namedDocuments(documentHints(p, u, kb.corpus.documents));
  const only = { ...u, agencies: [agency] };
  // "… nhiệm vụ gì năm 2022?": a period narrows the list to tasks due in it (when it holds any).
  let period = u.period;
  let tasks = selected(kb, only, named, listFilter(only, named, period, false), today);
  if (period && tasks.length === 0) {
    period = null;
    tasks = selected(kb, only, named, listFilter(only, named, null, false), today);
  }
  const agencyWords = new Set([agency.name, ...agency.aliases].flatMap((n) => syllables(n)).flatMap((w) => [foldSyllable(w), accentedKey(w)]));
  // "… tại mục 5 phần III …": the part of the text named, when it holds any of them (its tasks all, whatever their words).
  const part = numberedPart(u, tasks);
  const about = part ? null : byAbout(p, u, tasks, named);
  if (about?.none) return ctx.notFound(u, noneAboutText(about.none, `mà ${agencyPhrase(agency.name)} ${roleWord}${period ? ` có thời hạn ${periodPhrase(period.text)}` : ""}`));
  const narrowed = part ? part.tasks : narrowByTopic(p, u, about!.tasks, agencyWords);
  const where = part ? ` (phần ${part.labels.join(" › ")} của văn bản)` : "";
  const title = `${agencyPhrase(agency.name)} ${roleWord}${period ? ` (thời hạn ${periodPhrase(period.text)})` : ""}${where}`;
  return ctx.list(narrowed, u, title, maxList, pred, u.counts && narrowed.length === tasks.length, roleAsked(u));
}

export function listByPeriod(kb: Knowledge, p: Prepared, u: Understanding, ctx: Composer, maxList: number, today: Date): ChatAnswer {
  const overdue = u.intent === "overdue";
  const named = namedDocuments(documentHints(p, u, kb.corpus.documents));
  const all = selected(kb, u, named, listFilter(u, named, u.period, overdue), today);
  const who = u.agencies.length ? ` của ${joinVi(u.agencies.map((a) => a.name))}` : "";
  // "Những nhiệm vụ nào về X đến hạn trong quý I/2026?": those about X, or none found (not every task due then).
  const about = byAbout(p, u, all, named);
  if (about.none) {
    const which = overdue ? "đã quá hạn" : `có thời hạn ${periodPhrase(u.period!.text)}`;
    return ctx.notFound(u, noneAboutText(about.none, which, `Bạn có thể hỏi lại không kèm "về …" để xem mọi nhiệm vụ${overdue ? " quá hạn" : " trong thời hạn này"}`, who));
  }
  const tasks = about.tasks;
  const title = overdue
    ? `Theo thời hạn ghi trong văn bản, tính đến ngày ${today.getUTCDate()}/${today.getUTCMonth() + 1}/${today.getUTCFullYear()}, các nhiệm vụ${who} sau đã quá hạn (văn bản không cho biết nhiệm vụ đã hoàn thành hay chưa)`
    : `Các nhiệm vụ${who} có thời hạn ${periodPhrase(u.period!.text)}`;
  return ctx.list(tasks, u, title, maxList, [], u.counts && tasks.length === all.length);
}

