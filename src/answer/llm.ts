// Answer layer (pure): the optional LLM path. The extractive answer is composed first; an OpenAI-compatible
// chat model (Ollama, vLLM, OpenAI…) may rephrase it from the same cited passages, and its text is served only
// when it passes verification against those sources (every [n] exists, every number/date and agency it names
// appears in the cited quotes, facts or extractive answer, every sentence's content words mostly do; no link of
// any scheme, nothing shaped like a domain, no "<", mentions or look-alike characters). Any failure — timeout,
// network, non-2xx, malformed body, failed check — logs a warning (never the prompt) and serves the base answer.

import type { Logger } from "../log.ts";
import { findAgencies } from "../tasks/agencies.ts";
import { matchKey } from "../text/normalize.ts";
import { redactPersonalData } from "../text/redact.ts";
import type { AnswerFn, ChatAnswer, ChatInput, ChatTurn, Citation, Fact } from "./types.ts";

export interface LlmAnswererOptions {
  /** Injected (globalThis.fetch in Node/Workers, a fake in tests). */
  fetch: typeof fetch;
  /** OpenAI-compatible base, e.g. "http://127.0.0.1:11434/v1" (Ollama) or "https://api.openai.com/v1". */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Longest the LLM call may take, body included. Default 8000 ms. */
  timeoutMs?: number;
  /** Content of prompts/answer.md: placeholders {question}, {history}, {facts}, {passages}. */
  template: string;
  logger: Logger;
  /** Default 600. */
  maxTokens?: number;
}

export const LLM_MAX_ANSWER_CHARS = 1500;
const NOT_FOUND = "không tìm thấy thông tin";
const MAX_HISTORY_TURNS = 6;
const MAX_TURN_CHARS = 500;
const DEFAULT_SYSTEM =
  "Bạn là trợ lý trả lời câu hỏi về Chính phủ số và chuyển đổi số của Việt Nam, chỉ dựa trên các trích đoạn văn bản được cung cấp.";

// ---------------------------------------------------------------------------------------------------------
// Prompt

/** Splits the template into system and user parts at a line "---"; leading HTML comments are dropped. */
export function splitTemplate(template: string): { system: string; user: string } {
  const text = template.replace(/^\uFEFF/, "").replace(/<!--[\s\S]*?-->/g, "").replace(/\r\n?/g, "\n");
  const m = /^---[ \t]*$/m.exec(text);
  if (!m) return { system: DEFAULT_SYSTEM, user: text.trim() };
  return { system: text.slice(0, m.index).trim() || DEFAULT_SYSTEM, user: text.slice(m.index + m[0].length).trim() };
}

