// Tasks layer (pure): parsed documents → task records and indicators, from the three layouts of the
// corpus: tables (separate or shared lead/coordinator columns), "+ Field:" lists, and prose items.
// Extraction never invents: a field it cannot find stays empty and is reported as a warning.

import type { Block, ParsedDocument } from "../document/types.ts";
import { parseDeadline, type Deadline } from "../text/dates.ts";
import { foldDiacritics } from "../text/normalize.ts";
import { AGENCIES, agencyKey, agencyNames, findAgencies } from "./agencies.ts";
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
    // "Đơn vị thực hiện", "Cơ quan thực hiện", "Cơ quan chủ quản": who does it ("Đơn vị" alone is a unit of measure).
    if (/(don vi|co quan)[^|]*(thuc hien|chu quan|trien khai)|^phan cong/.test(f)) return "lead";
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
        lead: cellAgencies(leadText),
        leadText,
        coordinators: cellAgencies(coordText),
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
    // --- Targets listed as "- Quy mô kinh tế số: 20,5% GDP." under "Mục tiêu cụ thể năm 2025" / "Chỉ tiêu …" ---
    const targetSection = [...b.path, ...b.context].some((t) => /muc tieu cu the|chi tieu/.test(foldDiacritics(t)));
    const target = targetSection ? text.match(/^[-+•]\s*([^:]{4,160}?)\s*:\s*([^:]*\d[^:]{0,160})$/u) : null;
    if (target) {
      const value = target[2]!.trim().replace(/\.$/, "");
      const period = [...b.context].reverse().map((t) => t.match(/(?:năm|giai đoạn)\s+\d{4}(?:\s*-\s*\d{4})?/iu)?.[0]).find(Boolean) ?? "";
      indicators.push({
        id: `${docId}#i${indicators.length + 1}`,
        documentId: docId,
        name: target[1]!.trim(),
        unit: /\d\s*%/.test(value) ? "%" : "",
        target: value,
        period: period ? period.charAt(0).toUpperCase() + period.slice(1) : "",
        monitor: [],
        monitorText: "",
        section: sectionLabel(b.path),
        lines: lineSpan(b),
        quote: text,
      });
      continue;
    }
    // --- One-line field lists: "Nhiệm vụ …; Cơ quan chủ trì: …; Cơ quan phối hợp: …; Thời hạn: …" ---
    const inline = inlineFields(text);
    if (inline) {
      const t = fieldsTask(nextId(), docId, year, b, inline.text, inline, lineSpan(b), text);
      if (!inline.deadline) warnings.push(`${docId} line ${b.line}: field-list task without deadline`);
      tasks.push(t);
      continue;
    }
    // --- Field lists: "- task" followed by "+ Kết quả thực hiện: …", "+ Cơ quan chủ trì …: …" ---
    // The task line may wrap onto blocks of its own ("(3) …" lines of a PDF list) before the fields.
    let cont = 0;
    while (
      cont < 3 &&
      blocks[i + 1 + cont]?.kind === "text" &&
      !/^[-•+]\s/u.test(blocks[i + 1 + cont]!.text) &&
      blocks[i + 1 + cont]!.path.join("|") === b.path.join("|")
    )
      cont++;
    if (/^[-•]\s/u.test(text) && /^\+\s*[^:]{3,60}:/u.test(blocks[i + 1 + cont]?.text ?? "")) {
      const fields: Record<string, string> = {};
      let j = i + 1 + cont;
      let end = blocks[j - 1]!.endLine;
      const taskText = [text, ...blocks.slice(i + 1, j).map((x) => x.text)].join(" ");
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
        const t = fieldsTask(nextId(), docId, year, b, cleanTaskText(taskText), fields, [b.line, end], quote);
        if (!fields.lead) warnings.push(`${docId} line ${b.line}: field-list task without lead agency`);
        if (!fields.deadline) warnings.push(`${docId} line ${b.line}: field-list task without deadline`);
        tasks.push(t);
        i = j - 1;
        continue;
      }
    }

    // --- Prose ---
    const fullPath = sectionLabel(b.path);
    if (carried && !fullPath.startsWith(carriedPath)) carried = null;
    // "c) Văn phòng Chính phủ" / "2. Các bộ, ngành, địa phương có trách nhiệm:" heads the bullets below it.
    const who = /^(?:[a-zđ]\)|\d{1,2}[.)])\s/u.test(text) ? agencyHeading(text) : null;
    if (who) {
      const name = who.replace(/\s*\([^)]*\)\s*$/u, "");
      carried = { lead: agencyNames(name), leadText: name };
      carriedPath = fullPath;
      continue;
    }
    // Preamble ("Căn cứ Luật …", "Theo đề nghị của …"), not "Căn cứ kết quả rà soát, xác định …".
    if (/^(Căn cứ\s+(?:Luật|Bộ luật|Hiến pháp|Nghị|Quyết|Chỉ thị|Thông tư|Kết luận|Quy định|Quy chế|Kế hoạch|Văn bản|Công văn)|Theo đề nghị|Nơi nhận)/u.test(text) || text.length < 25) continue;
    // The list of recipients names agencies but assigns nothing.
    if (b.path.some((p) => /^Nơi nhận/u.test(p))) continue;
    const found = extractProse(text, b, docId, year, carried, nextId);
    if (found.subject) {
      carried = found.subject;
      // An item's own subject ("a) Bộ X …") carries to the next sentences of the same list.
      carriedPath = /^(?:[a-zđ]\)|\d{1,2}[.)])\s/u.test(text) ? sectionLabel(b.path.slice(0, -1)) : fullPath;
    }
    tasks.push(...found.tasks);
  }
  return { tasks: dedupeTasks(tasks), indicators, warnings };
}

