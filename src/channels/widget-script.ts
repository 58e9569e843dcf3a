// Channels: the browser half of the web widget — the script served as /widget.js that draws the chat in a Shadow DOM and streams answers from /api/chat.
//
// Plain ES2019 browser JavaScript kept as strings (no build step). Safety rule for this file: every server or user
// string reaches the page through textContent / createTextNode / setAttribute on inert attributes; nothing here
// parses HTML, loads images or turns URLs into links. The output is ASCII-only (non-ASCII escaped as \uXXXX), so it
// runs correctly even on host pages that serve it in a legacy charset.

/** Vietnamese UI strings; `{n}` / `{status}` are filled in by the script. */
const STRINGS = {
  title: "Trợ lý Chính phủ số",
  launcher: "Hỏi đáp",
  newChat: "Cuộc trò chuyện mới",
  close: "Đóng",
  disclosure:
    "Trợ lý tự động (AI) — trả lời dựa trên các văn bản được liệt kê, không thay thế văn bản chính thức.",
  logLabel: "Hội thoại",
  inputLabel: "Câu hỏi của bạn",
  placeholder: "Nhập câu hỏi về Chính phủ số…",
  hint: "Enter để gửi câu hỏi, Shift+Enter để xuống dòng.",
  hintShort: "Shift+Enter: xuống dòng",
  send: "Gửi câu hỏi",
  stop: "Dừng trả lời",
  you: "Bạn",
  assistant: "Trợ lý",
  thinking: "Đang tra cứu văn bản…",
  welcome:
    "Xin chào! Tôi tra cứu các quyết định, kế hoạch về Chính phủ số và chuyển đổi số: nhiệm vụ, cơ quan chủ trì, phối hợp, thời hạn, chỉ tiêu. Mỗi câu trả lời đều kèm nguồn trích dẫn.",
  examplesTitle: "Bạn có thể hỏi, ví dụ:",
  examples: [
    "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?",
    "Những nhiệm vụ nào đến hạn trong tháng 12/2025?",
    "Chỉ tiêu dịch vụ công trực tuyến toàn trình đến 2027 là bao nhiêu?",
    "Bộ Khoa học và Công nghệ phối hợp những nhiệm vụ nào?",
  ],
  sources: "Nguồn trích dẫn",
  source: "Nguồn",
  section: "Mục",
  document: "Văn bản",
  issued: "Ngày ban hành",
  noNumber: "Chưa có số hiệu",
  noQuote: "(Không có trích đoạn)",
  copy: "Sao chép",
  copied: "Đã sao chép",
  copyFailed: "Không sao chép được",
  stopped: "Đã dừng trả lời.",
  network: "Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.",
  timeout: "Máy chủ phản hồi quá lâu. Vui lòng thử lại.",
  rateLimited: "Bạn gửi quá nhiều câu hỏi, vui lòng thử lại sau {n} giây.",
  rateLimitedNoTime: "Bạn gửi quá nhiều câu hỏi, vui lòng thử lại sau ít phút.",
  serverError: "Máy chủ đang gặp sự cố, vui lòng thử lại sau ít phút.",
  badRequest: "Không gửi được câu hỏi (mã lỗi {status}).",
  interrupted: "Câu trả lời bị gián đoạn. Vui lòng thử lại.",
  badResponse: "Máy chủ trả về dữ liệu không đọc được. Vui lòng thử lại.",
  kept: "Câu hỏi của bạn vẫn nằm trong ô nhập.",
  statusLabels: { draft: "Dự thảo", summary: "Bản tin tóm tắt" },
  rateUp: "Câu trả lời hữu ích",
  rateDown: "Câu trả lời chưa đúng hoặc chưa đủ",
  commentPlaceholder: "Điều gì chưa đúng hoặc còn thiếu? (không bắt buộc)",
  sendFeedback: "Gửi góp ý",
  skipComment: "Bỏ qua",
  thanks: "Cảm ơn góp ý của bạn.",
  feedbackFailed: "Chưa gửi được góp ý, vui lòng thử lại.",
};

const CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: static !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  contain: none !important;
}
[hidden] { display: none !important; }
.root {
  all: initial;
  display: block;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
  line-height: 1.5;
  color: #1f2937;
  -webkit-font-smoothing: antialiased;
  -webkit-text-size-adjust: 100%;
  text-align: left;
  direction: ltr;
}
/* Element resets stay at the lowest specificity so every class rule below wins over them. */
*, *::before, *::after { box-sizing: border-box; }
p, ol, ul, blockquote { margin: 0; padding: 0; }
button, textarea { font: inherit; color: inherit; letter-spacing: normal; text-transform: none; }
button { cursor: pointer; -webkit-appearance: none; appearance: none; }
svg { display: block; flex: none; }
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--hd-ink); outline-offset: 2px; }
.sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}

.launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 8px;
  height: 52px; padding: 0 20px 0 16px; margin: 0;
  border: 0; border-radius: 26px;
  background: var(--hd-accent); color: var(--hd-accent-fg);
  font-size: 15px; font-weight: 600; line-height: 1;
  box-shadow: 0 6px 20px rgba(15, 23, 42, 0.28);
  transition: transform 0.15s ease, box-shadow 0.15s ease;
}
.launcher:hover { transform: translateY(-1px); box-shadow: 0 8px 24px rgba(15, 23, 42, 0.32); }
.launcher:focus-visible { outline-offset: 3px; }
.left .launcher { right: auto; left: 20px; }

.panel {
  position: fixed; bottom: 84px; right: 20px; z-index: 2147483001;
  width: 400px; max-width: calc(100vw - 40px);
  height: 640px; max-height: calc(100vh - 108px);
  display: flex; flex-direction: column;
  background: #fff; border-radius: 16px; overflow: hidden;
  box-shadow: 0 16px 48px rgba(15, 23, 42, 0.28), 0 0 0 1px rgba(15, 23, 42, 0.08);
  animation: hd-in 0.16s ease-out;
}
.left .panel { right: auto; left: 20px; }
@keyframes hd-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }

