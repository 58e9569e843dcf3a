// Answers from the real corpus (in memory): registry facts, several documents for one task, lists,
// periods relative to an injected "today", merged ministries, and "Không tìm thấy thông tin".
import { beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../src/answer/engine.ts";
import type { ChatAnswer } from "../src/answer/types.ts";
import { getKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

let k: TestKnowledge;
beforeAll(async () => {
  k = await getKnowledge();
});

function citedNumbersExist(a: ChatAnswer) {
  const used = [...a.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const have = new Set(a.citations.map((c) => c.n));
  for (const n of used) expect(have.has(n)).toBe(true);
  return used;
}

describe("registry answers", () => {
  it("lead, coordinators, result and deadline of a table task, cited to its row", async () => {
    const a = await k.answer({ message: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" });
    expect(a.intent).toBe("lead");
    expect(a.answer).toContain("Bộ Công an chủ trì");
    expect(a.answer).toContain("tháng 12/2026");
    expect(citedNumbersExist(a).length).toBeGreaterThan(0);
    expect(a.citations[0]).toMatchObject({ documentId: "qd-2629-2025", document: { number: "2629/QĐ-TTg", status: "final" } });
    expect(a.citations[0]!.section).toMatch(/^Phụ lục II › /);
    expect(a.facts[0]).toMatchObject({ lead: ["Bộ Công an"], deadline: { text: "Tháng 12/2026", end: "2026-12-31" } });
  });

  it("the same answer without diacritics", async () => {
    const a = await k.answer({ message: "bo nao chu tri xay dung luat an ninh du lieu" });
    expect(a.facts[0]?.lead).toEqual(["Bộ Công an"]);
    expect(a.answer).toContain("Bộ Công an");
  });

  it("names a merged ministry as written and says who holds it now", async () => {
    const a = await k.answer({ message: "Theo Quyết định 942, ai chủ trì nghiên cứu xây dựng Luật Chính phủ số?" });
    expect(a.answer).toContain("Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)");
    expect(a.citations[0]?.document.number).toBe("942/QĐ-TTg");
  });

  it("a task in several documents: each cited, the final text named, drafts and summaries labelled", async () => {
    const a = await k.answer({ message: "Ai chủ trì xây dựng Khung Kiến trúc tổng thể quốc gia số?" });
    expect(a.answer).toMatch(/có trong \d văn bản; văn bản chính thức là/);
    const statuses = a.citations.map((c) => c.document.status);
    expect(statuses).toContain("final");
    expect(statuses).toContain("summary");
    const summary = a.citations.find((c) => c.document.status === "summary")!;
    expect(summary.label).toBe("Bản tin tóm tắt");
    citedNumbersExist(a);
  });

  it("follow-up questions reuse the task of the previous turn", async () => {
    const history = [
      { role: "user" as const, content: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" },
      { role: "assistant" as const, content: "Bộ Công an chủ trì [1]." },
    ];
    const a = await k.answer({ message: "Còn cơ quan phối hợp?", history });
    expect(a.intent).toBe("coordinators");
    expect(a.answer).toContain("Bộ Tài chính");
  });
});

describe("lists", () => {
  it("tasks of an agency, grouped by document, capped with a count of the rest", async () => {
    const a = await k.answer({ message: "Bộ Công an được giao những nhiệm vụ gì?" });
    expect(a.intent).toBe("tasks_by_agency");
    const total = Number(a.answer.match(/— (\d+) nhiệm vụ/)?.[1]);
    expect(total).toBeGreaterThan(12);
    expect(a.facts.length).toBe(12);
    expect(a.answer).toMatch(/… và \d+ nhiệm vụ khác/);
    for (const f of a.facts) expect(f.lead).toContain("Bộ Công an");
  });

  it("Bộ KH&CN's list includes tasks inherited from Bộ TT&TT, marked as such", async () => {
    const a = await createAnswerer(k.kb, { now: () => new Date("2026-11-23T00:00:00Z"), maxListItems: 400 })({ message: "Bộ KH&CN chủ trì những nhiệm vụ nào?" });
    expect(a.facts.some((f) => f.lead.includes("Bộ Thông tin và Truyền thông"))).toBe(true);
    expect(a.answer).toContain("nay thuộc Bộ Khoa học và Công nghệ");
  });

  it("tasks due in a period", async () => {
    const a = await k.answer({ message: "Những nhiệm vụ nào đến hạn trong quý I/2026?" });
    expect(a.intent).toBe("tasks_due");
    expect(a.facts.length).toBeGreaterThan(0);
    for (const f of a.facts) {
      expect(f.deadline!.end! >= "2026-01-01" && f.deadline!.end! <= "2026-03-31").toBe(true);
    }
  });

  it("overdue is relative to the injected today", async () => {
    const early = createAnswerer(k.kb, { now: () => new Date("2025-01-15T00:00:00Z"), maxListItems: 1000 });
    const late = createAnswerer(k.kb, { now: () => new Date("2026-11-23T00:00:00Z"), maxListItems: 1000 });
    const a = await early({ message: "Nhiệm vụ nào đã quá hạn?" });
    const b = await late({ message: "Nhiệm vụ nào đã quá hạn?" });
    expect(b.facts.length).toBeGreaterThan(a.facts.length);
    for (const f of b.facts) expect(f.deadline!.end! < "2026-11-23").toBe(true);
    expect(b.answer).toContain("23/11/2026");
  });

  it("a task that only starts in a year ('Bắt đầu triển khai từ năm 2026') is neither due in it nor ever overdue", async () => {
    const starting = k.corpus.tasks.filter((t) => t.deadline.kind === "from");
    expect(starting.map((t) => t.deadline.text)).toContain("Bắt đầu triển khai từ năm 2026");
    const years = createAnswerer(k.kb, { now: () => new Date("2030-06-01T00:00:00Z"), maxListItems: 1000 });
    const due = await years({ message: "Những nhiệm vụ nào có thời hạn trong năm 2026?" });
    const overdue = await years({ message: "Nhiệm vụ nào đã quá hạn?" });
    expect(due.facts.length).toBeGreaterThan(0);
    expect(overdue.facts.length).toBeGreaterThan(0);
    for (const a of [due, overdue]) for (const f of a.facts) expect(f.deadline?.kind).not.toBe("from");
  });
});

describe("answerability", () => {
  for (const q of [
    "Bộ nào chủ trì xây dựng sân bay quốc tế Long Thành?",
    "ai chu tri to chuc sea games 33",
    "Thủ đô của Pháp là gì?",
    "Mức lương cơ sở năm 2026 là bao nhiêu?",
    // A law the texts do not mention, though its subject (e-commerce) is in them.
    "Bộ nào chủ trì xây dựng Luật Thương mại điện tử?",
    // A national database the texts do not plan ("về người có công"), among many that they do.
    "ai chu tri xay dung co so du lieu quoc gia ve nguoi co cong",
    // An amount the texts do not give, though the project and public investment are in them.
    "Tổng vốn đầu tư xây dựng Trung tâm dữ liệu quốc gia là bao nhiêu tỷ đồng?",
  ]) {
    it(`says so when the texts do not: ${q}`, async () => {
      const a = await k.answer({ message: q });
      expect(a.answer).toContain("Không tìm thấy thông tin");
      expect(a.citations).toEqual([]);
      expect(a.answer).not.toMatch(/Bộ [A-ZĐ]\p{L}+ chủ trì/u);
    });
  }

  it("indicator targets come from the indicator table with their period", async () => {
    const a = await k.answer({ message: "Giai đoạn 2028-2030 tỷ lệ người dân hài lòng với dịch vụ công trực tuyến phải đạt bao nhiêu?" });
    expect(a.intent).toBe("target");
    expect(a.answer).toContain("99%");
    expect(a.answer).toContain("2028-2030");
  });
});

describe("named documents", () => {
  it("a question naming a strategy by its title is answered from that document", async () => {
    const a = await k.answer({ message: "Theo Chiến lược Chính phủ điện tử, ai chủ trì phát triển Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)?" });
    expect(a.citations[0]?.document.number).toBe("942/QĐ-TTg");
    expect(a.answer).toContain("Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)");
  });
  it("a year in the question steers the passage to the document about it", async () => {
    const a = await k.answer({ message: "Mục tiêu đến năm 2030 của Chương trình phát triển Chính phủ số là gì?" });
    expect(a.citations[0]?.document.number).toBe("2629/QĐ-TTg");
    expect(a.answer).toContain("Chính phủ thông minh");
  });
});