const UNIT_START = /^(?:Sở|Cục|Tổng cục|Vụ|Viện|Trung tâm|Học viện|Đại học|Trường|Tập đoàn|Tổng công ty|Công ty|Đài|Báo|Ban|Ủy ban nhân dân (?:tỉnh|thành phố|quận|huyện|xã|phường)|UBND (?:tỉnh|thành phố|quận|huyện|xã|phường))\s+\S/u;

/**
 * Agencies named in a table cell or field: the registry's names, plus bodies it does not know that the cell
 * names plainly ("Sở Nông nghiệp và Môi trường; Văn phòng Chính phủ" → both), in the order written.
 */
/** A task written as a list of fields ("+ Cơ quan chủ trì: …", or "Nhiệm vụ …; Cơ quan chủ trì: …"). */
function fieldsTask(
  id: string,
  documentId: string,
  year: number | undefined,
  b: Block,
  text: string,
  f: { lead?: string; coord?: string; result?: string; deadline?: string },
  lines: [number, number],
  quote: string,
): Task {
  return {
    id,
    documentId,
    layout: "fields",
    text,
    context: b.context.slice(-2).join(" › "),
    lead: cellAgencies(f.lead ?? ""),
    leadText: f.lead ?? "",
    coordinators: cellAgencies(f.coord ?? ""),
    coordinatorsText: f.coord ?? "",
    result: f.result ?? "",
    deadline: f.deadline ? parseDeadline(f.deadline, year) : { kind: "none", text: "" },
    section: sectionLabel(b.path),
    lines,
    quote,
  };
}

function cellAgencies(cell: string): string[] {
  const known = findAgencies(cell).map((m) => ({ at: m.start, name: m.agency.name }));
  const extra: { at: number; name: string }[] = [];
  let offset = 0;
  // Split on ";" / "," and on "và" only before another body ("Sở A và Sở B", not "Sở Nông nghiệp và Môi trường").
  for (const seg of cell.split(/([;,]|\svà\s(?=(?:Sở|Cục|Tổng cục|Vụ|Viện|Trung tâm|Tập đoàn|Ban|Bộ|Ủy ban|UBND)\s))/u)) {
    const t = seg.trim().replace(/[.;]$/, "");
    if (UNIT_START.test(t) && findAgencies(t).length === 0) extra.push({ at: agencyKey(cell.slice(0, offset)).length + 1, name: t });
    offset += seg.length;
  }
  const seen = new Set<string>();
  const names = agencyNames(cell);
  return [...known.filter((k) => names.includes(k.name)), ...extra]
    .sort((a, b) => a.at - b.at)
    .map((x) => x.name)
    .filter((n) => {
      if (seen.has(n)) return false;
      seen.add(n);
      return true;
    });
}

