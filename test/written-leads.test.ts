// A body that neither the agency registry nor the unit shapes ("Sở …", "Ban …") know, named by a plan as the texts
// write it ("Đề nghị các hợp tác xã nông nghiệp: a) …; b) …"): "… được đề nghị làm gì?" lists its tasks, all of them,
// from the whole answerer over a plan written for this test.
import { beforeAll, describe, expect, it } from "vitest";
import { buildKnowledge, TEST_NOW, type TestKnowledge } from "./helpers/knowledge.ts";

const PLAN = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 45/KH-UBND

An Phú, ngày 10 tháng 3 năm 2026

KẾ HOẠCH

Thúc đẩy thương mại điện tử nông sản trên địa bàn tỉnh năm 2026

I. MỤC ĐÍCH, YÊU CẦU

Đưa nông sản của tỉnh lên các sàn thương mại điện tử.

II. TỔ CHỨC THỰC HIỆN

1. Sở Công Thương

a) Chủ trì xây dựng gian hàng nông sản của tỉnh trên sàn thương mại điện tử, hoàn thành trong quý II/2026.

b) Tổ chức tập huấn kỹ năng bán hàng trực tuyến cho hộ sản xuất.

2. Đề nghị các hợp tác xã nông nghiệp:

a) Đăng ký mã số vùng trồng và truy xuất nguồn gốc cho sản phẩm chủ lực.

b) Cử thành viên tham gia các lớp tập huấn bán hàng trực tuyến do tỉnh tổ chức.

Trên đây là Kế hoạch thúc đẩy thương mại điện tử nông sản trên địa bàn tỉnh năm 2026.
`;

let k: TestKnowledge;
beforeAll(async () => {
  k = await buildKnowledge([{ name: "kh-45-ubnd-an-phu-2026.txt", text: PLAN }]);
});

describe("tasks of a body named as the texts write it", () => {
  it("lists every task of 'các hợp tác xã nông nghiệp', typed with or without diacritics", async () => {
    for (const message of ["Các hợp tác xã nông nghiệp được đề nghị làm gì?", "cac hop tac xa nong nghiep duoc de nghi lam gi"]) {
      const a = await k.answer({ message });
      expect(a.answer, message).toContain("mã số vùng trồng");
      expect(a.answer, message).toContain("Cử thành viên tham gia");
      // Not the other body's tasks.
      expect(a.answer, message).not.toContain("gian hàng nông sản");
      expect(a.citations.length, message).toBeGreaterThanOrEqual(2);
    }
  });

  it("leaves a question that names no such body as it was", async () => {
    const a = await k.answer({ message: "Gian hàng nông sản của tỉnh trên sàn thương mại điện tử phải xong khi nào?" });
    expect(a.answer).toMatch(/quý II\/2026/i);
    expect(a.answer).toContain("Sở Công Thương");
  });
});
void TEST_NOW;