/** One pass over the placeholders, so a "{passages}" typed in the question is not expanded. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(question|history|facts|passages)\}/g, (whole, name: string) => values[name] ?? whole);
}

function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function formatHistory(history: ChatTurn[] | undefined): string {
  const turns = (history ?? []).slice(-MAX_HISTORY_TURNS);
  if (turns.length === 0) return "(không có)";
  return turns.map((t) => `${t.role === "user" ? "Người dùng" : "Trợ lý"}: ${clip(t.content, MAX_TURN_CHARS)}`).join("\n");
}

export function formatFacts(facts: Fact[]): string {
  if (facts.length === 0) return "(không có)";
  return facts
    .map((f) => {
      const parts = [`Nhiệm vụ: ${clip(f.task, 400)}`];
      if (f.lead.length) parts.push(`Chủ trì: ${f.lead.join(", ")}`);
      if (f.coordinators.length) parts.push(`Phối hợp: ${f.coordinators.join(", ")}`);
      if (f.result) parts.push(`Kết quả: ${clip(f.result, 300)}`);
      if (f.deadline) parts.push(`Thời hạn: ${f.deadline.text}`);
      return `- ${f.citation !== undefined ? `[${f.citation}] ` : ""}${parts.join("; ")}`;
    })
    .join("\n");
}

export function formatPassages(citations: Citation[]): string {
  return citations
    .map((c) => {
      const doc = [c.document.number, c.document.title].filter(Boolean).join(" ");
      const label = c.label ? ` (${c.label})` : "";
      const section = c.section ? ` › ${c.section}` : "";
      return `[${c.n}] ${doc}${label}${section}\n${c.quote}`;
    })
    .join("\n\n");
}

export function buildMessages(template: string, input: ChatInput, base: ChatAnswer): { role: "system" | "user"; content: string }[] {
  const { system, user } = splitTemplate(template);
  const content = fillTemplate(user, {
    question: clip(input.message, 2000),
    history: formatHistory(input.history),
    facts: formatFacts(base.facts),
    passages: formatPassages(base.citations),
  });
  // Everything leaving the process goes through the personal-data filter (CCCD, phone numbers, e-mail).
  return [
    { role: "system", content: redactPersonalData(system) },
    { role: "user", content: redactPersonalData(content) },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Verification

/** Numbers, dates and ranges in one canonical spelling: "ngày 05 tháng 6 năm 2025" → "5/6/2025", "2025 – 2030" → "2025-2030". */
export function canonicalNumbers(text: string): string {
  return matchKey(text)
    .replace(/\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/gu, "$1/$2/$3")
    .replace(/\btháng\s+(\d{1,2})\s+năm\s+(\d{4})/gu, "tháng $1/$2")
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${Number(d)}/${Number(m)}/${y}`)
    .replace(/(\d)\s*([/-])\s*(?=\d)/g, "$1$2")
    .replace(/(\d)\s+%/g, "$1%")
    .replace(/\d+(?:\/\d+)+/g, (t) =>
      t
        .split("/")
        .map((p) => p.replace(/^0+(?=\d)/, ""))
        .join("/"),
    );
}

const NUMBER_TOKEN = /\d+(?:[.,/:-]\d+)*%?/g;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** True when the canonical source text holds the token as a whole number (not inside "81.400" or "2025"). */
function sourceHasNumber(source: string, token: string): boolean {
  const re = new RegExp(`(?<!\\d)(?<!\\d[.,])${escapeRe(token)}(?!\\d)(?![.,]\\d)`, "u");
  return re.test(source);
}

/** The [n] markers of a text ("[1]", "[1, 2]", "[1][3]"), and the text without them. */
export function citationMarkers(text: string): { markers: number[]; rest: string } {
  const markers: number[] = [];
  const rest = text.replace(/\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]/g, (_, list: string) => {
    for (const n of list.split(/[,;]/)) markers.push(Number(n.trim()));
    return " ";
  });
  return { markers, rest };
}

/** The text the LLM may draw on: cited quotes and their document headers, facts, and the extractive answer. */
function sourceText(base: ChatAnswer): string {
  const parts: string[] = [base.answer];
  for (const c of base.citations) {
    parts.push(c.quote, c.section, c.document.title, c.document.number ?? "", c.document.issuedDate ?? "", c.label ?? "");
  }
  for (const f of base.facts) {
    parts.push(f.task, f.lead.join("; "), f.coordinators.join("; "), f.result ?? "", f.deadline?.text ?? "");
  }
  return parts.filter(Boolean).join("\n");
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Dots a look-alike domain may use instead of "." (ideographic, fullwidth, halfwidth, one-dot leader, middle dot). */
const LOOKALIKE_DOTS = /[\u3002\uFF0E\uFF61\u2024\u2027\u00B7\u0701\u0702\uFE52]/g;
/** Characters that hide or reorder text: zero-width, bidi controls, the BOM. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/u;
/** A link scheme right before its body: "javascript:alert", "data:text/html", "mailto:x", "https://…". */
const SCHEME = /(?<![\p{L}\p{N}])[a-z][a-z0-9+.-]{1,30}:(?=\/\/|[^\s\d])/iu;
/** Something shaped like a host name: labels joined by dots, ending in a letter label ("attacker.xyz", "a.b.co/x"). */
const DOMAIN = /(?<![\p{L}\p{N}.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})\.)+\p{L}{2,63}(?![\p{L}\p{N}])/gu;
/** Slack / Zalo mentions and broadcasts typed as plain words ("@channel", "@here", "@all", "@everyone"). */
const BROADCAST = /(?<![\p{L}\p{N}])@(?:channel|here|everyone|all)\b/iu;
/**
 * Words a faithful rewrite adds around the sources' own words: function words and the answer's framing
 * ("theo văn bản, Bộ X được giao chủ trì …"). Anything else a sentence says must come from the sources.
 */
const GLUE_WORDS = new Set(
  ("là và của có các những cho theo với trong này đó thì về để do từ tại như sau đến hoặc cũng đã sẽ đang phải cần được bị " +
    "không chưa một hai ba nhiều mỗi mọi cùng nhau khi nếu thì vì nên mà còn rằng gồm bao gồm cụ thể là chính " +
    "nhiệm vụ chủ trì phối hợp thời hạn kết quả cơ quan văn bản quyết định giao trách nhiệm thực hiện hoàn thành " +
    "ngày tháng năm quý giai đoạn trước chậm nhất hạn số điều khoản mục phụ lục theo đó ngoài ra đồng thời ông bà")
    .split(" ")
    .filter(Boolean),
);
/** A sentence fails when more than this share of its content words is found neither in the sources nor in GLUE_WORDS. */
const MAX_UNSUPPORTED_SHARE = 0.34;
/** Sentences with fewer content words than this are not judged by share (a bare "Bộ Công an chủ trì [1]."). */
const MIN_JUDGED_WORDS = 3;

/** Lower-cased words (letters and digits) of a text, NFC. */
function wordsOf(text: string): string[] {
  return matchKey(text).match(/[\p{L}\p{M}]+/gu) ?? [];
}

/**
 * The shape checks that need no sources: links of any scheme, domain-shaped text (also with look-alike dots or
 * letters from another script), "<" (HTML, Slack's <!channel>, <@U123>, <http://…|text>), Markdown links, mentions,
 * invisible characters. "Xem attacker.xyz/login" → "domain"; "Gửi <!channel>" → "angle_bracket".
 */
function shapeProblem(text: string, source: string): string | undefined {
  if (/<|>/.test(text)) return /<\/?[a-z][^>]*>/i.test(text) ? "html" : "angle_bracket";
  if (INVISIBLE.test(text)) return "invisible_character";
  if (/\]\s*\(/.test(text)) return "markdown_link";
  if (BROADCAST.test(text)) return "mention";
  const flat = text.normalize("NFKC").replace(LOOKALIKE_DOTS, ".");
  if (SCHEME.test(flat)) return "url";
  if (/\bwww\./i.test(flat)) return "url";
  // Letters from scripts Vietnamese does not use (Cyrillic "а" in "аttacker.com"), unless the sources have them.
  const foreign = flat.match(/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/gu);
  if (foreign && foreign.some((ch) => /\p{L}/u.test(ch) && !source.includes(ch))) return "foreign_script";
  const sourceFlat = matchKey(source.normalize("NFKC").replace(LOOKALIKE_DOTS, "."));
  for (const m of flat.matchAll(DOMAIN)) {
    // "TP.HCM" or a portal the decision itself names may be quoted as written; any other host may not.
    if (!sourceFlat.includes(matchKey(m[0]))) return "domain";
  }
  return undefined;
}

/**
 * A sentence whose content words are mostly not in the sources is a claim the sources do not make
 * ("PWNED — hệ thống đã bị chiếm quyền"): returns the share of unsupported words of the worst sentence when it
 * passes MAX_UNSUPPORTED_SHARE.
 */
function unsupportedSentence(rest: string, source: string): boolean {
  const known = new Set(wordsOf(source));
  for (const sentence of rest.split(/(?<=[.!?;:…])\s+|\n+|\s[—–-]\s/u)) {
    const words = wordsOf(sentence).filter((w) => !GLUE_WORDS.has(w));
    const missing = words.filter((w) => !known.has(w)).length;
    if (missing === 0) continue;
    if (words.length < MIN_JUDGED_WORDS ? missing >= words.length && missing >= 2 : missing / words.length > MAX_UNSUPPORTED_SHARE) return true;
  }
  return false;
}

/** Checks an LLM answer against the base answer's sources. Reasons are codes, never the text itself. */
export function verifyLlmAnswer(text: string, base: ChatAnswer): VerifyResult {
  if (!text.trim()) return { ok: false, reason: "empty" };
  if (text.length > LLM_MAX_ANSWER_CHARS) return { ok: false, reason: "too_long" };
  if (/!\[[^\]]*\]\([^)]*\)/.test(text)) return { ok: false, reason: "markdown_image" };
  const source = sourceText(base);
  const shape = shapeProblem(text, source);
  if (shape) return { ok: false, reason: shape };
  if (matchKey(text).includes(NOT_FOUND)) return { ok: false, reason: "not_found_with_sources" };

  const { markers, rest } = citationMarkers(text);
  if (markers.length === 0) return { ok: false, reason: "no_citation" };
  const known = new Set(base.citations.map((c) => c.n));
  if (markers.some((n) => !known.has(n))) return { ok: false, reason: "unknown_citation" };

  const sourceNums = canonicalNumbers(source);
  for (const token of canonicalNumbers(rest).match(NUMBER_TOKEN) ?? []) {
    if (!sourceHasNumber(sourceNums, token)) return { ok: false, reason: "unsupported_number" };
  }

  const sourceAgencies = new Set(findAgencies(source).map((m) => m.agency.id));
  for (const m of findAgencies(rest)) {
    if (!sourceAgencies.has(m.agency.id)) return { ok: false, reason: "unsupported_agency" };
  }
  if (unsupportedSentence(rest, source)) return { ok: false, reason: "unsupported_sentence" };
  return { ok: true };
}

/** The answer text of an OpenAI-compatible chat completion, reasoning blocks removed; undefined when malformed. */
export function completionText(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  const content = (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content;
  if (typeof content !== "string") return undefined;
  return content
    .replace(/<think>[\s\S]*?<\/think>/gi, "")
    .normalize("NFC")
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// The answerer

interface PostResult {
  ok: boolean;
  status: number;
  body: unknown;
  error?: string;
}

/**
 * One POST, body read within the same deadline (the caller's signal): no retries — a slow model is
 * answered by the extractive text, not waited for twice. Errors become a reason, never a throw, and
 * carry no URL, header or body ("network:TypeError", "http_503").
 */
async function postJson(fetchFn: typeof fetch, url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<PostResult> {
  try {
    const res = await fetchFn(url, { method: "POST", headers, body, signal });
    const text = await res.text();
    let parsed: unknown = text === "" ? null : text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: kept as text, and completionText() rejects it */
    }
    return res.ok ? { ok: true, status: res.status, body: parsed } : { ok: false, status: res.status, body: parsed, error: `http_${res.status}` };
  } catch (e) {
    return { ok: false, status: 0, body: null, error: signal.aborted ? "timeout" : `network:${e instanceof Error ? e.name : "unknown"}` };
  }
}

export function createLlmAnswerer(base: AnswerFn, opts: LlmAnswererOptions): AnswerFn {
  const timeoutMs = Math.max(1, opts.timeoutMs ?? 8000);
  const maxTokens = opts.maxTokens ?? 600;
  const { logger } = opts;
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;

  return async (input, callOpts) => {
    const answer = await base(input, callOpts);
    // Not found: the texts do not say, and neither may the model.
    if (answer.citations.length === 0) return answer;

    const started = Date.now();
    // One controller per call: aborted by the hard deadline or by the caller's signal. The hard deadline
    // also covers a fetch that ignores its signal, and the body is read under the same signal.
    const controller = new AbortController();
    const external = callOpts?.signal;
    if (external?.aborted) return answer;
    let stop: (why: "timeout" | "aborted") => void = () => {};
    const stopped = new Promise<"timeout" | "aborted">((resolve) => {
      stop = (why) => {
        resolve(why);
        controller.abort();
      };
    });
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    const onExternalAbort = () => stop("aborted");
    external?.addEventListener("abort", onExternalAbort, { once: true });
    const url = `${opts.baseUrl.replace(/\/+$/, "")}/chat/completions`;

    const fallback = (reason: string, fields: Record<string, unknown> = {}) => {
      logger.warn("llm: extractive answer served instead", { reason, model: opts.model, ms: Date.now() - started, ...fields });
      return answer;
    };

    try {
      const messages = buildMessages(opts.template, input, answer);
      const body = JSON.stringify({ model: opts.model, messages, temperature: 0, max_tokens: maxTokens, stream: false });
      const request = postJson(opts.fetch, url, { ...headers, "content-type": "application/json; charset=utf-8" }, body, controller.signal);
      const res = await Promise.race([request, stopped]);
      if (res === "timeout" || res === "aborted") return fallback(res);
      if (!res.ok) return fallback(res.error ?? `http_${res.status}`, { status: res.status });
      const text = completionText(res.body);
      if (text === undefined) return fallback("malformed_response", { status: res.status });
      const check = verifyLlmAnswer(text, answer);
      if (!check.ok) return fallback(`verification:${check.reason}`);
      return { ...answer, answer: text };
    } catch (e) {
      return fallback("error", { error: e instanceof Error ? e.name : "unknown" });
    } finally {
      clearTimeout(timer);
      external?.removeEventListener("abort", onExternalAbort);
    }
  };
}
