// Tasks layer (pure): parsed documents → task records and indicators, from the three layouts of the
// corpus: tables (separate or shared lead/coordinator columns), "+ Field:" lists, and prose items.
// Extraction never invents: a field it cannot find stays empty and is reported as a warning.

import type { Block, ParsedDocument } from "../document/types.ts";
import { parseDeadline, type Deadline } from "../text/dates.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { agencyNames, findAgencies } from "./agencies.ts";
import type { Indicator, Task } from "./types.ts";

export interface Extraction {
  tasks: Task[];
  indicators: Indicator[];
  warnings: string[];
}

type Col = "tt" | "task" | "lead" | "coord" | "leadcoord" | "result" | "deadline" | "indicator" | "unit" | "target" | "monitor" | "other";

/** Map a table's column labels to task fields. */
export function classifyColumns(headers: string[]): Col[] {
  return headers.map((h, i) => {
    const f = foldDiacritics(h);
    if (i === 0 && /^(s?tt|so tt)$/.test(f)) return "tt";
    if (/chu tri/.test(f) && /phoi hop/.test(f)) return "leadcoord";
    if (/theo doi|danh gia/.test(f) && /chu tri|co quan/.test(f)) return "monitor";
    if (/chu tri/.test(f)) return "lead";
    if (/phoi hop/.test(f)) return "coord";
    if (/^chi tieu/.test(f)) return "indicator";
    if (/nhiem vu|noi dung|loai nen tang|ten nhiem vu|giai phap/.test(f)) return "task";
    if (/^don vi/.test(f)) return "unit";
    if (/ket qua|san pham|muc tieu/.test(f)) return "result";
    if (/thoi gian|thoi han|tien do|han hoan thanh/.test(f)) return "deadline";
    return "other";
  });
}

/** Split "Bộ Y tế chủ trì, phối hợp với Bộ Thông tin và Truyền thông" into lead and coordinators. */
export function splitLeadCoordinators(cell: string): { lead: string; coord: string } {
  const m = cell.match(/^(.*?)\s*chủ trì\s*[,;]?\s*(?:(?:và\s+)?phối hợp(?: với)?\s*(.*))?$/iu);
  if (m) return { lead: m[1]!.trim(), coord: (m[2] ?? "").trim() };
  const p = cell.match(/^(.*?)[,;]?\s*phối hợp(?: với)?\s*(.*)$/iu);
  if (p) return { lead: p[1]!.trim(), coord: p[2]!.trim() };
  return { lead: cell.trim(), coord: "" };
}

function sectionLabel(path: string[]): string {
  return path.join(" › ");
}

function lineSpan(b: Block): [number, number] {
  return [b.line, b.endLine];
}

function cleanTaskText(s: string): string {
  return s.replace(/^\s*(?:[-+•]\s*|\(?\d+\)\s*|[a-zđ]\)\s*)/u, "").replace(/\s+/g, " ").trim();
}

