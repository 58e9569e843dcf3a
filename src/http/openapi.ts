// HTTP layer (pure): the API description — OpenAPI 3.1 built from the same zod schemas the routes validate
// with (zod's own JSON Schema output), served at /openapi.json, and a readable reference page at /docs drawn
// from that document on the server (no script, no CDN).

import { Hono } from "hono";
import { z } from "zod";
import { TaskSchema } from "../tasks/types.ts";
import { ChatBody } from "./app.ts";
import { esc } from "./board.ts";
import { FeedbackBody } from "./feedback.ts";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./lookups.ts";
import { MAX_UPLOAD_BYTES } from "./upload-check.ts";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string().describe("Vietnamese / English") }) });
const CitationSchema = z.object({
  n: z.number().int(),
  documentId: z.string(),
  document: z.object({ number: z.string().nullable(), title: z.string(), issuedDate: z.string().nullable(), status: z.enum(["final", "draft", "summary"]) }),
  section: z.string(),
  quote: z.string(),
  label: z.string().optional().describe("Dự thảo, Bản tin tóm tắt, or the OCR mark of a scanned source"),
  lines: z.tuple([z.number(), z.number()]).optional(),
});
const ChatAnswerSchema = z.object({
  answer: z.string(),
  citations: z.array(CitationSchema),
  intent: z.string(),
  facts: z.array(z.object({ task: z.string(), lead: z.array(z.string()), coordinators: z.array(z.string()), result: z.string().optional(), deadline: z.object({ text: z.string(), end: z.string().optional() }).optional(), citation: z.number().optional() })),
  answerId: z.string().describe("Send it back to POST /api/feedback"),
});
const JobSchema = z.object({
  id: z.string(),
  kind: z.enum(["upload", "delete"]),
  status: z.enum(["queued", "running", "done", "failed"]),
  file: z.string(),
  document: z.object({ id: z.string(), number: z.string().nullable(), title: z.string(), file: z.string(), tasks: z.number() }).optional(),
  superseded: z.array(z.object({ number: z.string().nullable(), title: z.string(), file: z.string() })).optional(),
  report: z.unknown().optional().describe("What npm run inspect shows: header, sections, tables, tasks, coverage, warnings"),
  error: z.string().optional(),
  steps: z.array(z.string()),
});

