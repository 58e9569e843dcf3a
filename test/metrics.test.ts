// /metrics through app.request(): Prometheus text from prom-client with requests by route pattern and status,
// latency histograms, answers by outcome, feedback, the index served; behind METRICS_TOKEN when set.
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { createPromMetrics } from "../src/http/metrics.node.ts";
import { silentLogger } from "../src/log.ts";
import { buildKnowledge, TEST_NOW } from "./helpers/knowledge.ts";

const TEXT = `BỘ TƯ PHÁP
Số: 3/KH-BTP
Hà Nội, ngày 2 tháng 1 năm 2026
KẾ HOẠCH
Số hóa sổ hộ tịch năm 2026
1. Cục Hộ tịch chủ trì số hóa sổ hộ tịch, hoàn thành trong tháng 9/2026.
`;
let loaded: Loaded;
beforeAll(async () => {
  const k = await buildKnowledge([{ name: "kh-3.txt", text: TEXT }]);
  loaded = { version: "v-metrics", corpus: k.corpus, index: k.kb.index, answer: k.answer };
});

async function appWith(env: Record<string, string>) {
  const deferred: Promise<unknown>[] = [];
  const app = createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0", ...env }), current: () => loaded, logger: silentLogger, fetch: globalThis.fetch, defer: (p) => void deferred.push(p), now: () => TEST_NOW, metrics: await createPromMetrics() });
  return { app, deferred };
}

describe("/metrics", () => {
  it("counts requests by route pattern, answers by outcome, feedback, and shows the index", async () => {
    const { app, deferred } = await appWith({});
    const ask = (message: string) => app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message }) });
    const a = (await (await ask("Ai chủ trì số hóa sổ hộ tịch?")).json()) as { answerId: string };
    await ask("Giá vé máy bay đi Đà Nẵng là bao nhiêu?");
    await app.request(`/api/documents/${loaded.corpus.documents[0]!.id}`);
    await app.request("/api/documents/khong-co");
    await Promise.all(deferred);
    await app.request("/api/feedback", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ answerId: a.answerId, rating: "up" }) });
    const r = await app.request("/metrics");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/plain");
    const text = await r.text();
    expect(text).toMatch(/hoidap_http_requests_total\{method="POST",route="\/api\/chat",status="200"\} 2/);
    expect(text).toMatch(/hoidap_http_requests_total\{method="GET",route="\/api\/documents\/:id",status="200"\} 1/);
    expect(text).toMatch(/hoidap_http_requests_total\{method="GET",route="\/api\/documents\/:id",status="404"\} 1/);
    expect(text).toMatch(/hoidap_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/api\/chat"\} \d/);
    expect(text).toMatch(/hoidap_answers_total\{outcome="answered",intent="lead"\} 1/);
    expect(text).toMatch(/hoidap_answers_total\{outcome="(not_found|near_match)",intent="[a-z_]+"\} 1/);
    expect(text).toMatch(/hoidap_feedback_total\{rating="up"\} 1/);
    expect(text).toContain('hoidap_index_info{version="v-metrics"} 1');
    expect(text).toMatch(/hoidap_tasks \d+/);
    expect(text).toContain("hoidap_process_cpu_seconds_total");
  });

  it("asks for METRICS_TOKEN when it is set", async () => {
    const { app } = await appWith({ METRICS_TOKEN: "m".repeat(24) });
    const no = await app.request("/metrics");
    expect(no.status).toBe(401);
    expect(((await no.json()) as { error: { message: string } }).error.message).toMatch(/.+ \/ .+/);
    expect((await app.request("/metrics", { headers: { Authorization: "Bearer wrong-wrong-wrong" } })).status).toBe(401);
    expect((await app.request("/metrics", { headers: { Authorization: `Bearer ${"m".repeat(24)}` } })).status).toBe(200);
  });
});