/** Which task field a label names: "Cơ quan chủ trì tổ chức triển khai" → lead, "Thời hạn hoàn thành" → deadline. */
function fieldOf(label: string): "lead" | "coord" | "result" | "deadline" | null {
  const f = foldDiacritics(label);
  if (/chu tri/.test(f)) return "lead";
  if (/phoi hop/.test(f)) return "coord";
  if (/ket qua|san pham/.test(f)) return "result";
  if (/thoi han|thoi gian|tien do/.test(f)) return "deadline";
  return null;
}

/**
 * "Nhiệm vụ xây dựng X; Cơ quan chủ trì: Bộ Công an; Thời hạn: Tháng 12/2026." → the task and its fields,
 * when a sentence carries at least a lead and one more labelled field.
 */
function inlineFields(text: string): { text: string; lead?: string; coord?: string; result?: string; deadline?: string } | null {
  const body = text.replace(/^(?:[-+•]|[a-zđ]\)|\d{1,2}[.)])\s*/u, "");
  const parts = body.split(/\s*;\s*(?=[\p{Lu}][^;:]{2,60}:)/u);
  if (parts.length < 3) return null;
  const out: { text: string; lead?: string; coord?: string; result?: string; deadline?: string } = { text: "" };
  for (const part of parts.slice(1)) {
    const m = part.match(/^([^:]{3,60}):\s*(.*)$/u);
    const field = m ? fieldOf(m[1]!) : null;
    if (!m || !field) return null;
    out[field] = m[2]!.trim().replace(/[.;]$/, "");
  }
  if (!out.lead || (!out.deadline && !out.result && !out.coord)) return null;
  // "Nhiệm vụ xây dựng …" / "Nhiệm vụ: Xây dựng …": the label word is not part of the task.
  out.text = parts[0]!
    .replace(/^Nhiệm vụ\s*:?\s*(?=\p{L})/u, "")
    .replace(/^\p{Ll}/u, (c) => c.toUpperCase())
    .trim();
  return out.text ? out : null;
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

/**
 * The cited text must show who acts: a sub-task "(2) …" or a sentence whose subject was carried over
 * gets the words naming the agency in front ("Bộ Công an: … (2) Chủ trì xây dựng …").
 */
function quoteWithLead(unit: string, intro: string | undefined, leadText: string): string {
  const clean = (x: string) => x.replace(/\*\*/g, "").trim();
  const u = clean(unit);
  if (intro && !u.startsWith(clean(intro))) return `${clean(intro)} … ${u}`;
  if (leadText && !foldDiacritics(u).includes(foldDiacritics(leadText))) return `${leadText}: … ${u}`;
  return u;
}

const DEADLINE_RE =
  /(?:(?:hoàn thành|xong|thời hạn|thời gian hoàn thành)\s*(?::\s*)?(?:trong|trước|vào|chậm nhất|trong năm|năm)?\s*(?:ngày|tháng|quý|năm)?\s*\d{1,2}(?!\d)(?:\s*\/\s*\d{1,4}){0,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)?|(?:hoàn thành|thực hiện)\s+(?:trong|trước)\s+(?:năm|quý\s+[IV]+(?:\/|\s+năm\s+)?)\s*\d{4}|trước ngày\s+\d{1,2}(?:\s*\/\s*\d{1,2}(?:\s*\/\s*\d{2,4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)(?:\s+(?:của\s+)?năm\s+(?:tiếp theo|sau))?|trong tháng\s+\d{1,2}\s*\/\s*\d{2,4}|Nhiệm vụ thường xuyên|thực hiện thường xuyên|định kỳ h[ằà]ng (?:năm|quý|tháng))/iu;

/** Find the deadline phrase in a prose unit. */
export function findDeadline(text: string, year?: number): Deadline | null {
  const m = text.match(DEADLINE_RE);
  if (!m) {
    // A sentence of its own saying only how often: "Thường xuyên trong 6 tháng cuối năm 2025."
    const own = text.match(/(?:^|[.;]\s+)(?:\*\*)?((?:Thường xuyên|Hằng năm|Hàng năm|Định kỳ h[ằà]ng (?:năm|quý|tháng))[^.;]{0,60})\.?\s*(?:\*\*)?$/u);
    if (own) return parseDeadline(own[1]!, year);
    // "… các Bộ, ngành, địa phương thường xuyên tổ chức đào tạo …": an adverb of frequency before the verb.
    const often = text.match(
      /(?:^|[\s,])(thường xuyên|định kỳ h[ằà]ng (?:năm|quý|tháng)|h[ằà]ng năm)(?=\s+(?:tổ chức|cập nhật|phối hợp|theo dõi|kiểm tra|rà soát|đánh giá|báo cáo|đào tạo|bồi dưỡng|tuyên truyền|tập huấn|giám sát|đôn đốc|công bố|họp|thực hiện|triển khai)(?![\p{L}]))/u,
    );
    if (often) return { kind: "recurring", text: often[1]! };
    return null;
  }
  let phrase = m[0];
  // "định kỳ hằng năm … trước ngày 15 tháng 12": keep both recurrence and day.
  const also = text.slice((m.index ?? 0) + phrase.length).match(/^[^.]*?(trước ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}|\s*\/\s*\d{1,2}))/u);
  if (/định kỳ h[ằà]ng/iu.test(phrase) && also) phrase = `${phrase} ${also[1]}`;
  const words = phrase.replace(/^(?:hoàn thành|xong)\s+/iu, "").replace(/^(?:thời hạn|thời gian hoàn thành)\s*:?\s*/iu, "").trim();
  const d = parseDeadline(words, year);
  if (/định kỳ h[ằà]ng/iu.test(phrase)) return { ...d, kind: "recurring", text: words };
  if (d.kind === "none" && !/thường xuyên/iu.test(phrase)) return null;
  return { ...d, text: words };
}

