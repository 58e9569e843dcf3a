// HTTP layer (pure): the public task board (/board) — the tasks of every decision, filtered by agency (with its
// predecessors' tasks), document, period, status and free text; a deadline timeline (tasks by month, stacked
// by lead agency) and counts by lead agency as server-rendered SVG; each row opens its source quote; exports
// link to /api/tasks with the same filters, so the board, CSV, .xlsx and the API always count alike.

import { Hono } from "hono";
import type { DocumentMeta } from "../document/types.ts";
import type { AgencyDirectoryEntry } from "../tasks/agencies.ts";
import type { Task } from "../tasks/types.ts";
import { AppError, errors } from "./errors.ts";
import { unknownParams } from "./query.ts";
import type { XlsxWriter } from "./task-export.ts";

const BOARD_PARAMS = ["agency", "include_predecessors", "document", "period", "due_from", "due_to", "status", "table_status", "q", "role", "stack"];
/** Rows shown on the page; the exports carry all. */
const MAX_ROWS_SHOWN = 300;
/** Agencies given their own colour in the timeline; the rest stack as "Khác". */
const TIMELINE_AGENCIES = 6;
/** Bars in the lead-agency chart. */
const AGENCY_BARS = 12;
/** Drawing width of both charts (SVG units; the page scales them to the card). */
const CHART_WIDTH = 520;
const COLOURS = ["#1f6feb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#9ca3af"];

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A period as the board takes it → the day range of its deadlines.
 * "2026" → 2026-01-01…2026-12-31; "2026-Q3" → 2026-07-01…2026-09-30; "2026-06" → 2026-06-01…2026-06-30.
 */
export function periodRange(p: string): { from: string; to: string } | null {
  const last = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  let m = /^(\d{4})$/.exec(p);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/i.exec(p);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { from: `${y}-${String(q * 3 - 2).padStart(2, "0")}-01`, to: last(y, q * 3) };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) return { from: `${m[1]}-${m[2]}-01`, to: last(Number(m[1]), Number(m[2])) };
  return null;
}

export interface BoardDeps {
  select: (q: Record<string, string>) => Task[];
  documents: () => DocumentMeta[];
  agencies: () => AgencyDirectoryEntry[];
  taskDocuments: () => Map<string, { number: string | null; title: string; status: string }>;
  now: () => Date;
  xlsx?: XlsxWriter;
}

/** The board's filters → /api/tasks parameters (the period becomes due_from/due_to). */
export function apiQuery(q: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  // period and stack are the board's own: the first becomes a deadline range, the second only shapes the chart.
  for (const [k, v] of Object.entries(q)) if (v !== "" && k !== "period" && k !== "stack") out[k] = v;
  if (q.period) {
    const r = periodRange(q.period);
    if (!r) throw errors.invalidInput("period must be YYYY, YYYY-Qn or YYYY-MM");
    out.due_from = r.from;
    out.due_to = r.to;
  }
  return out;
}

export function createBoardRoutes(deps: BoardDeps): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    unknownParams(c, BOARD_PARAMS);
    const raw = c.req.query();
    if (raw.stack !== undefined && raw.stack !== "agency" && raw.stack !== "document") throw errors.invalidInput("stack must be agency or document");
    const q = apiQuery(raw);
    let tasks: Task[];
    let problem = "";
    try {
      tasks = deps.select(q);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      tasks = [];
      problem = e.body().error.message;
      c.status(e.status === 404 ? 404 : 400);
    }
    const html = renderBoard({ raw, q, tasks, problem, docs: deps.documents(), agencies: deps.agencies(), taskDocs: deps.taskDocuments(), today: deps.now().toISOString().slice(0, 10), xlsx: !!deps.xlsx });
    // Nothing runs on the board: styles only, forms and links to this origin.
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'");
    return c.html(html);
  });
  return app;
}

interface RenderInput {
  raw: Record<string, string>;
  q: Record<string, string>;
  tasks: Task[];
  problem: string;
  docs: DocumentMeta[];
  agencies: AgencyDirectoryEntry[];
  taskDocs: Map<string, { number: string | null; title: string; status: string }>;
  today: string;
  xlsx: boolean;
}

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();
const vnDate = (iso: string) => iso.split("-").reverse().join("/");

