// One task written twice with another lead or deadline — an appendix row and the prose "Tổ chức thực hiện" of one
// decision — is answered with both records cited and the disagreement said; parallel duties are no disagreement.
import { beforeAll, describe, expect, it } from "vitest";
import { buildKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const decision = [
  "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Số: 45/KH-UBND",
  "An Giang, ngày 10 tháng 3 năm 2026",
  "KẾ HOẠCH",
  "Triển khai nền tảng số dùng chung của tỉnh năm 2026",
  "I. TỔ CHỨC THỰC HIỆN",
  "1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu dùng chung của tỉnh phục vụ chia sẻ dữ liệu giữa các sở, ngành, hoàn thành trong quý III/2026.",
  "2. Sở Nội vụ",
  "- Thực hiện các nhiệm vụ khác do Chủ tịch Ủy ban nhân dân tỉnh giao.",
  "3. Sở Tài chính",
  "- Thực hiện các nhiệm vụ khác do Chủ tịch Ủy ban nhân dân tỉnh giao.",
  "PHỤ LỤC",
  "DANH MỤC NHIỆM VỤ",
  "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |",
  "|---|---|---|---|",
  "| 1 | Xây dựng kho dữ liệu dùng chung của tỉnh phục vụ chia sẻ dữ liệu giữa các sở, ngành | Văn phòng Ủy ban nhân dân tỉnh | Quý IV/2026 |",
  "| 2 | Triển khai hệ thống họp trực tuyến đến cấp xã | Sở Khoa học và Công nghệ | Quý II/2026 |",
].join("\n");

let K: TestKnowledge;
beforeAll(async () => {
  K = await buildKnowledge([{ name: "kh-45-angiang.md", text: decision }]);
});

describe("records of one task that disagree", () => {
  it("names the other lead and deadline with their own citation", async () => {
    const a = await K.answer({ message: "Ai chủ trì xây dựng kho dữ liệu dùng chung của tỉnh, hạn khi nào?" });
    expect(a.answer).toMatch(/không thống nhất/);
    expect(a.answer).toContain("Sở Khoa học và Công nghệ");
    expect(a.answer).toContain("Văn phòng Ủy ban nhân dân tỉnh");
    const sections = a.citations.map((c) => c.section);
    expect(sections.some((s) => s.startsWith("Phụ lục"))).toBe(true);
    expect(sections.some((s) => !s.startsWith("Phụ lục"))).toBe(true);
  });

  it("says nothing of a task stated once, nor of one duty handed to several bodies", async () => {
    const one = await K.answer({ message: "Ai chủ trì triển khai hệ thống họp trực tuyến đến cấp xã?" });
    expect(one.answer).toContain("Sở Khoa học và Công nghệ");
    expect(one.answer).not.toMatch(/không thống nhất/);
    const duty = await K.answer({ message: "Sở Nội vụ được giao những nhiệm vụ gì?" });
    expect(duty.answer).not.toMatch(/không thống nhất/);
  });
});
