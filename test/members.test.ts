// "… <cơ quan> có những ai tham gia?" over a member list: every member line naming that body, from a decision written
// for this test (the list's own body, in its heading, selects nothing).
import { beforeAll, describe, expect, it } from "vitest";
import { buildKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const DECISION = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 77/QĐ-UBND

An Phú, ngày 02 tháng 4 năm 2026

QUYẾT ĐỊNH

Về việc thành lập Tổ công tác chuyển đổi số của tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

QUYẾT ĐỊNH:

Điều 1. Thành lập Tổ công tác chuyển đổi số của tỉnh gồm các thành viên sau:

1. Ông Trần Văn An, Giám đốc Sở Khoa học và Công nghệ, Tổ trưởng;

2. Bà Lê Thị Bình, Phó Giám đốc Sở Tài chính, thành viên;

3. Ông Phạm Minh Cường, Trưởng phòng Ngân sách, Sở Tài chính, thành viên;

4. Ông Võ Văn Dũng, Phó Giám đốc Công an tỉnh, thành viên.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
`;

let k: TestKnowledge;
beforeAll(async () => {
  k = await buildKnowledge([{ name: "qd-77-ubnd-an-phu-2026.txt", text: DECISION }]);
});

describe("members of a list asked by body", () => {
  it("names every member from the body asked, and no one else", async () => {
    for (const message of ["Những ai của Sở Tài chính là thành viên Tổ công tác chuyển đổi số của tỉnh?", "Danh sách thành viên Tổ công tác chuyển đổi số của tỉnh: Sở Tài chính có những ai?"]) {
      const a = await k.answer({ message });
      expect(a.answer).toContain("Lê Thị Bình");
      expect(a.answer).toContain("Phạm Minh Cường");
      expect(a.answer).not.toContain("Trần Văn An");
      expect(a.answer).not.toContain("Võ Văn Dũng");
      // In reading order, each line cited.
      expect(a.answer.indexOf("Lê Thị Bình")).toBeLessThan(a.answer.indexOf("Phạm Minh Cường"));
      expect(a.citations.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("a single role is still one holder", async () => {
    const a = await k.answer({ message: "Ai là Tổ trưởng Tổ công tác chuyển đổi số của tỉnh?" });
    expect(a.answer).toContain("Trần Văn An");
    expect(a.answer).not.toContain("Lê Thị Bình");
  });
});