function leadOf(t: Task): string {
  return t.lead[0] ?? (t.leadText || "(chưa rõ)");
}

/** Tasks by month of their deadline, stacked by lead agency or by document (the most frequent get their own colour). */
export function timelineSvg(tasks: Task[], groupOf: (t: Task) => string = leadOf): string {
  const dated = tasks.filter((t) => t.deadline.end);
  if (dated.length === 0) return `<p class="muted">Không có nhiệm vụ có hạn cụ thể trong bộ lọc này.</p>`;
  const months = [...new Set(dated.map((t) => t.deadline.end!.slice(0, 7)))].sort();
  const counts = new Map<string, number>();
  for (const t of dated) counts.set(groupOf(t), (counts.get(groupOf(t)) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, TIMELINE_AGENCIES).map(([n]) => n);
  const series = [...top, "Khác"];
  const grid = new Map<string, number[]>();
  for (const m of months) grid.set(m, series.map(() => 0));
  for (const t of dated) {
    const i = top.indexOf(groupOf(t));
    grid.get(t.deadline.end!.slice(0, 7))![i < 0 ? series.length - 1 : i]!++;
  }
  const max = Math.max(...[...grid.values()].map((v) => v.reduce((a, b) => a + b, 0)));
  // A fixed drawing width: three months do not become three giant bars, sixty stay readable.
  const W = CHART_WIDTH;
  const barW = Math.max(6, Math.min(36, Math.floor((W - 40) / months.length) - 4));
  const H = 180;
  const scale = (n: number) => (n / max) * (H - 40);
  let bars = "";
  months.forEach((m, x) => {
    let y = H - 24;
    grid.get(m)!.forEach((n, s) => {
      if (!n) return;
      const h = scale(n);
      y -= h;
      bars += `<rect x="${36 + x * (barW + 4)}" y="${y.toFixed(1)}" width="${barW}" height="${h.toFixed(1)}" fill="${COLOURS[s % COLOURS.length]}"><title>${esc(series[s]!)} — ${m}: ${n}</title></rect>`;
    });
    const total = grid.get(m)!.reduce((a, b) => a + b, 0);
    bars += `<text x="${36 + x * (barW + 4) + barW / 2}" y="${(H - 26 - scale(total)).toFixed(1)}" text-anchor="middle" font-size="10">${total}</text>`;
    if (months.length <= 24 || x % Math.ceil(months.length / 24) === 0) bars += `<text x="${36 + x * (barW + 4) + barW / 2}" y="${H - 8}" text-anchor="middle" font-size="10">${m.slice(5)}/${m.slice(2, 4)}</text>`;
  });
  const legend = series
    .filter((_, s) => [...grid.values()].some((v) => v[s]! > 0))
    .map((n) => `<span class="key"><i style="background:${COLOURS[series.indexOf(n) % COLOURS.length]}"></i>${esc(n)}</span>`)
    .join("");
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Số nhiệm vụ theo tháng đến hạn"><line x1="32" y1="${H - 24}" x2="${W}" y2="${H - 24}" stroke="#999"/>${bars}</svg><div class="legend">${legend}</div>`;
}

/** Horizontal bars: tasks led by each agency, most first. */
export function agencyBarsSvg(tasks: Task[]): string {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(leadOf(t), (counts.get(leadOf(t)) ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, AGENCY_BARS);
  if (rows.length === 0) return "";
  const max = rows[0]![1];
  const H = rows.length * 24 + 8;
  const bars = rows
    .map(([name, n], i) => {
      const w = Math.max(2, (n / max) * 200);
      const label = name.length > 40 ? `${name.slice(0, 39)}…` : name;
      return `<text x="0" y="${i * 24 + 17}" font-size="12">${esc(label)}</text><rect x="280" y="${i * 24 + 5}" width="${w.toFixed(1)}" height="16" fill="${COLOURS[0]}"><title>${esc(name)}: ${n}</title></rect><text x="${(286 + w).toFixed(1)}" y="${i * 24 + 17}" font-size="12">${n}</text>`;
    })
    .join("");
  return `<svg class="chart" viewBox="0 0 ${CHART_WIDTH} ${H}" role="img" aria-label="Số nhiệm vụ theo cơ quan chủ trì">${bars}</svg>`;
}

function renderBoard(r: RenderInput): string {
  const v = (k: string) => esc(r.raw[k] ?? "");
  const sel = (k: string, val: string) => (r.raw[k] === val ? " selected" : "");
  const shown = r.tasks.slice(0, MAX_ROWS_SHOWN);
  const overdue = r.tasks.filter((t) => t.deadline.kind !== "recurring" && t.deadline.end && t.deadline.end < r.today).length;
  const recurring = r.tasks.filter((t) => t.deadline.kind === "recurring").length;
  const exportQs = qs(r.q);
  const docOptions = r.docs.map((d) => `<option value="${esc(d.id)}"${r.raw.document === d.id || r.raw.document === d.number ? " selected" : ""}>${esc(d.number ?? d.title.slice(0, 60))}</option>`).join("");
  const agencyList = r.agencies
    .filter((a) => a.leadTasks > 0)
    .slice(0, 400)
    .map((a) => `<option value="${esc(a.name)}"></option>`)
    .join("");
  const rows = shown
    .map((t) => {
      const d = r.taskDocs.get(t.documentId);
      const late = t.deadline.kind !== "recurring" && t.deadline.end && t.deadline.end < r.today;
      return `<tr${late ? ' class="late"' : ""}>
<td data-l="Nhiệm vụ"><details><summary>${esc(t.text)}</summary><blockquote>${esc(t.quote)}</blockquote><p class="muted">${esc(d?.number ?? d?.title ?? t.documentId)}${t.section ? ` › ${esc(t.section)}` : ""} · dòng ${t.lines[0]}–${t.lines[1]} · <a href="/api/documents/${encodeURIComponent(t.documentId)}">văn bản</a></p></details></td>
<td data-l="Chủ trì">${esc(t.lead.join("; ") || t.leadText || "—")}</td>
<td data-l="Phối hợp">${esc(t.coordinators.join("; ") || t.coordinatorsText || "—")}</td>
<td data-l="Thời hạn">${esc(t.deadline.text || "—")}${t.deadline.end ? `<br><small>${vnDate(t.deadline.end)}</small>` : ""}</td>
<td data-l="Văn bản">${esc(d?.number ?? d?.title ?? "")}${t.status ? `<br><small>${esc(t.status)}</small>` : ""}</td>
</tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bảng theo dõi nhiệm vụ</title>
<style>
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
body{margin:0}header{background:#0b3d91;color:#fff;padding:12px 16px}header h1{font-size:1.2rem;margin:0}header a{color:#cfe0ff}
main{padding:12px 16px;max-width:1200px;margin:auto}
form{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:8px;background:#fff;padding:12px;border-radius:8px;border:1px solid #dde1e6}
label{font-size:.8rem;color:#444;display:flex;flex-direction:column;gap:3px}input,select,button{font:inherit;padding:6px;border:1px solid #b9c0c8;border-radius:6px;min-height:36px}
button{background:#0b3d91;color:#fff;border:0;cursor:pointer}.cb{flex-direction:row;align-items:center}
.stats{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}.stat{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:8px 12px}.stat b{font-size:1.3rem;display:block}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px;overflow-x:auto}
.card h2{font-size:1rem;margin:0 0 8px}.chart{width:100%;height:auto;min-width:280px}.legend{display:flex;flex-wrap:wrap;gap:8px;font-size:.75rem}.key i{display:inline-block;width:10px;height:10px;margin-right:4px}
table{width:100%;border-collapse:collapse;background:#fff;margin-top:12px;font-size:.9rem}th,td{border-bottom:1px solid #e4e7eb;padding:8px;text-align:left;vertical-align:top}th{background:#eef1f5}
tr.late td:nth-child(4){color:#b42318;font-weight:600}td[data-l="Chủ trì"]{min-width:110px}summary{cursor:pointer}blockquote{margin:6px 0;padding:6px 10px;border-left:3px solid #0b3d91;background:#f3f6fb;white-space:pre-wrap}
.muted{color:#5b6570;font-size:.8rem}.exports a{margin-right:12px}.problem{background:#fff4e5;border:1px solid #f5b049;padding:8px;border-radius:6px}
@media (max-width:700px){thead{display:none}table,tbody,tr,td{display:block}tr{border:1px solid #dde1e6;border-radius:8px;margin-bottom:8px;padding:4px}td{border:0;padding:4px 8px}td::before{content:attr(data-l);display:block;font-size:.7rem;color:#5b6570}}
</style></head><body>
<header><h1>Bảng theo dõi nhiệm vụ chuyển đổi số</h1><a href="/">Hỏi đáp</a></header>
<main>
<form method="get" action="/board">
<label>Cơ quan (tên, viết tắt)<input name="agency" list="agencies" value="${v("agency")}" placeholder="VD: Bộ Công an, NHNN"></label>
<datalist id="agencies">${agencyList}</datalist>
<label class="cb"><input type="checkbox" name="include_predecessors" value="1"${r.raw.include_predecessors ? " checked" : ""}> gồm nhiệm vụ của cơ quan tiền thân</label>
<label>Văn bản<select name="document"><option value="">Tất cả</option>${docOptions}</select></label>
<label>Kỳ hạn<input name="period" value="${v("period")}" placeholder="2026, 2026-Q3, 2026-06" pattern="\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?"></label>
<label>Trạng thái<select name="status"><option value="">Tất cả</option><option value="overdue"${sel("status", "overdue")}>Quá hạn</option><option value="upcoming"${sel("status", "upcoming")}>Sắp đến hạn</option><option value="recurring"${sel("status", "recurring")}>Thường xuyên</option></select></label>
<label>Tình trạng ghi trong bảng<input name="table_status" value="${v("table_status")}" placeholder="VD: đang thực hiện"></label>
<label>Từ khóa<input name="q" value="${v("q")}" placeholder="VD: dữ liệu dân cư"></label>
${r.raw.due_from || r.raw.due_to ? `<label>Hạn từ – đến<span class="row"><input type="date" name="due_from" value="${v("due_from")}"><input type="date" name="due_to" value="${v("due_to")}"></span></label>` : ""}
${r.raw.stack ? `<input type="hidden" name="stack" value="${v("stack")}">` : ""}
<button type="submit">Lọc</button>
</form>
${r.problem ? `<p class="problem" role="alert">${esc(r.problem)}</p>` : ""}
<div class="stats"><div class="stat"><b id="total">${r.tasks.length}</b>nhiệm vụ</div><div class="stat"><b>${overdue}</b>quá hạn (đến ${vnDate(r.today)})</div><div class="stat"><b>${recurring}</b>thường xuyên</div>
<div class="stat exports">Tải về: <a href="/api/tasks?${esc(qs({ ...r.q, format: "csv" }))}">CSV</a>${r.xlsx ? `<a href="/api/tasks?${esc(qs({ ...r.q, format: "xlsx" }))}">Excel (.xlsx)</a>` : ""}<a href="/api/tasks?${esc(exportQs)}">JSON</a></div></div>
<div class="charts"><section class="card"><h2>Nhiệm vụ theo tháng đến hạn</h2><p class="muted">Chia theo: ${r.raw.stack === "document" ? `<a href="/board?${esc(qs({ ...r.raw, stack: "agency" }))}">cơ quan chủ trì</a> · <b>văn bản</b>` : `<b>cơ quan chủ trì</b> · <a href="/board?${esc(qs({ ...r.raw, stack: "document" }))}">văn bản</a>`}</p>${timelineSvg(r.tasks, r.raw.stack === "document" ? (t) => { const d = r.taskDocs.get(t.documentId); return d?.number ?? d?.title.slice(0, 50) ?? t.documentId; } : leadOf)}</section>
<section class="card"><h2>Số nhiệm vụ theo cơ quan chủ trì</h2>${agencyBarsSvg(r.tasks)}</section></div>
<table><thead><tr><th>Nhiệm vụ (bấm để xem trích dẫn)</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời hạn</th><th>Văn bản</th></tr></thead><tbody>
${rows}
</tbody></table>
${r.tasks.length > shown.length ? `<p class="muted">Đang hiện ${shown.length}/${r.tasks.length} nhiệm vụ — tải CSV hoặc Excel để có đủ.</p>` : ""}
</main></body></html>`;
}
