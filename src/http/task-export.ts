// HTTP layer (pure): the task list as export rows — the columns CSV and .xlsx share, with Vietnamese headers —
// and the query parameters /api/tasks and the board accept (anything else is a 400 naming it).

import type { Task } from "../tasks/types.ts";

export const TASK_PARAMS = ["agency", "role", "include_predecessors", "document", "q", "due_from", "due_to", "status", "table_status", "page", "per_page", "format"] as const;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface TaskRow {
  document: string;
  documentStatus: string;
  section: string;
  task: string;
  lead: string;
  coordinators: string;
  result: string;
  deadlineText: string;
  /** The deadline's last day as a date (a real date cell in Excel), when it has one. */
  deadline: string | null;
  status: string;
  lines: string;
}

/** Column key, Vietnamese header, width in characters. */
export const TASK_COLUMNS: [keyof TaskRow, string, number][] = [
  ["document", "Văn bản", 18],
  ["documentStatus", "Tình trạng văn bản", 12],
  ["section", "Mục", 18],
  ["task", "Nhiệm vụ", 60],
  ["lead", "Cơ quan chủ trì", 30],
  ["coordinators", "Cơ quan phối hợp", 30],
  ["result", "Kết quả", 30],
  ["deadlineText", "Thời hạn (như văn bản)", 18],
  ["deadline", "Hạn cuối", 12],
  ["status", "Tình trạng nhiệm vụ", 16],
  ["lines", "Dòng trong văn bản", 10],
];

export type XlsxWriter = (rows: TaskRow[]) => Promise<Uint8Array<ArrayBuffer>>;

export function taskRows(tasks: Task[], docs: Map<string, { number: string | null; title: string; status: string }>): TaskRow[] {
  return tasks.map((t) => {
    const d = docs.get(t.documentId);
    return {
      document: d?.number ?? d?.title ?? t.documentId,
      documentStatus: d?.status ?? "",
      section: t.section,
      task: t.text,
      lead: t.lead.join("; ") || t.leadText,
      coordinators: t.coordinators.join("; ") || t.coordinatorsText,
      result: t.result,
      deadlineText: t.deadline.text,
      deadline: t.deadline.end ?? null,
      status: t.status ?? "",
      lines: t.lines[0] === t.lines[1] ? String(t.lines[0]) : `${t.lines[0]}–${t.lines[1]}`,
    };
  });
}
