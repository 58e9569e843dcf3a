// HTTP layer, Node adapter: the metrics port on prom-client — Prometheus text with the process's own metrics
// (CPU, memory, event-loop lag) next to the app's.

import type { Metrics } from "./metrics.ts";

/** Latency buckets (seconds): a cached answer takes about a millisecond, a cold one tens, an upload minutes. */
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const INGEST_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

export async function createPromMetrics(): Promise<Metrics> {
  const prom = await import("prom-client");
  const registry = new prom.Registry();
  prom.collectDefaultMetrics({ register: registry, prefix: "hoidap_" });
  const requests = new prom.Counter({ name: "hoidap_http_requests_total", help: "HTTP requests by route and status", labelNames: ["method", "route", "status"], registers: [registry] });
  const latency = new prom.Histogram({ name: "hoidap_http_request_duration_seconds", help: "HTTP request latency", labelNames: ["method", "route"], buckets: HTTP_BUCKETS, registers: [registry] });
  const answers = new prom.Counter({ name: "hoidap_answers_total", help: "Answers by outcome (answered, near_match, not_found) and intent", labelNames: ["outcome", "intent"], registers: [registry] });
  const feedback = new prom.Counter({ name: "hoidap_feedback_total", help: "Ratings received", labelNames: ["rating"], registers: [registry] });
  const indexInfo = new prom.Gauge({ name: "hoidap_index_info", help: "The index version being served (value 1)", labelNames: ["version"], registers: [registry] });
  const documents = new prom.Gauge({ name: "hoidap_documents", help: "Documents in the served index", registers: [registry] });
  const chunks = new prom.Gauge({ name: "hoidap_chunks", help: "Passages in the served index", registers: [registry] });
  const tasks = new prom.Gauge({ name: "hoidap_tasks", help: "Tasks in the served index", registers: [registry] });
  const ingest = new prom.Histogram({ name: "hoidap_ingest_duration_seconds", help: "Document jobs (upload, delete) by outcome", labelNames: ["kind", "status"], buckets: INGEST_BUCKETS, registers: [registry] });
  return {
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    answer: (outcome, intent) => answers.inc({ outcome, intent }),
    feedback: (rating) => feedback.inc({ rating }),
    index(i) {
      indexInfo.reset();
      indexInfo.set({ version: i.version }, 1);
      documents.set(i.documents);
      chunks.set(i.chunks);
      tasks.set(i.tasks);
    },
    ingest: (kind, status, seconds) => ingest.observe({ kind, status }, seconds),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
