// HTTP layer (pure): the officials' admin API behind ADMIN_TOKEN — upload, list, replace and delete decisions
// (each change a job: the file is read, reported on and indexed, and the old index serves until the new one
// is ready), and the questions log (unanswered and down-rated questions, most frequent first, as JSON or CSV).
// What touches files lives behind the DocumentAdmin port (ingest/admin-documents.ts on Node).

import { Hono } from "hono";
import { AppError, errors } from "./errors.ts";
import { isIsoDate, unknownParams } from "./query.ts";
import { type QuestionLog, DEFAULT_QUESTION_LIMIT, MAX_QUESTION_LIMIT, OUTCOMES, type QuestionFilter, type QuestionGroup } from "./question-log.ts";
import { checkUpload, MAX_UPLOAD_BYTES, tooLargeUpload, type UploadKind } from "./upload-check.ts";

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobDocument {
  id: string;
  number: string | null;
  title: string;
  file: string;
  tasks: number;
}

export interface JobView {
  id: string;
  kind: "upload" | "delete";
  status: JobStatus;
  file: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** The (first) document the file holds, once done. */
  document?: JobDocument;
  documents?: JobDocument[];
  /** Documents this upload replaced (kept as superseded, out of the index). */
  superseded?: { number: string | null; title: string; file: string }[];
  /** What `npm run inspect` shows: header, sections, tables, tasks, coverage, warnings. */
  report?: unknown;
  error?: string;
  /** Steps done so far, for the admin page's progress. */
  steps: string[];
}

export interface AdminDocumentRow {
  id: string;
  number: string | null;
  title: string;
  type: string;
  status: string;
  issuedDate: string | null;
  file: string;
  tasks: number;
  chunks: number;
  warnings: string[];
  /** How the text was obtained: typed, docx, pdf (text layer), ocr (scan). */
  source: string;
  uploadedAt: string | null;
}

export interface AdminDocumentList {
  documents: AdminDocumentRow[];
  superseded: { number: string | null; title: string; file: string; supersededAt: string; by: string }[];
  rejected: string[];
}

/** The port the admin routes drive; Node implements it over corpus/ and data/. */
export interface DocumentAdmin {
  submit(upload: { name: string; bytes: Uint8Array; kind: UploadKind }): JobView;
  /** null: no such document. */
  remove(documentId: string): JobView | null;
  /** "expired": a job id this server gave out whose record has been dropped. */
  job(id: string): JobView | "expired" | null;
  list(): Promise<AdminDocumentList>;
  report(documentId: string): Promise<unknown | null>;
}

const JOB_ID = /^[a-z0-9-]{8,64}$/;

