// Rules generalised from the ninth held-out batch's first run (test/fixtures/fresh9, 19/30 with 9 confident-wrong),
// each tested on synthetic texts in the shapes those real documents have, not on the documents themselves.
import { describe, expect, it } from "vitest";
import { definedNames, titlePairsOf } from "../src/answer/doc-refs.ts";
import { actorOf } from "../src/tasks/prose.ts";
import { understand } from "../src/answer/understand.ts";
import { buildKnowledge } from "./helpers/knowledge.ts";

const LETTER = `**Số hiệu:**
|
88/CV-BCĐ
|
|
**Loại văn bản:**
|
Công văn
|
**Nơi ban hành:**
|
Ban Chỉ đạo sắp xếp ĐVHC các cấp
|
|
**Ngày ban hành:**
|
21/11/2025
|
**Kính gửi:** Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Ban chỉ đạo của Chính phủ về sắp xếp đơn vị hành chính các cấp (sau đây viết là Ban Chỉ đạo của Chính phủ) yêu cầu
Chủ tịch Ủy ban nhân dân các tỉnh, thành phố khẩn trương chỉ đạo, giải quyết dứt điểm các khó khăn, vướng mắc ở cấp xã, một số nội dung cụ thể sau:
**1. Về tổ chức thực hiện nhiệm vụ được phân định thẩm quyền**
- Đối với các nhiệm vụ thuộc cấp huyện trước đây đã được phân định thẩm quyền cho cấp xã, trường hợp có vướng mắc, khó khăn, giao Ủy ban nhân dân cấp tỉnh chủ động linh hoạt trong chỉ đạo, điều hành và phân công rõ trách nhiệm kịp thời tháo gỡ khó khăn.
**2. Về hạ tầng số**
- Bảo đảm đường truyền cho Trung tâm phục vụ hành chính công cấp xã.
`;

const NOTICE = `VĂN PHÒNG CHÍNH PHỦ

Số: 77/TB-VPCP

THÔNG BÁO
Kết luận phiên họp lần thứ năm của Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ

I. KẾT LUẬN

1. Bộ Khoa học và Công nghệ chủ trì rà soát các quy định pháp luật để tháo gỡ điểm nghẽn phục vụ phát triển khoa học, công nghệ, hoàn thành trong tháng 12/2025.
`;

describe("a body that assigns", () => {
  it("'X giao ai …' asks who, even with 'các nhiệm vụ' in its topic", () => {
    const u = understand("Với các nhiệm vụ trước đây thuộc cấp huyện nay đã phân định cho cấp xã mà gặp vướng mắc, Ban Chỉ đạo của Chính phủ giao ai chủ động chỉ đạo tháo gỡ?");
    expect(u.intent).not.toBe("tasks_by_agency");
    expect(u.asks.has("lead")).toBe(true);
    // A body's own list is still a list.
    expect(understand("Ban Chỉ đạo của Chính phủ giao các nhiệm vụ gì?").intent).toBe("tasks_by_agency");
  });

  it("is named by the short name a letter defines for its author, and counts as named where the letter is its author's", async () => {
    expect(definedNames("Ban chỉ đạo của Chính phủ về sắp xếp … (sau đây viết là Ban Chỉ đạo của Chính phủ) yêu cầu")).toEqual(["Ban Chỉ đạo của Chính phủ"]);
    expect(definedNames("thành lập Tổ công tác (sau đây gọi tắt là Tổ công tác)")).toEqual(["Tổ công tác"]);
    const meta = { id: "x", title: "Công văn 88/CV-BCĐ" } as Parameters<typeof titlePairsOf>[0];
    expect([...titlePairsOf(meta, ["(sau đây viết là Ban Chỉ đạo của Chính phủ)"])]).toEqual(expect.arrayContaining(["ban_chi", "chi_dao", "chinh_phu"]));
    const k = await buildKnowledge([
      { name: "cv-88-bcd-2025.txt", text: LETTER },
      { name: "tb-77-vpcp-2025.txt", text: NOTICE },
    ]);
    const a = await k.answer({ message: "Với các nhiệm vụ trước đây thuộc cấp huyện nay đã phân định cho cấp xã mà gặp vướng mắc, Ban Chỉ đạo của Chính phủ giao ai chủ động chỉ đạo, phân công tháo gỡ?" });
    expect(a.answer).toContain("Ủy ban nhân dân cấp tỉnh");
    expect(a.citations[0]?.documentId).toMatch(/88/u);
  });
});

