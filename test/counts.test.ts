// "bao nhiêu nhiệm vụ …" through app.request(): the chat's number is the total /api/tasks gives for the filter the
// question names (written here by hand from the question, not read from the answer), and it says how many it lists.
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";
import { getKnowledge, TEST_NOW } from "./helpers/knowledge.ts";

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const K = await getKnowledge();
  const loaded: Loaded = { version: "v-test", corpus: K.corpus, index: K.kb.index, answer: K.answer };
  app = createApp({ config: parseConfig({ RATE_LIMIT_PER_MINUTE: "0" }), current: () => loaded, logger: silentLogger, fetch: globalThis.fetch, defer: () => {}, now: () => TEST_NOW });
}, 120_000);

const chat = async (message: string) =>
  (await (await app.request("/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message }) })).json()) as { answer: string; intent: string; facts: unknown[] };
const apiTotal = async (params: Record<string, string>) => ((await (await app.request(`/api/tasks?${new URLSearchParams(params)}`)).json()) as { total: number }).total;
const stated = (answer: string) => Number(/^Có (\d+) nhiệm vụ/.exec(answer)?.[1]);

// TEST_NOW is 23/11/2026 (a Monday).
const cases: [string, Record<string, string>][] = [
  ["Có bao nhiêu nhiệm vụ đến hạn trong tháng 12/2025?", { due_from: "2025-12-01", due_to: "2025-12-31", include_predecessors: "1" }],
  ["co bao nhieu nhiem vu den han trong quy 1 nam 2026", { due_from: "2026-01-01", due_to: "2026-03-31", include_predecessors: "1" }],
  ["Có bao nhiêu nhiệm vụ phải hoàn thành trong 6 tháng cuối năm 2026?", { due_from: "2026-07-01", due_to: "2026-12-31", include_predecessors: "1" }],
  ["Bộ Công an có bao nhiêu nhiệm vụ?", { agency: "Bộ Công an", include_predecessors: "1" }],
  ["Bộ Khoa học và Công nghệ chủ trì bao nhiêu nhiệm vụ?", { agency: "Bộ Khoa học và Công nghệ", include_predecessors: "1" }],
  ["Có bao nhiêu nhiệm vụ của Bộ Tài chính hạn trong năm 2026?", { agency: "Bộ Tài chính", due_from: "2026-01-01", due_to: "2026-12-31", include_predecessors: "1" }],
  ["Có bao nhiêu nhiệm vụ đã quá hạn?", { status: "overdue", include_predecessors: "1" }],
  ["Có bao nhiêu nhiệm vụ đến hạn từ nay đến cuối năm?", { due_from: "2026-11-23", due_to: "2026-12-31", include_predecessors: "1" }],
];

describe("counts agree with /api/tasks", () => {
  for (const [message, params] of cases) {
    it(message, async () => {
      const [a, total] = await Promise.all([chat(message), apiTotal(params)]);
      expect(total, "the filter selects tasks in the bundled corpus").toBeGreaterThan(0);
      expect(stated(a.answer), a.answer.slice(0, 200)).toBe(total);
      // How many it lists: all, or the first ones with the rest counted.
      if (a.facts.length < total) expect(a.answer).toContain(`dưới đây liệt kê ${a.facts.length} nhiệm vụ đầu`);
      else expect(a.answer).toContain("liệt kê đầy đủ dưới đây");
    });
  }

  it("a list that is not a count question states the same number in its title", async () => {
    const [a, total] = await Promise.all([chat("Những nhiệm vụ nào đến hạn trong quý I/2026?"), apiTotal({ due_from: "2026-01-01", due_to: "2026-03-31", include_predecessors: "1" })]);
    expect(a.answer).not.toMatch(/^Có \d+/);
    expect(Number(/— (\d+) nhiệm vụ/.exec(a.answer)?.[1])).toBe(total);
  });
});
