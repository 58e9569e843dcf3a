// Document layer: lines → paragraphs (lines.ts) and inline clean-up (inline.ts) on synthetic texts wrapped
// at several widths, written the way crawled pages and PDFs wrap them. Expected paragraphs by hand.

import { describe, expect, it } from "vitest";
import { cleanInline, stripMarkdown } from "../src/document/inline.ts";
import { measureWrapWidth, scanLines } from "../src/document/lines.ts";

/** Hard-wrap a paragraph at `width`, the first line cut short as crawled pages do (`first` characters). */
function wrap(p: string, width: number, first = width): string[] {
  const out: string[] = [];
  let line = "";
  for (const w of p.split(" ")) {
    const limit = out.length === 0 ? first : width;
    if (line && line.length + 1 + w.length > limit) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

const PARAS = [
  "- Chủ trì, phối hợp với Ban Quản lý các khu công nghệ cao và khu công nghiệp, Sở Khoa học và Công nghệ, các đơn vị liên quan tham mưu cho Ủy ban nhân dân Thành phố các giải pháp thu hút các nguồn vốn đầu tư để triển khai thực hiện kế hoạch này.",
  "- Thí điểm đầu tư ứng dụng 5G, IoT cho quản lý nhà máy thông minh cho tối thiểu 2 dự án trong các khu công nghệ cao, khu công nghiệp, cụm công nghiệp theo thời gian thực.",
  "a) Nghiên cứu, triển khai có hiệu quả các Nghị định, Thông tư hướng dẫn Luật Viễn thông theo hướng tạo điều kiện thuận lợi cung cấp dịch vụ trên nền tảng hạ tầng số.",
  "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành Thành phố, Ủy ban nhân dân phường, xã và các doanh nghiệp viễn thông nghiêm túc triển khai thực hiện; định kỳ trước ngày 30 tháng 11 hằng năm báo cáo kết quả thực hiện về Ủy ban nhân dân Thành phố.",
  "1.1. Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các đơn vị liên quan rà soát, cập nhật dữ liệu đất đai, tọa độ thửa đất trên địa bàn, hoàn thành trước ngày 10/12/2025.",
];

describe("paragraphs from hard-wrapped text, at any width", () => {
  for (const width of [60, 75, 90]) {
    it(`wrapped at ${width} characters, blank lines between paragraphs, first lines cut short`, () => {
      const text = PARAS.map((p) => wrap(p, width, 28).join("\n")).join("\n\n");
      const blocks = scanLines(text).blocks;
      expect(blocks.map((b) => b.text)).toEqual(PARAS);
      expect(blocks[0]).toMatchObject({ line: 1 });
    });
  }

  it("measures the file's own wrap width from the lines that certainly wrapped", () => {
    const text = PARAS.map((p) => wrap(p, 75).join("\n")).join("\n\n").split("\n");
    const w = measureWrapWidth(text);
    expect(w).toBeGreaterThan(60);
    expect(w).toBeLessThanOrEqual(75);
    // One paragraph per line gives no wrap evidence.
    expect(measureWrapWidth(PARAS)).toBe(Number.POSITIVE_INFINITY);
  });

  it("one paragraph per line, no blank lines: each line its own paragraph, a lower-case start joins", () => {
    const text = [PARAS[0], PARAS[2], "Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024 của Quốc hội về", "dữ liệu số;"].join("\n");
    expect(scanLines(text).blocks.map((b) => b.text)).toEqual([PARAS[0], PARAS[2], "Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024 của Quốc hội về dữ liệu số;"]);
  });

  it("bold headings broken mid-phrase are one heading; a bold run opening a line starts a paragraph", () => {
    const text = [
      ...PARAS.flatMap((p) => [...wrap(p, 75), ""]),
      "**I. MỤC", "ĐÍCH, YÊU CẦU**", "",
      "**ỦY", "BAN NHÂN DÂN **", "",
      "**1. Sở", "Tài chính **(cơ quan chủ trì)", "",
      "PHÁT TRIỂN HẠ TẦNG 5G, IOT TRONG CÁC KHU CÔNG NGHỆ CAO,", "KHU CÔNG NGHIỆP, CỤM CÔNG NGHIỆP ĐẾN NĂM 2030", "",
      "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026", "(Kèm theo Kế hoạch số:", "/KH-UBND ngày / /2025)",
    ].join("\n");
    const tail = scanLines(text).blocks.slice(PARAS.length);
    expect(tail.map((b) => [b.text, b.heading !== undefined])).toEqual([
      ["I. MỤC ĐÍCH, YÊU CẦU", true],
      ["ỦY BAN NHÂN DÂN", true],
      ["1. Sở Tài chính (cơ quan chủ trì)", false],
      ["PHÁT TRIỂN HẠ TẦNG 5G, IOT TRONG CÁC KHU CÔNG NGHỆ CAO, KHU CÔNG NGHIỆP, CỤM CÔNG NGHIỆP ĐẾN NĂM 2030", false],
      ["DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM THỰC HIỆN KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026", false],
      ["(Kèm theo Kế hoạch số: /KH-UBND ngày / /2025)", false],
    ]);
  });

  it("a line ending on an enumerator, or a parenthesis opening the next line, goes on", () => {
    const body = PARAS.flatMap((p) => [...wrap(p, 75), ""]);
    const text = [...body, "(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i)", "Tích hợp thanh toán trực tuyến nghĩa vụ tài chính đất đai; (ii) Kết nối dữ liệu.", "",
      "(ii) Đồng thời, các bộ đã chủ động thực hiện cắt giảm", "(bãi bỏ) 248 thủ tục hành chính.", "",
      "Kế hoạch triển khai năm 2026", "(Kèm theo Quyết định số 12/QĐ-UBND)"].join("\n");
    expect(scanLines(text).blocks.slice(PARAS.length).map((b) => b.text)).toEqual([
      "(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i) Tích hợp thanh toán trực tuyến nghĩa vụ tài chính đất đai; (ii) Kết nối dữ liệu.",
      "(ii) Đồng thời, các bộ đã chủ động thực hiện cắt giảm (bãi bỏ) 248 thủ tục hành chính.",
      "Kế hoạch triển khai năm 2026",
      "(Kèm theo Quyết định số 12/QĐ-UBND)",
    ]);
  });

  it("a stray '** **' line, rules and page numbers carry no text", () => {
    const text = ["Điều 1. Ban hành kèm theo Quyết định này Quy chế.", "** **", "---", "\\* \\*", "Điều 2. Quyết định này có hiệu lực từ ngày ký."].join("\n");
    expect(scanLines(text).blocks.map((b) => b.text)).toEqual(["Điều 1. Ban hành kèm theo Quyết định này Quy chế.", "Điều 2. Quyết định này có hiệu lực từ ngày ký."]);
  });
});

describe("inline clean-up keeps every word", () => {
  it.each([
    ["Bộ Tư pháp đã bổ sung** 485** văn bản", "Bộ Tư pháp đã bổ sung 485 văn bản"],
    ["trước **ngày 30 tháng 11 hằng năm **báo cáo", "trước ngày 30 tháng 11 hằng năm báo cáo"],
    ["hoàn thành **ngày 30**tháng 11", "hoàn thành ngày 30 tháng 11"],
    ["*Hà Nội, ngày 24 tháng 11 năm 2025*", "Hà Nội, ngày 24 tháng 11 năm 2025"],
    ["phần mềm *“Hệ thống thông tin bảo trợ xã hội” *tại địa chỉ", "phần mềm “Hệ thống thông tin bảo trợ xã hội” tại địa chỉ"],
    ["Tỷ lệ = b/a * 100%", "Tỷ lệ = b/a * 100%"],
    ["các nhiệm vụ được giao[1]. Chính phủ đã ban hành", "các nhiệm vụ được giao. Chính phủ đã ban hành"],
    ["[1] Nghị quyết số 66/NQ-CP ngày 26/3/2025.", "[1] Nghị quyết số 66/NQ-CP ngày 26/3/2025."],
    ["<b>Bộ&nbsp;Công an</b> chủ trì<sup>3</sup>", "Bộ Công an chủ trì"],
    ["Tr&#7921;c tuyến<br/>toàn trình", "Trực tuyến toàn trình"],
    ["Cơ quan chủ trì \\| phối hợp", "Cơ quan chủ trì | phối hợp"],
    ["a < b và c > d", "a < b và c > d"],
  ])("%s", (input, expected) => {
    expect(cleanInline(input)).toBe(expected);
  });

  it("escaped Markdown characters stay as written", () => {
    expect(stripMarkdown("\\*Ghi chú\\*: 1\\. mục")).toBe("*Ghi chú*: 1. mục");
  });
});
