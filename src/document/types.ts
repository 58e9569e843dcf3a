// Document layer (pure): the shapes of parsed documents, sections and table rows.

import type { FieldRole } from "./fields.ts";

/** Status of a source document: the final legal text, a draft, or a press summary. */
export type DocumentStatus = "final" | "draft" | "summary";

export interface DocumentMeta {
  id: string;
  /** Số hiệu, e.g. "1234/QĐ-TTg"; null for unnumbered drafts and news. */
  number: string | null;
  /** "Quyết định", "Kế hoạch", "Báo cáo", "Bản tin" … */
  type: string;
  title: string;
  issuer: string | null;
  issuedDate: string | null;
  /** Who signed: the name under "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "THỦ TƯỚNG" … at the end of the body. */
  signer?: string | null;
  status: DocumentStatus;
  /** Year used for deadlines written without one ("Tháng 6" in a 2022 plan). */
  year: number | null;
  file: string;
  /** Original file name in the shared seeds, when known. */
  original?: string;
  lines: [number, number];
}

export interface Block {
  kind: "text" | "row";
  text: string;
  line: number;
  endLine: number;
  /** Section path labels, outermost first: ["Phụ lục II", "I", "3"]. */
  path: string[];
  /** Titles of the enclosing headings (for retrieval context). */
  context: string[];
  /** For rows: cell values keyed by the table's column labels. */
  row?: TableRow;
}

export interface TableRow {
  table: number;
  headers: string[];
  cells: string[];
  /** Item number in its group ("3", "I.1"…), or "" for an unnumbered sub-row. */
  tt: string;
  /** Group row labels above it: ["I", "I.1"] with titles. */
  groups: TableGroup[];
  /** Field role of each column, from its header label (fields.ts columnRoles). */
  roles?: (FieldRole | null)[];
  /** Lead named by a group row above ("Nhiệm vụ giao Bộ trưởng Bộ Công an chỉ đạo" → "Bộ Công an"). */
  groupLead?: string;
  /** Columns an unnumbered sub-row left empty, filled from the item above (cells merged across rows). */
  carried?: number[];
  /** Value of the status column ("Đang thực hiện", "Đã hoàn thành", "Quá hạn"), when the table has one. */
  status?: string;
}

export interface TableGroup {
  tt: string;
  title: string;
  /** The agency a group title hands its rows to, when it names one. */
  lead?: string;
  /** A group row that carries values besides its title ("I | NHÓM XÃ, PHƯỜNG | 115"): its cells and lines. */
  totals?: { cells: string[]; lines: [number, number] };
}

export interface ParsedDocument {
  meta: DocumentMeta;
  blocks: Block[];
  warnings: string[];
}
