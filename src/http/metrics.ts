// HTTP layer (pure): the metrics port — what the app counts (requests by route and status with latencies,
// answers by outcome, feedback, the index being served, ingest jobs) — and /metrics behind METRICS_TOKEN.
// Node implements it with prom-client (metrics.node.ts); without an implementation /metrics is a 404.

import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import { timingSafeEqualStr } from "../channels/crypto.ts";
import { errors } from "./errors.ts";

export interface Metrics {
  request(method: string, route: string, status: number, seconds: number): void;
  answer(outcome: string, intent: string): void;
  feedback(rating: string): void;
  /** The index being served: version, documents, chunks, tasks. */
  index(info: { version: string; documents: number; chunks: number; tasks: number }): void;
  ingest(kind: string, status: string, seconds: number): void;
  render(): Promise<{ contentType: string; body: string }>;
}

/** The route pattern that answered ("/api/documents/:id"), never the raw path: one series per route. */
export function routeOf(c: Context): string {
  const r = matchedRoutes(c)[c.req.routeIndex];
  return r && r.path !== "/*" && r.path !== "*" ? r.path : "unmatched";
}

export async function metricsResponse(c: Context, m: Metrics, token: string | undefined): Promise<Response> {
  if (token) {
    const h = c.req.header("Authorization") ?? "";
    if (!timingSafeEqualStr(h.startsWith("Bearer ") ? h.slice(7) : "", token)) throw errors.unauthorized();
  }
  const r = await m.render();
  return c.body(r.body, 200, { "Content-Type": r.contentType, "Cache-Control": "no-store" });
}
