// "Tiến độ hiện nay …?", "… đã hoàn thành chưa?": answered from a table's status column; a text without one only
// assigns the task, and the answer says so, with the deadline against today — never a guess that it is done.
import { beforeAll, describe, expect, it } from "vitest";
import { asksStatus } from "../src/answer/status.ts";
import { buildKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const report = [
  "ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Số: 88/BC-UBND",
  "Bến Tre, ngày 5 tháng 10 năm 2026",
  "BÁO CÁO",
  "Tình hình thực hiện nhiệm vụ chuyển đổi số năm 2026",
  "| STT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn | Tình trạng |",
  "|---|---|---|---|---|",
  "| 1 | Số hóa hồ sơ đăng ký hộ tịch của các xã | Sở Tư pháp | Quý III/2026 | Đã hoàn thành |",
  "| 2 | Triển khai phần mềm quản lý văn bản đến thôn, ấp | Văn phòng Ủy ban nhân dân tỉnh | Quý IV/2026 | Đang thực hiện |",
].join("\n");

const plan = [
  "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG",
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Số: 21/KH-UBND",
  "Vĩnh Long, ngày 2 tháng 2 năm 2026",
  "KẾ HOẠCH",
  "Phát triển hạ tầng số năm 2026",
  "I. TỔ CHỨC THỰC HIỆN",
  "1. Sở Khoa học và Công nghệ chủ trì lắp đặt trạm phát sóng di động tại các khu công nghiệp, hoàn thành trước ngày 30/6/2026.",
].join("\n");

let K: TestKnowledge;
beforeAll(async () => {
  K = await buildKnowledge([
    { name: "bc-88-bentre.md", text: report },
    { name: "kh-21-vinhlong.md", text: plan },
  ]);
});

describe("status questions", () => {
  it("are told from other questions", () => {
    expect(asksStatus("Tiến độ hiện nay của việc số hóa hồ sơ hộ tịch?")).toBe(true);
    expect(asksStatus("Việc lắp đặt trạm phát sóng đã hoàn thành chưa?")).toBe(true);
    expect(asksStatus("Tình trạng thực hiện nhiệm vụ triển khai phần mềm?")).toBe(true);
    expect(asksStatus("Ai chủ trì số hóa hồ sơ hộ tịch?")).toBe(false);
    expect(asksStatus("Thời hạn hoàn thành việc lắp đặt trạm phát sóng?")).toBe(false);
  });

  it("read the table's status column, cited", async () => {
    const a = await K.answer({ message: "Việc số hóa hồ sơ đăng ký hộ tịch của các xã đã hoàn thành chưa?" });
    expect(a.answer).toContain("“Đã hoàn thành”");
    expect(a.citations[0]?.document.number).toBe("88/BC-UBND");
    const b = await K.answer({ message: "Tiến độ hiện nay của việc triển khai phần mềm quản lý văn bản đến thôn, ấp?" });
    expect(b.answer).toContain("“Đang thực hiện”");
  });

  it("without a status column: no progress is recorded, the deadline is told against today", async () => {
    const a = await K.answer({ message: "Việc lắp đặt trạm phát sóng di động tại các khu công nghiệp đã hoàn thành chưa?" });
    expect(a.answer).toMatch(/không ghi tiến độ/);
    expect(a.answer).toContain("Sở Khoa học và Công nghệ");
    expect(a.answer).toMatch(/tính đến ngày 23\/11\/2026, thời hạn này đã qua/);
    expect(a.answer).toMatch(/không cho biết nhiệm vụ đã hoàn thành hay chưa/);
    expect(a.answer).not.toMatch(/đã hoàn thành”/);
  });
});