const CONCLUSION = `VĂN PHÒNG CHÍNH PHỦ

Số: 91/TB-VPCP

THÔNG BÁO
Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp về cải cách thủ tục hành chính

1. Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ theo chức năng, nhiệm vụ, thẩm quyền trực tiếp chỉ đạo thực hiện quyết liệt; trong đó lưu ý một số nội dung trọng tâm sau:
- Tập trung rà soát tình hình thực hiện các nhiệm vụ được giao trong năm 2025, bảo đảm hoàn thành đúng tiến độ.
- Khẩn trương hoàn thiện các báo cáo: (i) Báo cáo tình hình thực hiện Nghị quyết; (ii) Báo cáo các vướng mắc, trong đó phân loại: đã xử lý xong; tiếp tục được xử lý trong năm 2025 và chuyển sang năm 2026. Các Báo cáo trên gửi Bộ Tư pháp trước ngày 05 tháng 12 năm 2025.
2. Bộ Tư pháp tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 10 tháng 12 năm 2025.
`;

describe("the offices a conclusion addresses", () => {
  it("'Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ …:' leads its items as the ministries, never the Government", async () => {
    const k = await buildKnowledge([{ name: "tb-91-vpcp-2025.txt", text: CONCLUSION }]);
    const items = k.corpus.tasks.filter((t) => t.section === "1" && /^(?:Tập trung|Khẩn trương)/u.test(t.text));
    expect(items).toHaveLength(2);
    for (const t of items) expect(t.lead).toEqual(["Các bộ, ngành"]);
    expect(k.corpus.tasks.some((t) => t.lead.includes("Chính phủ"))).toBe(false);
  });

  it("a later clause's 'trước ngày …' outweighs a period of activity named earlier in the same item", async () => {
    const k = await buildKnowledge([{ name: "tb-91-vpcp-2025.txt", text: CONCLUSION }]);
    const reports = k.corpus.tasks.find((t) => t.text.startsWith("Khẩn trương hoàn thiện các báo cáo"));
    expect(reports?.deadline.end).toBe("2025-12-05");
    // (A period alone stays the deadline: the first item is due within 2025.)
    const first = k.corpus.tasks.find((t) => t.text.startsWith("Tập trung rà soát"));
    expect(first?.deadline.kind === "none" || first?.deadline.end === "2025-12-31").toBe(true);
    const a = await k.answer({ message: "Các Bộ phải gửi các báo cáo về thực hiện Nghị quyết cho Bộ Tư pháp trước ngày nào?" });
    expect(a.answer).toMatch(/05 tháng 12 năm 2025|05\/12\/2025/u);
  });
});

const PARTY_RULES = `BAN CHẤP HÀNH TRUNG ƯƠNG

Số: 55-QĐ/TW

QUY ĐỊNH
Về chia sẻ dữ liệu giữa các cơ quan đảng

Điều 9. Trách nhiệm thi hành

1. Bộ Khoa học và Công nghệ chủ trì xây dựng nền tảng định danh điện tử cho cán bộ.

2. Đảng ủy Bộ Khoa học và Công nghệ chịu trách nhiệm:

a) Chỉ đạo Cục Bưu điện Trung ương bảo đảm hạ tầng mạng truyền số liệu chuyên dùng của các cơ quan đảng.

b) Kết nối nền tảng tích hợp, chia sẻ dữ liệu quốc gia với mạng truyền số liệu chuyên dùng.
`;

