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

export function cacheAnswers(answer: AnswerFn, opts: AnswerCacheOptions = {}): AnswerFn & { size(): number } {
  const max = opts.maxEntries ?? 1000;
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const scope = opts.scope ?? (() => new Date(now()).toISOString().slice(0, 10));
  const entries = new Map<string, { at: number; value: Promise<ChatAnswer> }>();

  const keyOf = (input: ChatInput) =>
    [scope(), matchKey(input.message), ...(input.history ?? []).slice(-6).map((t) => `${t.role}:${matchKey(t.content).slice(0, 500)}`)].join("\u0001");

  const fn = (input: ChatInput, o?: { signal?: AbortSignal }) => {
    const key = keyOf(input);
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
    value.catch(() => entries.delete(key));
    while (entries.size > max) entries.delete(entries.keys().next().value!);
    return value;
  };
  return Object.assign(fn, { size: () => entries.size });
}
