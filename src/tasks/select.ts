// Tasks layer (pure): the one task selection behind /api/tasks, the board and its exports, and the chat's lists and
// counts ("bao nhiêu nhiệm vụ …"), so that each says the same number for the same filter. The HTTP side validates
// the query and resolves a document's số hiệu to its id; this reads an already valid filter.

import { foldDiacritics } from "../text/normalize.ts";
import { nameMatches, predecessorsOf, registryAgency } from "./agencies.ts";
import type { Task } from "./types.ts";
import { eachInSlices, type Slicing } from "../text/slicing.ts";

export type TaskRole = "lead" | "coordinator" | "any";
export type DueStatus = "overdue" | "upcoming" | "recurring";

/** A valid filter: what /api/tasks?document=&agency=&role=&include_predecessors=&q=&due_from=&due_to=&status=&table_status= asks. */
export interface TaskFilter {
  /** A document id (the HTTP side maps a số hiệu to it). */
  document?: string;
  /** A registry name or alias (canonical names, predecessors on request), or any name matched by its words. */
  agency?: string;
  role?: TaskRole;
  includePredecessors?: boolean;
  /** Words that must all be in the task's folded text, context and result. */
  q?: string;
  /** ISO days: the deadline's end lies between them. */
  dueFrom?: string;
  dueTo?: string;
  status?: DueStatus;
  /** The table's own status column, diacritics aside ("dang trien khai"). */
  tableStatus?: string;
}