describe("a ministry's Party committee", () => {
  it("is its own body, not the ministry: its duties are its own, and the ministry's are not its", async () => {
    const k = await buildKnowledge([{ name: "qd-55-tw-2025.txt", text: PARTY_RULES }]);
    const party = k.corpus.tasks.filter((t) => t.section.includes("2 ›"));
    expect(party.map((t) => t.lead)).toEqual([["Đảng ủy Bộ Khoa học và Công nghệ"], ["Đảng ủy Bộ Khoa học và Công nghệ"]]);
    const a = await k.answer({ message: "Đảng ủy Bộ Khoa học và Công nghệ có trách nhiệm gì trong việc chia sẻ dữ liệu?" });
    expect(a.answer).toMatch(/^Đảng ủy Bộ Khoa học và Công nghệ chủ trì — 2 nhiệm vụ/u);
    expect(a.answer).not.toContain("định danh điện tử");
    const m = await k.answer({ message: "Bộ Khoa học và Công nghệ chủ trì những nhiệm vụ nào?" });
    expect(m.answer).toContain("định danh điện tử");
    expect(m.answer).not.toContain("Cục Bưu điện");
  });
});

const PROCESS = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 66/QĐ-UBND

QUYẾT ĐỊNH
Phê duyệt phương án liên thông quy trình thực hiện nghĩa vụ tài chính về đất đai

Điều 1. Phê duyệt phương án liên thông quy trình thực hiện nghĩa vụ tài chính về đất đai.

Điều 2. Các sở, ngành khẩn trương hoàn thiện các báo cáo: (i) Báo cáo tình hình liên thông dữ liệu đất đai với cơ quan Thuế trên địa bàn tỉnh trong năm 2025; (ii) Báo cáo các vướng mắc của người dân khi nộp hồ sơ trực tuyến, trong đó phân loại: đã xử lý xong; sẽ được xử lý trong các văn bản quy phạm pháp luật được ban hành trong năm 2025; tiếp tục được xử lý trong năm 2026, kế hoạch thực hiện đối với những vướng mắc chưa được xử lý và kiến nghị tháo gỡ cụ thể; (iii) Báo cáo về cắt giảm thủ tục hành chính, trong đó đánh giá việc cắt giảm các thủ tục tương ứng với các chỉ tiêu đề ra cho từng lĩnh vực.

PHƯƠNG ÁN

C. ĐÁNH GIÁ TÁC ĐỘNG

I. Đối với người dân, doanh nghiệp

*1. 03 không:*

- Không cần đến cơ quan Thuế để nhận Thông báo về nghĩa vụ tài chính;

- Không cần đi lại để thực hiện nghĩa vụ tài chính;

- Không cần đến Bộ phận Một cửa để nộp chứng từ.

*2. 02 được:*

- Được nhận Thông báo bản điện tử;

- Được nộp tiền trực tuyến.
`;

describe("the items a question asks for", () => {
  it("a list the question quotes by its short heading ('“03 không” … là những gì?') is answered with its bullets", async () => {
    const k = await buildKnowledge([{ name: "qd-66-ubnd-an-phu-2025.txt", text: PROCESS }]);
    const a = await k.answer({ message: "Phương án liên thông nghĩa vụ tài chính đất đai (QĐ 66/QĐ-UBND) nêu “03 không” đối với người dân, doanh nghiệp là những gì?" });
    for (const x of ["đến cơ quan Thuế", "đi lại", "Bộ phận Một cửa"]) expect(a.answer).toContain(x);
    expect(a.answer).not.toContain("nộp tiền trực tuyến");
    expect(a.answer).not.toContain("::");
  });

  it("a sentence that lists them inline ('các báo cáo: (i) …; (ii) …; (iii) …') is quoted whole", async () => {
    const k = await buildKnowledge([{ name: "qd-66-ubnd-an-phu-2025.txt", text: PROCESS }]);
    const a = await k.answer({ message: "QĐ 66/QĐ-UBND yêu cầu các sở, ngành hoàn thiện những báo cáo nào?" });
    expect(a.answer).toContain("(iii) Báo cáo về cắt giảm thủ tục hành chính");
    expect(a.answer).toContain("cho từng lĩnh vực");
  });
});

const STEPS = `TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH AN PHÚ

