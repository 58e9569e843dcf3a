// A decision written for this test, in layouts the seeds do not use (a Markdown table with "Đơn vị chủ trì",
// and "Nhiệm vụ …; Cơ quan chủ trì: …; Thời hạn: …" lines): buildCorpus must find its metadata and tasks
// without any code or manifest entry for it.

import { describe, expect, it } from "vitest";
import { buildCorpus } from "../src/tasks/corpus.ts";

const DECISION = `BỘ KHOA HỌC VÀ CÔNG NGHỆ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 123/QĐ-BKHCN

Hà Nội, ngày 05 tháng 3 năm 2026

QUYẾT ĐỊNH

Ban hành Kế hoạch triển khai nền tảng trợ lý ảo trong cơ quan nhà nước năm 2026

BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ

Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024;

Theo đề nghị của Cục trưởng Cục Chuyển đổi số quốc gia.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai nền tảng trợ lý ảo trong cơ quan nhà nước năm 2026.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

PHỤ LỤC

DANH MỤC NHIỆM VỤ

| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |
|---|---|---|---|---|
| 1 | Xây dựng kiến trúc nền tảng trợ lý ảo dùng chung | Bộ KH&CN | Bộ Công an, Văn phòng Chính phủ | Quý II/2026 |
| 2 | Thí điểm trợ lý ảo tại Trung tâm phục vụ hành chính công cấp tỉnh | UBND các tỉnh, thành phố trực thuộc Trung ương | Bộ Khoa học và Công nghệ | Tháng 9/2026 |
| 3 | Đánh giá, nhân rộng mô hình | Bộ Nội vụ | Các bộ, ngành, địa phương | Năm 2027 |

Nhiệm vụ khác

- Nhiệm vụ xây dựng bộ dữ liệu huấn luyện tiếng Việt cho trợ lý ảo; Cơ quan chủ trì: Bộ Công an; Cơ quan phối hợp: Bộ Giáo dục và Đào tạo; Thời hạn: Tháng 12/2026.
- Nhiệm vụ ban hành quy chế bảo đảm an toàn dữ liệu khi sử dụng trợ lý ảo; Cơ quan chủ trì: Ban Cơ yếu Chính phủ; Thời hạn: trước ngày 30/6/2026.
`;

describe("a decision in a layout the seeds do not use", () => {
  const corpus = buildCorpus([{ name: "qd-123-bkhcn-2026.md", text: DECISION }]);

  it("finds the document and its header metadata", () => {
    expect(corpus.documents).toHaveLength(1);
    const d = corpus.documents[0]!;
    expect(d).toMatchObject({
      id: "qd-123-2026",
      number: "123/QĐ-BKHCN",
      type: "Quyết định",
      issuedDate: "2026-03-05",
      status: "final",
      year: 2026,
      issuer: "Bộ Khoa học và Công nghệ",
    });
    expect(d.title).toBe("Quyết định ban hành Kế hoạch triển khai nền tảng trợ lý ảo trong cơ quan nhà nước năm 2026");
  });

  it("extracts the Markdown table rows with lead, coordinators and deadline", () => {
    const rows = corpus.tasks.filter((t) => t.layout === "table");
    expect(
      rows.map((t) => ({ text: t.text, lead: t.lead, coordinators: t.coordinators, deadline: t.deadline.kind, end: t.deadline.end, section: t.section })),
    ).toEqual([
      {
        text: "Xây dựng kiến trúc nền tảng trợ lý ảo dùng chung",
        lead: ["Bộ Khoa học và Công nghệ"],
        coordinators: ["Bộ Công an", "Văn phòng Chính phủ"],
        deadline: "quarter",
        end: "2026-06-30",
        section: "Phụ lục I › 1",
      },
      {
        text: "Thí điểm trợ lý ảo tại Trung tâm phục vụ hành chính công cấp tỉnh",
        lead: ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
        coordinators: ["Bộ Khoa học và Công nghệ"],
        deadline: "month",
        end: "2026-09-30",
        section: "Phụ lục I › 2",
      },
      {
        text: "Đánh giá, nhân rộng mô hình",
        lead: ["Bộ Nội vụ"],
        coordinators: ["Các bộ, ngành, địa phương"],
        deadline: "year",
        end: "2027-12-31",
        section: "Phụ lục I › 3",
      },
    ]);
    expect(rows[0]!.lines).toEqual([31, 31]);
  });

  it("extracts 'Nhiệm vụ …; Cơ quan chủ trì: …; Thời hạn: …' lines", () => {
    const inline = corpus.tasks.filter((t) => t.layout !== "table");
    expect(inline.map((t) => ({ text: t.text, lead: t.lead, coordinators: t.coordinators, deadline: t.deadline.text, end: t.deadline.end }))).toEqual([
      {
        text: "Xây dựng bộ dữ liệu huấn luyện tiếng Việt cho trợ lý ảo",
        lead: ["Bộ Công an"],
        coordinators: ["Bộ Giáo dục và Đào tạo"],
        deadline: "Tháng 12/2026",
        end: "2026-12-31",
      },
      {
        text: "Ban hành quy chế bảo đảm an toàn dữ liệu khi sử dụng trợ lý ảo",
        lead: ["Ban Cơ yếu Chính phủ"],
        coordinators: [],
        deadline: "trước ngày 30/6/2026",
        end: "2026-06-30",
      },
    ]);
  });

  it("leaves the preamble and articles alone", () => {
    expect(corpus.tasks.some((t) => /^(Căn cứ|Theo đề nghị|Điều)/u.test(t.text))).toBe(false);
    expect(corpus.tasks).toHaveLength(5);
  });
});

