// Test helper: a synthetic provincial decision (written for these tests, no real document) as a Word file,
// and the task fields a reader must get from it, written by hand from the text.
import { type DocxBlock, makeDocx } from "./docx.ts";

export const DECISION_NUMBER = "48/QĐ-UBND";

export const DECISION_BLOCKS: DocxBlock[] = [
  "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG MỚI",
  `Số: ${DECISION_NUMBER}`,
  "Hà Giang, ngày 15 tháng 3 năm 2026",
  { bold: "QUYẾT ĐỊNH" },
  { bold: "Ban hành Kế hoạch số hóa hồ sơ đất đai năm 2026" },
  "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa hồ sơ đất đai năm 2026.",
  "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
  { bold: "DANH MỤC NHIỆM VỤ" },
  {
    table: [
      ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
      ["1", "Số hóa toàn bộ hồ sơ địa chính cấp xã", "Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân các xã", "Tháng 9/2026"],
      ["2", "Xây dựng kho dữ liệu đất đai dùng chung", "Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường", "Quý IV/2026"],
      ["3", "Đào tạo cán bộ địa chính về khai thác dữ liệu\nsố hóa", "Sở Nội vụ", "Sở Khoa học và Công nghệ", "Thường xuyên"],
    ],
  },
];

/** The table's tasks as the text gives them (a cell's two paragraphs are one task). */
export const DECISION_TASKS = [
  { text: "Số hóa toàn bộ hồ sơ địa chính cấp xã", lead: ["Sở Nông nghiệp và Môi trường"], deadline: "Tháng 9/2026", end: "2026-09-30" },
  { text: "Xây dựng kho dữ liệu đất đai dùng chung", lead: ["Sở Khoa học và Công nghệ"], deadline: "Quý IV/2026", end: "2026-12-31" },
  { text: "Đào tạo cán bộ địa chính về khai thác dữ liệu số hóa", lead: ["Sở Nội vụ"], deadline: "Thường xuyên", end: undefined },
];

export const decisionDocx = () => makeDocx(DECISION_BLOCKS);

/** The same decision replaced: same số hiệu, one task's deadline moved. */
export const amendedDocx = () =>
  makeDocx(DECISION_BLOCKS.map((b) => (typeof b === "object" && "table" in b ? { table: b.table.map((r) => r.map((c) => (c === "Tháng 9/2026" ? "Tháng 11/2026" : c))) } : b)));
