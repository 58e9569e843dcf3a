// Answer layer: the shapes of a chat answer, shared by HTTP, the widget, Slack and Zalo.
// They mirror the HTTP contract in ../shared/DESIGN.md and must not change shape.

import type { DocumentStatus } from "../document/types.ts";

/** Defined where documents are read; re-exported for HTTP and the channels. */
export type { DocumentStatus };

export type ChatRole = "user" | "assistant";

export interface ChatTurn {
  role: ChatRole;
  content: string;
}

export interface CitedDocument {
  /** Số hiệu, e.g. "2629/QĐ-TTg"; null when the text has none yet ("Số: /QĐ-TTg"). */
  number: string | null;
  title: string;
  /** ISO date "2025-12-01" or null when unknown. */
  issuedDate: string | null;
  status: DocumentStatus;
}

export interface Citation {
  /** 1-based number used as [n] in the answer text. */
  n: number;
  documentId: string;
  document: CitedDocument;
  /** Section path, e.g. "Phụ lục II › I › 3". */
  section: string;
  /** Verbatim text of the cited row or paragraph (may be shortened with "…"). */
  quote: string;
  /** Human label, e.g. "Dự thảo" / "Bản tin tóm tắt" — present for non-final documents. */
  label?: string;
  /** Source line range in the corpus file, 1-based inclusive. */
  lines?: [number, number];
}

export interface DeadlineFact {
  /** Words as written in the source, e.g. "Tháng 12/2026". */
  text: string;
  /** ISO date of the last day the deadline covers, when it has one. */
  end?: string;
  start?: string;
  kind?: string;
}

export interface Fact {
  task: string;
  lead: string[];
  coordinators: string[];
  result?: string;
  deadline?: DeadlineFact;
  citation?: number;
}

export type Intent =
  | "lead"
  | "coordinators"
  | "deadline"
  | "output"
  | "task_info"
  | "tasks_by_agency"
  | "tasks_due"
  | "overdue"
  | "target"
  | "explain"
  | "unanswerable";

export interface ChatAnswer {
  answer: string;
  citations: Citation[];
  intent: Intent;
  facts: Fact[];
}

export interface ChatInput {
  message: string;
  history?: ChatTurn[];
  sessionId?: string;
}

/** The one answer function every surface calls. */
export type AnswerFn = (input: ChatInput, opts?: { signal?: AbortSignal }) => Promise<ChatAnswer>;
