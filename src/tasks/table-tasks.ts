// Tasks layer (pure): table rows → task and indicator records. Columns are read by their roles
// (src/document/fields.ts), whatever their order or wording; a group row that names an agency
// ("Nhiệm vụ giao Bộ trưởng Bộ Công an chỉ đạo", "UBND các phường, xã") gives the lead of the rows under it.

import { columnRoles, type FieldRole } from "../document/fields.ts";
import type { Block, TableRow } from "../document/types.ts";
import { parseDeadline } from "../text/dates.ts";
import { agencyNames } from "./agencies.ts";
import { unitNames } from "./prose.ts";
import type { Indicator, Task } from "./types.ts";

export interface RowContext {
  docId: string;
  year: number | undefined;
  nextTaskId: () => string;
  nextIndicatorId: () => string;
  warnings: string[];
}

/** Split "Bộ Y tế chủ trì, phối hợp với Bộ Thông tin và Truyền thông" into lead and coordinators. */
export function splitLeadCoordinators(cell: string): { lead: string; coord: string } {
  const m = cell.match(/^(.*?)\s*chủ trì\s*[,;]?\s*(?:(?:và\s+)?phối hợp(?: với)?\s*(.*))?$/iu);
  if (m) return { lead: m[1]!.trim(), coord: (m[2] ?? "").trim() };
  const p = cell.match(/^(.*?)[,;]?\s*phối hợp(?: với)?\s*(.*)$/iu);
  if (p) return { lead: p[1]!.trim(), coord: p[2]!.trim() };
  return { lead: cell.trim(), coord: "" };
}

/**
 * The agency a group row assigns its rows to: "Nhiệm vụ giao Bộ trưởng Bộ Công an chỉ đạo" → "Bộ Công an",
 * "Nhiệm vụ của Sở Tài chính" → "Sở Tài chính"; null for a topic ("Hoàn thiện thể chế").
 */
export function groupLead(title: string): string | null {
  const m = title.match(/^(?:các\s+)?nhiệm vụ\s+(?:giao\s+(?:cho\s+)?|của\s+|do\s+)(?:(?:Bộ trưởng|Thủ trưởng|Giám đốc|Chủ tịch|Tổng Giám đốc)\s+)?(.+?)(?:\s+(?:chỉ đạo|chủ trì|thực hiện|triển khai)(?:\s.*)?)?$/iu);
  if (!m) return null;
  const who = m[1]!.replace(/[.:]$/, "").trim();
  return who.length >= 3 && who.length <= 120 ? who : null;
}

function cellOf(row: TableRow, roles: (FieldRole | null)[], role: FieldRole): string {
  const i = roles.indexOf(role);
  return i >= 0 ? (row.cells[i] ?? "").trim() : "";
}

function quoteOf(row: TableRow): string {
  return row.cells.filter(Boolean).join(" | ");
}

function indicatorOf(b: Block, row: TableRow, roles: (FieldRole | null)[], ctx: RowContext): Indicator | null {
  const name = cellOf(row, roles, "indicator");
  if (!name) return null;
  const monitorText = cellOf(row, roles, "monitor") || cellOf(row, roles, "lead");
  const period = [...row.groups].reverse().map((g) => g.title).find((t) => /giai đoạn|năm \d{4}|\d{4}\s*-\s*\d{4}/iu.test(t)) ?? "";
  return {
    id: ctx.nextIndicatorId(),
    documentId: ctx.docId,
    name,
    unit: cellOf(row, roles, "unit"),
    target: cellOf(row, roles, "result") || cellOf(row, roles, "target"),
    period,
    monitor: monitorNames(monitorText),
    monitorText,
    section: b.path.join(" › "),
    lines: [b.line, b.endLine],
    quote: quoteOf(row),
  };
}

/** Who a row assigns: its lead cell, a shared lead-and-coordinators cell, or the nearest group row naming one. */
function actorsOf(row: TableRow, roles: (FieldRole | null)[]): { lead: string; coord: string } {
  if (roles.includes("leadcoord")) return splitLeadCoordinators(cellOf(row, roles, "leadcoord"));
  const lead = cellOf(row, roles, "lead");
  const coord = cellOf(row, roles, "coord");
  if (lead) return { lead, coord };
  const fromGroup = [...row.groups].reverse().map((g) => groupLead(g.title)).find(Boolean);
  return { lead: fromGroup ?? "", coord };
}

/** A table row as a task or an indicator; null for rows of tables that hold neither. */
export function rowRecord(b: Block, ctx: RowContext): { task?: Task; indicator?: Indicator } | null {
  const row = b.row;
  if (!row) return null;
  const roles = columnRoles(row.headers);
  if (roles.includes("indicator")) {
    const ind = indicatorOf(b, row, roles, ctx);
    return ind ? { indicator: ind } : null;
  }
  if (!roles.includes("task")) return null;
  const text = cellOf(row, roles, "task");
  if (!text) return null;
  const { lead: leadText, coord: coordText } = actorsOf(row, roles);
  // A table of tasks without anyone to do them (a scoring grid, a list of criteria) is not a task table.
  const hasActorColumn = roles.some((r) => r === "lead" || r === "leadcoord" || r === "coord");
  if (!leadText && !hasActorColumn) return null;
  const dl = cellOf(row, roles, "deadline");
  const status = cellOf(row, roles, "status");
  const assignedBy = cellOf(row, roles, "assignedBy");
  const lead = unitNames(leadText);
  const task: Task = {
    id: ctx.nextTaskId(),
    documentId: ctx.docId,
    layout: "table",
    text,
    context: row.groups.map((g) => g.title).filter(Boolean).join(" › "),
    lead,
    leadText,
    coordinators: unitNames(coordText),
    coordinatorsText: coordText,
    result: cellOf(row, roles, "result"),
    deadline: dl ? parseDeadline(dl, ctx.year) : { kind: "none", text: "" },
    section: b.path.join(" › "),
    lines: [b.line, b.endLine],
    quote: quoteOf(row),
    ...(status ? { status } : {}),
    ...(assignedBy ? { assignedBy } : {}),
  };
  if (!leadText) ctx.warnings.push(`${ctx.docId} ${task.section}: task without lead agency`);
  if (!dl) ctx.warnings.push(`${ctx.docId} ${task.section}: task without deadline`);
  return { task };
}

/** Words a body in charge is written in when the registry and the unit shapes know neither ("Tỉnh đoàn", "Hội Nông dân tỉnh"). */
const SHORT_BODY_WORDS = 6;

/**
 * The bodies in charge of an indicator: the names the registry and the unit shapes read in its cell; a short cell they
 * read nothing in, that starts with a capital and holds no verb or number ("Tỉnh đoàn"), is one body as written.
 */
function monitorNames(text: string): string[] {
  const names = agencyNames(text);
  if (names.length) return names;
  const t = text.replace(/\s+/g, " ").trim().replace(/[.;,]$/u, "");
  return t && /^\p{Lu}/u.test(t) && t.split(" ").length <= SHORT_BODY_WORDS && !/\d/.test(t) && !/[,;:]/.test(t) ? [t] : [];
}