Số: 12/QĐ-TTPVHCC

QUYẾT ĐỊNH
Phê duyệt quy trình liên thông thực hiện nghĩa vụ tài chính về đất đai

Điều 1. Phê duyệt quy trình liên thông thực hiện nghĩa vụ tài chính về đất đai kèm theo Quyết định này.

QUY TRÌNH

6. Bước 6. Nhận chứng từ nộp tiền

- Trường hợp lỗi đồng bộ giữa hai hệ thống, người dân chủ động cung cấp cho Bộ phận Một cửa chứng từ nộp tiền bản điện tử hợp lệ, Bộ phận Một cửa tiếp nhận và chuyển bước tiếp theo. Trong trường hợp này, nếu cần xác minh tài liệu do công dân cung cấp, cơ quan có thẩm quyền giải quyết có trách nhiệm phối hợp với cơ quan Thuế để thực hiện.

7. Bước 7. Xử lý vướng mắc

- Đối với các hồ sơ đất đai trước đây do cấp huyện tiếp nhận nay đã chuyển cho cấp xã theo các văn bản hiện hành, trường hợp có vướng mắc về nghĩa vụ tài chính, giao Ủy ban nhân dân cấp xã chủ động linh hoạt rà soát, tháo gỡ theo thẩm quyền. Trường hợp vượt thẩm quyền, có văn bản đề nghị Sở Nông nghiệp và Môi trường xem xét, giải quyết.
`;

describe("the sentence that answers", () => {
  it("'… phải phối hợp với cơ quan nào?' is answered by the sentence saying 'phối hợp với …', read with the one it points back to", async () => {
    const k = await buildKnowledge([{ name: "qd-12-ttpvhcc-an-phu-2025.txt", text: STEPS }]);
    const a = await k.answer({ message: "Theo QĐ 12/QĐ-TTPVHCC, khi lỗi đồng bộ giữa hai hệ thống và cần xác minh chứng từ nộp tiền do công dân cung cấp, cơ quan có thẩm quyền giải quyết phải phối hợp với cơ quan nào?" });
    expect(a.answer).toContain("phối hợp với cơ quan Thuế");
    expect(a.answer).toContain("Trường hợp lỗi đồng bộ");
  });

  it("a question's second clause answered by the passage's next sentence brings it along", async () => {
    const k = await buildKnowledge([{ name: "qd-12-ttpvhcc-an-phu-2025.txt", text: STEPS }]);
    const a = await k.answer({ message: "Với hồ sơ đất đai trước đây do cấp huyện tiếp nhận nay chuyển cho cấp xã mà có vướng mắc về nghĩa vụ tài chính, quy trình 12/QĐ-TTPVHCC giao ai chủ động rà soát, tháo gỡ; nếu vượt thẩm quyền thì đề nghị cơ quan nào?" });
    expect(a.answer).toContain("Ủy ban nhân dân cấp xã");
    expect(a.answer).toContain("Sở Nông nghiệp và Môi trường");
  });
});

// A crawl's copy of an HTML table with row spans: one cell per line between lone "|" lines, "|" "|" between rows,
// and the rows under an item keep only the cells that are not spanned from it.
const MERGED = `BAN CHẤP HÀNH TRUNG ƯƠNG

Số: 56-QĐ/TW

QUY ĐỊNH
Về danh mục dữ liệu dùng chung

Điều 1. Danh mục dữ liệu và cơ quan chủ quản dữ liệu theo Phụ lục kèm theo.

PHỤ LỤC

DANH SÁCH DỮ LIỆU, CƠ QUAN CHỦ QUẢN DỮ LIỆU

