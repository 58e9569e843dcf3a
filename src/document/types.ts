// Document layer (pure): the shapes of parsed documents, sections and table rows.

/** Status of a source document: the final legal text, a draft, or a press summary. */
export type DocumentStatus = "final" | "draft" | "summary";

export interface DocumentMeta {
  id: string;
  /** Số hiệu, e.g. "2629/QĐ-TTg"; null for unnumbered drafts and news. */
  number: string | null;
  /** "Quyết định", "Kế hoạch", "Báo cáo", "Bản tin" … */
  type: string;
  title: string;
  issuer: string | null;
  issuedDate: string | null;
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
  /** Item number in its group ("3", "I.1"…), or "" for continuation rows. */
  tt: string;
  /** Group row labels above it: ["I", "I.1"] with titles. */
  groups: { tt: string; title: string }[];
}

export interface ParsedDocument {
  meta: DocumentMeta;
  blocks: Block[];
  warnings: string[];
}
