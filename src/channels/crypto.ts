// Channels: hashing and signature helpers on Web Crypto only, so Slack and Zalo verification runs on Node and Workers alike.

const encoder = new TextEncoder();

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** HMAC-SHA256 of `msg` keyed by `key`, lowercase hex (Slack's `v0=` signature body). */
export async function hmacSha256Hex(key: string, msg: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    encoder.encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return toHex(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(msg)));
}

/** Plain SHA-256 of `msg` (UTF-8), lowercase hex (Zalo's `X-ZEvent-Signature` mac). */
export async function sha256Hex(msg: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(msg)));
}

/**
 * Compares two strings without returning early on the first differing byte.
 * A length mismatch returns false, but only after walking the longer input, so the
 * time taken says nothing about where the contents differ.
 */
export function timingSafeEqualStr(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const len = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < len; i++) {
    diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  }
  return diff === 0;
}
