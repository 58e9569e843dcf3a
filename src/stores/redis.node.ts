// Stores (Node only): the Redis implementations of the store interfaces the HTTP layer and the channels use —
// rate limits, webhook dedupe, Zalo histories, the Zalo token pair with a refresh lock, and the index version
// instances serve (key + pub/sub). Every call falls back to this instance's in-memory store when Redis does not
// answer, with one warning per outage: several instances then behave as one each, never a 5xx.

import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { ChatTurn } from "../answer/types.ts";
import { createMemoryDedupe, type DedupeStore } from "../channels/dedupe.ts";
import { createMemoryHistoryStore, createMemoryTokenStore, type HistoryStore, type TokenPair, type TokenStore } from "../channels/zalo.ts";
import { createMemoryRateLimitStore, type RateDecision, type RateLimitStore } from "../http/rate-limit.ts";
import type { Logger } from "../log.ts";

/** A command that takes longer than this counts as Redis being down (the request goes on per instance). */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2000;
/** How long start-up waits for the first connection before serving in per-instance mode. */
const READY_WAIT_MS = 3000;
/** Longest one instance may hold the Zalo refresh lock (a refresh is one HTTPS call with one retry). */
const REFRESH_LOCK_MS = 20_000;
/** How often a waiting instance looks whether the refresh lock is free. */
const LOCK_POLL_MS = 50;

/**
 * Sliding-window log in one sorted set per client, trimmed, counted and added to in one atomic script: no two
 * instances can both let the limit-th request through. Returns {allowed, remaining, oldest score when refused}.
 */
const RATE_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
local n = redis.call('ZCARD', key)
if n >= limit then
  local oldest = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
  return {0, 0, oldest[2]}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, win)
