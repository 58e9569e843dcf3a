// Rules a fresh batch of provincial plans taught (test/eval/README.md, seventh stop), each on synthetic texts of two
// invented provinces: the place a question names, units typed without diacritics, "số" is not "Sở", results as a
// duty's object, and the body a report goes through ("qua cơ quan nào").
import { describe, expect, it } from "vitest";
import { answerKinds, carries } from "../src/answer/answer-type.ts";
import { understand } from "../src/answer/understand.ts";
import { typedUnitNames } from "../src/answer/units.ts";
import { findAgencies } from "../src/tasks/agencies.ts";
import { namesName, tonelessKey } from "../src/text/normalize.ts";
import { provincesIn } from "../src/text/places.ts";
import { buildKnowledge, type TestKnowledge } from "./helpers/knowledge.ts";

const AN_PHU = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 45/KH-UBND

An Phú, ngày 10 tháng 3 năm 2026

KẾ HOẠCH

Phát triển hạ tầng số tại các cụm công nghiệp tỉnh An Phú năm 2026

IV. TỔ CHỨC THỰC HIỆN

1. Sở Khoa học và Công nghệ

- Chủ trì hướng dẫn, đôn đốc các doanh nghiệp viễn thông triển khai hạ tầng số tại các cụm công nghiệp; Trước ngày 15/12 hằng năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả triển khai thực hiện.

2. Sở Tài chính

- Tham mưu bố trí kinh phí thực hiện Kế hoạch phát triển hạ tầng số theo phân cấp ngân sách.

Trong quá trình thực hiện nếu phát sinh vướng mắc, báo cáo kịp thời UBND tỉnh (qua Sở Khoa học và Công nghệ) để xử lý theo thẩm quyền./.
`;

const BINH_LAP = `ỦY BAN NHÂN DÂN
TỈNH BÌNH LẬP

Số: 77/KH-UBND

Bình Lập, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Số hóa hồ sơ lưu trữ của tỉnh Bình Lập năm 2026

1. Sở Nội vụ

- Chủ trì số hóa hồ sơ lưu trữ lịch sử của tỉnh, hoàn thành trong quý IV/2026.

2. Sở Tài chính

- Thẩm định dự toán kinh phí số hóa hồ sơ lưu trữ.
`;

const CENTRAL = `THỦ TƯỚNG CHÍNH PHỦ

Số: 901/QĐ-TTg

Hà Nội, ngày 02 tháng 02 năm 2026

QUYẾT ĐỊNH

Phê duyệt Đề án phát triển tài chính số

Điều 1. Bộ Tài chính chủ trì thúc đẩy phát triển kinh tế số tài chính, hoàn thành năm 2027.
`;

const REPORT = `THỦ TƯỚNG CHÍNH PHỦ

Số: 902/CĐ-TTg

Hà Nội, ngày 05 tháng 02 năm 2026

CÔNG ĐIỆN

Về đẩy mạnh thực hiện thủ tục hành chính không phụ thuộc địa giới hành chính

1. Các địa phương đã công bố thủ tục hành chính phấn đấu 100% thủ tục hành chính được thực hiện không phụ thuộc địa giới hành chính trong năm 2026.

2. Kết quả đến nay: Lạng Sơn: 320 thủ tục, đạt 41,5%.