/** Verbs that open a task sentence whose subject is carried from the context (item intro, heading). */

const ACTION_START =
  /^(Chủ trì|Phối hợp|Xây dựng|Ban hành|Hoàn thiện|Triển khai|Tổ chức|Rà soát|Nghiên cứu|Khẩn trương|Thực hiện|Báo cáo|Hướng dẫn|Tham mưu|Trình|Đẩy mạnh|Bảo đảm|Đảm bảo|Cập nhật|Phát triển|Nâng cấp|Kết nối|Thống nhất|Hoàn thành|Tiến hành|Đôn đốc|Kiểm tra|Đề xuất|Ưu tiên|Số hóa|Chuẩn hóa|Công bố|Tăng cường|Sửa đổi|Tiếp tục|Tổng kết|Chủ động|Tập trung|Bổ sung|Cung cấp|Duy trì|Đánh giá|Bố trí|Huy động|Giám sát|Theo dõi|Lựa chọn|Hỗ trợ|Nhanh chóng|Kịp thời|Cùng với|Chỉ đạo|Đa dạng hóa|Ứng dụng|Tuyên truyền|Thành lập|Kiện toàn|Mở rộng|Thiết lập|Phổ biến|Đầu tư|Lập|Gửi|Căn cứ kết quả)(?![\p{L}\p{N}])/u;

/** Lower-case verbs that end an agency list ("phối hợp với Bộ Xây dựng, Bộ Công an xây dựng …"). Case-sensitive: "Bộ Xây dựng" is a name. */
const VERB_STOP =
  /\s(?:xây dựng|ban hành|rà soát|nghiên cứu|triển khai|tổ chức|hoàn thiện|trình|thực hiện|hướng dẫn|tham mưu|đề xuất|cập nhật|phát triển|bảo đảm|đảm bảo|kết nối|thống nhất|đánh giá|sửa đổi|chỉ đạo|nâng cấp|tuyên truyền|để|trong|thúc đẩy|khẩn trương|công bố|hoàn thành|số hóa|chuẩn hóa|tập trung|hỗ trợ|ứng dụng|giám sát|tổng kết|chủ động|tiến hành|bố trí|lập|gửi|có trách nhiệm|chịu trách nhiệm|kịp thời|tiếp tục|cung cấp|duy trì|theo dõi|đôn đốc)(?![\p{L}])|:|\.(\s|$)/u;