export function extractTasks(doc: ParsedDocument): Extraction {
  const tasks: Task[] = [];
  const indicators: Indicator[] = [];
  const warnings: string[] = [];
  const year = doc.meta.year ?? undefined;
  const docId = doc.meta.id;
  let seq = 0;
  const nextId = () => `${docId}#${++seq}`;

  const blocks = doc.blocks;
  let carried: { lead: string[]; leadText: string } | null = null;
  let carriedPath = "";

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "row" && b.row) {
      const cols = classifyColumns(b.row.headers);
      if (cols.length === 0) continue;
      const get = (c: Col) => {
        const idx = cols.indexOf(c);
        return idx >= 0 ? (b.row!.cells[idx] ?? "").trim() : "";
      };
      const groupTitles = b.row.groups.map((g) => g.title).filter(Boolean);
      if (cols.includes("indicator")) {
        const name = get("indicator");
        if (!name) continue;
        const monitorText = get("monitor") || get("lead");
        const period = [...b.row.groups].reverse().map((g) => g.title).find((t) => /giai đoạn|năm \d{4}|\d{4}\s*-\s*\d{4}/iu.test(t)) ?? "";
        indicators.push({
          id: `${docId}#i${indicators.length + 1}`,
          documentId: docId,
          name,
          unit: get("unit"),
          target: get("result") || get("target"),
          period,
          monitor: agencyNames(monitorText),
          monitorText,
          section: sectionLabel(b.path),
          lines: lineSpan(b),
          quote: b.row.cells.filter(Boolean).join(" | "),
        });
        continue;
      }
      if (!cols.includes("task") || !(cols.includes("lead") || cols.includes("leadcoord"))) continue;
      const text = get("task");
      if (!text) continue;
      let leadText = get("lead");
      let coordText = get("coord");
      if (cols.includes("leadcoord")) {
        const s = splitLeadCoordinators(get("leadcoord"));
        leadText = s.lead;
        coordText = s.coord;
      }
      const dl = get("deadline");
      const deadline: Deadline = dl ? parseDeadline(dl, year) : { kind: "none", text: "" };
      const t: Task = {
        id: nextId(),
        documentId: docId,
        layout: "table",
        text,
        context: groupTitles.join(" › "),
        lead: agencyNames(leadText),
        leadText,
        coordinators: agencyNames(coordText),
        coordinatorsText: coordText,
        result: get("result"),
        deadline,
        section: sectionLabel(b.path),
        lines: lineSpan(b),
        quote: b.row.cells.filter(Boolean).join(" | "),
      };
      if (!leadText) warnings.push(`${docId} ${t.section}: task without lead agency`);
      if (!dl) warnings.push(`${docId} ${t.section}: task without deadline`);
      tasks.push(t);
      continue;
    }

    const text = b.text;
    // --- Field lists: "- task" followed by "+ Kết quả thực hiện: …", "+ Cơ quan chủ trì …: …" ---
    if (/^[-•]\s/u.test(text) && /^\+\s*[^:]{3,60}:/u.test(blocks[i + 1]?.text ?? "")) {
      const fields: Record<string, string> = {};
      let j = i + 1;
      let end = b.endLine;
      while (j < blocks.length && blocks[j]!.kind === "text" && /^\+\s*[^:]{3,60}:/u.test(blocks[j]!.text)) {
        const m = blocks[j]!.text.match(/^\+\s*([^:]{3,60}):\s*(.*)$/u)!;
        const label = foldDiacritics(m[1]!);
        const value = m[2]!.trim().replace(/\.$/, "");
        if (/chu tri/.test(label)) fields.lead = value;
        else if (/phoi hop/.test(label)) fields.coord = value;
        else if (/ket qua|san pham/.test(label)) fields.result = value;
        else if (/thoi han|thoi gian|tien do/.test(label)) fields.deadline = value;
        end = blocks[j]!.endLine;
        j++;
      }
      if (fields.lead || fields.deadline) {
        const quote = blocks.slice(i, j).map((x) => x.text).join(" ");
        const t: Task = {
          id: nextId(),
          documentId: docId,
          layout: "fields",
          text: cleanTaskText(text),
          context: b.context.slice(-2).join(" › "),
          lead: agencyNames(fields.lead ?? ""),
          leadText: fields.lead ?? "",
          coordinators: agencyNames(fields.coord ?? ""),
          coordinatorsText: fields.coord ?? "",
          result: fields.result ?? "",
          deadline: fields.deadline ? parseDeadline(fields.deadline, year) : { kind: "none", text: "" },
          section: sectionLabel(b.path),
          lines: [b.line, end],
          quote,
        };
        if (!fields.lead) warnings.push(`${docId} line ${b.line}: field-list task without lead agency`);
        if (!fields.deadline) warnings.push(`${docId} line ${b.line}: field-list task without deadline`);
        tasks.push(t);
        i = j - 1;
        continue;
      }
    }

    // --- Prose ---
    const path = sectionLabel(b.path.slice(0, -1));
    if (carried && path !== carriedPath && !path.startsWith(carriedPath)) carried = null;
    if (/^(Căn cứ|Theo đề nghị|Nơi nhận)/u.test(text) || text.length < 25) continue;
    const found = extractProse(text, b, docId, year, carried, nextId);
    if (found.subject) {
      carried = found.subject;
      carriedPath = path;
    }
    tasks.push(...found.tasks);
  }
  return { tasks: dedupeTasks(tasks), indicators, warnings };
}

