// Channels: remembers which webhook deliveries were already handled, so a retried Slack event or Zalo message is answered once.

export interface DedupeStore {
  /** Marks `key` as seen and tells whether it had been seen before (within the store's memory). */
  seen(key: string): Promise<boolean>;
}

export interface MemoryDedupeOptions {
  /** How long a key is remembered; Slack retries for about 5 minutes, Zalo for longer. Default 1 hour. */
  ttlMs?: number;
  /** Upper bound on remembered keys; the oldest are dropped first. Default 10,000. */
  maxKeys?: number;
  now?: () => number;
}

/** In-memory, bounded, TTL dedupe. Per process: a multi-instance deployment needs a shared store (e.g. KV). */
export function createMemoryDedupe(opts: MemoryDedupeOptions = {}): DedupeStore {
  const ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
  const maxKeys = Math.max(1, opts.maxKeys ?? 10_000);
  const now = opts.now ?? Date.now;
  // Insertion order = expiry order (fixed TTL), so expired keys sit at the front.
  const expiries = new Map<string, number>();

  function sweep(t: number): void {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > t) break;
      expiries.delete(key);
    }
    while (expiries.size > maxKeys) {
      const oldest = expiries.keys().next();
      if (oldest.done) break;
      expiries.delete(oldest.value);
    }
  }

  return {
    async seen(key: string): Promise<boolean> {
      const t = now();
      sweep(t);
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > t) return true;
      expiries.delete(key);
      expiries.set(key, t + ttlMs);
      sweep(t);
      return false;
    },
  };
}