type Param = { name: string; in: "query" | "path"; description: string; schema: Record<string, unknown>; required?: boolean };
const q = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }): Param => ({ name, in: "query", description, schema });
const date = { type: "string", format: "date" };
const TASK_QUERY: Param[] = [
  q("agency", "Agency name, abbreviation or id (any unit; registry agencies by canonical name)"),
  q("role", "Which side the agency is on", { type: "string", enum: ["lead", "coordinator", "any"], default: "lead" }),
  q("include_predecessors", "Also tasks of the agency's predecessors (merged 2025 ministries)", { type: "string", enum: ["1", "true"] }),
  q("document", "Document id or số hiệu (e.g. 2629/QĐ-TTg); unknown → 404"),
  q("q", "Words in the task, its context or result (diacritics aside)"),
  q("due_from", "Deadline on or after", date),
  q("due_to", "Deadline on or before", date),
  q("status", "Against today", { type: "string", enum: ["overdue", "upcoming", "recurring"] }),
  q("table_status", "The table's own status column (e.g. đang thực hiện)"),
  q("page", "Page (JSON; CSV/XLSX only when given)", { type: "integer", minimum: 1, default: 1 }),
  q("per_page", "Rows per page", { type: "integer", minimum: 1, maximum: 500, default: 50 }),
  q("format", "Response format", { type: "string", enum: ["json", "csv", "xlsx"], default: "json" }),
];

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
const errorResponses = (codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: "Bilingual error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));

/** ?limit=&offset= of the paged lists (/api/documents, /api/agencies); out of range is a 400. */
const pageQuery = (defaultLimit: number) => [
  q("limit", "Entries in the page", { type: "integer", minimum: 1, maximum: MAX_PAGE_LIMIT, default: defaultLimit }),
  q("offset", "Entries skipped before the page (past the end: an empty page)", { type: "integer", minimum: 0, default: 0 }),
];
const pageSchema = (key: string) => ({
  type: "object",
  required: ["total", "limit", "offset", key],
  properties: { total: { type: "integer", description: "Entries in the whole list" }, limit: { type: "integer" }, offset: { type: "integer" }, [key]: { type: "array", items: { type: "object" } } },
});

let built: Record<string, unknown> | undefined;
export function openApiDocument(): Record<string, unknown> {
  built ??= {
    openapi: "3.1.0",
    info: { title: "hoidap-cds", version: "1", description: "Hỏi đáp về Chính phủ số, chuyển đổi số — answers from the decision texts, with citations. Unknown or repeated query parameters are a 400 naming them." },
    components: {
      schemas: { Error: json(ErrorBody), ChatRequest: json(ChatBody), ChatAnswer: json(ChatAnswerSchema), Task: json(TaskSchema), Feedback: json(FeedbackBody), Job: json(JobSchema) },
      securitySchemes: { admin: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN" }, metrics: { type: "http", scheme: "bearer", description: "METRICS_TOKEN (when set)" } },
    },
    paths: {
      "/healthz": { get: { summary: "Index loaded?", responses: { "200": { description: "{status, documents, chunks, tasks, version}" }, "503": { description: "Loading or draining" } } } },
      "/api/chat": {
        post: {
          summary: "Ask a question (JSON, or server-sent events with Accept: text/event-stream: delta events, then one done event with the full answer)",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ChatRequest" } } } },
          responses: { "200": { description: "The answer", content: { "application/json": { schema: { $ref: "#/components/schemas/ChatAnswer" } }, "text/event-stream": { schema: { type: "string" } } } }, ...errorResponses([400, 413, 415, 429, 503]) },
        },
      },
      "/api/feedback": {
        post: { summary: "Rate an answer 👍/👎 with an optional comment (redacted before storage)", requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Feedback" } } } }, responses: { "204": { description: "Stored" }, ...errorResponses([400, 404, 413, 415]) } },
      },
      "/api/search": { get: { summary: "Passages (hybrid BM25 + vectors)", parameters: [{ ...q("q", "Query"), required: true }, q("k", "Hits", { type: "integer", minimum: 1, maximum: 50, default: 10 })], responses: { "200": { description: "{query, hits[]}" }, ...errorResponses([400, 413]) } } },
      "/api/documents": {
        get: {
          summary: "Documents served, with task and passage counts: a page of them (corpus order) and how many there are",
          parameters: pageQuery(DEFAULT_PAGE_LIMIT),
          responses: { "200": { description: "A page", content: { "application/json": { schema: pageSchema("documents") } } }, ...errorResponses([400]) },
        },
      },
      "/api/documents/{id}": { get: { summary: "One document: sections, tasks, indicators", parameters: [{ name: "id", in: "path", required: true, description: "Document id", schema: { type: "string" } }], responses: { "200": { description: "{document, sections, tasks, indicators}" }, ...errorResponses([404]) } } },
      "/api/agencies": {
        get: {
          summary: "Every agency the corpus names, with aliases, successors and task counts (registry first): a page of them and how many there are",
          parameters: pageQuery(MAX_PAGE_LIMIT),
          responses: { "200": { description: "A page", content: { "application/json": { schema: pageSchema("agencies") } } }, ...errorResponses([400]) },
        },
      },
      "/api/tasks": {
        get: {
          summary: "Tasks, filtered; the board (/board) shows the same selection",
          parameters: TASK_QUERY,
          responses: {
            "200": {
              description: "JSON page, semicolon-separated CSV with a BOM (Excel in Vietnamese), or .xlsx",
              content: {
                "application/json": { schema: { type: "object", properties: { total: { type: "integer" }, page: { type: "integer" }, perPage: { type: "integer" }, tasks: { type: "array", items: { $ref: "#/components/schemas/Task" } } } } },
                "text/csv": { schema: { type: "string" } },
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
              },
            },
            ...errorResponses([400, 404]),
          },
        },
      },
      "/board": { get: { summary: "The task board (HTML): filters, deadline timeline, counts by lead agency", parameters: [...TASK_QUERY.filter((p) => !["page", "per_page", "format", "due_from", "due_to"].includes(p.name)), q("period", "YYYY, YYYY-Qn or YYYY-MM")], responses: { "200": { description: "HTML" }, ...errorResponses([400]) } } },
      "/api/admin/documents": {
        get: { summary: "Documents with task counts, warnings, source (docx, pdf, ocr, text) and the superseded ones", security: [{ admin: [] }], responses: { "200": { description: "{documents[], superseded[], rejected[]}" }, ...errorResponses([401]) } },
        post: {
          summary: `Upload a decision (.txt .md .html .pdf .docx, ≤ ${MAX_UPLOAD_BYTES / 1048576} MB, type checked by content). Same số hiệu as a served document → it replaces it (the old one kept as superseded)`,
          security: [{ admin: [] }],
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } } } },
          responses: { "202": { description: "{job, status}; poll /api/admin/jobs/{id}" }, ...errorResponses([400, 401, 413, 415, 422]) },
        },
      },
      "/api/admin/documents/{id}": { delete: { summary: "Remove a document (its file moves to corpus/.deleted)", security: [{ admin: [] }], parameters: [{ name: "id", in: "path", required: true, description: "Document id", schema: { type: "string" } }], responses: { "202": { description: "{job, status}" }, ...errorResponses([401, 404]) } } },
      "/api/admin/documents/{id}/report": { get: { summary: "The reading report of a served document", security: [{ admin: [] }], parameters: [{ name: "id", in: "path", required: true, description: "Document id", schema: { type: "string" } }], responses: { "200": { description: "Report" }, ...errorResponses([401, 404]) } } },
      "/api/admin/jobs/{id}": { get: { summary: "A document job", security: [{ admin: [] }], parameters: [{ name: "id", in: "path", required: true, description: "Job id", schema: { type: "string" } }], responses: { "200": { description: "Job", content: { "application/json": { schema: { $ref: "#/components/schemas/Job" } } } }, ...errorResponses([400, 401, 404]) } } },
      "/api/admin/questions": {
        get: {
          summary: "Questions asked, grouped, most frequent first",
          security: [{ admin: [] }],
          parameters: [q("outcome", "Which", { type: "string", enum: ["answered", "near_match", "not_found", "unanswered", "down"] }), q("from", "From day", date), q("to", "To day (inclusive)", date), q("limit", "Groups", { type: "integer", minimum: 1, maximum: 5000, default: 200 }), q("format", "Format", { type: "string", enum: ["json", "csv"] })],
          responses: { "200": { description: "{total, totals, questions[]} or CSV" }, ...errorResponses([400, 401]) },
        },
      },
      "/metrics": { get: { summary: "Prometheus metrics", security: [{ metrics: [] }], responses: { "200": { description: "text/plain; version=0.0.4" }, ...errorResponses([401]) } } },
    },
  };
  return built;
}