.header {
  display: flex; align-items: center; gap: 6px;
  padding: 10px 8px 10px 16px;
  background: var(--hd-accent); color: var(--hd-accent-fg);
}
.header :focus-visible { outline-color: var(--hd-accent-fg); outline-offset: 1px; }
.title {
  flex: 1; min-width: 0; margin: 0;
  font-size: 16px; font-weight: 700; line-height: 1.3;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.hbtn {
  display: inline-flex; align-items: center; justify-content: center; flex: none;
  width: 34px; height: 34px; padding: 0; margin: 0;
  border: 0; border-radius: 8px;
  background: transparent; color: inherit;
}
.hbtn:hover { background: rgba(255, 255, 255, 0.2); }

.notice {
  display: flex; gap: 8px; align-items: flex-start;
  padding: 8px 16px; margin: 0;
  background: #f8fafc; border-bottom: 1px solid #e5e7eb;
  font-size: 12.5px; line-height: 1.45; color: #374151;
}
.ai-badge {
  flex: none; margin-top: 1px; padding: 0 5px; border-radius: 4px;
  background: var(--hd-soft); color: var(--hd-ink);
  font-size: 11px; font-weight: 700; line-height: 17px;
}

.log {
  flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
  display: flex; flex-direction: column; gap: 14px;
  padding: 16px;
  background: #fff;
}
.log:focus-visible { outline-offset: -3px; }

.msg { max-width: 100%; }
.msg.user {
  align-self: flex-end; max-width: 85%;
  padding: 8px 12px;
  background: var(--hd-accent); color: var(--hd-accent-fg);
  border-radius: 16px 16px 4px 16px;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.msg.bot { align-self: stretch; display: flex; flex-direction: column; gap: 8px; }
.bubble {
  align-self: flex-start; max-width: 100%;
  padding: 10px 12px;
  background: #f3f4f6; color: #111827;
  border-radius: 4px 16px 16px 16px;
}
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.text:empty { display: none; }
.ref {
  display: inline-block; vertical-align: super;
  min-width: 18px; height: 17px; padding: 0 4px; margin: 0 1px;
  border: 1px solid var(--hd-ink); border-radius: 9px;
  background: #fff; color: var(--hd-ink);
  font-size: 11px; font-weight: 700; line-height: 15px; text-align: center;
}
button.ref:hover { background: var(--hd-soft); }
.ref.pending { border-color: #9ca3af; color: #4b5563; }
.note { margin-top: 6px; font-size: 13px; color: #6b7280; font-style: italic; }

.typing { display: inline-flex; align-items: center; gap: 4px; color: #6b7280; font-size: 13px; }
.dot { width: 6px; height: 6px; border-radius: 50%; background: currentColor; animation: hd-blink 1.2s infinite ease-in-out; }
.dot:nth-child(2) { animation-delay: 0.2s; }
.dot:nth-child(3) { animation-delay: 0.4s; }
.typing-label { margin-left: 6px; }
@keyframes hd-blink { 0%, 80%, 100% { opacity: 0.25; } 40% { opacity: 1; } }

.sources { display: flex; flex-direction: column; gap: 6px; }
.sources-title {
  font-size: 12px; font-weight: 700; letter-spacing: 0.03em; text-transform: uppercase; color: #6b7280;
}
.src-list { list-style: none; display: flex; flex-direction: column; gap: 6px; }
.src { border: 1px solid #e5e7eb; border-radius: 10px; background: #fff; transition: box-shadow 0.3s ease; }
.src.flash { box-shadow: 0 0 0 3px var(--hd-ring); }
.src-btn {
  display: flex; align-items: flex-start; gap: 10px; width: 100%;
  padding: 8px 10px; margin: 0; border: 0; border-radius: 10px;
  background: transparent; text-align: left;
}
.src-btn:hover { background: #f9fafb; }
.src-n {
  flex: none; display: inline-flex; align-items: center; justify-content: center;
  width: 22px; height: 22px; margin-top: 1px; border-radius: 50%;
  background: var(--hd-accent); color: var(--hd-accent-fg);
  font-size: 12px; font-weight: 700; line-height: 1;
}
.src-main { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 1px; }
.src-line { font-size: 13.5px; font-weight: 600; color: #111827; }
.src-date { font-weight: 400; color: #6b7280; }
.src-title {
  font-size: 13px; color: #4b5563; line-height: 1.4;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
}
.badge {
  display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 999px;
  background: #fef3c7; color: #92400e; border: 1px solid #fcd34d;
  font-size: 11px; font-weight: 700; line-height: 16px; vertical-align: 1px;
}
.chev { margin-top: 2px; color: #6b7280; transition: transform 0.15s ease; }
.src-btn[aria-expanded="true"] .chev { transform: rotate(180deg); }
.src-body { display: flex; flex-direction: column; gap: 6px; padding: 0 12px 12px 42px; font-size: 13.5px; }
.src-meta { color: #4b5563; font-size: 12.5px; }
.src-meta strong { color: #374151; font-weight: 600; }
.quote {
  padding: 8px 10px; margin: 0;
  border-left: 3px solid var(--hd-accent); border-radius: 0 6px 6px 0;
  background: #f9fafb; color: #111827;
  white-space: pre-wrap; overflow-wrap: anywhere;
}

.actions { display: flex; gap: 8px; }
.act {
  display: inline-flex; align-items: center; gap: 6px;
  height: 30px; padding: 0 10px; margin: 0;
  border: 1px solid #d1d5db; border-radius: 8px;
  background: #fff; color: #374151;
  font-size: 12.5px; font-weight: 500;
}
.act:hover { background: #f9fafb; border-color: #9ca3af; }
.act.done { color: #166534; border-color: #86efac; background: #f0fdf4; }
.act.rate { font-size: 15px; padding: 0 9px; }
.act.rate[aria-pressed="true"] { border-color: var(--hd-accent); background: var(--hd-soft); }
.fb { display: flex; flex-direction: column; gap: 6px; }
.fb textarea { font: inherit; font-size: 13px; min-height: 52px; padding: 6px 8px; border: 1px solid #d1d5db; border-radius: 8px; resize: vertical; }
.fb-row { display: flex; gap: 8px; }
.fb-note { font-size: 12.5px; color: #4b5563; }

.welcome { display: flex; flex-direction: column; gap: 10px; }
.ex-title { font-size: 13px; font-weight: 600; color: #4b5563; }
.examples { list-style: none; display: flex; flex-direction: column; gap: 6px; }
.ex {
  display: block; width: 100%;
  padding: 8px 12px; margin: 0;
  border: 1px solid #d1d5db; border-radius: 10px;
  background: #fff; color: var(--hd-ink);
  font-size: 14px; line-height: 1.4; text-align: left;
}
.ex:hover { background: var(--hd-soft); border-color: var(--hd-ink); }

.error {
  display: flex; gap: 8px; align-items: flex-start;
  padding: 10px 12px;
  border: 1px solid #fecaca; border-radius: 10px;
  background: #fef2f2; color: #991b1b;
  font-size: 14px;
}
.error svg { margin-top: 2px; }
.error-kept { display: block; margin-top: 2px; font-size: 12.5px; color: #7f1d1d; }

.composer { padding: 10px 12px 8px; border-top: 1px solid #e5e7eb; background: #fff; }
.row { display: flex; align-items: flex-end; gap: 8px; }
.input {
  flex: 1; min-width: 0; display: block;
  height: 44px; min-height: 44px; max-height: 140px; margin: 0;
  padding: 11px 12px;
  border: 1px solid #cbd5e1; border-radius: 12px;
  background: #fff; color: #111827;
  font-size: 15px; line-height: 1.4;
  resize: none; overflow-y: auto;
}
.input::placeholder { color: #6b7280; opacity: 1; }
.input:focus-visible { outline: none; border-color: var(--hd-ink); box-shadow: 0 0 0 3px var(--hd-ring); }
.send {
  flex: none; display: inline-flex; align-items: center; justify-content: center;
  width: 44px; height: 44px; margin: 0; border: 0; border-radius: 12px;
  background: var(--hd-accent); color: var(--hd-accent-fg);
}
.send:hover { filter: brightness(1.08); }
.send.stop { background: #374151; color: #fff; }
.foot { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 6px; }
.hint { font-size: 11.5px; color: #6b7280; }
.link {
  display: inline-flex; align-items: center; gap: 4px; flex: none;
  height: 26px; padding: 0 6px; margin: 0 -6px 0 auto; border: 0; border-radius: 6px;
  background: transparent; color: var(--hd-ink);
  font-size: 12.5px; font-weight: 600; white-space: nowrap;
}
.link:hover { background: var(--hd-soft); }

@media (max-width: 480px) {
  .panel {
    top: 0; right: 0; bottom: 0; left: 0;
    width: 100%; max-width: none; height: 100%; max-height: none;
    border-radius: 0;
  }
  .left .panel { left: 0; right: 0; }
  .open .launcher { display: none; }
  .hint { display: none; }
  .msg.user { max-width: 90%; }
  .input { font-size: 16px; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
@media (forced-colors: active) {
  .launcher, .send, .hbtn, .link, .ex, .act, .src-btn, .ref { border: 1px solid ButtonText; }
}
`;

const SOURCE = String.raw`(function () {
  "use strict";
  if (typeof window === "undefined" || typeof document === "undefined" || window.hoidapCds) return;

  var CSS = __CSS__;
  var T = __STRINGS__;
  var MAX_TURNS = 10;
  var MAX_TURN_CHARS = 2000;
  var MAX_STORED_TURNS = 20;
  var IDLE_TIMEOUT_MS = 60000;
  var DEFAULT_COLOR = "#0b5cad";
  var SVGNS = "http://www.w3.org/2000/svg";
  var ICONS = {
    chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z",
    close: "M6 6l12 12M18 6L6 18",
    send: "M12 19V5M5.5 11.5L12 5l6.5 6.5",
    stop: "M8 8h8v8H8z",
    plus: "M12 5v14M5 12h14",
    copy: "M9 9h10v10H9zM5 15V5h10",
    check: "M5 13l4 4L19 7",
    chevron: "M6 9l6 6 6-6",
    alert: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 8v5M12 16.5v.5"
  };

  // document.currentScript is only set while the script first runs, so read everything from it now.
  var script = document.currentScript || findScript();
  var ds = (script && script.dataset) || {};
  var scriptUrl = script && script.src ? script.src : location.href;
  var API = resolveApi(ds.api);
  var TITLE = cleanLine(ds.title, 80) || T.title;
  var THEME = theme(parseHex(ds.color) || parseHex(DEFAULT_COLOR));
  var LEFT = ds.position === "bottom-left";
  var EXAMPLES = parseExamples(ds.examples) || T.examples;
  var STORE_KEY = "hoidap-cds:" + API;

  var idCounter = 0;
  var state = { open: false, busy: false, req: null, history: [], turns: [], sessionId: newId() };
  var ui = {};

  function findScript() {
    var list = document.getElementsByTagName("script");
    for (var i = list.length - 1; i >= 0; i--) {
      if (/\/widget\.js(?:[?#]|$)/.test(list[i].src || "")) return list[i];
    }
    return null;
  }

  function resolveApi(raw) {
    var fallback = originOf(scriptUrl) || location.origin;
    if (!raw) return fallback;
    try {
      var u = new URL(raw, scriptUrl);
      if (u.protocol !== "http:" && u.protocol !== "https:") return fallback;
      return (u.origin + u.pathname).replace(/\/+$/, "");
    } catch (e) {
      return fallback;
    }
  }

  function originOf(url) {
    try { return new URL(url, location.href).origin; } catch (e) { return ""; }
  }

  function str(v) {
    return typeof v === "string" ? v : typeof v === "number" && isFinite(v) ? String(v) : "";
  }

  function cleanLine(v, max) {
    return str(v).replace(/\s+/g, " ").replace(/^ | $/g, "").slice(0, max);
  }

  function parseExamples(raw) {
    if (!raw) return null;
    var list = String(raw).split("|").map(function (q) { return cleanLine(q, 200); }).filter(Boolean);
    return list.length ? list.slice(0, 6) : null;
  }

  function newId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") return c.randomUUID();
    var bytes = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    var hex = "";
    for (var j = 0; j < 16; j++) hex += (bytes[j] + 256).toString(16).slice(1);
    return hex;
  }

  // ---- theme: only #rgb / #rrggbb is accepted; text colours are chosen for contrast ----
  function parseHex(v) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(str(v).replace(/^\s+|\s+$/g, ""));
    if (!m) return null;
    var hex = m[1];
    if (hex.length === 3) hex = hex[0] + hex[0] + hex[1] + hex[1] + hex[2] + hex[2];
    return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
  }
  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function theme(rgb) {
    var white = [255, 255, 255], dark = [17, 24, 39];
    var fg = contrast(rgb, white) >= contrast(rgb, dark) ? white : dark;
    var ink = rgb;
    for (var i = 0; i < 30 && contrast(ink, white) < 4.5; i++) {
      ink = ink.map(function (v) { return Math.round(v * 0.85); });
    }
    return {
      "--hd-accent": "rgb(" + rgb.join(",") + ")",
      "--hd-accent-fg": "rgb(" + fg.join(",") + ")",
      "--hd-ink": "rgb(" + ink.join(",") + ")",
      "--hd-soft": "rgba(" + ink.join(",") + ",0.08)",
      "--hd-ring": "rgba(" + ink.join(",") + ",0.3)"
    };
  }

  // ---- tiny DOM builder: text only, never HTML ----
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) continue;
        var v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = v;
        else el.setAttribute(k, v === true ? "" : String(v));
      }
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    if (!children) return el;
    for (var i = 0; i < children.length; i++) {
      var c = children[i];
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return el;
  }
  function icon(name, cls, size) {
    var s = String(size || 20);
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", s);
    svg.setAttribute("height", s);
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("fill", name === "stop" ? "currentColor" : "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "2");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (cls) svg.setAttribute("class", cls);
    var path = document.createElementNS(SVGNS, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }
  function remove(el) {
    if (el && el.parentNode) el.parentNode.removeChild(el);
  }
  function nextId(prefix) {
    idCounter += 1;
    return prefix + "-" + idCounter;
  }

  function applyStyles(shadow) {
    // Constructable sheets also work on host pages whose CSP forbids inline <style>.
    try {
      if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet === "function") {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        shadow.adoptedStyleSheets = [sheet];
        return;
      }
    } catch (e) { /* fall back to a <style> element */ }
    shadow.appendChild(h("style", { text: CSS }));
  }

  // ---- build the widget ----
  function init() {
    if (!document.body || ui.host) return;
    var host = document.createElement("hoidap-cds-widget");
    host.setAttribute("data-hoidap-cds", "");
    var shadow = host.attachShadow({ mode: "open" });
    applyStyles(shadow);

    var root = h("div", { class: "root" + (LEFT ? " left" : ""), lang: "vi" });
    for (var key in THEME) root.style.setProperty(key, THEME[key]);

    var launcher = h("button", {
      type: "button", class: "launcher", "aria-label": T.launcher + " — " + TITLE,
      "aria-expanded": "false", "aria-controls": "hd-panel"
    }, [icon("chat", "launcher-icon", 22), h("span", { class: "launcher-text", text: T.launcher })]);

    var newBtn = h("button", { type: "button", class: "link new" }, [icon("plus", null, 14), h("span", { text: T.newChat })]);
    var closeBtn = h("button", { type: "button", class: "hbtn icon", "aria-label": T.close, title: T.close }, [icon("close")]);
    var header = h("div", { class: "header" }, [h("p", { class: "title", text: TITLE }), closeBtn]);
    var notice = h("p", { class: "notice", id: "hd-notice" }, [
      h("span", { class: "ai-badge", "aria-hidden": "true", text: "AI" }),
      h("span", { text: T.disclosure })
    ]);
    var log = h("div", {
      class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions text",
      "aria-label": T.logLabel, "aria-busy": "false", tabindex: "0"
    });
    var input = h("textarea", {
      id: "hd-input", class: "input", rows: "1", placeholder: T.placeholder,
      "aria-describedby": "hd-hint", autocomplete: "off", spellcheck: "true", enterkeyhint: "send"
    });
    var sendBtn = h("button", { type: "button", class: "send", "aria-label": T.send, title: T.send }, [icon("send")]);
    var composer = h("div", { class: "composer" }, [
      h("label", { class: "sr-only", for: "hd-input", text: T.inputLabel }),
      h("div", { class: "row" }, [input, sendBtn]),
      h("p", { class: "sr-only", id: "hd-hint", text: T.hint }),
      h("div", { class: "foot" }, [h("p", { class: "hint", "aria-hidden": "true", text: T.hintShort }), newBtn])
    ]);
    var status = h("div", { class: "sr-only", role: "status", "aria-live": "polite" });
    var panel = h("div", {
      id: "hd-panel", class: "panel", role: "dialog", "aria-label": TITLE,
      "aria-describedby": "hd-notice", hidden: true
    }, [header, notice, log, composer, status]);

    append(root, [launcher, panel]);
    shadow.appendChild(root);

    ui = {
      host: host, shadow: shadow, root: root, launcher: launcher, panel: panel, log: log,
      input: input, sendBtn: sendBtn, newBtn: newBtn, closeBtn: closeBtn, status: status, welcome: null
    };

    launcher.addEventListener("click", function () { if (state.open) closePanel(true); else openPanel(); });
    closeBtn.addEventListener("click", function () { closePanel(true); });
    newBtn.addEventListener("click", newConversation);
    sendBtn.addEventListener("click", function () {
      if (state.busy) stopAnswer();
      else send(input.value);
    });
    input.addEventListener("keydown", function (e) {
      // isComposing / 229: Vietnamese input methods (Telex, VNI) compose with Enter too — never send mid-word.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        if (!state.busy) send(input.value);
      }
    });
    input.addEventListener("input", autosize);
    root.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && state.open && !e.isComposing) {
        e.preventDefault();
        e.stopPropagation();
        closePanel(true);
      }
    });

    restore();
    if (!state.turns.length) showWelcome();
    document.body.appendChild(host);
  }

  function openPanel() {
    if (!ui.panel) return;
    state.open = true;
    ui.panel.hidden = false;
    ui.root.classList.add("open");
    ui.launcher.setAttribute("aria-expanded", "true");
    scrollToBottom();
    ui.input.focus();
  }

  function closePanel(returnFocus) {
    if (!ui.panel) return;
    state.open = false;
    ui.panel.hidden = true;
    ui.root.classList.remove("open");
    ui.launcher.setAttribute("aria-expanded", "false");
    if (returnFocus) ui.launcher.focus();
  }

  function autosize() {
    var el = ui.input;
    el.style.height = "auto";
    el.style.height = Math.min(Math.max(el.scrollHeight + 2, 44), 140) + "px";
  }

  function nearBottom() {
    var l = ui.log;
    return l.scrollHeight - l.scrollTop - l.clientHeight < 48;
  }
  function scrollToBottom() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }
  // Follow a growing answer, but stop once the question reaches the top so the answer's start stays in view.
  function followAnswer(req) {
    var log = ui.log;
    var questionTop = req.userEl.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop - 12;
    log.scrollTop = Math.max(log.scrollTop, Math.min(log.scrollHeight - log.clientHeight, questionTop));
  }

  function announce(text) {
    ui.status.textContent = "";
    setTimeout(function () { ui.status.textContent = text; }, 30);
  }

  // ---- welcome + examples ----
  function showWelcome() {
    var list = h("ul", { class: "examples" });
    EXAMPLES.forEach(function (q) {
      var b = h("button", { type: "button", class: "ex" }, [q]);
      b.addEventListener("click", function () {
        if (!state.busy) send(q);
      });
      list.appendChild(h("li", null, [b]));
    });
    var examples = h("div", { class: "examples-wrap" }, [h("p", { class: "ex-title", text: T.examplesTitle }), list]);
    ui.welcome = { el: h("div", { class: "welcome" }, [h("div", { class: "bubble", text: T.welcome }), examples]), examples: examples };
    ui.log.appendChild(ui.welcome.el);
  }
  function hideExamples() {
    if (ui.welcome) remove(ui.welcome.examples);
  }

  // ---- messages ----
  function addUser(text) {
    var el = h("div", { class: "msg user" }, [h("span", { class: "sr-only", text: T.you + ": " }), text]);
    ui.log.appendChild(el);
    return el;
  }

  function addBot() {
    var text = h("div", { class: "text" });
    var typing = h("div", { class: "typing" }, [
      h("span", { class: "dot" }), h("span", { class: "dot" }), h("span", { class: "dot" }),
      h("span", { class: "typing-label", text: T.thinking })
    ]);
    var bubble = h("div", { class: "bubble" }, [h("span", { class: "sr-only", text: T.assistant + ": " }), text, typing]);
    var el = h("div", { class: "msg bot" }, [bubble]);
    ui.log.appendChild(el);
    return { el: el, bubble: bubble, text: text, typing: typing, final: false, sources: {} };
  }

  // [1], [2, 3], [1-3] → numbered markers built with DOM nodes; everything else stays plain text.
  var REF_RE = /\[(\d{1,3}(?:\s*[,;\u2013-]\s*\d{1,3})*)\]/g;
  function refNumbers(inner) {
    var out = [];
    inner.split(/\s*[,;]\s*/).forEach(function (part) {
      var r = /^(\d+)\s*[\u2013-]\s*(\d+)$/.exec(part);
      if (r) {
        var a = +r[1], b = +r[2];
        if (b >= a && b - a < 10) { for (var n = a; n <= b; n++) out.push(n); return; }
      }
      if (/^\d+$/.test(part)) out.push(+part);
    });
    return out;
  }
  function renderText(container, text, citeMap, onRef) {
    clear(container);
    var last = 0, m;
    REF_RE.lastIndex = 0;
    while ((m = REF_RE.exec(text))) {
      var nums = refNumbers(m[1]);
      if (!nums.length) continue;
      if (m.index > last) container.appendChild(document.createTextNode(text.slice(last, m.index)));
      nums.forEach(function (n) {
        if (!citeMap) {
          container.appendChild(h("span", { class: "ref pending", text: String(n) }));
        } else if (citeMap[n]) {
          var b = h("button", { type: "button", class: "ref", "aria-label": T.source + " " + n, text: String(n) });
          b.addEventListener("click", function () { onRef(n); });
          container.appendChild(b);
        } else {
          container.appendChild(document.createTextNode("[" + n + "]"));
        }
      });
      last = m.index + m[0].length;
    }
    if (last < text.length) container.appendChild(document.createTextNode(text.slice(last)));
  }

  function citationLabel(c) {
    var label = cleanLine(c.label, 60);
    if (label) return label;
    var status = c.document && c.document.status;
    return (status && T.statusLabels[status]) || "";
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(iso));
    return m ? +m[3] + "/" + +m[2] + "/" + m[1] : "";
  }

  function sanitizeAnswer(obj) {
    var citations = [];
    (Array.isArray(obj.citations) ? obj.citations : []).forEach(function (c) {
      if (!c || typeof c !== "object") return;
      var n = Number(c.n);
      if (!(n >= 1 && n <= 999 && Math.floor(n) === n)) return;
      var d = c.document && typeof c.document === "object" ? c.document : {};
      citations.push({
        n: n,
        documentId: str(c.documentId),
        document: { number: str(d.number) || null, title: str(d.title), issuedDate: str(d.issuedDate) || null, status: str(d.status) },
        section: str(c.section),
        quote: str(c.quote),
        label: str(c.label) || undefined
      });
    });
    citations.sort(function (a, b) { return a.n - b.n; });
    var id = str(obj.answerId);
    return { answer: str(obj.answer), citations: citations, answerId: /^[A-Za-z0-9-]{8,64}$/.test(id) ? id : "" };
  }

  function buildSources(msg, citations) {
    var list = h("ol", { class: "src-list" });
    citations.forEach(function (c) {
      var doc = c.document;
      var label = citationLabel(c);
      var number = doc.number || T.noNumber;
      var date = formatDate(doc.issuedDate);
      var bodyId = nextId("hd-src");
      var btn = h("button", { type: "button", class: "src-btn", "aria-expanded": "false", "aria-controls": bodyId }, [
        h("span", { class: "src-n", "aria-hidden": "true", text: String(c.n) }),
        h("span", { class: "src-main" }, [
          h("span", { class: "src-line" }, [
            h("span", { class: "sr-only", text: T.source + " " + c.n + ": " }),
            h("span", { class: "src-num", text: number }),
            date ? h("span", { class: "src-date", text: " · " + date }) : null,
            label ? h("span", { class: "badge", text: label }) : null
          ]),
          doc.title ? h("span", { class: "src-title", text: doc.title }) : null
        ]),
        icon("chevron", "chev", 18)
      ]);
      var body = h("div", { class: "src-body", id: bodyId, hidden: true }, [
        c.section ? h("p", { class: "src-meta src-section" }, [h("strong", { text: T.section + ": " }), c.section]) : null,
        h("blockquote", { class: "quote", text: c.quote || T.noQuote }),
        h("p", { class: "src-meta" }, [h("strong", { text: T.document + ": " }), number + (doc.title ? " — " + doc.title : "")]),
        date ? h("p", { class: "src-meta" }, [h("strong", { text: T.issued + ": " }), date]) : null
      ]);
      var item = h("li", { class: "src" }, [btn, body]);
      var entry = { btn: btn, body: body, item: item };
      btn.addEventListener("click", function () { setExpanded(entry, btn.getAttribute("aria-expanded") !== "true"); });
      msg.sources[c.n] = entry;
      list.appendChild(item);
    });
    return h("div", { class: "sources" }, [h("p", { class: "sources-title", text: T.sources + " (" + citations.length + ")" }), list]);
  }

  function setExpanded(entry, open) {
    entry.btn.setAttribute("aria-expanded", open ? "true" : "false");
    entry.body.hidden = !open;
  }

  function revealSource(msg, n) {
    var entry = msg.sources[n];
    if (!entry) return;
    setExpanded(entry, true);
    entry.btn.focus();
    if (entry.item.scrollIntoView) entry.item.scrollIntoView({ block: "nearest" });
    entry.item.classList.add("flash");
    setTimeout(function () { entry.item.classList.remove("flash"); }, 1200);
  }

  function plainAnswer(a) {
    var out = a.answer;
    if (a.citations.length) {
      out += "\n\n" + T.sources + ":\n" + a.citations.map(function (c) {
        var parts = [c.document.number || T.noNumber];
        if (c.document.title) parts.push(c.document.title);
        var label = citationLabel(c);
        return "[" + c.n + "] " + parts.join(" — ") + (c.section ? " (" + c.section + ")" : "") + (label ? " [" + label + "]" : "");
      }).join("\n");
    }
    return out;
  }

  function renderFinal(msg, a) {
    msg.final = true;
    remove(msg.typing);
    var map = {};
    a.citations.forEach(function (c) { map[c.n] = c; });
    renderText(msg.text, a.answer, map, function (n) { revealSource(msg, n); });
    if (a.citations.length) msg.el.appendChild(buildSources(msg, a.citations));
    var copyBtn = h("button", { type: "button", class: "act copy" }, [icon("copy", null, 16), h("span", { text: T.copy })]);
    copyBtn.addEventListener("click", function () { copyText(plainAnswer(a), copyBtn); });
    var actions = h("div", { class: "actions" }, [copyBtn]);
    msg.el.appendChild(actions);
    if (a.answerId) addRating(msg, actions, a.answerId);
  }

  // ---- feedback: 👍 sends at once; 👎 opens a short optional comment, then sends ----
  function addRating(msg, actions, answerId) {
    var up = h("button", { type: "button", class: "act rate up", "aria-label": T.rateUp, title: T.rateUp, "aria-pressed": "false", text: "👍" });
    var down = h("button", { type: "button", class: "act rate down", "aria-label": T.rateDown, title: T.rateDown, "aria-pressed": "false", text: "👎" });
    append(actions, [up, down]);
    var box = null;
    function note(text) {
      if (box) remove(box);
      box = h("p", { class: "fb-note", role: "status", text: text });
      msg.el.appendChild(box);
    }
    function send(rating, comment) {
      up.disabled = down.disabled = true;
      var body = { answerId: answerId, rating: rating };
      if (comment) body.comment = comment.slice(0, 500);
      fetch(API + "/api/feedback", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        (rating === "up" ? up : down).setAttribute("aria-pressed", "true");
        note(T.thanks);
        announce(T.thanks);
      }).catch(function () {
        up.disabled = down.disabled = false;
        note(T.feedbackFailed);
      });
    }
    up.addEventListener("click", function () { send("up"); });
    down.addEventListener("click", function () {
      if (box) remove(box);
      var ta = h("textarea", { maxlength: "500", placeholder: T.commentPlaceholder, "aria-label": T.commentPlaceholder });
      var ok = h("button", { type: "button", class: "act fb-send", text: T.sendFeedback });
      var skip = h("button", { type: "button", class: "act fb-skip", text: T.skipComment });
      box = h("div", { class: "fb" }, [ta, h("div", { class: "fb-row" }, [ok, skip])]);
      msg.el.appendChild(box);
      ta.focus();
      ok.addEventListener("click", function () { send("down", ta.value.trim()); });
      skip.addEventListener("click", function () { send("down"); });
    });
  }

  // ---- copy ----
  function copyText(text, btn) {
    function done(ok) {
      clear(btn);
      append(btn, [icon(ok ? "check" : "copy", null, 16), h("span", { text: ok ? T.copied : T.copyFailed })]);
      btn.classList.toggle("done", ok);
      announce(ok ? T.copied : T.copyFailed);
      clearTimeout(btn._hdTimer);
      btn._hdTimer = setTimeout(function () {
        clear(btn);
        append(btn, [icon("copy", null, 16), h("span", { text: T.copy })]);
        btn.classList.remove("done");
      }, 2000);
    }
    var clip = navigator.clipboard;
    if (clip && typeof clip.writeText === "function" && window.isSecureContext) {
      clip.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text, btn)); });
    } else {
      done(fallbackCopy(text, btn));
    }
  }
  function fallbackCopy(text, btn) {
    var ta = h("textarea", { class: "sr-only", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    ta.value = text;
    ui.root.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    remove(ta);
    btn.focus();
    return ok;
  }

  // ---- errors ----
  function parseJson(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }
  function parseRetryAfter(v) {
    if (!v) return 0;
    if (/^\s*\d+\s*$/.test(v)) return Math.max(1, parseInt(v, 10));
    var t = Date.parse(v);
    return isNaN(t) ? 0 : Math.max(1, Math.ceil((t - Date.now()) / 1000));
  }
  function errorText(e) {
    if (!e || !e.kind) return T.badResponse;
    if (e.kind === "network") return T.network;
    if (e.kind === "timeout") return T.timeout;
    if (e.kind === "cut") return T.interrupted;
    if (e.kind === "stream") return e.message || T.serverError;
    if (e.kind === "http") {
      if (e.status === 429) return e.retryAfter ? T.rateLimited.replace("{n}", String(e.retryAfter)) : T.rateLimitedNoTime;
      if (e.status >= 500) return T.serverError;
      return e.message || T.badRequest.replace("{status}", String(e.status));
    }
    return T.badResponse;
  }
  function showError(text) {
    var el = h("div", { class: "error" }, [icon("alert", null, 18), h("span", null, [text, h("span", { class: "error-kept", text: T.kept })])]);
    ui.log.appendChild(el);
    scrollToBottom();
  }
  function clearErrors() {
    var list = ui.log.querySelectorAll(".error");
    for (var i = 0; i < list.length; i++) remove(list[i]);
  }

  // ---- the request ----
  function setBusy(b) {
    state.busy = b;
    ui.log.setAttribute("aria-busy", b ? "true" : "false");
    clear(ui.sendBtn);
    ui.sendBtn.appendChild(icon(b ? "stop" : "send"));
    ui.sendBtn.setAttribute("aria-label", b ? T.stop : T.send);
    ui.sendBtn.setAttribute("title", b ? T.stop : T.send);
    ui.sendBtn.classList.toggle("stop", b);
  }

  function clip(text) {
    return text.length > MAX_TURN_CHARS ? text.slice(0, MAX_TURN_CHARS) + "…" : text;
  }

  function send(raw) {
    var text = String(raw || "").replace(/^\s+|\s+$/g, "");
    if (!text) { ui.input.focus(); return; }
    if (state.busy) return;
    clearErrors();
    hideExamples();
    var userEl = addUser(text);
    if (ui.input.value.replace(/^\s+|\s+$/g, "") === text) ui.input.value = "";
    autosize();
    var msg = addBot();
    scrollToBottom();

    var ctrl = typeof AbortController === "function" ? new AbortController() : null;
    var req = { ctrl: ctrl, msg: msg, text: text, userEl: userEl, acc: "", done: false, reason: "", raf: false };
    state.req = req;
    setBusy(true);

    var timer = 0;
    function touch() {
      clearTimeout(timer);
      timer = setTimeout(function () { req.reason = "timeout"; if (ctrl) ctrl.abort(); }, IDLE_TIMEOUT_MS);
    }
    touch();

    var body = JSON.stringify({ message: text, history: state.history.slice(-MAX_TURNS), sessionId: state.sessionId });
    fetch(API + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: body,
      signal: ctrl ? ctrl.signal : undefined,
      credentials: "omit",
      cache: "no-store"
    })
      .then(function (res) {
        touch();
        return handleResponse(req, res, touch);
      }, function () {
        throw { kind: "network" };
      })
      .then(function () {
        if (!req.done) throw { kind: req.acc ? "cut" : "network" };
      })
      .catch(function (err) { fail(req, err); })
      .then(function () {
        clearTimeout(timer);
        if (state.req === req) {
          state.req = null;
          setBusy(false);
        }
      });
  }

  function handleResponse(req, res, touch) {
    if (!res.ok) {
      return res.text().then(null, function () { return ""; }).then(function (t) {
        var obj = parseJson(t);
        var e = { kind: "http", status: res.status, message: obj && obj.error ? cleanLine(obj.error.message, 500) : "" };
        if (res.status === 429) e.retryAfter = parseRetryAfter(res.headers.get("Retry-After"));
        throw e;
      });
    }
    var type = (res.headers.get("Content-Type") || "").toLowerCase();
    if (type.indexOf("text/event-stream") !== -1) {
      return readEvents(res, function (name, data) { onEvent(req, name, data); }, function () { return req.done; }, touch);
    }
    return res.text().then(function (t) {
      var obj = parseJson(t);
      if (!obj || typeof obj.answer !== "string") throw { kind: "bad" };
      finish(req, obj);
    });
  }

  // Server-sent events over fetch (EventSource cannot POST): split into lines, dispatch on a blank line.
  function readEvents(res, dispatch, isDone, touch) {
    var parser = sseParser(dispatch);
    if (!res.body || typeof res.body.getReader !== "function") {
      return res.text().then(function (t) { parser.push(t); parser.end(); });
    }
    var reader = res.body.getReader();
    var decoder = new TextDecoder("utf-8");
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) {
          parser.push(decoder.decode());
          parser.end();
          return;
        }
        touch();
        parser.push(decoder.decode(r.value, { stream: true }));
        if (isDone()) {
          reader.cancel().then(null, function () {});
          return;
        }
        return pump();
      }, function (err) {
        if (isDone()) return;
        throw err && err.kind ? err : { kind: "cut" };
      });
    }
    return pump();
  }

  function sseParser(dispatch) {
    var buf = "", name = "", data = [], hasData = false, first = true;
    function line(l) {
      if (l === "") {
        if (hasData) dispatch(name || "message", data.join("\n"));
        name = ""; data = []; hasData = false;
        return;
      }
      if (l.charAt(0) === ":") return;
      var i = l.indexOf(":");
      var field = i === -1 ? l : l.slice(0, i);
      var value = i === -1 ? "" : l.slice(i + 1);
      if (value.charAt(0) === " ") value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "data") { data.push(value); hasData = true; }
    }
    return {
      push: function (chunk) {
        buf += chunk;
        if (first && buf) { first = false; if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1); }
        var re = /\r\n|\n|\r/g, start = 0, m;
        while ((m = re.exec(buf))) {
          // A lone trailing CR may be the first half of CRLF split across chunks: wait for more.
          if (m[0] === "\r" && m.index === buf.length - 1) break;
          line(buf.slice(start, m.index));
          start = re.lastIndex;
        }
        buf = buf.slice(start);
      },
      end: function () {
        if (buf) line(buf.replace(/\r$/, ""));
        buf = "";
        line("");
      }
    };
  }

  function onEvent(req, name, data) {
    if (req.done || state.req !== req) return;
    var obj = parseJson(data);
    if (name === "error" || (obj && obj.error && typeof obj.answer !== "string")) {
      var err = obj && obj.error;
      throw { kind: "stream", message: err && typeof err === "object" ? cleanLine(err.message, 500) : "" };
    }
    if (name === "done" || (obj && typeof obj.answer === "string")) {
      if (!obj || typeof obj.answer !== "string") throw { kind: "bad" };
      finish(req, obj);
      return;
    }
    if ((name === "delta" || name === "message") && obj && typeof obj.text === "string") {
      req.acc += obj.text;
      scheduleStreamRender(req);
    }
  }

  function scheduleStreamRender(req) {
    if (req.raf) return;
    req.raf = true;
    var raf = window.requestAnimationFrame || function (f) { return setTimeout(f, 16); };
    raf(function () {
      req.raf = false;
      if (req.msg.final || state.req !== req) return;
      var pinned = nearBottom();
      if (req.msg.typing.parentNode) remove(req.msg.typing);
      renderText(req.msg.text, req.acc, null);
      if (pinned) followAnswer(req);
    });
  }

  function finish(req, obj) {
    req.done = true;
    var a = sanitizeAnswer(obj);
    var pinned = nearBottom();
    renderFinal(req.msg, a);
    if (pinned) followAnswer(req);
    state.history = state.history
      .concat([{ role: "user", content: clip(req.text) }, { role: "assistant", content: clip(a.answer) }])
      .slice(-MAX_TURNS);
    state.turns = state.turns.concat([{ q: req.text, a: a }]).slice(-MAX_STORED_TURNS);
    save();
  }

  function fail(req, err) {
    if (state.req !== req) return; // the conversation was reset: drop silently
    if (req.ctrl) { try { req.ctrl.abort(); } catch (e) { /* already closed */ } }
    if (!(err && err.kind) && req.reason !== "stop" && req.reason !== "timeout" && window.console) {
      console.error("[hoidap-cds]", err);
    }
    if (req.reason === "stop" && req.acc) {
      // Keep what arrived, marked as stopped; it does not enter the history.
      req.msg.final = true;
      remove(req.msg.typing);
      renderText(req.msg.text, req.acc, null);
      req.msg.bubble.appendChild(h("p", { class: "note", text: T.stopped }));
      return;
    }
    remove(req.msg.el);
    remove(req.userEl);
    if (req.reason !== "stop") showError(errorText(req.reason === "timeout" ? { kind: "timeout" } : err));
    restoreQuestion(req.text);
  }

  function restoreQuestion(text) {
    var input = ui.input;
    var current = input.value.replace(/^\s+|\s+$/g, "");
    if (current !== text) input.value = current ? text + "\n" + input.value : text;
    autosize();
    if (state.open) {
      input.focus();
      try { input.setSelectionRange(input.value.length, input.value.length); } catch (e) { /* not focusable yet */ }
    }
  }

  function stopAnswer() {
    var req = state.req;
    if (!req) return;
    req.reason = "stop";
    if (req.ctrl) req.ctrl.abort();
  }

  function newConversation() {
    var req = state.req;
    if (req) {
      state.req = null;
      req.reason = "discard";
      if (req.ctrl) { try { req.ctrl.abort(); } catch (e) { /* ignore */ } }
      setBusy(false);
    }
    state.history = [];
    state.turns = [];
    state.sessionId = newId();
    clear(ui.log);
    showWelcome();
    save();
    ui.input.focus();
  }

  // ---- keep the conversation across page loads in this tab ----
  function save() {
    try {
      if (!state.turns.length) window.sessionStorage.removeItem(STORE_KEY);
      else window.sessionStorage.setItem(STORE_KEY, JSON.stringify({ v: 1, sessionId: state.sessionId, turns: state.turns }));
    } catch (e) { /* storage may be disabled */ }
  }
  function restore() {
    var saved;
    try { saved = parseJson(window.sessionStorage.getItem(STORE_KEY) || ""); } catch (e) { saved = null; }
    if (!saved || saved.v !== 1 || !Array.isArray(saved.turns) || !saved.turns.length) return;
    state.sessionId = str(saved.sessionId) || state.sessionId;
    saved.turns.forEach(function (t) {
      if (!t || typeof t.q !== "string" || !t.a || typeof t.a.answer !== "string") return;
      var a = sanitizeAnswer(t.a);
      addUser(t.q);
      var msg = addBot();
      renderFinal(msg, a);
      state.turns.push({ q: t.q, a: a });
      state.history.push({ role: "user", content: clip(t.q) }, { role: "assistant", content: clip(a.answer) });
    });
    state.history = state.history.slice(-MAX_TURNS);
  }

  window.hoidapCds = {
    open: function () { openPanel(); },
    close: function () { closePanel(false); },
    reset: function () { if (ui.log) newConversation(); }
  };

  if (document.body) init();
  else document.addEventListener("DOMContentLoaded", init);
})();
`;

/** Escape every non-ASCII character so the script means the same in any charset the host page assumes. */
function toAscii(js: string): string {
  return js.replace(/[\u0080-\uffff]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** The browser script served as /widget.js. */
export const WIDGET_JS: string = toAscii(
  SOURCE.replace("__CSS__", () => JSON.stringify(CSS)).replace("__STRINGS__", () => JSON.stringify(STRINGS)),
);
