// "Quyết định 2629 ban hành ngày nào?": the document's own date from its header, cited at the line that writes it;
// the same asked in English; a document whose header has no date is said to have none.
import { beforeAll, describe, expect, it } from "vitest";
import { asksIssueDate } from "../src/answer/issued.ts";
import { englishToVietnamese } from "../src/answer/english.ts";
import { buildKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const dated = ["ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 77/KH-UBND", "Hậu Giang, ngày 05 tháng 02 năm 2026", "KẾ HOẠCH", "Chuyển đổi số năm 2026", "I. MỤC TIÊU", "1. Hoàn thành số hóa hồ sơ."].join("\n");
const undated = ["ỦY BAN NHÂN DÂN TỈNH HẬU GIANG", "Số: /KH-UBND", "Hậu Giang, ngày    tháng    năm 2026", "DỰ THẢO", "KẾ HOẠCH", "Phát triển hạ tầng số năm 2026", "I. MỤC TIÊU", "1. Phủ sóng 5G."].join("\n");

let K: TestKnowledge;
beforeAll(async () => {
  K = await buildKnowledge([
    { name: "kh-77.md", text: dated },
    { name: "du-thao.md", text: undated },
  ]);
});

describe("issue dates", () => {
  it("knows the question", () => {
    expect(asksIssueDate("Kế hoạch 77 ban hành ngày nào?")).toBe(true);
    expect(asksIssueDate("Quyết định 2629 được ký khi nào?")).toBe(true);
    expect(asksIssueDate("Kế hoạch 77 giao nhiệm vụ gì?")).toBe(false);
    expect(asksIssueDate("Theo Kế hoạch 77, Kế hoạch 77 ban hành ngày nào?")).toBe(true);
    // An instrument the document requires, to be issued: a deadline, not the document's date.
    expect(asksIssueDate("Theo QĐ 77/QĐ-TTg, Nghị định xử phạt vi phạm hành chính phải ban hành khi nào?")).toBe(false);
    expect(asksIssueDate("Thông tư hướng dẫn cần được ban hành khi nào theo Kế hoạch 77?")).toBe(false);
    expect(asksIssueDate("Theo Kế hoạch 77, quy chế phối hợp ban hành khi nào?")).toBe(false);
  });

  it("answers from the header, cited at the date line", async () => {
    const a = await K.answer({ message: "Kế hoạch 77 ban hành ngày nào?" });
    expect(a.answer, JSON.stringify(a.citations)).toContain("05/02/2026");
    expect(a.citations[0]?.quote).toMatch(/ngày 05 tháng 02 năm 2026/);
  });

  it("reads the English question", async () => {
    expect(englishToVietnamese("When was Decision 77/KH-UBND issued?")).toBe("Quyết định 77/KH-UBND ban hành ngày nào");
  });
});