const ASSIGN_VERB =
  /\s(?:xây dựng|ban hành|rà soát|nghiên cứu|triển khai|tổ chức|hoàn thiện|trình|thực hiện|hướng dẫn|tham mưu|đề xuất|cập nhật|phát triển|bảo đảm|đảm bảo|kết nối|thống nhất|đánh giá|sửa đổi|chỉ đạo|nâng cấp|tuyên truyền|thúc đẩy|công bố|hoàn thành|số hóa|chuẩn hóa|hỗ trợ|ứng dụng|giám sát|tổng kết|bố trí|lập|gửi|cung cấp|duy trì|theo dõi|đôn đốc|tích hợp|đồng bộ|phối hợp|chịu trách nhiệm|có trách nhiệm|bổ sung|kiểm tra|thẩm định|phê duyệt|hỗ trợ|tập huấn|đào tạo|báo cáo|lựa chọn|thành lập)(?![\p{L}])/u;

const FOLDED_VERBS = / (xay dung|ban hanh|ra soat|nghien cuu|trien khai|to chuc|hoan thien|trinh|thuc hien|huong dan|de xuat|cap nhat|phat trien|bao dam|dam bao|ket noi|danh gia|sua doi|chi dao|nang cap|hoan thanh|tap trung|ho tro|giao|theo|tai|ve|doi voi|trong) /;

interface ProseUnit {
  text: string;
  /** Explicit subject text before "chủ trì"/verb, when the unit names one. */
  subjectText: string;
  deadline: Deadline | null;
  standaloneDeadline: boolean;
}

function splitSentences(text: string): string[] {
  const parts = text
    .split(/(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ(\p{Lu}])|\s+(?=\(\d{1,2}\)\s)/u)
    .map((s) => s.trim())
    .filter(Boolean);
  // "3. Đài Truyền hình …": a list number is not a sentence of its own.
  const out: string[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if (prev !== undefined && /^(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]+)\.$/u.test(prev)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

/** List markers at the start of an item, alone or combined: "a) ", "(2) ", "3. ", "- ", "- a) ". */
const MARKER = /^(?:[-+•]\s*)?(?:[a-zđ]\)|\(\d+\)|\d{1,2}[.)])?\s*/u;

/** True when a phrase is made of agency names only (joined by commas, "và", "cùng"). */
function agencyOnly(phrase: string): boolean {
  const mentions = findAgencies(phrase);
  if (mentions.length === 0) return false;
  let k = ` ${agencyKey(phrase)} `;
  for (const m of mentions) k = k.slice(0, m.start) + " ".repeat(m.end - m.start) + k.slice(m.end);
  return k.split(/\s+/).filter(Boolean).every((w) => /^(va|cung|cac|voi)$/.test(w));
}

/**
 * "Các bộ, cơ quan: Công an, Nội vụ, Tài chính, Văn phòng Trung ương Đảng …" names ministries without "Bộ":
 * rewrite the list so the registry finds them ("Bộ Công an, Bộ Nội vụ, …").
 */
function expandMinistryList(s: string): string {
  const m = s.match(/^(Các bộ(?:,\s*cơ quan)?(?:\s+ngang bộ)?)\s*:\s*/iu);
  if (!m) return s;
  let rest = s.slice(m[0].length);
  const out: string[] = [];
  const ministries = AGENCIES.filter((a) => a.kind === "ministry" && a.name.startsWith("Bộ "));
  for (let guard = 0; guard < 12 && rest; guard++) {
    const rk = foldDiacritics(rest);
    let hit = "";
    for (const a of ministries) {
      for (const n of [a.name, ...a.aliases]) {
        if (!n.startsWith("Bộ ")) continue;
        const bare = foldDiacritics(n.slice(3));
        if (rk.startsWith(bare) && !/[\p{L}]/u.test(rest.charAt(bare.length)) && bare.length > hit.length) hit = rest.slice(0, bare.length);
      }
    }
    let taken = "";
    if (hit) taken = `Bộ ${hit}`;
    else {
      const f = findAgencies(rest)[0];
      const lead = f ? rest.slice(0, rest.search(/[,;]|\svà\s/u) >= 0 ? rest.search(/[,;]|\svà\s/u) : rest.length) : "";
      if (f && f.start <= 2 && agencyOnly(lead)) {
        hit = lead;
        taken = lead;
      }
    }
    if (!hit) break;
    out.push(taken);
    rest = rest.slice(hit.length);
    const sep = rest.match(/^\s*(?:,|;|và)\s*/u);
    if (!sep) break;
    rest = rest.slice(sep[0].length);
  }
  if (out.length === 0) return s;
  return `${out.join(", ")} ${rest}`.trim();
}

