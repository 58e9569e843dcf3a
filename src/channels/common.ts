// Channels: small helpers shared by the Slack and Zalo sub-apps — capped body reading, bilingual errors, deferred work, text trimming.

import type { Citation } from "../answer/types.ts";
import type { Logger } from "../log.ts";

export interface ApiError {
  error: { code: string; message: string };
}

/** The HTTP contract's error body: one message in Vietnamese and English. */
export function apiError(code: string, vi: string, en: string): ApiError {
  return { error: { code, message: `${vi} / ${en}` } };
}

export type BodyResult = { ok: true; text: string } | { ok: false; status: 413 | 400 };

/**
 * Reads the raw body once, stopping as soon as it passes `maxBytes` so an oversized request costs no more than
 * the cap (a 300 MB chunked body costs the cap: the stream is cancelled and the runtime drops the rest). The
 * exact bytes are kept for signature checks; /api/chat reads them as bytes to refuse invalid UTF-8.
 */
export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; status: 413 | 400 };

export async function readBytesCapped(req: Request, maxBytes: number): Promise<BytesResult> {
  const declared = req.headers.get("content-length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared.trim()) || Number(declared) > maxBytes)) {
    return { ok: false, status: /^\d{1,15}$/.test(declared.trim()) ? 413 : 400 };
  }
  // A declared length within the cap: the HTTP framing ends the body there, so it is read whole. On Node this
  // takes @hono/node-server's direct read of the socket, not a web stream over it (a third of a cached chat
  // answer's CPU went to building that stream and the Request around it).
  if (declared !== null) {
    try {
      const bytes = new Uint8Array(await req.arrayBuffer());
      return bytes.byteLength > maxBytes ? { ok: false, status: 413 } : { ok: true, bytes };
    } catch {
      return { ok: false, status: 400 };
    }
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413 };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400 };
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

export async function readBodyCapped(req: Request, maxBytes: number): Promise<BodyResult> {
  const r = await readBytesCapped(req, maxBytes);
  return r.ok ? { ok: true, text: new TextDecoder().decode(r.bytes) } : r;
}

/** Hands background work to the runtime (waitUntil / fire-and-forget) so that it can never reject unhandled. */
export function runDeferred(
  defer: (p: Promise<unknown>) => void,
  logger: Logger,
  what: string,
  task: () => Promise<void>,
): void {
  const p = (async () => {
    try {
      await task();
    } catch (err) {
      logger.error(`${what}: background task failed`, {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  })();
  defer(p);
}

/** An AbortSignal that fires after `ms`, with a way to stop the timer once the work is done. */
export function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * Cuts `text` to at most `max` characters, preferring the end of a paragraph, line or
 * sentence in the last part of the budget, then a space, then a hard cut.
 * "Câu một. Câu hai dài." with max 12 → "Câu một."
 */
export function cutAtBoundary(text: string, max: number): { head: string; rest: string } {
  if (text.length <= max) return { head: text, rest: "" };
  if (max <= 0) return { head: "", rest: text };
  const window = text.slice(0, max + 1);
  const minKeep = Math.floor(max * 0.4);
  const candidates: number[] = [];
  const para = window.lastIndexOf("\n\n");
  if (para >= minKeep) candidates.push(para);
  const line = window.lastIndexOf("\n");
  if (line >= minKeep) candidates.push(line);
  // Sentence end: ".", "!", "?", "…" or ";" followed by whitespace; keep the punctuation.
  const sentenceRe = /[.!?…;](?=\s)/g;
  let sentenceEnd = -1;
  for (let m = sentenceRe.exec(window); m !== null; m = sentenceRe.exec(window)) {
    if (m.index + 1 <= max) sentenceEnd = m.index + 1;
  }
  if (sentenceEnd >= minKeep) candidates.push(sentenceEnd);
  let cut = candidates.length > 0 ? Math.max(...candidates) : -1;
  if (cut < 0) {
    const space = window.lastIndexOf(" ");
    cut = space >= minKeep ? space : max;
  }
  return { head: text.slice(0, cut).trimEnd(), rest: text.slice(cut).trimStart() };
}

/** Trims to `max` characters at a boundary, adding "…" when something was dropped. */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  const { head } = cutAtBoundary(text, Math.max(0, max - 1));
  return `${head}…`;
}

/** "Dự thảo" / "Bản tin tóm tắt" for non-final documents, undefined for final ones. */
export function citationLabel(c: Citation): string | undefined {
  if (c.label) return c.label;
  if (c.document.status === "draft") return "Dự thảo";
  if (c.document.status === "summary") return "Bản tin tóm tắt";
  return undefined;
}

/** Removes light Markdown (bold, italics markers, code ticks) that plain-text channels would show literally. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/^#{1,6}\s+/gm, "");
}
