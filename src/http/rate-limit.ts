// HTTP layer (pure): per-client fixed-window rate limiting with a pluggable store (in-memory by default;
// a shared store such as Redis or Workers KV can implement RateLimitStore for several instances).

export interface RateLimitStore {
  /** Count one hit for `key` in the window starting at `windowStart`; return the count so far. */
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
}

export function createMemoryRateLimitStore(maxKeys = 50_000): RateLimitStore {
  const m = new Map<string, { w: number; n: number }>();
  return {
    async hit(key, windowStart) {
      const e = m.get(key);
      if (!e || e.w !== windowStart) {
        if (m.size >= maxKeys) {
          for (const [k, v] of m) if (v.w !== windowStart) m.delete(k);
          if (m.size >= maxKeys) m.delete(m.keys().next().value!);
        }
        m.set(key, { w: windowStart, n: 1 });
        return 1;
      }
      e.n++;
      return e.n;
    },
  };
}

export async function checkRateLimit(store: RateLimitStore, key: string, perMinute: number, nowMs: number): Promise<{ ok: boolean; retryAfter: number; remaining: number }> {
  const windowMs = 60_000;
  const w = Math.floor(nowMs / windowMs) * windowMs;
  const n = await store.hit(key, w, windowMs);
  return { ok: n <= perMinute, retryAfter: Math.max(1, Math.ceil((w + windowMs - nowMs) / 1000)), remaining: Math.max(0, perMinute - n) };
}
