// A body's list of tasks where a part of the plan is addressed to it ("5. Các doanh nghiệp viễn thông, tổ chức, cá nhân
// có liên quan" over its items) and other parts mention it too: the addressed items are its own duties and are shown
// as a list of that many would be (whole), the mentions elsewhere as the long list (shortened). A nine-task list cut
// every item at 150 characters, and the duty asked about was in the cut part. Synthetic plan in the shape of real ones.
import { describe, expect, it } from "vitest";
import { buildKnowledge } from "./helpers/knowledge.ts";

const LONG = "bảo đảm hạ tầng viễn thông phục vụ người dân và doanh nghiệp trên địa bàn tỉnh, đáp ứng yêu cầu của các khu công nghiệp, cụm công nghiệp và khu đô thị mới";
const mention = (i: number) => `- Các doanh nghiệp viễn thông triển khai hạng mục số ${i} về ${LONG}, kết thúc bằng điểm mốc ${i}.`;
const PLAN = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 90/KH-UBND

KẾ HOẠCH
Phát triển hạ tầng số năm 2026

I. MỤC TIÊU

Phát triển hạ tầng số đồng bộ.

II. NHIỆM VỤ

${[1, 2, 3, 4, 5, 6].map(mention).join("\n\n")}

III. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Chủ trì theo dõi, đôn đốc triển khai Kế hoạch.

2. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan

- Tuân thủ các quy định về cấp phép xây dựng công trình hạ tầng thông tin; tăng cường chia sẻ, ${LONG}, dùng chung cột ăng-ten.

- Bảo đảm kinh phí thực hiện các nhiệm vụ do doanh nghiệp triển khai; ${LONG}; có phương án chuyển đổi thành doanh nghiệp hạ tầng số.

- Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ; ${LONG}; nêu rõ khó khăn, vướng mắc và kiến nghị đề xuất.
`;

describe("a list where a part of the plan is addressed to the body", () => {
  it("shows the addressed items whole and shortens the mentions elsewhere", async () => {
    const k = await buildKnowledge([{ name: "kh-90-2026-ubnd-an-phu.txt", text: PLAN }]);
    const a = await k.answer({ message: "Các doanh nghiệp viễn thông có trách nhiệm gì trong Kế hoạch 90/KH-UBND?" });
    expect(a.answer).toMatch(/^Các doanh nghiệp viễn thông chủ trì — 9 nhiệm vụ/u);
    for (const end of ["dùng chung cột ăng-ten", "doanh nghiệp hạ tầng số", "kiến nghị đề xuất"]) expect(a.answer).toContain(end);
    const items = a.answer.split("\n").filter((l) => l.startsWith("- "));
    const mentions = items.filter((l) => l.includes("hạng mục số"));
    expect(mentions).toHaveLength(6);
    for (const m of mentions) expect(m).not.toMatch(/điểm mốc \d/u);
  });
});