// A plan in prose, the way Party and Government plans are written, with none of the seeds' sentences.
const PLAN = `BAN CHỈ ĐẠO
Số 07-KH/BCĐ

KẾ HOẠCH

triển khai bệnh án điện tử toàn quốc năm 2026

I. NHIỆM VỤ

1. Về dữ liệu y tế

a) Bộ Y tế chủ trì, phối hợp với Bộ Tài chính, Bảo hiểm xã hội Việt Nam xây dựng chuẩn dữ liệu bệnh án điện tử, hoàn thành trong tháng 10/2026.

b) Các bộ, cơ quan: Tư pháp, Nội vụ rà soát quy định về lưu trữ hồ sơ bệnh án. **Hoàn thành trước ngày 15/11/2026.**

c) Bộ Công an chủ trì, phối hợp với: (1) Bộ Y tế kết nối Cơ sở dữ liệu quốc gia về dân cư với hệ thống bệnh án điện tử. (2) Bảo hiểm xã hội Việt Nam đồng bộ dữ liệu thẻ bảo hiểm y tế. **Hoàn thành trong quý IV/2026.**

d) Văn phòng Chính phủ

- Tích hợp dịch vụ tra cứu bệnh án trên Cổng Dịch vụ công quốc gia, hoàn thành trước ngày 31/12/2026.

- Theo dõi, đôn đốc việc thực hiện Kế hoạch. Nhiệm vụ thường xuyên.

đ) Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương: (1) Bố trí kinh phí cho các bệnh viện tuyến tỉnh. (2) Chỉ đạo các bệnh viện triển khai bệnh án điện tử. **Hoàn thành trong năm 2026.**
`;