function dedupeTasks(tasks: Task[]): Task[] {
  const seen = new Set<string>();
  return tasks.filter((t) => {
    const k = `${t.documentId}|${t.text}|${t.deadline.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const DEADLINE_RE =
  /(?:(?:hoàn thành|xong|thời hạn|thời gian hoàn thành)\s*(?::\s*)?(?:trong|trước|vào|chậm nhất|trong năm|năm)?\s*(?:ngày|tháng|quý|năm)?\s*\d{1,2}(?:\s*\/\s*\d{1,4}){0,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)?|(?:hoàn thành|thực hiện)\s+trong\s+(?:năm|quý\s+[IV]+(?:\/|\s+năm\s+)?)\s*\d{4}|trước ngày\s+\d{1,2}(?:\s*\/\s*\d{1,2}(?:\s*\/\s*\d{2,4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)|trong tháng\s+\d{1,2}\s*\/\s*\d{2,4}|Nhiệm vụ thường xuyên|thực hiện thường xuyên|định kỳ hằng (?:năm|quý|tháng))/iu;

/** Find the deadline phrase in a prose unit. */
export function findDeadline(text: string, year?: number): Deadline | null {
  const m = text.match(DEADLINE_RE);
  if (!m) return null;
  let phrase = m[0];
  // "định kỳ hằng năm … trước ngày 15 tháng 12": keep both recurrence and day.
  const also = text.slice((m.index ?? 0) + phrase.length).match(/^[^.]*?(trước ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}|\s*\/\s*\d{1,2}))/u);
  if (/định kỳ hằng/iu.test(phrase) && also) phrase = `${phrase} ${also[1]}`;
  const d = parseDeadline(phrase.replace(/^(hoàn thành|xong|thời hạn|thời gian hoàn thành)\s*:?\s*/iu, (w) => (/hoàn thành/iu.test(w) ? "" : "")).trim(), year);
  const words = phrase.replace(/^(?:hoàn thành|xong)\s+/iu, "").trim();
  if (/định kỳ hằng/iu.test(phrase)) return { ...parseDeadline(words, year), kind: "recurring", text: words };
  if (d.kind === "none" && !/thường xuyên/iu.test(phrase)) return null;
  return { ...d, text: words };
}

const ACTION_START = /^(Chủ trì|Phối hợp|Xây dựng|Ban hành|Hoàn thiện|Triển khai|Tổ chức|Rà soát|Nghiên cứu|Khẩn trương|Thực hiện|Báo cáo|Hướng dẫn|Tham mưu|Trình|Đẩy mạnh|Bảo đảm|Đảm bảo|Cập nhật|Phát triển|Nâng cấp|Kết nối|Thống nhất|Hoàn thành|Tiến hành|Đôn đốc|Kiểm tra|Đề xuất|Ưu tiên|Số hóa|Chuẩn hóa|Công bố|Tăng cường|Sửa đổi)(?![\p{L}\p{N}])/u;

interface ProseUnit {
  text: string;
  /** Explicit subject text before "chủ trì"/verb, when the unit names one. */
  subjectText: string;
  deadline: Deadline | null;
  standaloneDeadline: boolean;
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ(\p{Lu}])|\s+(?=\(\d{1,2}\)\s)/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The agency phrase at the start of a sentence ("Bộ Tài chính chủ trì, …" → "Bộ Tài chính"). */
function leadingSubject(s: string): string {
  const body = s.replace(/^(?:[a-zđ]\)|\(\d+\)|[-+•])\s*/u, "");
  const ch = body.match(/^(.{3,160}?)\s+(?:chủ trì|phối hợp,|cùng phối hợp)/u);
  if (ch && findAgencies(ch[1]!).length > 0 && !ACTION_START.test(ch[1]!)) return ch[1]!.replace(/[,:]$/, "").trim();
  const colon = body.match(/^([^:]{3,140}):\s/u);
  if (colon && findAgencies(colon[1]!).length > 0 && !ACTION_START.test(colon[1]!)) return colon[1]!.trim();
  const mentions = findAgencies(body);
  const first = mentions[0];
  if (first && first.start <= 2) {
    // Subject = the leading run of agencies joined only by commas / "và".
    const k = ` ${foldDiacritics(body).replace(/[^a-z0-9&]+/g, " ").trim()} `;
    const names = [first.agency.name];
    let end = first.end;
    for (const m of mentions.slice(1)) {
      if (!/^\s*(va\s+)?$/.test(k.slice(end, m.start))) break;
      names.push(m.agency.name);
      end = m.end;
    }
    return names.join(", ");
  }
  return "";
}

function coordinatorsOf(s: string): string {
  const m = s.match(/phối hợp(?: chặt chẽ)? với\s+(.*)$/iu);
  if (!m) return "";
  const rest = m[1]!;
  const stop = rest.search(
    /\s(?:xây dựng|ban hành|rà soát|nghiên cứu|triển khai|tổ chức|hoàn thiện|trình|thực hiện|hướng dẫn|tham mưu|đề xuất|cập nhật|phát triển|bảo đảm|kết nối|thống nhất|đánh giá|sửa đổi|chỉ đạo|nâng cấp|tuyên truyền|để|trong|thúc đẩy|khẩn trương|công bố|hoàn thành|số hóa|chuẩn hóa)\b|:|\.(\s|$)/iu,
  );
  return (stop >= 0 ? rest.slice(0, stop) : rest).replace(/[,;]\s*$/, "").trim();
}

function extractProse(
  text: string,
  b: Block,
  docId: string,
  year: number | undefined,
  carried: { lead: string[]; leadText: string } | null,
  nextId: () => string,
): { tasks: Task[]; subject: { lead: string[]; leadText: string } | null } {
  const sentences = splitSentences(text);
  // Group sentences into units: a unit starts at a sentence naming a subject, "(n)" or an action verb.
  const units: ProseUnit[] = [];
  let paraSubject = "";
  for (const s of sentences) {
    const subj = leadingSubject(s);
    const isSub = /^\(\d{1,2}\)\s/u.test(s);
    const dl = findDeadline(s, year);
    const standalone = /^(?:\*\*)?(Hoàn thành|Thời hạn)/iu.test(s) && s.length < 90;
    if (!paraSubject && subj) paraSubject = subj;
    const body = s.replace(/^(?:[a-zđ]\)|\(\d+\)|[-+•])\s*/u, "");
    const startsUnit = units.length === 0 || isSub || (subj !== "" && !standalone) || (ACTION_START.test(body) && /chủ trì|phối hợp/iu.test(body.slice(0, 12)));
    if (startsUnit) units.push({ text: s, subjectText: subj, deadline: dl, standaloneDeadline: standalone });
    else {
      const u = units.at(-1)!;
      u.text += " " + s;
      if (dl && !u.deadline) {
        u.deadline = dl;
        u.standaloneDeadline = standalone;
      }
    }
  }
  // A trailing standalone "Hoàn thành …" after "(1) … (n)" applies to sub-tasks that have none.
  const subUnits = units.filter((u) => /^\(\d{1,2}\)\s/u.test(u.text));
  const last = units.at(-1);
  if (subUnits.length > 1 && last?.deadline && /(?:^|[.]\s*)(?:\*\*)?Hoàn thành[^.]*\.?\s*(?:\*\*)?$/iu.test(last.text)) {
    for (const u of subUnits) if (!u.deadline) u.deadline = last.deadline;
  }
  const intro = units[0] && !/^\(\d/.test(units[0].text) && subUnits.length > 0 ? units[0] : null;

  const tasks: Task[] = [];
  let subject: { lead: string[]; leadText: string } | null = null;
  const paraLead = paraSubject ? { lead: agencyNames(paraSubject), leadText: paraSubject } : null;
  for (const u of units) {
    if (u === intro) continue;
    const body = u.text.replace(/^(?:[a-zđ]\)|\(\d+\)|[-+•])\s*/u, "");
    const hasChuTri = /chủ trì/iu.test(body);
    const coordText = coordinatorsOf(body);
    let leadText = u.subjectText;
    let lead = leadText ? agencyNames(leadText) : [];
    // "X và Y phối hợp, hoàn thành …": both named agencies share the task.
    if (!leadText && /^(Chủ trì|Phối hợp|Thực hiện|Xây dựng|Ban hành|Khẩn trương|Triển khai|Báo cáo|Hoàn thiện|Rà soát|Nghiên cứu|Tổ chức)/u.test(body)) {
      const from = intro?.subjectText ? { lead: agencyNames(intro.subjectText), leadText: intro.subjectText } : paraLead ?? carried;
      if (from) {
        lead = from.lead;
        leadText = from.leadText;
      }
    }
    if (!leadText && intro?.subjectText) {
      leadText = intro.subjectText;
      lead = agencyNames(leadText);
    }
    if (lead.length === 0) continue;
    if (!u.deadline && !hasChuTri && !/^\(\d/.test(u.text)) {
      if (u.subjectText) subject = { lead, leadText };
      continue;
    }
    if (u.subjectText) subject = { lead, leadText };
    let coordinators = agencyNames(coordText);
    const ownCoord = coordText;
    let cText = ownCoord;
    if (!cText && intro) {
      cText = coordinatorsOf(intro.text);
      coordinators = agencyNames(cText);
    }
    // The subject itself is not its own coordinator.
    coordinators = coordinators.filter((c) => !lead.includes(c));
    const taskText = body
      .replace(/\s*\**\s*(?:Hoàn thành|Thời hạn)[^.]*\.?\s*\**\s*$/iu, "")
      .replace(/,\s*hoàn thành (?:trong|trước|theo)[^.]*\.?$/iu, ".")
      .replace(/\*\*/g, "")
      .trim();
    tasks.push({
      id: nextId(),
      documentId: docId,
      layout: "prose",
      text: taskText,
      context: [intro ? intro.text.replace(/\*\*/g, "") : "", b.context.slice(-1)[0] ?? ""].filter(Boolean).join(" › "),
      lead,
      leadText,
      coordinators,
      coordinatorsText: cText,
      result: "",
      deadline: u.deadline ?? { kind: "none", text: "" },
      section: [b.path.join(" › "), /^\(\d+\)/.test(u.text) ? u.text.match(/^\((\d+)\)/)![0] : ""].filter(Boolean).join(" › "),
      lines: [b.line, b.endLine],
      quote: u.text.replace(/\*\*/g, ""),
    });
  }
  if (!subject && paraLead && paraLead.lead.length > 0) subject = paraLead;
  return { tasks, subject };
}
