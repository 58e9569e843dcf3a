// HTTP layer (pure): query-string checks shared by every GET route — a parameter the route does not know, or
// one given twice, is a 400 that names it, so "?agnecy=Bộ Công an" or "?page=2&page=3" never silently
// returns the unfiltered list.

import type { Context } from "hono";
import { AppError } from "./errors.ts";

export function unknownParams(c: Context, allowed: readonly string[]): void {
  const url = new URL(c.req.url);
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  for (const k of url.searchParams.keys()) {
    if (!allowed.includes(k)) {
      if (!unknown.includes(k)) unknown.push(k);
    } else if (seen.has(k)) {
      if (!repeated.includes(k)) repeated.push(k);
    }
    seen.add(k);
  }
  if (unknown.length) {
    const names = unknown.map((k) => `"${k.slice(0, 40)}"`).join(", ");
    throw new AppError(
      400,
      "unknown_parameter",
      `Tham số không được hỗ trợ: ${names} (dùng: ${allowed.join(", ")})`,
      `Unknown query parameter${unknown.length > 1 ? "s" : ""}: ${names} (allowed: ${allowed.join(", ")})`,
    );
  }
  if (repeated.length) {
    const names = repeated.map((k) => `"${k}"`).join(", ");
    throw new AppError(400, "repeated_parameter", `Tham số bị lặp: ${names}`, `Query parameter given more than once: ${names}`);
  }
}

/** A YYYY-MM-DD that is a real calendar day. */
export function isIsoDate(v: string): boolean {
  const t = Date.parse(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}
