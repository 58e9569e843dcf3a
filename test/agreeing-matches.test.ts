// Near matches in two documents that give the same answer to what is asked are stated together, not turned into
// a clarifying question; when they answer differently, the question is asked. Two plans written for this test.
import { beforeAll, describe, expect, it } from "vitest";
import { CLARIFY_QUESTION } from "../src/answer/clarify.ts";
import { buildKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const plan = (n: number, year: number, lead: string, when: string) => `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: ${n}/KH-UBND

An Phú, ngày 05 tháng 01 năm ${year}

KẾ HOẠCH

Chuyển đổi số của tỉnh năm ${year}

II. NHIỆM VỤ

| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |
|---|---|---|---|
| 1 | Xây dựng nền tảng bản đồ số của tỉnh | ${lead} | ${when} |
| 2 | Số hóa hồ sơ đất đai | Sở Nông nghiệp và Môi trường | Quý IV/${year} |
`;

let same: TestKnowledge;
let differ: TestKnowledge;
beforeAll(async () => {
  same = await buildKnowledge([
    { name: "kh-10-ubnd-an-phu-2025.md", text: plan(10, 2025, "Sở Xây dựng", "Năm 2025") },
    { name: "kh-20-ubnd-an-phu-2026.md", text: plan(20, 2026, "Sở Xây dựng", "Năm 2026") },
  ]);
  differ = await buildKnowledge([
    { name: "kh-10-ubnd-an-phu-2025.md", text: plan(10, 2025, "Sở Xây dựng", "Năm 2025") },
    { name: "kh-20-ubnd-an-phu-2026.md", text: plan(20, 2026, "Sở Khoa học và Công nghệ", "Năm 2026") },
  ]);
});

describe("near matches that agree on what is asked", () => {
  it("one lead in both plans: the lead, both cited, no clarifying turn", async () => {
    const a = await same.answer({ message: "Nền tảng bản đồ số của tỉnh do cơ quan nào chủ trì xây dựng?" });
    expect(a.answer).not.toContain(CLARIFY_QUESTION);
    expect(a.answer).toContain("Sở Xây dựng");
    expect(a.citations.length).toBeGreaterThanOrEqual(2);
  });

  it("two leads: the question is asked", async () => {
    const a = await differ.answer({ message: "Nền tảng bản đồ số của tỉnh do cơ quan nào chủ trì xây dựng?" });
    expect(a.answer).toContain("Sở Xây dựng");
    expect(a.answer).toContain("Sở Khoa học và Công nghệ");
    expect(a.answer).toMatch(new RegExp(`${CLARIFY_QUESTION.replace("?", "\\?")}|không thống nhất|khác nhau`));
  });

  it("asked for the deadline, which differs: not merged as one answer", async () => {
    const a = await same.answer({ message: "Nền tảng bản đồ số của tỉnh phải xong khi nào?" });
    // Either a choice, or both deadlines stated with their documents — never one deadline alone.
    expect(a.answer.includes(CLARIFY_QUESTION) || (a.answer.includes("2025") && a.answer.includes("2026"))).toBe(true);
  });
});
