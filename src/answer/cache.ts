// Answer layer (pure): a small LRU cache in front of the answer function. Portals get the same questions
// over and over; an answer depends only on the question, its history, the index version and the day.

import { matchKey } from "../text/normalize.ts";
import type { AnswerFn, ChatAnswer, ChatInput } from "./types.ts";

export interface AnswerCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
  /** Part of the key that changes what an answer may say: index version, today's date. */
  scope?: () => string;
}

/** Texts longer than this are normalised every time rather than remembered. */
const MEMO_MAX_CHARS = 1000;
/** A normalised history longer than this is keyed by its digest. */
const HISTORY_INLINE_CHARS = 1000;

async function sha256Hex(text: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let s = "";
  for (const b of d) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Today's UTC date ("2026-11-23") by `now`, formatted only when the day changes: it is in every key. */
export function utcDayClock(now: () => number = Date.now): () => string {
  let start = 0;
  let end = 0;
  let day = "";
  return () => {
    const t = now();
    if (t >= end || t < start) {
      start = Math.floor(t / 86_400_000) * 86_400_000;
      end = start + 86_400_000;
      day = new Date(start).toISOString().slice(0, 10);
    }
    return day;
  };
}

export function cacheAnswers(answer: AnswerFn, opts: AnswerCacheOptions = {}): AnswerFn & { size(): number } {
  const max = opts.maxEntries ?? 1000;
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const scope = opts.scope ?? utcDayClock(now);
  const entries = new Map<string, { at: number; value: Promise<ChatAnswer> }>();

  // matchKey() (NFC, tone placement, case, spacing) of the texts seen lately: the same question arrives
  // as the same string again and again, and normalising it was the largest cost of a cache hit.
  const normalized = new Map<string, string>();
  const maxNormalized = Math.max(256, 2 * max);
  const norm = (text: string) => {
    let k = normalized.get(text);
    if (k === undefined) {
      k = matchKey(text);
      if (text.length > MEMO_MAX_CHARS) return k;
      if (normalized.size >= maxNormalized) normalized.delete(normalized.keys().next().value!);
      normalized.set(text, k);
    }
    return k;
  };

  // The whole history is part of the key: a follow-up leans on the latest earlier question with a topic,
  // however many turns back it is. JSON keeps the parts apart whatever characters they contain; a long
  // history is keyed by its SHA-256 so that keys stay small.
  const keyOf = (input: ChatInput): string | Promise<string> => {
    const message = norm(input.message);
    if (!input.history?.length) return JSON.stringify([scope(), message, ""]);
    const history = JSON.stringify(input.history.map((t) => [t.role, norm(t.content)]));
    if (history.length <= HISTORY_INLINE_CHARS) return JSON.stringify([scope(), message, history]);
    return sha256Hex(history).then((h) => JSON.stringify([scope(), message, `sha256:${h}`]));
  };

  const lookup = (key: string, input: ChatInput, o?: { signal?: AbortSignal }) => {
    const hit = entries.get(key);
    const t = now();
    if (hit && t - hit.at < ttl) {
      // Refresh recency.
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    }
    const value = answer(input, o);
    entries.set(key, { at: t, value });
    // A failed answer is not remembered.
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    while (entries.size > max) entries.delete(entries.keys().next().value!);
    return value;
  };

  const fn = (input: ChatInput, o?: { signal?: AbortSignal }) => {
    const key = keyOf(input);
    return typeof key === "string" ? lookup(key, input, o) : key.then((k) => lookup(k, input, o));
  };
  return Object.assign(fn, { size: () => entries.size });
}
