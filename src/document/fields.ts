// Document layer (pure): the one table of labels → task-field roles, used for table headers
// ("Cơ quan chủ trì" column) and for labelled field lists ("- Đơn vị chủ trì: Sở Tài chính") alike.
// Labels are compared folded (no diacritics, lower case), so "Thời hạn hoàn thành" = "thoi han hoan thanh".

import { foldDiacritics } from "../text/normalize.ts";

export type FieldRole =
  | "tt" // item number: STT, TT, Số TT
  | "task" // Nhiệm vụ, Tên nhiệm vụ, Nội dung (công việc), Giải pháp
  | "lead" // Cơ quan / Đơn vị chủ trì, Cơ quan thực hiện, Đơn vị chủ quản (with an empty value in a field list,
  //          "Cơ quan thực hiện:" heads sub-bullets "- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …")
  | "coord" // Cơ quan / Đơn vị phối hợp
  | "leadcoord" // one cell for both: "Cơ quan chủ trì và cơ quan phối hợp"
  | "result" // Sản phẩm, Kết quả (dự kiến), Kết quả thực hiện (of a plan), Mục tiêu
  | "deadline" // Thời gian / Thời hạn / Tiến độ (hoàn thành / thực hiện / triển khai / ban hành)
  | "status" // Tình trạng, Trạng thái, Tình hình thực hiện, Kết quả thực hiện (of a progress report)
  | "assignedBy" // Văn bản giao nhiệm vụ
  | "indicator" // Chỉ tiêu
  | "unit" // Đơn vị tính, Đơn vị (of a measure)
  | "target" // Giá trị, Chỉ tiêu đến năm …
  | "monitor" // Cơ quan chủ trì theo dõi, đánh giá
  | "funding" // Nguồn kinh phí, Kinh phí
  | "note"; // Ghi chú

interface LabelRule {
  role: FieldRole;
  /** Folded label must match this (anchored where the label's position matters). */
  test: RegExp;
}

// Order matters: the first rule that matches wins ("chủ trì theo dõi" is a monitor, not a lead;
// "chủ trì và phối hợp" is one shared cell, not two columns).
const RULES: LabelRule[] = [
  { role: "tt", test: /^(s?tt|so tt|so thu tu|thu tu)$/ },
  { role: "leadcoord", test: /chu tri.*phoi hop|phoi hop.*chu tri/ },
  { role: "monitor", test: /(chu tri|co quan|don vi).*(theo doi|danh gia)/ },
  // ("Bộ phụ trách tiếp nhận, xử lý" heads the column of who handles each proposal in a table of proposals.)
  { role: "lead", test: /chu tri|chu quan|(co quan|don vi) (thuc hien|trien khai|tham muu)|^phan cong|^giao cho|^(bo|co quan|don vi) (phu trach|tiep nhan|xu ly|giai quyet)/ },
  { role: "coord", test: /phoi hop/ },
  { role: "assignedBy", test: /^van ban (giao|chi dao)/ },
  // "Kết quả thực hiện" heads a progress report's column ("Đã hoàn thành …"); as a field of a plan's task
  // it names the expected result. The caller decides by the other columns (see roleOfColumn).
  { role: "status", test: /^(tinh trang|trang thai|tinh hinh thuc hien|muc do hoan thanh)/ },
  { role: "indicator", test: /^(ten )?chi tieu$|^chi tieu (?!den)/ },
  { role: "target", test: /^(gia tri|muc tieu den|chi tieu den|ke hoach nam)/ },
  { role: "deadline", test: /^(thoi gian|thoi han|tien do|han hoan thanh|thoi diem|moc thoi gian|nam hoan thanh)/ },
  { role: "result", test: /^(san pham|ket qua|muc tieu|yeu cau)/ },
  { role: "unit", test: /^don vi( tinh)?$/ },
  { role: "funding", test: /kinh phi|nguon von/ },
  { role: "note", test: /^ghi chu/ },
  { role: "task", test: /nhiem vu|noi dung|giai phap|cong viec|ten (du an|de an|nen tang|he thong)|loai nen tang|hoat dong|de an|du an|^(thong tin )?(de xuat|kien nghi)( |$)/ },
];

/** Fold a label for matching: "**Thời hạn hoàn thành:**" → "thoi han hoan thanh". */
export function foldLabel(label: string): string {
  return foldDiacritics(label)
    .replace(/[*_:()[\]]/g, " ")
    .replace(/\s*\/\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The field a label names, or null: "Đơn vị chủ trì" → "lead", "Thời gian dự kiến hoàn thành" → "deadline". */
export function fieldRoleOf(label: string): FieldRole | null {
  const f = foldLabel(label);
  if (!f || f.length > 80) return null;
  for (const r of RULES) if (r.test.test(f)) return r.role;
  return null;
}

/**
 * Roles of a table's header cells. A column named "Kết quả thực hiện" next to a deadline column and no
 * other result column is the expected result; next to an "assignedBy" column it is the progress status.
 */
export function columnRoles(headers: string[]): (FieldRole | null)[] {
  const roles = headers.map((h, i) => {
    const r = fieldRoleOf(h);
    // "TT" only counts as the number column in first position; elsewhere a short label is not a number.
    if (r === "tt" && i > 0) return null;
    return r;
  });
  const folded = headers.map(foldLabel);
  const progressReport = roles.includes("assignedBy");
  // "Tiến độ" beside its own deadline column ("Thời hạn") is where the task stands: "Đã hoàn thành".
  const otherDeadline = folded.some((h, i) => roles[i] === "deadline" && !/^tien do/.test(h));
  return roles.map((r, i) =>
    (r === "result" && progressReport && /^ket qua thuc hien/.test(folded[i]!)) || (r === "deadline" && otherDeadline && /^tien do/.test(folded[i]!)) ? "status" : r,
  );
}

/** Labels that open a field in running text: "Cơ quan chủ trì:", "b) Thời gian thực hiện:", "+ Sản phẩm:". */
export const FIELD_LABEL = /^\s*(?:[-+•*]\s*)?(?:[a-zđ]\)\s*|\d{1,2}[.)]\s*)?([^:;.]{3,60}?)\s*:\s*(.*)$/su;

/** Words a field label starts with (folded): "Cơ quan …", "Thời hạn …", "Sản phẩm", "Nhiệm vụ" … */
const LABEL_HEAD = /^(co quan|don vi|thoi gian|thoi han|thoi diem|tien do|san pham|ket qua|nhiem vu|noi dung|tinh trang|tinh hinh|trang thai|van ban|kinh phi|nguon|chu tri|phoi hop|han|moc|giai phap|ten|ghi chu|muc tieu|chi tieu|phan cong|giao cho|cong viec|hoat dong|lo trinh|nam hoan thanh)( |$)/;

/** Split "Label: value" when the label is a known field; null otherwise. */
export function fieldLine(text: string): { role: FieldRole; label: string; value: string } | null {
  const m = text.match(FIELD_LABEL);
  if (!m) return null;
  // A label is a generic phrase ("Cơ quan chủ trì"); "Bộ Công an chủ trì, phối hợp với:" is a clause that
  // names someone, and "(1) Chủ trì …" an item.
  if (/[()\d]/u.test(m[1]!) || /\s\p{Lu}/u.test(m[1]!.trim().replace(/^\S+\s*(?:[a-zđ]\)\s*)?/u, " "))) return null;
  if (!LABEL_HEAD.test(foldLabel(m[1]!))) return null;
  const role = fieldRoleOf(m[1]!);
  if (!role || role === "tt" || role === "unit") return null;
  return { role, label: m[1]!.trim(), value: m[2]!.trim() };
}
