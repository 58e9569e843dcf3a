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