/** The agency phrase at the start of a sentence ("Bộ Tài chính chủ trì, …" → "Bộ Tài chính"). */
function leadingSubject(s: string): string {
  let body = expandMinistryList(s.replace(MARKER, ""));
  // "Về kinh phí thực hiện, Bộ Khoa học và Công nghệ rà soát …": the topic is not the subject.
  body = body.replace(/^Về [^,]{2,60},\s*/u, "");
  const ch = body.match(/^(.{3,160}?)\s+(?:chủ trì|phối hợp,|cùng phối hợp|có trách nhiệm|chịu trách nhiệm)/u);
  if (ch && !ACTION_START.test(ch[1]!) && agencyOnly(ch[1]!.replace(/[,:]$/, ""))) return ch[1]!.replace(/[,:]$/, "").trim();
  const colon = body.match(/^([^:]{3,140}):\s/u);
  if (colon && !ACTION_START.test(colon[1]!) && agencyOnly(colon[1]!)) return colon[1]!.trim();
  const mentions = findAgencies(body);
  const first = mentions[0];
  if (!first) return "";
  const k = ` ${agencyKey(body)} `;
  // Words before the first agency: none, a determiner ("Mỗi", "Các"), or a noun phrase without verbs
  // ("Các tập đoàn, tổng công ty, doanh nghiệp công nghệ số …").
  const prefix = k.slice(1, first.start).trim();
  const prefixOk =
    first.start <= 2 ||
    /^(moi|tung|cac|toan bo)$/.test(prefix) ||
    (prefix.length <= 40 && /^cac /.test(prefix) && !ACTION_START.test(body) && !FOLDED_VERBS.test(` ${prefix} `) && !/\d/.test(prefix));
  if (!prefixOk) return "";
  // Subject = the leading run of agencies joined only by commas / "và".
  const names = [first.agency.name];
  let end = first.end;
  for (const m of mentions.slice(1)) {
    if (!/^\s*(va\s+)?$/.test(k.slice(end, m.start))) break;
    names.push(m.agency.name);
    end = m.end;
  }
  return names.join(", ");
}

function coordinatorsOf(s: string): string {
  const m = s.match(/[Pp]hối hợp(?: chặt chẽ)?(?:\s+với|\s+cùng)?\s+(?=\p{Lu}|các\s|cơ quan)(.*)$/u);
  if (!m) return "";
  const rest = m[1]!;
  const stop = rest.search(VERB_STOP);
  return (stop >= 0 ? rest.slice(0, stop) : rest).replace(/[,;]\s*$/, "").trim();
}

