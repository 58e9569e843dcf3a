// Stores (Workers): rate limits and webhook dedupe shared by every isolate and location, through one Durable
// Object per key (the SharedState class, bound as SHARED_STATE in wrangler.toml), behind the same interfaces as
// the in-memory and Redis stores (RateLimitStore, DedupeStore). A Durable Object runs one request at a time
// and its storage calls are gated, so "read the log, decide, write it" is one atomic step, as the Redis Lua
// script is. When the object does not answer, the isolate's in-memory store decides (one warning per outage).
// No node:* imports and no "cloudflare:workers": this module is part of the Worker bundle and runs in tests.

import { createMemoryDedupe, type DedupeStore } from "../channels/dedupe.ts";
import { createMemoryRateLimitStore, type RateDecision, type RateLimitStore, slidingLog } from "../http/rate-limit.ts";
import type { Logger } from "../log.ts";

/** The part of a Durable Object's storage SharedState uses (workerd's DurableObjectStorage has these). */
export interface DurableStorageLike {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  deleteAll(): Promise<void>;
  setAlarm(scheduledTimeMs: number): Promise<void>;
}

export interface DurableStateLike {
  storage: DurableStorageLike;
}

/** A Durable Object namespace binding, as far as the stores use it. */
export interface DurableNamespaceLike {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** A call that takes longer than this counts as the object being unreachable (the isolate decides alone). */
const CALL_TIMEOUT_MS = 1500;
/** Longest key used as an object name (rate-limit keys are capped at 80; dedupe keys are event ids). */
const MAX_NAME_CHARS = 300;

type Op = { op: "hit"; nowMs: number; windowMs: number; limit: number } | { op: "seen"; ttlMs: number };

/**
 * The Durable Object: one per key. "hit" keeps the key's sliding-window log (the same slidingLog as in memory);
 * "seen" remembers a delivery id until its TTL. An alarm deletes the object's storage once nothing in it can
 * matter any more, so idle clients and old events cost nothing.
 */
export class SharedState {
  constructor(
    private readonly state: DurableStateLike,
    _env?: unknown,
  ) {}

  async fetch(req: Request): Promise<Response> {
    let op: Op;
    try {
      op = (await req.json()) as Op;
    } catch {
      return new Response("bad request", { status: 400 });
    }
    const { storage } = this.state;
    if (op.op === "hit" && [op.nowMs, op.windowMs, op.limit].every(Number.isFinite)) {
      const times = (await storage.get<number[]>("times")) ?? [];
      const decision = slidingLog(times, op.nowMs, op.windowMs, op.limit);
      await storage.put("times", times);
      await storage.setAlarm(Date.now() + op.windowMs);
      return Response.json(decision);
    }
    if (op.op === "seen" && Number.isFinite(op.ttlMs)) {
      const now = Date.now();
      const expiresAt = await storage.get<number>("expiresAt");
      if (expiresAt !== undefined && expiresAt > now) return Response.json({ seen: true });
      await storage.put("expiresAt", now + op.ttlMs);
      await storage.setAlarm(now + op.ttlMs);
      return Response.json({ seen: false });
    }
    return new Response("unknown operation", { status: 400 });
  }

  /** Every entry has expired by the time the last alarm set fires (each call pushes the alarm to its own end). */
  async alarm(): Promise<void> {
    await this.state.storage.deleteAll();
  }
}

export interface DurableStores {
  rateLimit: RateLimitStore;
  dedupe(namespace: string, ttlMs: number): DedupeStore;
}

/** Rate limits and dedupe through SharedState objects, falling back to this isolate's memory when they fail. */
export function createDurableStores(ns: DurableNamespaceLike, logger: Logger): DurableStores {
  let down = false;
  const call = async <T>(name: string, op: Op): Promise<T> => {
    const stub = ns.get(ns.idFromName(name.slice(0, MAX_NAME_CHARS)));
    const res = await stub.fetch("https://shared-state/", { method: "POST", body: JSON.stringify(op), signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`shared state answered ${res.status}`);
    return (await res.json()) as T;
  };
  const guarded = async <T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    try {
      const r = await shared();
      if (down) logger.info("shared state reachable again");
      down = false;
      return r;
    } catch (e) {
      if (!down) logger.warn("shared state unreachable: rate limits and dedupe are per isolate until it answers", { error: String((e as Error)?.message ?? e).slice(0, 200) });
      down = true;
      return local();
    }
  };
  const memRate = createMemoryRateLimitStore();
  return {
    rateLimit: {
      hit: (key, nowMs, windowMs, limit) =>
        guarded(
          () => call<RateDecision>(`rl:${key}`, { op: "hit", nowMs, windowMs, limit }),
          () => memRate.hit(key, nowMs, windowMs, limit),
        ),
    },
    dedupe(namespace, ttlMs) {
      const mem = createMemoryDedupe({ ttlMs });
      return {
        seen: (key) =>
          guarded(
            async () => (await call<{ seen: boolean }>(`dd:${namespace}:${key}`, { op: "seen", ttlMs })).seen,
            () => mem.seen(key),
          ),
      };
    },
  };
}
