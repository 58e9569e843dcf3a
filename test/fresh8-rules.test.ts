// Rules the eighth fresh batch taught (test/eval/README.md), each on a synthetic text: an amount stated in the heading
// of a list of cases, a rule's exception that gives another time, a procedure's time limit asked with the month its
// document was published, a commune's People's Committee typed without diacritics, a resolution's support asked about
// a citizen's paper, and the kind of fact asked ("số lượng", "bao nhiêu lần", "chi tối đa bao nhiêu").
import { describe, expect, it } from "vitest";
import { answerKinds } from "../src/answer/answer-type.ts";
import { isCitizenProcedure } from "../src/answer/scope.ts";
import { understand } from "../src/answer/understand.ts";
import { findAgencies } from "../src/tasks/agencies.ts";
import { buildKnowledge } from "./helpers/knowledge.ts";

const RESOLUTION = `HỘI ĐỒNG NHÂN DÂN
TỈNH BÌNH LẬP

Số: 12/2026/NQ-HĐND

Bình Lập, ngày 05 tháng 10 năm 2026

NGHỊ QUYẾT

QUY ĐỊNH MỨC CHI THUÊ CHUYÊN GIA TƯ VẤN CHUYỂN ĐỔI SỐ TRÊN ĐỊA BÀN TỈNH BÌNH LẬP

Điều 1. Mức chi thuê chuyên gia tư vấn

1. Mức 1, không quá 35.000.000 đồng/tháng áp dụng đối với chuyên gia tư vấn thuộc một trong các trường hợp sau đây:

a) Chuyên gia tư vấn có bằng Tiến sĩ và có từ 08 năm kinh nghiệm trong lĩnh vực chuyển đổi số, cải cách hành chính;

b) Chuyên gia tư vấn đảm nhiệm chức danh Trưởng nhóm tư vấn hoặc điều hành nhiệm vụ thuộc hạng mục tư vấn chuyển đổi số, cải cách hành chính.

2. Mức 2, không quá 12.000.000 đồng/tháng áp dụng đối với chuyên gia tư vấn thuộc một trong các trường hợp sau đây:

a) Chuyên gia tư vấn có từ 05 năm kinh nghiệm trong lĩnh vực chuyển đổi số, cải cách hành chính.

Điều 2. Hỗ trợ chữ ký số

Hỗ trợ 100% chi phí cấp mới, gia hạn chứng thư chữ ký số đối với cá nhân thực hiện giao dịch điện tử trên ứng dụng VNeID. Chi phí hỗ trợ cho mỗi cá nhân không vượt quá 80.000 đồng/năm.

Điều 3. Cập nhật dữ liệu

1. Cập nhật thông tin vào Cơ sở dữ liệu

a) Văn phòng công chứng có trách nhiệm cập nhật đầy đủ thông tin hợp đồng đã công chứng vào Cơ sở dữ liệu ngay trong ngày công chứng. Trường hợp công chứng sau 16 giờ thì việc cập nhật phải hoàn thành trước 09 giờ sáng ngày làm việc tiếp theo.
`;

const PROCEDURE = `BỘ XÂY LẬP

Số: 99/QĐ-BXL

Hà Nội, ngày 20 tháng 10 năm 2026

QUYẾT ĐỊNH

Về việc công bố thủ tục hành chính liên thông cấp giấy phép hoạt động bến thủy nội địa

Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính liên thông cấp giấy phép hoạt động bến thủy nội địa.

PHỤ LỤC

(Kèm theo Quyết định số 99 /QĐ-BXL ngày 20 tháng 10 năm 2026 của Bộ trưởng Bộ Xây lập)

1. Phí thẩm định

Phí thẩm định cấp giấy phép hoạt động bến thủy nội địa theo Thông tư số 55/2026/TT-BTC ngày 19 tháng 10 năm 2026: 500.000 đồng/giấy phép.

2. Thời hạn giải quyết

Thời gian giải quyết thủ tục hành chính liên thông cấp giấy phép hoạt động bến thủy nội địa không quá 12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.

3. Cơ quan thực hiện thủ tục hành chính

- Công an cấp xã: Cấp giấy chứng nhận đủ điều kiện về an ninh, trật tự;

- Ủy ban nhân dân cấp xã: Cấp giấy phép hoạt động bến thủy nội địa.
`;

const COMMUNES = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 77/KH-UBND

An Phú, ngày 02 tháng 11 năm 2026

KẾ HOẠCH

Chuyển đổi số hạ tầng giao thông trên địa bàn tỉnh An Phú

IV. TỔ CHỨC THỰC HIỆN

1. Sở Xây dựng

- Chủ trì xây dựng cơ sở dữ liệu hạ tầng giao thông của tỉnh.

2. Ủy ban nhân dân cấp xã

- Thực hiện số hóa hồ sơ công trình giao thông trên địa bàn quản lý.