describe("a plan in prose the seeds do not contain", () => {
  const corpus = buildCorpus([{ name: "kh-07-2026.md", text: PLAN }]);
  const view = corpus.tasks.map((t) => ({ text: t.text.slice(0, 40), lead: t.lead, coordinators: t.coordinators, deadline: t.deadline.text, end: t.deadline.end }));

  it("finds the plan by its header", () => {
    expect(corpus.documents[0]).toMatchObject({ number: "07-KH/BCĐ", type: "Kế hoạch", status: "final", year: 2026 });
  });

  it("reads lead, coordinators and deadline from each item and sub-item", () => {
    expect(view).toEqual([
      { text: "Bộ Y tế chủ trì, phối hợp với Bộ Tài chí", lead: ["Bộ Y tế"], coordinators: ["Bộ Tài chính", "Bảo hiểm xã hội Việt Nam"], deadline: "trong tháng 10/2026", end: "2026-10-31" },
      { text: "Các bộ, cơ quan: Tư pháp, Nội vụ rà soát", lead: ["Bộ Tư pháp", "Bộ Nội vụ"], coordinators: [], deadline: "trước ngày 15/11/2026", end: "2026-11-15" },
      // "chủ trì, phối hợp với: (1) X … (2) Y …": the sub-items name the coordinators; the trailing deadline covers both.
      { text: "Bộ Y tế kết nối Cơ sở dữ liệu quốc gia v", lead: ["Bộ Công an"], coordinators: ["Bộ Y tế"], deadline: "trong quý IV/2026", end: "2026-12-31" },
      { text: "Bảo hiểm xã hội Việt Nam đồng bộ dữ liệu", lead: ["Bộ Công an"], coordinators: ["Bảo hiểm xã hội Việt Nam"], deadline: "trong quý IV/2026", end: "2026-12-31" },
      // Bullets under "d) Văn phòng Chính phủ" are its tasks.
      { text: "Tích hợp dịch vụ tra cứu bệnh án trên Cổ", lead: ["Văn phòng Chính phủ"], coordinators: [], deadline: "trước ngày 31/12/2026", end: "2026-12-31" },
      { text: "Theo dõi, đôn đốc việc thực hiện Kế hoạc", lead: ["Văn phòng Chính phủ"], coordinators: [], deadline: "Nhiệm vụ thường xuyên", end: undefined },
      { text: "Bố trí kinh phí cho các bệnh viện tuyến ", lead: ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], coordinators: [], deadline: "trong năm 2026", end: "2026-12-31" },
      { text: "Chỉ đạo các bệnh viện triển khai bệnh án", lead: ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], coordinators: [], deadline: "trong năm 2026", end: "2026-12-31" },
    ]);
    expect(corpus.tasks[2]!.section).toBe("I › 1 › c) › (1)");
  });
});

describe("table headers worded differently", () => {
  it("'Đơn vị thực hiện' is the lead (registry names and plain 'Sở …' names), 'Tiến độ' the deadline; 'Đơn vị' alone stays a unit", () => {
    const text = [
      "Số: 45/KH-UBND",
      "",
      "KẾ HOẠCH",
      "",
      "Chuyển đổi số tỉnh năm 2026",
      "",
      "| TT | Tên nhiệm vụ | Đơn vị thực hiện | Sản phẩm | Tiến độ |",
      "|---|---|---|---|---|",
      "| 1 | Số hóa hồ sơ đất đai | Sở Nông nghiệp và Môi trường; Văn phòng Chính phủ | Cơ sở dữ liệu đất đai | Quý III/2026 |",
      "",
      "| TT | Chỉ tiêu | Đơn vị | Năm 2026 | Cơ quan chủ trì theo dõi |",
      "|---|---|---|---|---|",
      "| 1 | Tỉ lệ hồ sơ trực tuyến | % | 80% | Văn phòng Chính phủ |",
    ].join("\n");
    const c = buildCorpus([{ name: "kh-45.md", text }]);
    expect(c.tasks.map((t) => ({ text: t.text, lead: t.lead, result: t.result, end: t.deadline.end }))).toEqual([
      { text: "Số hóa hồ sơ đất đai", lead: ["Sở Nông nghiệp và Môi trường", "Văn phòng Chính phủ"], result: "Cơ sở dữ liệu đất đai", end: "2026-09-30" },
    ]);
    expect(c.tasks[0]!.leadText).toBe("Sở Nông nghiệp và Môi trường; Văn phòng Chính phủ");
    expect(c.indicators.map((i) => ({ name: i.name, unit: i.unit, monitor: i.monitor }))).toEqual([
      { name: "Tỉ lệ hồ sơ trực tuyến", unit: "%", monitor: ["Văn phòng Chính phủ"] },
    ]);
  });
});