3. Tỉnh Cao Bằng đã công bố 280 thủ tục hành chính được thực hiện không phụ thuộc địa giới hành chính, đạt 38%.
`;

let k: TestKnowledge | undefined;
const knowledge = async () =>
  (k ??= await buildKnowledge([
    { name: "kh-45-ubnd-an-phu.txt", text: AN_PHU },
    { name: "kh-77-ubnd-binh-lap.txt", text: BINH_LAP },
    { name: "qd-901-ttg.txt", text: CENTRAL },
    { name: "cd-902-ttg.txt", text: REPORT },
  ]));

describe("names compared with their letters' shapes", () => {
  it("'kinh tế số tài chính' does not name 'Sở Tài chính'; 'Uỷ ban' is 'Ủy ban'; a name typed without diacritics is folded", () => {
    expect(namesName("thúc đẩy phát triển kinh tế số tài chính", "Sở Tài chính")).toBe(false);
    expect(namesName("giao Sở Tài chính chủ trì", "Sở Tài chính")).toBe(true);
    expect(namesName("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân")).toBe(true);
    expect(namesName("Bộ Công an (BCA) chủ trì", "BCA")).toBe(true);
    expect(tonelessKey("Sở")).not.toBe(tonelessKey("số"));
  });

  it("reads the provinces a text names, with or without diacritics", () => {
    expect(provincesIn("Địa phương: Tp. Hà Nội. Tổng số: 974")).toEqual(["ha noi"]);
    expect(provincesIn("ke hoach cua TP.HCM va tinh Nghe An")).toEqual(["ho chi minh", "nghe an"]);
    expect(provincesIn("Bộ Công an chủ trì, phối hợp các địa phương")).toEqual([]);
  });

  it("a province's department named by its field ('Sở KH&CN') is not the ministry", () => {
    expect(findAgencies("Sở KH&CN tỉnh An Phú chủ trì").map((m) => m.agency.name)).not.toContain("Bộ Khoa học và Công nghệ");
    expect(findAgencies("Bộ KH&CN chủ trì").map((m) => m.agency.name)).toContain("Bộ Khoa học và Công nghệ");
  });
});

describe("reading the question", () => {
  it("'báo cáo kết quả …' with a deadline asked is the task's topic, not an output asked", () => {
    expect([...understand("Sở KH&CN phải tổng hợp, báo cáo kết quả triển khai trước ngày nào?").asks]).toEqual(["deadline"]);
    expect(understand("Nhiệm vụ số hóa hồ sơ có kết quả là gì?").asks.has("output")).toBe(true);
    expect(understand("Ai chủ trì và sản phẩm là gì?").asks.has("output")).toBe(true);
  });

  it("'qua cơ quan nào' asks the body a report goes through, not a lead", () => {
    const u = understand("Có vướng mắc thì báo cáo UBND tỉnh qua cơ quan nào?");
    expect(u.asks.has("lead")).toBe(false);
    expect(answerKinds("báo cáo UBND tỉnh thông qua đơn vị nào?")).toContain("via");
    expect(carries("via", "báo cáo kịp thời UBND tỉnh (qua Sở Nội vụ) để xử lý")).toBe(true);
    expect(carries("via", "báo cáo kịp thời UBND tỉnh để xử lý qua các năm")).toBe(false);
  });

  it("reads a unit the texts write in a question typed without diacritics", () => {
    const written = [
      { name: "Sở Khoa học và Công nghệ", folded: "so khoa hoc va cong nghe" },
      { name: "Sở Tài chính", folded: "so tai chinh" },
      { name: "các sở ban ngành", folded: "cac so ban nganh" },
    ];
    expect(typedUnitNames("so khcn an phu bao cao truoc ngay nao?", written)).toEqual([{ name: "Sở Khoa học và Công nghệ", typed: "so khcn" }]);
    expect(typedUnitNames("So tai chinh lam gi", written)).toEqual([{ name: "Sở Tài chính", typed: "So tai chinh" }]);
    // Typed with diacritics: questionUnits reads it.
    expect(typedUnitNames("so tài chính làm gì", written)).toEqual([]);
    const typed = (m: string) => typedUnitNames(m, written);
    const u = understand("so tai chinh an phu chu tri nhung nhiem vu gi?", [], new Date(), { typedUnits: typed });
    expect(u.units).toEqual(["Sở Tài chính"]);
    expect(u.intent).toBe("tasks_by_agency");
    expect(understand("so tai chinh an phu chu tri nhung nhiem vu gi?").units).toEqual([]);
  });
});

describe("answering from the province the question names", () => {
  it("answers the deadline of a unit's report asked without diacritics", async () => {
    const a = await (await knowledge()).answer({ message: "so khcn an phu phai tong hop bao cao ket qua trien khai truoc ngay nao?" });
    expect(a.answer).toContain("15/12");
    expect(a.answer).not.toMatch(/^Không tìm thấy/);
  });

  it("answers the body a report goes through from the sentence naming it", async () => {
    const a = await (await knowledge()).answer({ message: "Có vướng mắc khi thực hiện kế hoạch hạ tầng số tại các cụm công nghiệp thì báo cáo UBND tỉnh qua cơ quan nào?" });
    expect(a.answer).toContain("qua Sở Khoa học và Công nghệ");
  });

  it("does not answer a province's unit from another province's text, nor a unit from 'kinh tế số tài chính'", async () => {
    const kn = await knowledge();
    const own = await kn.answer({ message: "Sở Nội vụ Bình Lập chủ trì những nhiệm vụ gì?" });
    expect(own.answer).toContain("số hóa hồ sơ lưu trữ lịch sử");
    const other = await kn.answer({ message: "Sở Nội vụ An Phú chủ trì những nhiệm vụ gì?" });
    expect(other.answer).toMatch(/^Không tìm thấy/);
    expect(other.answer).not.toContain("lưu trữ lịch sử");
    const absent = await kn.answer({ message: "Sở Nội vụ Quảng Ninh chủ trì những nhiệm vụ gì?" });
    expect(absent.answer).toMatch(/^Không tìm thấy/);
    const fin = await kn.answer({ message: "Sở Tài chính An Phú chủ trì nhiệm vụ gì?" });
    expect(fin.answer).toContain("bố trí kinh phí");
    expect(fin.answer).not.toMatch(/Bộ Tài chính|Thẩm định dự toán/);
  });

  it("reads a figure asked of a province where that province is named", async () => {
    const a = await (await knowledge()).answer({ message: "Lạng Sơn đã công bố bao nhiêu thủ tục hành chính được thực hiện không phụ thuộc địa giới hành chính?" });
    expect(a.answer).toContain("320");
    expect(a.answer).not.toMatch(/phấn đấu 100%|280/);
  });
});