|
**STT**
|
**Nhóm lĩnh vực dữ liệu**
|
**Dữ liệu**
|
**Cơ quan chủ quản dữ liệu**
|
|
1
|
Dữ liệu lĩnh vực tổ chức
|
Dữ liệu tổ chức cơ sở
|
Ban Tổ chức Trung ương
|
|
Dữ liệu thẻ hội viên
|
|
Dữ liệu khen thưởng hội viên
|
|
Dữ liệu kỷ luật hội viên
|
|
2
|
Dữ liệu lĩnh vực văn phòng
|
Dữ liệu văn bản điều hành
|
Văn phòng Trung ương Đảng
|
|
Dữ liệu lịch công tác
|
|
Dữ liệu hồ sơ lưu trữ
|
Văn phòng Trung ương Đảng, tỉnh ủy, thành ủy
|
|
Dữ liệu tài liệu lưu trữ
|
|
3
|
Dữ liệu lĩnh vực kiểm tra
|
Dữ liệu quyết định kỷ luật
|
Ủy ban Kiểm tra Trung ương
|
|
Dữ liệu kê khai tài sản, thu nhập
|
|
Dữ liệu người kê khai
|
`;

describe("a table whose rows lost their spanned cells", () => {
  it("reads each row under its item, with the item's group and body carried down", async () => {
    const k = await buildKnowledge([{ name: "qd-56-tw-2025.txt", text: MERGED }]);
    const rows = k.corpus.chunks.filter((c) => c.kind === "row").map((c) => c.text);
    const row = (data: string) => rows.find((r) => r.includes(`Dữ liệu: ${data}.`));
    expect(row("Dữ liệu khen thưởng hội viên")).toContain("Cơ quan chủ quản dữ liệu: Ban Tổ chức Trung ương");
    expect(row("Dữ liệu khen thưởng hội viên")).toContain("Nhóm lĩnh vực dữ liệu: Dữ liệu lĩnh vực tổ chức");
    expect(row("Dữ liệu lịch công tác")).toContain("Cơ quan chủ quản dữ liệu: Văn phòng Trung ương Đảng.");
    expect(row("Dữ liệu tài liệu lưu trữ")).toContain("Cơ quan chủ quản dữ liệu: Văn phòng Trung ương Đảng, tỉnh ủy, thành ủy");
    expect(row("Dữ liệu kê khai tài sản, thu nhập")).toContain("Cơ quan chủ quản dữ liệu: Ủy ban Kiểm tra Trung ương");
  });

  it("answers 'cơ quan nào là cơ quan chủ quản đối với <a row's cell>?' from that row", async () => {
    const k = await buildKnowledge([{ name: "qd-56-tw-2025.txt", text: MERGED }]);
    const a = await k.answer({ message: "Theo Quy định 56-QĐ/TW, cơ quan nào là cơ quan chủ quản đối với dữ liệu kê khai tài sản, thu nhập?" });
    expect(a.answer).toContain("Ủy ban Kiểm tra Trung ương");
    expect(a.answer).not.toContain("Ban Tổ chức Trung ương");
  });
});

describe("a passage naming a body reorganised since", () => {
  it("says what the body is now, beside the quote", async () => {
    const { answer } = await import("./helpers/knowledge.ts").then((m) => m.getKnowledge());
    const a = await answer({ message: "Nền tảng bản đồ số quốc gia do bộ nào chủ trì phát triển? Sau sắp xếp bộ máy 2025 thì nhiệm vụ này thuộc bộ nào?" });
    expect(a.answer).toMatch(/Bộ Tài nguyên và Môi trường nay là Bộ Nông nghiệp và Môi trường/u);
  });
});

const SHARING = `BAN CHẤP HÀNH TRUNG ƯƠNG

Số: 57-QĐ/TW

Hà Nội, ngày 19 tháng 11 năm 2025

QUY ĐỊNH
Về kết nối, chia sẻ dữ liệu giữa các cơ quan đảng

Điều 3. Giải thích từ ngữ

1. Chủ sở hữu dữ liệu là cơ quan, tổ chức có quyền quyết định việc xây dựng, phát triển, bảo vệ và sử dụng dữ liệu do mình sở hữu.

