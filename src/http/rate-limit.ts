// HTTP layer (pure): per-client sliding-window rate limiting with a pluggable store (in-memory by default, Redis
// through src/stores/redis.node.ts), and the client key: an API key, or the address the nearest trusted proxy saw.

/** One rate-limit decision: allowed or not, how many remain, and when to come back. */
export interface RateDecision {
  ok: boolean;
  remaining: number;
  /** Seconds until a request would be allowed again (≥ 1). */
  retryAfter: number;
}

export interface RateLimitStore {
  /**
   * Count one request for `key` at `nowMs` against `limit` per `windowMs`, as one atomic step (a refused request
   * is not counted, so a client hammering through its 429s is let in again once its window slides on).
   */
  hit(key: string, nowMs: number, windowMs: number, limit: number): Promise<RateDecision>;
}

/** Window of the limiter: RATE_LIMIT_PER_MINUTE. */
export const RATE_WINDOW_MS = 60_000;
/** Longest key kept: "ip:" + a full IPv6 /64 prefix or "key:" + a hash fits well within it. */
export const MAX_RATE_KEY_CHARS = 80;

/**
 * Sliding window: the times of the requests let through in the last `windowMs`, at most `limit` of them, so no
 * 60 s span ever holds more than the limit (the fixed window let 120 through in 4 s across a minute boundary).
 * `times` is oldest first and is updated in place. Example: limit 2, hits at 0 s and 10 s → refused at 30 s with
 * retryAfter 30 (the 0 s hit leaves the window at 60 s).
 */
export function slidingLog(times: number[], nowMs: number, windowMs: number, limit: number): RateDecision {
  let drop = 0;
  while (drop < times.length && times[drop]! <= nowMs - windowMs) drop++;
  if (drop) times.splice(0, drop);
  if (times.length >= limit) {
    const oldest = times[times.length - limit]!;
    return { ok: false, remaining: 0, retryAfter: Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000)) };
  }
  times.push(nowMs);
  return { ok: true, remaining: limit - times.length, retryAfter: 1 };
}

/**
 * In memory, at most `maxKeys` clients: the Map's insertion order is its recency order (a hit re-inserts its key),
 * so evicting the least recently seen client is taking the first key — O(1), never a scan. 55k spoofed keys of
 * 15 KB each grew the old map to 935 MB; keys are capped in length before they get here, and each holds at most
 * `limit` times.
 */
export function createMemoryRateLimitStore(maxKeys = 50_000): RateLimitStore & { size(): number } {
  const m = new Map<string, number[]>();
  return {
    size: () => m.size,
    async hit(key, nowMs, windowMs, limit) {
      const times = m.get(key) ?? [];
      m.delete(key);
      const d = slidingLog(times, nowMs, windowMs, limit);
      m.set(key, times);
      if (m.size > maxKeys) m.delete(m.keys().next().value!);
      return d;
    },
  };
}

export async function checkRateLimit(store: RateLimitStore, key: string, perMinute: number, nowMs: number): Promise<RateDecision> {
  return store.hit(key.slice(0, MAX_RATE_KEY_CHARS), nowMs, RATE_WINDOW_MS, perMinute);
}

// ---------------------------------------------------------------------------------------------------------
// The client's address behind N trusted proxies

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** "203.0.113.7" → "203.0.113.7"; "::ffff:203.0.113.7" → "203.0.113.7"; anything else → undefined. */
function parseIpv4(s: string): string | undefined {
  return IPV4.test(s) ? s : undefined;
}

/**
 * An IPv6 address as its eight groups, or undefined when it is not one. "2001:db8::1" → [0x2001, 0xdb8, 0, …, 1].
 * A zone ("fe80::1%eth0") is dropped; an embedded IPv4 tail ("::ffff:1.2.3.4") becomes the last two groups.
 */
function parseIpv6(raw: string): number[] | undefined {
  let s = raw.replace(/%[\w.-]+$/, "");
  if (!/^[0-9a-f:.]+$/i.test(s) || s.length > 45) return undefined;
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    if (!parseIpv4(v4[1]!)) return undefined;
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    s = `${s.slice(0, v4.index + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...back].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const known = head.length + back.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head, ...zeros.map(String), ...back].map((g) => parseInt(g, 16));
}

/**
 * The rate-limit identity of an address: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber
 * gets a whole /64, so rotating the low bits must not buy new buckets), undefined when it is not an address.
 * "2001:db8:1:2:aaaa::1" → "2001:db8:1:2::/64"; "::ffff:10.0.0.1" → "10.0.0.1".
 */
export function addressKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(/^\[(.*)\](?::\d+)?$/, "$1");
  if (s.length > 64) return undefined;
  const v4 = parseIpv4(s);
  if (v4) return v4;
  const g = parseIpv6(s);
  if (!g) return undefined;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(":")}::/64`;
}

/**
 * The client's address behind `trustedHops` proxies of our own. Each proxy appends the address it received the
 * connection from to X-Forwarded-For, so the list read right to left, with the socket's peer after it, is
 * [our nearest proxy, …, the client, whatever the client wrote]. With N trusted hops the client is the N-th entry
 * from the right of the header (the socket itself is hop 1's address). Anything left of it is client-written and
 * never read. Example, TRUST_PROXY=1, header "6.6.6.6, 203.0.113.9", socket 10.0.0.2 → "203.0.113.9".
 * Returns the socket's address when no proxy is trusted, the header is missing or short, or the entry is not an IP.
 */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustedHops: number): string | undefined {
  const socket = addressKey(socketAddress);
  if (trustedHops <= 0 || !forwardedFor) return socket;
  // Only the rightmost entries can be ours: never split a 15 KB header into thousands of parts.
  const tailChars = trustedHops * 64;
  const tail = forwardedFor.length > tailChars ? forwardedFor.slice(-tailChars) : forwardedFor;
  const parts = tail.split(",");
  // A cut header's first part may be a fragment: only trust whole entries.
  if (forwardedFor.length > tailChars) parts.shift();
  const entry = parts[parts.length - trustedHops];
  if (entry === undefined) return socket;
  return addressKey(entry) ?? socket;
}