/** The indexes a selection starts from (the HTTP lookups hold the same, built once per index version). */
export interface TaskIndex {
  tasksByDocument: Map<string, Task[]>;
  /** All tasks by deadline end (none last), ties in corpus order: the order /api/tasks serves. */
  tasksByDeadline: Task[];
  /** The tasks with a deadline end, in that order (the head of tasksByDeadline): due ranges are slices of it. */
  dated: Task[];
  /** The same without recurring tasks: overdue and upcoming are slices of it, cut at today. */
  datedOnce: Task[];
  rank: Map<Task, number>;
  tasksByLead: Map<string, Task[]>;
  tasksByCoordinator: Map<string, Task[]>;
  /** Folded "text context result" of each task. */
  searchText: Map<Task, string>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function buildTaskIndex(tasks: readonly Task[]): TaskIndex {
  const searchText = new Map(tasks.map((t) => [t, foldedText(t)]));
  return { ...byKeys(tasks), searchText };
}

/** What a task is searched by (q): its text, context and result without diacritics ("Bộ Y tế" → "Bo Y te"). */
const foldedText = (t: Task) => foldDiacritics(`${t.text} ${t.context} ${t.result}`);
/** Deadlines are ISO dates (or absent: last): compared by code unit, which orders them as dates (no locale collation). */
const byDeadline = (a: Task, b: Task) => {
  const x = a.deadline.end ?? "9999";
  const y = b.deadline.end ?? "9999";
  return x < y ? -1 : x > y ? 1 : 0;
};

function byKeys(tasks: readonly Task[]): Omit<TaskIndex, "searchText"> {
  const tasksByDocument = new Map<string, Task[]>();
  const tasksByLead = new Map<string, Task[]>();
  const tasksByCoordinator = new Map<string, Task[]>();
  for (const t of tasks) {
    push(tasksByDocument, t.documentId, t);
    for (const n of new Set(t.lead)) push(tasksByLead, n, t);
    for (const n of new Set(t.coordinators)) push(tasksByCoordinator, n, t);
  }
  // Array.prototype.sort is stable: equal deadlines keep corpus order.
  const tasksByDeadline = [...tasks].sort(byDeadline);
  const rank = new Map(tasksByDeadline.map((t, i) => [t, i]));
  const dated = tasksByDeadline.filter((t) => t.deadline.end);
  const datedOnce = dated.filter((t) => t.deadline.kind !== "recurring");
  return { tasksByDocument, tasksByDeadline, dated, datedOnce, rank, tasksByLead, tasksByCoordinator };
}

/** The first position in `tasks` (sorted by deadline end) whose end is ≥ `day` (or > `day` when `after`). */
function boundary(tasks: Task[], day: string, after = false): number {
  let lo = 0;
  let hi = tasks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = tasks[mid]!.deadline.end!;
    if (end < day || (after && end === day)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The whole registry cut by deadline alone (due_from, due_to, overdue, upcoming): a slice of a list sorted by end,
 * found by binary search — O(log n + result), where filtering every task cost 0.9 ms a request at 10× the corpus.
 */
function byDeadlineRange(ix: TaskIndex, f: TaskFilter, today: string): Task[] {
  const once = f.status === "overdue" || f.status === "upcoming";
  const list = once ? ix.datedOnce : ix.dated;
  let lo = f.dueFrom ? boundary(list, f.dueFrom) : 0;
  let hi = f.dueTo ? boundary(list, f.dueTo, true) : list.length;
  if (f.status === "overdue") hi = Math.min(hi, boundary(list, today));
  if (f.status === "upcoming") lo = Math.max(lo, boundary(list, today));
  return lo < hi ? list.slice(lo, hi) : [];
}

const built = new WeakMap<readonly Task[], TaskIndex>();

/** The index of one task list (one loaded corpus): built on first use, or before by taskIndexInSlices. */
export function taskIndexOf(tasks: readonly Task[]): TaskIndex {
  let ix = built.get(tasks);
  if (!ix) built.set(tasks, (ix = buildTaskIndex(tasks)));
  return ix;
}

/**
 * buildTaskIndex() with the folding of the task texts (most of its time: 190–840 ms at 10×) done a slice at a time,
 * so a server loading a version keeps answering; afterwards taskIndexOf(tasks) returns it at once. Same index.
 */
export async function taskIndexInSlices(tasks: readonly Task[], s: Slicing): Promise<TaskIndex> {
  const ready = built.get(tasks);
  if (ready) return ready;
  const searchText = new Map<Task, string>();
  await eachInSlices(tasks, (t) => searchText.set(t, foldedText(t)), s);
  await s.pause();
  const ix = { ...byKeys(tasks), searchText };
  built.set(tasks, ix);
  return ix;
}

/** The tasks of an agency in the role asked, from the smallest list an index gives. */
function byAgency(ix: TaskIndex, tasks: Task[], f: TaskFilter): Task[] {
  const wanted = f.agency!.trim();
  const role = f.role ?? "lead";
  const namesOf = (t: Task) => (role === "any" ? [...t.lead, ...t.coordinators] : role === "coordinator" ? t.coordinators : t.lead);
  const textsOf = (t: Task) => (role === "any" ? [t.leadText, t.coordinatorsText] : role === "coordinator" ? [t.coordinatorsText] : [t.leadText]);
  const a = registryAgency(wanted);
  if (!a) {
    // Any other name ("Sở Tài chính", "so tai chinh"): its words, diacritics aside, in a lead/coordinator name or in
    // the cell as written. Unknown → no tasks.
    return tasks.filter((t) => namesOf(t).some((n) => nameMatches(wanted, n)) || textsOf(t).some((x) => nameMatches(wanted, x)));
  }
  // A registry agency: by its canonical name (and its predecessors' on request), as tasks store it.
  const names = new Set([a.name, ...(f.includePredecessors ? predecessorsOf(a.id).map((p) => p.name) : [])]);
  const indexed = new Set<Task>();
  for (const n of names) {
    if (role !== "coordinator") for (const t of ix.tasksByLead.get(n) ?? []) indexed.add(t);
    if (role !== "lead") for (const t of ix.tasksByCoordinator.get(n) ?? []) indexed.add(t);
  }
  const pool = f.document ? tasks : [...indexed];
  return pool.filter((t) => indexed.has(t) && namesOf(t).some((n) => names.has(n)));
}

/** Does a deadline have the status asked, on `today` (ISO)? Recurring tasks are never overdue nor upcoming. */
function hasStatus(t: Task, status: DueStatus, today: string): boolean {
  if (status === "recurring") return t.deadline.kind === "recurring";
  if (t.deadline.kind === "recurring" || !t.deadline.end) return false;
  return status === "overdue" ? t.deadline.end < today : t.deadline.end >= today;
}

/** The tasks a filter selects, in the served order (deadline end, none last). `today` is an ISO day. */
export function selectTasks(ix: TaskIndex, f: TaskFilter, today: string): Task[] {
  let tasks: Task[] = f.document ? (ix.tasksByDocument.get(f.document) ?? []) : ix.tasksByDeadline;
  let ordered = !f.document;
  if (f.agency?.trim()) {
    tasks = byAgency(ix, tasks, f);
    ordered = false;
  }
  // The whole registry cut by deadline: a slice of the deadline order, then the other filters on that.
  const ranged = ordered && f.status !== "recurring" && !!(f.dueFrom || f.dueTo || f.status);
  if (ranged) tasks = byDeadlineRange(ix, f, today);
  if (f.q) {
    const words = foldDiacritics(f.q).split(/\s+/).filter(Boolean);
    tasks = tasks.filter((t) => {
      const hay = ix.searchText.get(t) ?? "";
      return words.every((w) => hay.includes(w));
    });
  }
  if (!ranged) {
    if (f.dueFrom) tasks = tasks.filter((t) => t.deadline.end && t.deadline.end >= f.dueFrom!);
    if (f.dueTo) tasks = tasks.filter((t) => t.deadline.end && t.deadline.end <= f.dueTo!);
    if (f.status) tasks = tasks.filter((t) => hasStatus(t, f.status!, today));
  }
  if (f.tableStatus) {
    const want = foldDiacritics(f.tableStatus.trim().toLowerCase());
    tasks = tasks.filter((t) => !!t.status && foldDiacritics(t.status.toLowerCase()).includes(want));
  }
  // The served order is the precomputed one; a subset taken from another index is put back in it.
  if (!ordered) tasks = [...tasks].sort((a, b) => ix.rank.get(a)! - ix.rank.get(b)!);
  return tasks;
}

/** A filter from /api/tasks query parameters already checked ("1"/"true" include predecessors). */
export function taskFilterOf(q: Record<string, string>): TaskFilter {
  const f: TaskFilter = {};
  if (q.document) f.document = q.document;
  if (q.agency !== undefined && q.agency.trim()) f.agency = q.agency;
  if (q.role) f.role = q.role as TaskRole;
  if (q.include_predecessors === "1" || q.include_predecessors === "true") f.includePredecessors = true;
  if (q.q) f.q = q.q;
  if (q.due_from) f.dueFrom = q.due_from;
  if (q.due_to) f.dueTo = q.due_to;
  if (q.status) f.status = q.status as DueStatus;
  if (q.table_status) f.tableStatus = q.table_status;
  return f;
}
