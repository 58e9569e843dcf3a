// Rules the seventh fresh batch taught (test/eval/README.md), each on a synthetic text: a letter copied without its
// header is known by its appendix's caption, a table of proposals names who handles each, a province's name in a
// title ends where the name does, and a yearly deadline keeps the text's order.
import { describe, expect, it } from "vitest";
import { parseFile } from "../src/document/parse.ts";
import { buildKnowledge } from "./helpers/knowledge.ts";

const LETTER = `**Kính gửi:** Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ
Ban Chỉ đạo yêu cầu các đồng chí Bộ trưởng khẩn trương chỉ đạo thực hiện các nội dung sau:
**1. Về tháo gỡ vướng mắc**
Các Bộ, cơ quan ngang Bộ xử lý dứt điểm các kiến nghị của địa phương tại Phụ lục kèm theo, hoàn thành trước ngày 20/12/2026.
|
**TRƯỞNG BAN**
Nguyễn Văn A
|
**PHỤ LỤC**
ĐỀ XUẤT KIẾN NGHỊ CỦA CÁC ĐỊA PHƯƠNG VÀ PHÂN CÔNG XỬ LÝ
*(Kèm theo Công văn số 55/CV-BCĐ ngày 03 tháng 12 năm 2026 của Ban Chỉ đạo)*
|
**TT**
|
**Tỉnh kiến nghị**
|
**Thông tin đề xuất**
|
**Bộ phụ trách tiếp
nhận, xử lý**
|
|
1
|
An Phú
|
Đề nghị sớm nâng cấp nền tảng chia sẻ dữ liệu hộ tịch điện tử giữa cấp xã và cấp tỉnh
|
Bộ Tư pháp
|
|
2
|
Bình Lập
|
Đề nghị hướng dẫn định mức kinh phí thuê dịch vụ công nghệ thông tin cho cấp xã
|
Bộ Tài chính
|
`;

const PLAN = `ỦY BAN NHÂN DÂN
TỈNH AN GIANG

Số: 61/KH-UBND

An Giang, ngày 10 tháng 3 năm 2026

KẾ HOẠCH

PHÁT TRIỂN HẠ TẦNG SỐ TRÊN ĐỊA BÀN TỈNH AN GIANG ĐỐI VỚI CÁC KHU CÔNG NGHIỆP

1. Sở Khoa học và Công nghệ

- Chủ trì hướng dẫn các doanh nghiệp viễn thông phát triển hạ tầng số; Trước ngày 15/12 hằng năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.
`;

describe("a letter copied without its header", () => {
  it("is known by its appendix's caption: number, type, date, issuer", () => {
    const [d] = parseFile("cv-55-bcd.txt", LETTER);
    expect(d!.meta.number).toBe("55/CV-BCĐ");
    expect(d!.meta.type).toBe("Công văn");
    expect(d!.meta.issuedDate).toBe("2026-12-03");
    expect(d!.meta.issuer).toBe("Ban Chỉ đạo");
  });

  it("reads a table of proposals as tasks of the body that handles each, and answers from it", async () => {
    const k = await buildKnowledge([{ name: "cv-55-bcd.txt", text: LETTER }]);
    const rows = k.corpus.tasks.filter((t) => /^Đề nghị/.test(t.text));
    expect(rows.map((t) => t.lead)).toEqual([["Bộ Tư pháp"], ["Bộ Tài chính"]]);
    const a = await k.answer({ message: "Theo Công văn 55/CV-BCĐ, kiến nghị nâng cấp nền tảng chia sẻ dữ liệu hộ tịch điện tử do bộ nào xử lý?" });
    expect(a.answer).toContain("Bộ Tư pháp");
    expect(a.answer).not.toContain("Bộ Tài chính");
    expect(JSON.stringify(a.citations.map((c) => c.document))).toContain("55/CV-BCĐ");
  });
});

describe("a province's plan", () => {
  it("titles it with the province's name only, and keeps a yearly deadline in the text's order", async () => {
    const [d] = parseFile("kh-61-ubnd-an-giang.txt", PLAN);
    expect(d!.meta.title).toContain("tỉnh An Giang đối với các khu công nghiệp");
    const k = await buildKnowledge([{ name: "kh-61-ubnd-an-giang.txt", text: PLAN }]);
    const t = k.corpus.tasks.find((x) => x.text.includes("hạ tầng số"));
    expect(t?.deadline.kind).toBe("recurring");
    expect(t?.deadline.text).toBe("Trước ngày 15/12 hằng năm");
  });
});
