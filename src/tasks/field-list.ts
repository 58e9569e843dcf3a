// Tasks layer (pure): labelled field lists → one field record per task, in any order and bullet style:
//   "- Xây dựng …" + "+ Cơ quan chủ trì: …" + "+ Thời hạn hoàn thành: …"
//   "a) Nhiệm vụ: …" "b) Cơ quan thực hiện:" "- Đơn vị chủ trì: …" "- Đơn vị phối hợp: …" "c) Thời gian thực hiện: …"
//   "Nhiệm vụ …; Cơ quan chủ trì: …; Thời hạn: …" (one line).
// Labels are read through the one label → role table (src/document/fields.ts).

import { fieldLine, type FieldRole } from "../document/fields.ts";
import type { Block } from "../document/types.ts";

export interface FieldRecord {
  text: string;
  lead: string;
  coord: string;
  result: string;
  deadline: string;
  status: string;
  /** The block the record starts at (its section and context). */
  first: Block;
  lines: [number, number];
  quote: string;
}

type Fields = Partial<Record<FieldRole, string>>;

/** How many blocks of task text may precede the first field (a task line wrapped into several blocks). */
const MAX_TASK_BLOCKS = 4;

const BULLET = /^\s*(?:[-+•*]|[a-zđ]\)|\(?\d{1,2}[.)])\s*/u;
const TRAILING = /[.;,]\s*$/u;
/** A "Nội dung:" field (the content of a titled item). */
const CONTENT_LABEL = /^\s*(?:[-+•*]\s*)?Nội dung\s*:/iu;

/** Fields of one block: "Cơ quan chủ trì: A; Thời hạn: B" → {lead: "A", deadline: "B"}; null when it holds none. */
export function fieldsOf(text: string): Fields | null {
  const parts = text.split(/\s*;\s*(?=[\p{Lu}][^;:]{2,60}:)/u);
  const out: Fields = {};
  let found = 0;
  for (const [k, part] of parts.entries()) {
    const f = fieldLine(part);
    if (!f) {
      // "Xây dựng X; Cơ quan chủ trì: …": the unlabelled first part is the task.
      if (k === 0 && parts.length > 1) out.task = part.replace(BULLET, "").trim();
      continue;
    }
    found++;
    // "Cơ quan thực hiện:" with nothing after it heads the "Đơn vị chủ trì / phối hợp" sub-fields.
    if (f.value === "" && f.role === "lead") continue;
    const prev = out[f.role];
    out[f.role] = prev ? `${prev}; ${f.value}` : f.value;
  }
  return found > 0 ? out : null;
}

function clean(s: string | undefined): string {
  return (s ?? "").replace(/\s+/g, " ").replace(TRAILING, "").trim();
}

/** Join labelled values with the bullets listed under an empty label ("- Đơn vị chủ trì:" then "+ Sở A", "+ Sở B"). */
function absorbSubBullets(blocks: Block[], j: number, fields: Fields, role: FieldRole): number {
  let k = j;
  const items: string[] = [];
  while (k < blocks.length && blocks[k]!.kind === "text" && /^\s*[-+•*]\s/u.test(blocks[k]!.text) && !fieldsOf(blocks[k]!.text)) {
    items.push(clean(blocks[k]!.text.replace(BULLET, "")));
    k++;
  }
  if (items.length) fields[role] = [fields[role], ...items].filter(Boolean).join("; ");
  return k;
}

/**
 * Read a field list starting at block i. Returns the record and the index after it, or null when block i
 * does not start one (no lead or deadline field follows its task text).
 */
export function readFieldList(blocks: Block[], i: number): { record: FieldRecord; next: number } | null {
  const start = blocks[i];
  if (!start || start.kind !== "text") return null;
  const taskBlocks: Block[] = [];
  let j = i;
  const own = fieldsOf(start.text);
  if (!own || (own.task === undefined && !hasActorOrTime(own))) {
    if (own) return null;
    // Task text first: up to a few blocks with no field, in the same section, then the fields.
    while (j < blocks.length && taskBlocks.length < MAX_TASK_BLOCKS && blocks[j]!.kind === "text" && !fieldsOf(blocks[j]!.text) && samePath(blocks[j]!, start)) {
      if (taskBlocks.length > 0 && BULLET.test(blocks[j]!.text) && /^[-•]/u.test(blocks[j]!.text)) break;
      taskBlocks.push(blocks[j]!);
      j++;
    }
    if (taskBlocks.length === 0 || !blocks[j] || !fieldsOf(blocks[j]!.text)) return null;
  }
  const fields: Fields = {};
  let end = j;
  while (end < blocks.length && blocks[end]!.kind === "text") {
    const f = fieldsOf(blocks[end]!.text);
    if (!f) break;
    // A second task label starts the next record.
    if (end > j && f.task !== undefined && (fields.task !== undefined || taskBlocks.length > 0)) break;
    const emptyRole = emptyLabelRole(blocks[end]!.text);
    for (const [role, value] of Object.entries(f) as [FieldRole, string][]) fields[role] = fields[role] ? `${fields[role]}; ${value}` : value;
    end++;
    if (emptyRole) end = absorbSubBullets(blocks, end, fields, emptyRole);
  }
  if (!hasActorOrTime(fields)) return null;
  // A titled item ("- Nghị định quy định chi tiết …" then "+ Nội dung: …"): the title names the task, the content
  // follows it.
  // (Only a bulleted title over a "Nội dung:" field: "Nhiệm vụ 1" over "Nhiệm vụ: …" is a heading, not a title.)
  const title = taskBlocks.map((b, k) => (k === 0 ? b.text.replace(BULLET, "") : b.text)).join(" ");
  const titled = !!title && /^\s*[-+•]\s/u.test(taskBlocks[0]!.text) && blocks.slice(j, end).some((b) => CONTENT_LABEL.test(b.text));
  const text = (titled && fields.task ? `${title.replace(/[.;,:]\s*$/u, "")}: ${fields.task}` : (fields.task ?? title)).replace(/\s+/g, " ").replace(/[;,]\s*$/u, "").trim();
  if (!text) return null;
  const used = blocks.slice(i, end);
  return {
    record: {
      text,
      lead: clean(fields.lead ?? fields.leadcoord),
      coord: clean(fields.coord),
      result: clean(fields.result),
      deadline: clean(fields.deadline),
      status: clean(fields.status),
      first: start,
      lines: [start.line, used.at(-1)!.endLine],
      quote: used.map((b) => b.text).join(" "),
    },
    next: end,
  };
}

function hasActorOrTime(f: Fields): boolean {
  return Boolean(f.lead || f.leadcoord || f.deadline);
}

function samePath(a: Block, b: Block): boolean {
  return a.path.join("|") === b.path.join("|");
}

/** The role of a label written with no value ("- Đơn vị chủ trì:"), whose value is the bullets below. */
function emptyLabelRole(text: string): FieldRole | null {
  const f = fieldLine(text);
  return f && f.value === "" ? f.role : null;
}
