// Bench baseline: a bare Hono app on @hono/node-server returning a constant JSON, so the chat endpoint and
// this one are measured the same way (child process, same adapter, same client).
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const body = { answer: "ok", citations: [], intent: "bench", facts: [] };
const app = new Hono();
app.post("/api/chat", (c) => c.json(body));
app.get("/healthz", (c) => c.json({ status: "ok" }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8788), hostname: process.env.HOST ?? "127.0.0.1" });
