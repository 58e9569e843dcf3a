// The deadline cut of /api/tasks (due_from, due_to, overdue, upcoming) is a binary-searched slice of the deadline
// order (src/tasks/select.ts); here it is checked against the plain reading of the filter, task by task, on the
// real registry, for many days and ranges, with the other filters combined.
import { beforeAll, describe, expect, it } from "vitest";
import { selectTasks, taskIndexOf, type TaskFilter } from "../src/tasks/select.ts";
import type { Task } from "../src/tasks/types.ts";
import { getKnowledge } from "./helpers/knowledge.ts";

let tasks: Task[];
beforeAll(async () => {
  tasks = (await getKnowledge()).corpus.tasks;
});

/** The filter read literally over every task, in the served order (deadline end, none last, ties in corpus order). */
function reference(all: Task[], f: TaskFilter, today: string): Task[] {
  const keep = all.filter((t) => {
    const end = t.deadline.end;
    if (f.dueFrom && !(end && end >= f.dueFrom)) return false;
    if (f.dueTo && !(end && end <= f.dueTo)) return false;
    if (f.status === "recurring") return t.deadline.kind === "recurring";
    if (f.status && (t.deadline.kind === "recurring" || !end)) return false;
    if (f.status === "overdue" && !(end! < today)) return false;
    if (f.status === "upcoming" && !(end! >= today)) return false;
    return true;
  });
  const pos = new Map(all.map((t, i) => [t, i]));
  return keep.sort((a, b) => ((a.deadline.end ?? "9999") < (b.deadline.end ?? "9999") ? -1 : (a.deadline.end ?? "9999") > (b.deadline.end ?? "9999") ? 1 : pos.get(a)! - pos.get(b)!));
}

describe("selectTasks: deadline cuts", () => {
  const days = ["2024-01-01", "2025-06-30", "2025-10-31", "2025-12-31", "2026-03-15", "2026-11-23", "2031-01-01"];

  it("overdue and upcoming on many days equal the task-by-task reading (the registry has both)", () => {
    const ix = taskIndexOf(tasks);
    let overdueSeen = 0;
    for (const today of days) {
      for (const status of ["overdue", "upcoming", "recurring"] as const) {
        const got = selectTasks(ix, { status }, today);
        expect(got, `${status} ${today}`).toEqual(reference(tasks, { status }, today));
        if (status === "overdue") overdueSeen += got.length;
      }
    }
    expect(overdueSeen).toBeGreaterThan(100);
  });

  it("due ranges (open, closed, a single day, empty, inverted) with and without a status", () => {
    const ix = taskIndexOf(tasks);
    const ranges: [string | undefined, string | undefined][] = [
      ["2025-12-01", "2025-12-31"], ["2025-12-31", "2025-12-31"], [undefined, "2025-09-30"], ["2026-01-01", undefined],
      ["2027-01-01", "2026-01-01"], ["1990-01-01", "1990-12-31"],
    ];
    for (const [dueFrom, dueTo] of ranges) {
      for (const status of [undefined, "overdue", "upcoming"] as const) {
        const f: TaskFilter = { ...(dueFrom ? { dueFrom } : {}), ...(dueTo ? { dueTo } : {}), ...(status ? { status } : {}) };
        expect(selectTasks(ix, f, "2026-03-15"), JSON.stringify(f)).toEqual(reference(tasks, f, "2026-03-15"));
      }
    }
    // A single day holds tasks: the closed range is not empty by an off-by-one.
    expect(selectTasks(ix, { dueFrom: "2025-12-31", dueTo: "2025-12-31" }, "2026-03-15").length).toBeGreaterThan(0);
  });

  it("a word filter and a document filter combine with the cut as with the plain reading", () => {
    const ix = taskIndexOf(tasks);
    const doc = tasks[0]!.documentId;
    const words = (t: Task) => ["du", "lieu"].every((w) => ix.searchText.get(t)!.includes(w));
    expect(selectTasks(ix, { q: "du lieu", status: "overdue" }, "2026-03-15")).toEqual(reference(tasks, { status: "overdue" }, "2026-03-15").filter(words));
    expect(selectTasks(ix, { document: doc, dueTo: "2025-12-31" }, "2026-03-15")).toEqual(reference(tasks, { dueTo: "2025-12-31" }, "2026-03-15").filter((t) => t.documentId === doc));
  });
});