- Tiếp nhận phản ánh của người dân về hư hỏng cầu đường qua ứng dụng di động.
`;

/** Each fixture's knowledge is built once and shared by the tests that ask it. */
const built = new Map<string, ReturnType<typeof buildKnowledge>>();
const knowledgeOf = (name: string, text: string) => {
  if (!built.has(name)) built.set(name, buildKnowledge([{ name, text }]));
  return built.get(name)!;
};

describe("an amount in the heading of a list of cases", () => {
  it("answers a case with its own level's amount, not another level's", async () => {
    const k = await knowledgeOf("nq-12-2026-hdnd-binh-lap.txt", RESOLUTION);
    const a = await k.answer({ message: "Theo Nghị quyết 12/2026/NQ-HĐND, chuyên gia tư vấn đảm nhiệm chức danh Trưởng nhóm tư vấn được chi tối đa bao nhiêu mỗi tháng?" });
    expect(a.answer).toContain("35.000.000");
    expect(a.answer).not.toContain("12.000.000");
  });

  it("answers a rule's exception with the time it gives", async () => {
    const k = await knowledgeOf("nq-12-2026-hdnd-binh-lap.txt", RESOLUTION);
    const a = await k.answer({ message: "Ở Bình Lập, văn phòng công chứng công chứng hợp đồng lúc 17 giờ thì phải cập nhật vào Cơ sở dữ liệu chậm nhất khi nào?" });
    expect(a.answer).toContain("trước 09 giờ sáng ngày làm việc tiếp theo");
  });

  it("answers a People's Council's support for a digital signature, which is no citizen's procedure", async () => {
    const q = "HĐND tỉnh Bình Lập hỗ trợ tối đa bao nhiêu tiền mỗi năm cho mỗi cá nhân về chi phí cấp mới chứng thư chữ ký số trên VNeID?";
    expect(isCitizenProcedure(q)).toBe(false);
    expect(isCitizenProcedure("Tôi muốn cấp lại tài khoản VNeID thì làm thế nào?")).toBe(true);
    const k = await knowledgeOf("nq-12-2026-hdnd-binh-lap.txt", RESOLUTION);
    const a = await k.answer({ message: q });
    expect(a.answer).toContain("80.000 đồng/năm");
  });
});

describe("a published procedure", () => {
  it("is read with the month its document was published taken as the document's date, not a period asked", async () => {
    const k = await knowledgeOf("qd-99-bxl.txt", PROCEDURE);
    const a = await k.answer({ message: "Thời gian giải quyết thủ tục liên thông cấp giấy phép hoạt động bến thủy nội địa mà Bộ Xây lập công bố tháng 10/2026 là bao lâu?" });
    expect(a.answer).toContain("12 ngày làm việc");
    expect(a.answer).not.toContain("500.000");
  });

  it("names the body a procedure's list gives for the step asked, not the title or the caption", async () => {
    const k = await knowledgeOf("qd-99-bxl.txt", PROCEDURE);
    const a = await k.answer({ message: "Theo Quyết định 99/QĐ-BXL, trong thủ tục hành chính liên thông, cơ quan nào cấp giấy phép hoạt động bến thủy nội địa?" });
    expect(a.answer).toContain("Ủy ban nhân dân cấp xã");
    expect(a.answer).not.toContain("Công an cấp xã");
  });
});

describe("a document's own date said in passing", () => {
  it("is no period asked; an instrument still to be published is", () => {
    const today = new Date("2026-11-23");
    expect(understand("Thời gian giải quyết thủ tục mà Bộ Xây lập công bố tháng 10/2026 là bao lâu?", [], today).period).toBeNull();
    expect(understand("Những quy chế mà Bộ Công an phải công bố trong tháng 12/2026 là gì?", [], today).period?.end).toBe("2026-12-31");
  });
});

describe("a commune's People's Committee", () => {
  it("is not the provinces' People's Committees, typed with or without diacritics", async () => {
    expect(findAgencies("UBND cấp xã").map((m) => m.agency.id)).toEqual([]);
    expect(findAgencies("ubnd cac xa, phuong").map((m) => m.agency.id)).toEqual([]);
    expect(findAgencies("UBND tỉnh An Phú").map((m) => m.agency.id)).toEqual(["ubnd-tinh"]);
    const k = await knowledgeOf("kh-77-ubnd-an-phu.txt", COMMUNES);
    const a = await k.answer({ message: "ubnd cap xa o an phu phai lam nhung viec gi trong ke hoach chuyen doi so ha tang giao thong?" });
    expect(a.answer).toContain("số hóa hồ sơ công trình giao thông");
    expect(a.answer).not.toContain("cơ sở dữ liệu hạ tầng giao thông của tỉnh");
  });
});

describe("the kind of fact asked", () => {
  it("reads 'số lượng' as no salary, 'cao hơn … bao nhiêu lần' as a multiple, 'được chi tối đa bao nhiêu' as money", () => {
    expect(answerKinds("Bộ phải sửa đổi những văn bản nào, số lượng bao nhiêu?")).not.toContain("money");
    expect(answerKinds("Mức chi được cao hơn mức quy định tối đa bao nhiêu lần?")).not.toContain("recurrence");
    expect(answerKinds("Báo cáo bao nhiêu lần một năm?")).toContain("recurrence");
    expect(answerKinds("Chuyên gia được chi tối đa bao nhiêu mỗi tháng?")).toContain("money");
  });
});
