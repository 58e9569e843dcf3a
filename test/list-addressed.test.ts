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

const RULES = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 91/2026/QĐ-UBND

QUYẾT ĐỊNH
Ban hành Quy chế vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh

Điều 1. Ban hành kèm theo Quyết định này Quy chế vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.

QUY CHẾ

Điều 5. Trách nhiệm của Sở Khoa học và Công nghệ

1. Chủ trì vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.

Điều 6. Trách nhiệm của cơ quan, đơn vị trên địa bàn tỉnh có hệ thống thông tin, cơ sở dữ liệu chuyên ngành kết nối với Hệ thống thông tin giải quyết TTHC tỉnh

1. Chủ trì bảo đảm việc kết nối, chia sẻ dữ liệu giữa cơ sở dữ liệu chuyên ngành do mình quản lý với Hệ thống.

2. Quản lý, phân quyền tài khoản khai thác dữ liệu trên Hệ thống thông tin giải quyết TTHC tỉnh.

3. Thông báo kịp thời cho Sở Khoa học và Công nghệ khi phát hiện sự cố mất kết nối.

Điều 7. Trách nhiệm của các cơ quan, đơn vị

1. Kịp thời phản ánh khó khăn, vướng mắc về Sở Khoa học và Công nghệ.
`;

describe("a body named by a long description", () => {
  it("is found by most of its words, abbreviations written out, and every duty of its article is listed", async () => {
    const k = await buildKnowledge([{ name: "qd-91-2026-ubnd-an-phu.txt", text: RULES }]);
    const a = await k.answer({ message: "Theo Quy chế 91, cơ quan, đơn vị có hệ thống thông tin, CSDL chuyên ngành kết nối với Hệ thống thông tin giải quyết TTHC tỉnh có những trách nhiệm gì?" });
    expect(a.answer).toMatch(/chủ trì — 3 nhiệm vụ/u);
    for (const duty of ["chia sẻ dữ liệu", "phân quyền tài khoản", "mất kết nối"]) expect(a.answer).toContain(duty);
    expect(a.answer).not.toContain("phản ánh khó khăn");
  });
});

describe("a question about a document it names, that no passage answers", () => {
  it("says it is not found in that document, citing it, even when no kind of fact is asked", async () => {
    const k = await buildKnowledge([{ name: "qd-91-2026-ubnd-an-phu.txt", text: RULES }, { name: "kh-90-2026-ubnd-an-phu.txt", text: PLAN }]);
    const a = await k.answer({ message: "Theo Quyết định 91/2026/QĐ-UBND, hộ kinh doanh karaoke nhận được những giấy phép nào?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin cho nội dung này trong Quyết định 91\/2026\/QĐ-UBND \[1\]\.$/u);
    expect(a.citations[0]?.documentId).toMatch(/91/u);
  });
});