2. "Chủ quản dữ liệu": Là cơ quan, tổ chức thực hiện hoạt động xây dựng, quản lý, vận hành, khai thác dữ liệu theo yêu cầu của chủ sở hữu dữ liệu.

Điều 4. Chủ sở hữu dữ liệu

1. Ban Bí thư là chủ sở hữu dữ liệu và thống nhất quản lý dữ liệu.

Điều 18. Trách nhiệm của các cơ quan

1. Các cơ quan đảng và các cơ quan, tổ chức khác trong hệ thống chính trị có trách nhiệm chia sẻ thông tin dữ liệu với vai trò chủ quản theo phạm vi quy định của Quy định này. Các cơ quan chủ quản dữ liệu có trách nhiệm ban hành bằng hình thức văn bản phù hợp quy định, cụ thể về nội dung chia sẻ dữ liệu (các trường dữ liệu chia sẻ, tần suất chia sẻ, định dạng dữ liệu chia sẻ), quy trình và cách thức chia sẻ dữ liệu; định kỳ hằng năm (trước ngày 25/12 trong năm) hoặc đột xuất thực hiện rà soát, cập nhật danh mục dữ liệu và thực hiện gửi báo cáo kết quả chia sẻ dữ liệu về Văn phòng Trung ương Đảng để tổng hợp, báo cáo Ban Bí thư.
`;

describe("two facts asked at once", () => {
  it("a long task is quoted from the clause the question is about", async () => {
    const k = await buildKnowledge([{ name: "qd-57-tw-2025.txt", text: SHARING }]);
    const a = await k.answer({ message: "Theo Quy định 57-QĐ/TW, định kỳ hằng năm các cơ quan chủ quản dữ liệu phải rà soát, cập nhật danh mục dữ liệu trước ngày nào và gửi báo cáo kết quả về đâu?" });
    expect(a.answer).toContain("25/12");
    expect(a.answer).toContain("Văn phòng Trung ương Đảng");
  });

  it("'… (57-QĐ/TW), ai là X, và “Y” được hiểu là gì?' is read as two questions of that document, each answered", async () => {
    const k = await buildKnowledge([{ name: "qd-57-tw-2025.txt", text: SHARING }]);
    const a = await k.answer({ message: "Trong quy định về kết nối, chia sẻ dữ liệu giữa các cơ quan đảng (57-QĐ/TW), ai là chủ sở hữu dữ liệu, và “chủ quản dữ liệu” được hiểu là gì?" });
    expect(a.answer).toContain("Ban Bí thư là chủ sở hữu dữ liệu");
    expect(a.answer).toContain("xây dựng, quản lý, vận hành, khai thác");
  });
});

describe("offices addressed in lower case after 'Giao'", () => {
  it("'Giao người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập …' addresses its bullets", async () => {
    const letter = `ỦY BAN NHÂN DÂN TỈNH AN PHÚ

Số: 77/UBND-VX

Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:
**1. Giao người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh**
- Hoàn thành 100% việc cập nhật lý lịch cán bộ, công chức, viên chức trước ngày 06 tháng 12 năm 2025.
- Chịu trách nhiệm về bảo mật, bảo đảm an toàn thông tin cơ sở dữ liệu cán bộ, công chức, viên chức.
**2. Giao Sở Nội vụ**
- Hướng dẫn, theo dõi tiến độ cập nhật dữ liệu.
`;
    const k = await buildKnowledge([{ name: "cv-77-ubnd-an-phu-2025.txt", text: letter }]);
    const first = k.corpus.tasks.filter((t) => t.section === "1");
    expect(first).toHaveLength(2);
    for (const t of first) expect(t.leadText).toMatch(/^người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh$/u);
    // Addressees parted by ";" are each named; an office over a class the registry does not know, as written.
    expect(actorOf("người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu").lead).toEqual([
      "Người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập",
      "Ủy ban nhân dân các xã, phường và đặc khu",
    ]);
  });
});