export function createApiDocs(): Hono {
  const app = new Hono();
  app.get("/openapi.json", (c) => c.json(openApiDocument(), 200, { "Cache-Control": "public, max-age=300" }));
  app.get("/docs", (c) => {
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'");
    return c.html(renderDocs(openApiDocument()));
  });
  return app;
}

function renderDocs(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, { summary: string; parameters?: Param[]; security?: unknown[]; responses: Record<string, { description: string }>; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
  const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
  const ops = Object.entries(paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const params = (op.parameters ?? []).map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? " *" : ""}</td><td>${esc(p.in)}</td><td>${esc(JSON.stringify(p.schema))}</td><td>${esc(p.description)}</td></tr>`).join("");
        const body = op.requestBody ? Object.entries(op.requestBody.content).map(([type, c]) => `<p>Body <code>${esc(type)}</code>${c.schema.$ref ? ` — <a href="#schema-${esc(c.schema.$ref.split("/").pop()!)}">${esc(c.schema.$ref.split("/").pop()!)}</a>` : ""}</p>`).join("") : "";
        const res = Object.entries(op.responses).map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)}</li>`).join("");
        return `<section><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code>${op.security ? ' <span class="lock">🔒 Bearer</span>' : ""}</h2><p>${esc(op.summary)}</p>${body}${params ? `<table><tr><th>Tham số</th><th>Ở</th><th>Kiểu</th><th>Ý nghĩa</th></tr>${params}</table>` : ""}<ul>${res}</ul></section>`;
      }),
    )
    .join("\n");
  const schemaHtml = Object.entries(schemas).map(([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre></section>`).join("\n");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API — hoidap-cds</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}header{background:#0b3d91;color:#fff;padding:12px 16px}header a{color:#cfe0ff}main{max-width:1000px;margin:auto;padding:12px 16px}
section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 14px;margin:10px 0;overflow-x:auto}h2{font-size:1rem}.m{display:inline-block;min-width:56px;text-align:center;border-radius:4px;color:#fff;padding:2px 6px;font-size:.8rem}
.get{background:#1f6feb}.post{background:#059669}.delete{background:#b42318}.lock{font-size:.8rem;color:#9a3412}table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #e4e7eb;padding:4px 6px;text-align:left;vertical-align:top}pre{white-space:pre-wrap;font-size:.75rem;background:#f6f8fa;padding:8px}</style></head>
<body><header><b>API hoidap-cds</b> · <a href="/openapi.json">openapi.json</a> · <a href="/board">Bảng nhiệm vụ</a></header><main><p>${esc(String((doc.info as { description: string }).description))}</p>${ops}<h2>Lược đồ</h2>${schemaHtml}</main></body></html>`;
}