export function createAdminRoutes(opts: { documents?: DocumentAdmin; questions?: QuestionLog }): Hono {
  const app = new Hono();
  const docs = () => {
    if (!opts.documents) throw new AppError(409, "not_supported", "Không quản lý được văn bản ở môi trường này (chỉ trên máy chủ Node)", "Document management is not available here (Node server only)");
    return opts.documents;
  };

  app.get("/documents", async (c) => {
    unknownParams(c, []);
    return c.json(await docs().list());
  });

  app.post("/documents", async (c) => {
    unknownParams(c, []);
    const d = docs();
    const ct = c.req.header("Content-Type") ?? "";
    if (!/^multipart\/form-data/i.test(ct)) throw new AppError(415, "unsupported_media_type", "Hãy gửi multipart/form-data với trường file", "Send multipart/form-data with a file field");
    // Checked before the body is read: an oversize upload is refused without being buffered.
    const len = Number(c.req.header("Content-Length") ?? "0");
    if (len > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) throw tooLargeUpload();
    // Read at most the cap, whatever Content-Length said (a chunked body has none), then parse.
    const raw = await readCapped(c.req.raw, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD);
    let form: FormData;
    try {
      form = await new Request(c.req.url, { method: "POST", headers: { "Content-Type": ct }, body: raw }).formData();
    } catch {
      throw errors.invalidInput("multipart body could not be read");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw errors.invalidInput('the file goes in the form field "file"');
    const f = file as File;
    if (f.size > MAX_UPLOAD_BYTES) throw tooLargeUpload();
    const bytes = new Uint8Array(await f.arrayBuffer());
    const name = (f.name || "tai-lieu.txt").slice(0, 200);
    const kind = checkUpload(name, bytes);
    const job = d.submit({ name, bytes, kind });
    return c.json({ job: job.id, status: job.status }, 202, { Location: `/api/admin/jobs/${job.id}` });
  });

  app.get("/documents/:id/report", async (c) => {
    unknownParams(c, []);
    const r = await docs().report(c.req.param("id"));
    if (r === null) throw errors.notFound();
    return c.json(r);
  });

  app.delete("/documents/:id", (c) => {
    const job = docs().remove(c.req.param("id"));
    if (!job) throw new AppError(404, "not_found", "Không có văn bản này", "No such document");
    return c.json({ job: job.id, status: job.status }, 202, { Location: `/api/admin/jobs/${job.id}` });
  });

  app.get("/jobs/:id", (c) => {
    unknownParams(c, []);
    const id = c.req.param("id");
    if (!JOB_ID.test(id)) throw errors.invalidInput("job id has the wrong form");
    const j = docs().job(id);
    if (j === "expired") throw new AppError(404, "job_expired", "Công việc này đã hết hạn lưu (kết quả chỉ giữ trong một thời gian)", "This job has expired (results are kept for a limited time)");
    if (!j) throw new AppError(404, "job_not_found", "Không có công việc này", "No such job");
    return c.json(j);
  });

  app.get("/questions", async (c) => {
    unknownParams(c, ["outcome", "from", "to", "limit", "format"]);
    if (!opts.questions) throw new AppError(409, "not_supported", "Nhật ký câu hỏi chưa bật", "The questions log is not enabled");
    const q = c.req.query();
    const allowed = [...OUTCOMES, "down", "unanswered"];
    if (q.outcome !== undefined && !allowed.includes(q.outcome)) throw errors.invalidInput(`outcome must be one of ${allowed.join(", ")}`);
    for (const k of ["from", "to"] as const) if (q[k] !== undefined && !isIsoDate(q[k]!)) throw errors.invalidInput(`${k} must be a real date YYYY-MM-DD`);
    const limit = q.limit === undefined ? DEFAULT_QUESTION_LIMIT : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUESTION_LIMIT) throw errors.invalidInput(`limit must be an integer between 1 and ${MAX_QUESTION_LIMIT}`);
    if (q.format !== undefined && q.format !== "json" && q.format !== "csv") throw errors.invalidInput("format must be json or csv");
    const f: QuestionFilter = { limit };
    if (q.outcome) f.outcome = q.outcome as QuestionFilter["outcome"];
    if (q.from) f.from = new Date(`${q.from}T00:00:00Z`);
    // "to" names a day and includes it.
    if (q.to) f.to = new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000);
    if (f.from && f.to && f.from >= f.to) throw errors.invalidInput("from must not be after to");
    const groups = await opts.questions.questions(f);
    if (q.format === "csv") return c.body(questionsCsv(groups), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="cau-hoi.csv"' });
    return c.json({ total: groups.length, totals: await opts.questions.totals(), questions: groups });
  });
  return app;
}

/** Multipart boundaries and part headers around the file: a few hundred bytes; 64 kB is generous. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The body's bytes, refused with a 413 as soon as they pass `max` (never buffered beyond it). */
async function readCapped(req: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLargeUpload();
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** CSV for Excel set to Vietnamese: semicolons, a BOM, formulas neutralised. */
export function csvCell(v: string | number): string {
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvTable(head: string[], rows: (string | number)[][]): string {
  return "\uFEFF" + [head, ...rows].map((r) => r.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

function questionsCsv(groups: QuestionGroup[]): string {
  return csvTable(
    ["Câu hỏi", "Số lần hỏi", "Kết quả", "Ý định", "👍", "👎", "Góp ý", "Lần đầu", "Lần cuối"],
    groups.map((g) => [g.question, g.count, g.outcome, g.intent, g.up, g.down, g.comments.join(" | "), g.firstAt, g.lastAt]),
  );
}
