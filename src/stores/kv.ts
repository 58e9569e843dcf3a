// Stores (Workers): the Zalo OA token pair in Workers KV (binding ZALO_KV), behind the TokenStore interface the
// Node side keeps in a file or Redis. KV suits it: one value, read often, written once per refresh (~hourly).
// (Rate limits and dedupe need an atomic read-decide-write, which KV does not have: see ./durable.ts.)
// No node:* imports: this module is part of the Worker bundle.

import type { TokenPair, TokenStore } from "../channels/zalo.ts";

/** The subset of a Workers KV namespace the token store uses (no @cloudflare/workers-types needed). */
export interface KVLike {
  get(key: string, type: "json"): Promise<unknown>;
  put(key: string, value: string): Promise<void>;
}

const ZALO_KV_KEY = "zalo-oa-tokens";

/**
 * Zalo OA tokens in Workers KV: each refresh rotates the refresh token, so it must outlive the isolate.
 * Until the first refresh is stored, the pair from the ZALO_OA_* secrets is used. KV is eventually
 * consistent across locations; the token manager's single-flight refresh is per isolate.
 */
export function createKvTokenStore(kv: KVLike, initial: TokenPair | null, key = ZALO_KV_KEY): TokenStore {
  return {
    async load() {
      const d = (await kv.get(key, "json")) as Partial<TokenPair> | null;
      if (d && typeof d.accessToken === "string" && typeof d.refreshToken === "string") {
        return { accessToken: d.accessToken, refreshToken: d.refreshToken, expiresAt: typeof d.expiresAt === "number" ? d.expiresAt : 0 };
      }
      return initial ? { ...initial } : null;
    },
    async save(pair) {
      await kv.put(key, JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: pair.expiresAt }));
    },
  };
}