return {1, limit - n - 1, '0'}
`;

/** Delete the lock only when it is still ours (it may have expired and been taken by another instance). */
const UNLOCK_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface SharedStores {
  rateLimit: RateLimitStore;
  dedupe(namespace: string, ttlMs: number): DedupeStore;
  history(opts: { maxTurns: number; ttlMs: number }): HistoryStore;
  zaloTokens(initial: TokenPair | null, backup?: TokenStore): TokenStore;
  /** The version every instance should serve, and the message that tells them to swap. */
  publishIndexVersion(version: string): Promise<void>;
  indexVersion(): Promise<string | null>;
  onIndexVersion(cb: (version: string) => void): void;
  /** True while Redis answers. */
  healthy(): boolean;
  close(): Promise<void>;
}

export interface RedisStoreOptions {
  url: string;
  /** Key prefix, e.g. "hoidap:". */
  prefix: string;
  logger: Logger;
  /** Names this instance in lock values and logs. */
  instanceId?: string;
}

export async function createRedisStores(opts: RedisStoreOptions): Promise<SharedStores> {
  const { logger, prefix } = opts;
  const instanceId = opts.instanceId ?? randomBytes(6).toString("hex");
  const common = {
    // Fail fast while down (no offline queue, one retry) and keep reconnecting in the background.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    lazyConnect: true,
  };
  const redis = new Redis(opts.url, common);
  const sub = new Redis(opts.url, { ...common, commandTimeout: undefined, enableOfflineQueue: true, maxRetriesPerRequest: null });
  let up = false;
  let warned = false;
  const down = (why: string) => {
    up = false;
    if (warned) return;
    warned = true;
    logger.warn("redis unavailable: stores fall back to this instance's memory", { error: why.slice(0, 200) });
  };
  redis.on("ready", () => {
    up = true;
    if (warned) logger.info("redis reachable again: shared stores in use");
    warned = false;
  });
  redis.on("error", (e: Error) => down(e.message));
  redis.on("end", () => down("connection closed"));
  redis.on("close", () => {
    if (up) down("connection closed");
  });
  sub.on("error", () => {});
  await Promise.race([redis.connect().catch((e: Error) => down(e.message)), new Promise((r) => setTimeout(r, READY_WAIT_MS).unref())]);
  sub.connect().catch(() => {});

  /** Run `shared`, or `local` when Redis is not connected or the call fails. */
  async function guarded<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (redis.status !== "ready") {
      down(`status ${redis.status}`);
      return local();
    }
    try {
      return await shared();
    } catch (e) {
      down(e instanceof Error ? e.message : String(e));
      return local();
    }
  }

  const k = (s: string) => `${prefix}${s}`;
  const memRate = createMemoryRateLimitStore();
  const rateLimit: RateLimitStore = {
    hit: (key, nowMs, windowMs, limit) =>
      guarded(
        async (): Promise<RateDecision> => {
          const member = `${nowMs}-${randomBytes(6).toString("hex")}`;
          const r = (await redis.eval(RATE_SCRIPT, 1, k(`rl:${key}`), nowMs, windowMs, limit, member)) as [number, number, string];
          if (r[0] === 1) return { ok: true, remaining: Number(r[1]), retryAfter: 1 };
          return { ok: false, remaining: 0, retryAfter: Math.max(1, Math.ceil((Number(r[2]) + windowMs - nowMs) / 1000)) };
        },
        () => memRate.hit(key, nowMs, windowMs, limit),
      ),
  };

  const versionKey = k("index:version");
  const versionChannel = k("index");
  const listeners: ((v: string) => void)[] = [];
  sub.on("message", (channel: string, message: string) => {
    if (channel === versionChannel) for (const l of listeners) l(message);
  });
  // After a reconnect, a message may have been missed: read the key again.
  sub.on("ready", () => {
    void sub.subscribe(versionChannel).catch(() => {});
    void redis
      .get(versionKey)
      .then((v) => {
        if (v) for (const l of listeners) l(v);
      })
      .catch(() => {});
  });

  return {
    rateLimit,
    dedupe(namespace, ttlMs) {
      const mem = createMemoryDedupe({ ttlMs });
      return {
        seen: (key) =>
          guarded(
            async () => (await redis.set(k(`dd:${namespace}:${key.slice(0, 300)}`), "1", "PX", ttlMs, "NX")) === null,
            () => mem.seen(key),
          ),
      };
    },
    history({ maxTurns, ttlMs }) {
      const mem = createMemoryHistoryStore({ maxTurns, ttlMs });
      const key = (user: string) => k(`hist:${user.slice(0, 200)}`);
      return {
        get: (user) =>
          guarded(
            async () => {
              const items = await redis.lrange(key(user), -maxTurns, -1);
              return items.map((s) => JSON.parse(s) as ChatTurn);
            },
            () => mem.get(user),
          ),
        append: (user, turns) =>
          guarded(
            async () => {
              if (turns.length === 0) return;
              await redis
                .multi()
                .rpush(key(user), ...turns.map((t) => JSON.stringify({ role: t.role, content: t.content })))
                .ltrim(key(user), -maxTurns, -1)
                .pexpire(key(user), ttlMs)
                .exec();
              // Kept here too, so a Redis outage does not lose the thread's last turns.
              await mem.append(user, turns);
            },
            () => mem.append(user, turns),
          ),
      };
    },
    zaloTokens(initial, backup) {
      const pairKey = k("zalo:tokens");
      const lockKey = k("zalo:refresh-lock");
      let last: TokenPair | null = initial ? { ...initial } : null;
      const mem = createMemoryTokenStore(initial);
      const store: TokenStore = {
        load: () =>
          guarded(
            async () => {
              const raw = await redis.get(pairKey);
              if (raw) return (last = JSON.parse(raw) as TokenPair);
              // First instance ever: the backup file (a pair rotated before Redis was set up) or the configured pair.
              const seed = (await backup?.load().catch(() => null)) ?? last;
              if (seed) await redis.set(pairKey, JSON.stringify(seed), "NX");
              const now = await redis.get(pairKey);
              return now ? (last = JSON.parse(now) as TokenPair) : seed;
            },
            async () => last ?? (await backup?.load().catch(() => null)) ?? mem.load(),
          ),
        async save(pair) {
          last = { ...pair };
          await mem.save(pair);
          // The file copy first: the old refresh token is spent, so the new pair must survive a Redis outage.
          await backup?.save(pair).catch((e: Error) => logger.warn("zalo: token backup write failed", { error: e.message }));
          await guarded(
            async () => {
              await redis.set(pairKey, JSON.stringify(pair));
            },
            async () => {},
          );
        },
        // One instance at a time refreshes: the others wait, then find the rotated pair in the store.
        async exclusive<T>(fn: () => Promise<T>): Promise<T> {
          const token = `${instanceId}:${randomBytes(8).toString("hex")}`;
          const until = Date.now() + REFRESH_LOCK_MS;
          let held = false;
          while (Date.now() < until) {
            const got = await guarded(
              async () => (await redis.set(lockKey, token, "PX", REFRESH_LOCK_MS, "NX")) === "OK",
              async () => null,
            );
            if (got === null) break; // Redis down: refresh per instance.
            if (got) {
              held = true;
              break;
            }
            await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
          }
          try {
            return await fn();
          } finally {
            if (held) await guarded(async () => void (await redis.eval(UNLOCK_SCRIPT, 1, lockKey, token)), async () => {});
          }
        },
      };
      return store;
    },
    async publishIndexVersion(version) {
      await guarded(
        async () => {
          await redis.set(versionKey, version);
          await redis.publish(versionChannel, version);
        },
        async () => {},
      );
    },
    indexVersion: () =>
      guarded(
        () => redis.get(versionKey),
        async () => null,
      ),
    onIndexVersion(cb) {
      listeners.push(cb);
    },
    healthy: () => up && redis.status === "ready",
    async close() {
      redis.disconnect();
      sub.disconnect();
    },
  };
}
