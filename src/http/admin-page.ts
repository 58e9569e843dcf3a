// HTTP layer (pure): the officials' admin page (/admin) — token entered once and kept in sessionStorage, the
// document list with each one's extraction report, drag-and-drop upload with progress and job status, and the
// questions people asked that went unanswered or were rated down, most frequent first, with a CSV export.
// Plain HTML and one script file (/admin/app.js) under a CSP that allows nothing else.

import { Hono } from "hono";

const CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export function createAdminPage(): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    c.header("Content-Security-Policy", CSP);
    c.header("Cache-Control", "no-store");
    return c.html(ADMIN_HTML);
  });
  app.get("/app.js", (c) => c.body(ADMIN_JS, 200, { "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-cache" }));
  return app;
}

const ADMIN_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quản trị văn bản — Hỏi đáp chuyển đổi số</title>
<style>
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
body{margin:0}header{background:#0b3d91;color:#fff;padding:12px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}header h1{font-size:1.2rem;margin:0;flex:1}header a{color:#cfe0ff}
main{padding:12px 16px;max-width:1200px;margin:auto;display:grid;gap:14px}
section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px;overflow-x:auto}h2{font-size:1.05rem;margin:0 0 10px}
input,select,button{font:inherit;padding:6px 10px;border:1px solid #b9c0c8;border-radius:6px;min-height:36px}button{background:#0b3d91;color:#fff;border:0;cursor:pointer}button.ghost{background:#fff;color:#0b3d91;border:1px solid #0b3d91}button.danger{background:#b42318}
#drop{border:2px dashed #8aa4d6;border-radius:10px;padding:26px;text-align:center;color:#33466b;background:#f3f6fb}#drop.over{background:#dde8fb;border-color:#0b3d91}
progress{width:100%;height:14px}table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #e4e7eb;padding:7px;text-align:left;vertical-align:top}th{background:#eef1f5}
.muted{color:#5b6570;font-size:.82rem}.warn{color:#9a3412}.ok{color:#067647}.bad{color:#b42318}.row{display:flex;gap:8px;flex-wrap:wrap;align-items:end}
label{font-size:.8rem;color:#444;display:flex;flex-direction:column;gap:3px}pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:6px;font-size:.8rem;max-height:420px;overflow:auto}
.job{border-left:4px solid #8aa4d6;padding:6px 10px;margin:6px 0;background:#fafbfc}.job.done{border-color:#067647}.job.failed{border-color:#b42318}
@media (max-width:700px){thead{display:none}table,tbody,tr,td{display:block}tr{border:1px solid #dde1e6;border-radius:8px;margin-bottom:8px}td{border:0;padding:4px 8px}td::before{content:attr(data-l);display:block;font-size:.7rem;color:#5b6570}}
</style></head><body>
<header><h1>Quản trị văn bản</h1><a href="/board">Bảng nhiệm vụ</a><a href="/">Hỏi đáp</a><span id="who" class="muted"></span></header>
<main>
<section id="login"><h2>Đăng nhập</h2>
<form id="tokenForm" class="row"><label>Mã quản trị (ADMIN_TOKEN)<input id="token" type="password" autocomplete="current-password" minlength="16" required></label><button type="submit">Vào</button></form>
<p class="muted">Mã chỉ được giữ trong phiên trình duyệt này (sessionStorage) và mất khi đóng thẻ.</p><p id="loginError" class="bad" role="alert"></p></section>
<div id="app" hidden>
<section><h2>Thêm hoặc thay văn bản</h2>
<div id="drop" tabindex="0">Kéo thả tệp vào đây (.docx, .pdf — kể cả bản quét, .txt, .md, .html; tối đa 20 MB)<br>hoặc <button id="pick" type="button" class="ghost">chọn tệp</button><input id="file" type="file" accept=".docx,.pdf,.txt,.md,.html,.htm" hidden multiple></div>
<p class="muted">Văn bản cùng số hiệu với một văn bản đang dùng sẽ thay thế nó; bản cũ được giữ lại với tình trạng "đã bị thay thế".</p>
<div id="jobs"></div></section>
<section><h2>Văn bản đang dùng <button id="reload" type="button" class="ghost">Tải lại</button></h2>
<table><thead><tr><th>Số hiệu</th><th>Tên</th><th>Nhiệm vụ</th><th>Nguồn</th><th>Cảnh báo</th><th></th></tr></thead><tbody id="docs"></tbody></table>
<div id="superseded"></div><pre id="report" hidden></pre></section>
<section><h2>Câu hỏi chưa được trả lời hoặc bị đánh giá thấp</h2>
<form id="qForm" class="row"><label>Loại<select id="qOutcome"><option value="unanswered">Chưa trả lời được (kể cả gần đúng)</option><option value="not_found">Không tìm thấy</option><option value="near_match">Chỉ có đoạn gần đúng</option><option value="down">Bị đánh giá 👎</option><option value="">Tất cả</option></select></label>
<label>Từ ngày<input id="qFrom" type="date"></label><label>Đến ngày<input id="qTo" type="date"></label><button type="submit">Xem</button><button id="qCsv" type="button" class="ghost">Tải CSV</button></form>
<p id="qTotals" class="muted"></p>
<table><thead><tr><th>Câu hỏi</th><th>Số lần</th><th>Kết quả</th><th>👍/👎</th><th>Góp ý</th><th>Lần cuối</th></tr></thead><tbody id="questions"></tbody></table></section>
</div>
</main><script src="/admin/app.js"></script></body></html>`;

// The page's script: plain ES2020, no framework; every text put in the page goes through textContent.
const ADMIN_JS = String.raw`"use strict";
const KEY = "hoidap-admin-token";
const $ = (id) => document.getElementById(id);
const token = () => sessionStorage.getItem(KEY) || "";
const OUTCOME = { answered: "Đã trả lời", near_match: "Gần đúng", not_found: "Không tìm thấy" };
const SOURCE = { docx: "Word", pdf: "PDF", ocr: "PDF quét (OCR)", text: "Văn bản", markdown: "Markdown", html: "HTML" };

async function api(path, opts = {}) {
  const r = await fetch(path, { ...opts, headers: { ...(opts.headers || {}), Authorization: "Bearer " + token() } });
  if (r.status === 401) { logout("Mã quản trị không đúng hoặc quản trị chưa được bật (ADMIN_TOKEN)."); throw new Error("unauthorized"); }
  return r;
}
async function errorText(r) {
  try { const j = await r.json(); return (j.error && j.error.message) || r.statusText; } catch { return r.status + " " + r.statusText; }
}
function el(tag, text, cls) { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
function cell(tr, label, content) { const td = el("td"); td.dataset.l = label; if (content instanceof Node) td.append(content); else td.textContent = content == null ? "" : String(content); tr.append(td); return td; }

function logout(msg) { sessionStorage.removeItem(KEY); $("app").hidden = true; $("login").hidden = false; $("loginError").textContent = msg || ""; }
async function login() {
  const r = await api("/api/admin/status").catch(() => null);
  if (!r || !r.ok) return;
  const s = await r.json();
  $("login").hidden = true; $("app").hidden = false;
  $("who").textContent = "Phiên bản chỉ mục " + (s.version || "—") + " · " + s.documents + " văn bản · " + s.tasks + " nhiệm vụ";
  loadDocs(); loadQuestions();
}
$("tokenForm").addEventListener("submit", (e) => { e.preventDefault(); sessionStorage.setItem(KEY, $("token").value.trim()); $("token").value = ""; login(); });

// Two refreshes can overlap (a finished job reloads the list and the status line at once): only the latest one
// renders, and it replaces the rows in one step, so a row is never shown twice.
let docsSeq = 0;
async function loadDocs() {
  const seq = ++docsSeq;
  const r = await api("/api/admin/documents");
  const rows = [];
  if (!r.ok) { const tr = el("tr"); cell(tr, "", await errorText(r)); if (seq === docsSeq) $("docs").replaceChildren(tr); return; }
  const list = await r.json();
  if (seq !== docsSeq) return;
  const body = { append: (tr) => rows.push(tr) };
  for (const d of list.documents) {
    const tr = el("tr");
    cell(tr, "Số hiệu", d.number || "(chưa có số)");
    const t = cell(tr, "Tên", d.title); t.append(el("div", d.file + (d.uploadedAt ? " · tải lên " + new Date(d.uploadedAt).toLocaleString("vi-VN") : ""), "muted"));
    cell(tr, "Nhiệm vụ", d.tasks);
    cell(tr, "Nguồn", SOURCE[d.source] || d.source);
    cell(tr, "Cảnh báo", d.warnings.length ? d.warnings.length + " cảnh báo" : "—").className = d.warnings.length ? "warn" : "";
    const actions = el("div", null, "row");
    const rep = el("button", "Báo cáo đọc", "ghost"); rep.type = "button"; rep.onclick = () => showReport(d.id);
    const del = el("button", "Gỡ", "danger"); del.type = "button"; del.onclick = () => remove(d);
    actions.append(rep, del); cell(tr, "", actions);
    body.append(tr);
  }
  $("docs").replaceChildren(...rows);
  const sup = $("superseded"); sup.textContent = "";
  if (list.superseded.length) {
    sup.append(el("h3", "Đã bị thay thế"));
    const ul = el("ul");
    for (const s of list.superseded) ul.append(el("li", (s.number || s.title) + " — thay bằng " + s.by + " lúc " + new Date(s.supersededAt).toLocaleString("vi-VN")));
    sup.append(ul);
  }
  if (list.rejected.length) { sup.append(el("h3", "Tệp không đọc được")); const ul = el("ul"); for (const m of list.rejected) ul.append(el("li", m, "bad")); sup.append(ul); }
}
$("reload").onclick = loadDocs;

function reportText(rep) {
  const out = [];
  for (const d of rep.documents || []) {
    const m = d.meta;
    out.push((m.type || "") + " " + (m.number || "") + " — " + m.title, "Ngày: " + (m.issuedDate || "—") + "   Tình trạng: " + m.status + "   Cơ quan: " + (m.issuer || "—"));
    out.push("", "Mục (" + d.sections.length + "):"); for (const s of d.sections.slice(0, 80)) out.push("  ".repeat(s.depth + 1) + s.path[s.path.length - 1] + "  " + s.text.slice(0, 100));
    out.push("", "Bảng (" + d.tables.length + "):"); for (const t of d.tables) out.push("  bảng " + t.table + ": " + t.rows + " dòng; " + t.headers.map((h, i) => (h || "(không nhãn)") + " [" + (t.roles[i] || "?") + "]").join(" | "));
    out.push("", "Nhiệm vụ (" + d.tasks.length + "):"); for (const t of d.tasks) out.push("  L" + t.lines[0] + "  " + t.text.slice(0, 110) + "\n      chủ trì: " + (t.lead.join("; ") || t.leadText || "—") + " · thời hạn: " + (t.deadline.text || "—"));
    const c = d.coverage; out.push("", "Độ phủ: " + c.covered + "/" + c.candidates + " dòng giống giao việc nằm trong nhiệm vụ");
    for (const u of c.uncovered.slice(0, 30)) out.push("  chưa thành nhiệm vụ: L" + u.line + "  " + u.text);
    if (d.warnings.length) { out.push("", "Cảnh báo:"); for (const w of d.warnings) out.push("  " + w); }
    out.push("");
  }
  if (rep.ocr) out.unshift("Văn bản nhận dạng bằng OCR từ " + rep.ocr.pages + " trang quét — hãy đối chiếu số liệu với bản gốc.", "");
  for (const w of rep.warnings || []) out.push(w);
  return out.join("\n");
}
async function showReport(id) {
  const pre = $("report"); pre.hidden = false; pre.textContent = "Đang đọc…";
  const r = await api("/api/admin/documents/" + encodeURIComponent(id) + "/report");
  pre.textContent = r.ok ? reportText(await r.json()) : await errorText(r);
  pre.scrollIntoView({ behavior: "smooth", block: "nearest" });
}
async function remove(d) {
  if (!confirm("Gỡ văn bản " + (d.number || d.title) + "? Tệp được chuyển vào thư mục .deleted, không bị xoá hẳn.")) return;
  const r = await api("/api/admin/documents/" + encodeURIComponent(d.id), { method: "DELETE" });
  if (!r.ok) return alert(await errorText(r));
  watch((await r.json()).job, "Gỡ " + (d.number || d.title));
}

const STATUS = { queued: "Đang chờ", running: "Đang xử lý", done: "Xong", failed: "Thất bại" };
function jobBox(title) {
  const box = el("div", null, "job"); const h = el("strong", title); const st = el("div", "Đang tải lên…", "muted"); const bar = el("progress"); bar.max = 100; bar.value = 0;
  box.append(h, st, bar); $("jobs").prepend(box); return { box, st, bar };
}
function upload(file) {
  const ui = jobBox(file.name);
  if (file.size > 20 * 1024 * 1024) { ui.st.textContent = "Tệp lớn quá 20 MB"; ui.box.classList.add("failed"); ui.bar.remove(); return; }
  const form = new FormData(); form.append("file", file);
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/admin/documents"); xhr.setRequestHeader("Authorization", "Bearer " + token());
  xhr.upload.onprogress = (e) => { if (e.lengthComputable) { ui.bar.value = Math.round((100 * e.loaded) / e.total); ui.st.textContent = "Đang tải lên " + ui.bar.value + "%"; } };
  xhr.onload = () => {
    let j = {}; try { j = JSON.parse(xhr.responseText); } catch {}
    if (xhr.status === 202) { ui.bar.removeAttribute("value"); watch(j.job, file.name, ui); }
    else { ui.st.textContent = (j.error && j.error.message) || "Lỗi " + xhr.status; ui.st.className = "bad"; ui.box.classList.add("failed"); ui.bar.remove(); }
  };
  xhr.onerror = () => { ui.st.textContent = "Mất kết nối khi tải lên"; ui.box.classList.add("failed"); };
  xhr.send(form);
}
async function watch(id, title, ui) {
  ui = ui || jobBox(title);
  for (;;) {
    const r = await api("/api/admin/jobs/" + id);
    if (!r.ok) { ui.st.textContent = await errorText(r); ui.box.classList.add("failed"); break; }
    const j = await r.json();
    ui.st.textContent = STATUS[j.status] + (j.steps.length ? " — " + j.steps[j.steps.length - 1] : "");
    if (j.status === "done" || j.status === "failed") {
      ui.bar.remove(); ui.box.classList.add(j.status); ui.box.dataset.status = j.status;
      if (j.status === "failed") { const e = el("div", j.error, "bad"); ui.box.append(e); }
      if (j.document) ui.box.append(el("div", "Đã dùng: " + (j.document.number || j.document.title) + " · " + j.document.tasks + " nhiệm vụ", "ok"));
      if (j.superseded && j.superseded.length) ui.box.append(el("div", "Thay thế: " + j.superseded.map((s) => s.number || s.title).join(", "), "muted"));
      if (j.report) { const d = el("details"); d.append(el("summary", "Báo cáo đọc văn bản")); d.append(el("pre", reportText(j.report))); ui.box.append(d); }
      loadDocs(); login();
      break;
    }
    await new Promise((ok) => setTimeout(ok, 700));
  }
}
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); for (const f of e.dataTransfer.files) upload(f); });
$("pick").onclick = () => $("file").click();
$("file").onchange = () => { for (const f of $("file").files) upload(f); $("file").value = ""; };

function qParams() {
  const p = new URLSearchParams();
  if ($("qOutcome").value) p.set("outcome", $("qOutcome").value);
  if ($("qFrom").value) p.set("from", $("qFrom").value);
  if ($("qTo").value) p.set("to", $("qTo").value);
  return p;
}
async function loadQuestions() {
  const r = await api("/api/admin/questions?" + qParams());
  const body = $("questions"); body.textContent = "";
  if (!r.ok) { $("qTotals").textContent = await errorText(r); return; }
  const j = await r.json();
  const t = j.totals;
  $("qTotals").textContent = t.answers + " câu trả lời được lưu · không tìm thấy " + t.byOutcome.not_found + " · gần đúng " + t.byOutcome.near_match + " · 👍 " + t.up + " · 👎 " + t.down;
  for (const g of j.questions) {
    const tr = el("tr");
    cell(tr, "Câu hỏi", g.question); cell(tr, "Số lần", g.count); cell(tr, "Kết quả", OUTCOME[g.outcome] || g.outcome);
    cell(tr, "👍/👎", g.up + " / " + g.down); cell(tr, "Góp ý", g.comments.join(" · ")); cell(tr, "Lần cuối", new Date(g.lastAt).toLocaleString("vi-VN"));
    body.append(tr);
  }
  if (!j.questions.length) { const tr = el("tr"); cell(tr, "", "Chưa có câu hỏi nào trong bộ lọc này."); body.append(tr); }
}
$("qForm").addEventListener("submit", (e) => { e.preventDefault(); loadQuestions(); });
$("qCsv").onclick = async () => {
  const p = qParams(); p.set("format", "csv"); p.set("limit", "5000");
  const r = await api("/api/admin/questions?" + p);
  if (!r.ok) return alert(await errorText(r));
  const a = el("a"); a.href = URL.createObjectURL(await r.blob()); a.download = "cau-hoi.csv"; document.body.append(a); a.click(); a.remove();
};
if (token()) login();
`;