/** A block that only names who is responsible ("c) Văn phòng Chính phủ", "2. Các bộ, ngành, địa phương có trách nhiệm:"). */
function agencyHeading(text: string): string | null {
  const t = text.replace(MARKER, "").replace(/\s*(?:có trách nhiệm|thực hiện)?\s*:?\s*$/u, "").trim();
  if (t.length < 3 || t.length > 160) return null;
  const bare = t.replace(/\s*\([^)]*\)\s*$/u, "").trim();
  return agencyOnly(bare) ? t : null;
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
  // A bullet or lettered item is a task of whoever it is addressed to, even without a deadline.
  const isItem = /^(?:[-•]\s*)?(?:[a-zđ]\)|\d{1,2}[.)]|[-•])\s/u.test(text) || /^[-•]\s/u.test(text);
  // Group sentences into units: a unit starts at a sentence naming a subject, "(n)" or an action verb.
  const units: ProseUnit[] = [];
  let paraSubject = "";
  for (const s of sentences) {
    const subj = leadingSubject(s);
    const isSub = /^\(\d{1,2}\)\s/u.test(s);
    const dl = findDeadline(s, year);
    const standalone = /^(?:\*\*)?(Hoàn thành|Thời hạn|Nhiệm vụ thường xuyên|Thường xuyên)/iu.test(s) && s.length < 90;
    if (!paraSubject && subj && units.length === 0) paraSubject = subj;
    const body = s.replace(MARKER, "");
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
  // A trailing standalone "Hoàn thành …" / "Nhiệm vụ thường xuyên." after "(1) … (n)" applies to sub-tasks that have none.
  const subUnits = units.filter((u) => /^\(\d{1,2}\)\s/u.test(u.text));
  const last = units.at(-1);
  if (subUnits.length > 1 && last?.deadline && /(?:^|[.]\s*)(?:\*\*)?(?:Hoàn thành|Nhiệm vụ thường xuyên|Thường xuyên)[^.]*\.?\s*(?:\*\*)?$/iu.test(last.text)) {
    for (const u of subUnits) if (!u.deadline) u.deadline = last.deadline;
  }
  // The words before "(1)" introduce the sub-tasks when they end with a colon ("Bộ Công an: (1) …");
  // otherwise they are a task of their own whose "(1)" was lost ("- Nhanh chóng bố trí …. (2) …").
  const intro = units[0] && !/^\(\d/.test(units[0].text) && subUnits.length > 0 && /:\s*(?:\*\*)?$/u.test(units[0].text.trim()) ? units[0] : null;
  // "Bộ Công an chủ trì, phối hợp với: (1) Các bộ, ngành … (2) Viện Kiểm sát …": the sub-items name coordinators.
  const introLeadsAll = intro !== null && intro.subjectText !== "" && /(?:phối hợp|cùng)(?: chặt chẽ)?(?: với)?\s*:\s*$/u.test(intro.text.replace(/\*\*/g, "").trim());

  const tasks: Task[] = [];
  let subject: { lead: string[]; leadText: string } | null = null;
  const paraLead = paraSubject ? { lead: agencyNames(paraSubject), leadText: paraSubject } : null;
  for (const u of units) {
    if (u === intro) continue;
    const body = u.text.replace(MARKER, "");
    const isSub = /^\(\d/.test(u.text);
    const hasChuTri = /chủ trì/iu.test(body);
    let coordText = coordinatorsOf(body);
    let leadText = u.subjectText;
    let lead = leadText ? agencyNames(leadText) : [];
    if (introLeadsAll && intro) {
      if (leadText) coordText = leadText;
      leadText = intro.subjectText;
      lead = agencyNames(leadText);
    }
    // A unit without its own subject carries the one of its item, paragraph or heading.
    let inherited = false;
    if (!leadText && (ACTION_START.test(body) || isSub || u.deadline)) {
      const from = intro?.subjectText ? { lead: agencyNames(intro.subjectText), leadText: intro.subjectText } : paraLead ?? carried;
      if (from) {
        lead = from.lead;
        leadText = from.leadText;
        inherited = true;
      }
    }
    if (lead.length === 0) continue;
    const first = u === units[0] || (intro !== null && u === units[1]);
    // Without a deadline or "chủ trì", an item is an assignment only when it says what to do (a verb):
    // "Các doanh nghiệp khởi nghiệp đổi mới, sáng tạo về công nghệ số." describes, it does not assign.
    const assigned = isItem && first && ((u.subjectText !== "" && ASSIGN_VERB.test(body)) || (inherited && ACTION_START.test(body)));
    if (!u.deadline && !hasChuTri && !isSub && !assigned) {
      if (u.subjectText && first) subject = { lead, leadText };
      continue;
    }
    if (u.subjectText && !introLeadsAll) subject = { lead, leadText };
    let cText = coordText;
    if (!cText && intro && !introLeadsAll) cText = coordinatorsOf(intro.text);
    // The subject itself is not its own coordinator.
    const coordinators = agencyNames(cText).filter((c) => !lead.includes(c));
    // Drop a trailing deadline sentence ("… . **Hoàn thành trong tháng 8/2025.**") or clause (", hoàn thành …").
    const taskText =
      body
        .replace(/(?<=[.;])\s*\**\s*(?:Hoàn thành|Thời hạn|Nhiệm vụ thường xuyên|Thường xuyên)[^.]*\.?\s*\**\s*$/u, "")
        .replace(/,\s*\**\s*hoàn thành (?:trong|trước|theo)[^.]*\.?\s*\**$/u, ".")
        .replace(/\*\*/g, "")
        .trim() || body.replace(/\*\*/g, "").trim();
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
      section: [b.path.join(" › "), isSub ? u.text.match(/^\((\d+)\)/)![0] : ""].filter(Boolean).join(" › "),
      lines: [b.line, b.endLine],
      quote: quoteWithLead(u.text, intro?.text, leadText),
    });
  }
  if (!subject && paraLead && paraLead.lead.length > 0) subject = paraLead;
  return { tasks, subject };
}
