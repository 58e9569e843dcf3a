// Document layer: header metadata of every corpus file, section paths, and the three table shapes,
// PDF hard-wraps, page numbers and "DỰ THẢO" stamps on small inline samples.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanLines } from "../src/document/lines.ts";
import { type FileOverride, parseFile } from "../src/document/parse.ts";
import type { Block, ParsedDocument } from "../src/document/types.ts";
import { buildCorpus } from "../src/tasks/corpus.ts";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8")) as { files: FileOverride[] };

/** Parse a corpus file; `withManifest` applies its provenance overrides, as ingest does. */
function parse(file: string, withManifest = false): ParsedDocument[] {
  const override = withManifest ? manifest.files.find((f) => f.file === file) : undefined;
  return parseFile(file, readFileSync(join(CORPUS, file), "utf8"), { override });
}

function blockAt(docs: ParsedDocument[], startsWith: string): Block {
  for (const d of docs) for (const b of d.blocks) if ((b.row ? b.row.cells[1] ?? "" : b.text).startsWith(startsWith)) return b;
  throw new Error(`no block starting with ${startsWith}`);
}

const F2629 = "qd-2629-2025-chuong-trinh-phat-trien-chinh-phu-so.txt";
const FNEWS = "tin-2025-ke-hoach-kien-truc-nen-tang-du-lieu-dung-chung.txt";
const FDRAFT = "du-thao-ke-hoach-chuyen-doi-so-2025.txt";
const F02 = "kh-02-bcdtw-2025-chuyen-doi-so-lien-thong.md";
const FSESSION = "tai-lieu-phien-hop-1-ubqg-chuyen-doi-so-2021.md";

describe("parseFile: metadata from each document's own header", () => {
  it("2629/QĐ-TTg", () => {
    const docs = parse(F2629);
    expect(docs).toHaveLength(1);
    const m = docs[0]!.meta;
    expect(m).toMatchObject({
      id: "qd-2629-2025",
      number: "2629/QĐ-TTg",
      type: "Quyết định",
      issuedDate: "2025-12-01",
      issuer: "Thủ tướng Chính phủ",
      status: "final",
      year: 2025,
    });
    expect(m.title).toBe("Quyết định về việc phê duyệt Chương trình phát triển Chính phủ số");
  });

  it("Kế hoạch 02-KH/BCĐTW: number and type from the header, no date in the text", () => {
    const m = parse(F02)[0]!.meta;
    expect(m).toMatchObject({ id: "kh-02-bcdtw", number: "02-KH/BCĐTW", type: "Kế hoạch", status: "final", issuedDate: null });
    expect(m.title).toMatch(/^Kế hoạch thúc đẩy chuyển đổi số liên thông, đồng bộ/);
    expect(parse(F02, true)[0]!.meta.year).toBe(2025);
  });

  it("the PDF draft is a draft because of its DỰ THẢO stamp, even without a header", () => {
    const docs = parse(FDRAFT);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.meta.number).toBeNull();
    expect(docs[0]!.meta.status).toBe("draft");
    expect(parse(FDRAFT, true)[0]!.meta).toMatchObject({ type: "Kế hoạch", status: "draft", year: 2025, title: "Dự thảo Kế hoạch chuyển đổi số năm 2025" });
  });

  it("the news summary has no header: the manifest supplies type and status", () => {
    expect(parse(FNEWS)[0]!.meta.number).toBeNull();
    expect(parse(FNEWS, true)[0]!.meta).toMatchObject({ id: "tin-ke-hoach-kien-truc-du-lieu-2025", type: "Bản tin", status: "summary", number: null });
  });

  it("the session file holds 8 documents, each found by its own header", () => {
    const docs = parse(FSESSION);
    expect(docs).toHaveLength(8);
    expect(docs.map((d) => d.meta.number)).toEqual([null, null, null, null, null, "749/QĐ-TTg", "942/QĐ-TTg", null]);
    expect(docs.map((d) => d.meta.type)).toEqual(["Văn bản", "Quyết định", "Quyết định", "Báo cáo", "Quyết định", "Quyết định", "Quyết định", "Quyết định"]);
    expect(docs[3]!.meta.issuedDate).toBe("2021-11-28");
    expect(docs[5]!.meta).toMatchObject({ id: "qd-749-2020", issuedDate: "2020-06-03", status: "final" });
    expect(docs[6]!.meta).toMatchObject({ id: "qd-942-2021", issuedDate: "2021-06-15", status: "final" });
    // "Số: /QĐ-UBQGCĐS" and "Số: /QĐ-TTg" with a DỰ THẢO stamp: unnumbered drafts.
    expect(docs[4]!.meta).toMatchObject({ number: null, status: "draft", year: 2022 });
    expect(docs[7]!.meta).toMatchObject({ number: null, status: "draft" });
    // The attached draft regulation (its own DỰ THẢO stamp, line 324) does not make the decision before it a draft.
    expect(docs[2]!.meta).toMatchObject({ type: "Quyết định", status: "final" });
    expect(docs[4]!.meta.title).toBe("Quyết định ban hành Kế hoạch hoạt động của Ủy ban Quốc gia về chuyển đổi số năm 2022");
    // Documents tile the file without overlaps, in order.
    for (let i = 1; i < docs.length; i++) expect(docs[i]!.meta.lines[0]).toBe(docs[i - 1]!.meta.lines[1] + 1);
    expect(docs[5]!.meta.lines[0]).toBe(1192);
    expect(docs[6]!.meta.lines[0]).toBe(1765);
  });

  it("with the manifest, the 2022 plan keeps its year for 'Tháng 6' deadlines", () => {
    const docs = parse(FSESSION, true);
    expect(docs[4]!.meta).toMatchObject({ year: 2022, status: "draft", issuer: "Chủ tịch Ủy ban Quốc gia về chuyển đổi số" });
    expect(docs[7]!.meta.id).toBe("du-thao-chien-luoc-kinh-te-so-xa-hoi-so");
  });
});

describe("section paths", () => {
  const d2629 = parse(F2629, true);

  it("2629 task rows: group headers lost in the scrape are recovered from the numbering restarts", () => {
    // Numbering restarts at 1 per group (I, II, III.1.1 …). The first two groups and groups IV–IX lost their
    // header rows; "III.1", "III.1.1" … survive.
    expect(blockAt(d2629, "Xây dựng Luật An ninh dữ liệu.").path).toEqual(["Phụ lục II", "I", "3"]);
    expect(blockAt(d2629, "Tập trung số hóa dữ liệu").path).toEqual(["Phụ lục II", "II", "1"]);
    expect(blockAt(d2629, "Xây dựng, hoàn thiện Cổng thông tin một cửa quốc gia.").path).toEqual(["Phụ lục II", "III.1.1", "2"]);
    expect(blockAt(d2629, "Xây dựng Hệ thống Từ điển dữ liệu quốc gia.").path).toEqual(["Phụ lục II", "III.1.2", "8"]);
    expect(blockAt(d2629, "Triển khai xây dựng, phát triển hạ tầng số").path).toEqual(["Phụ lục II", "IV", "1"]);
    expect(blockAt(d2629, "Xây dựng, cung cấp học liệu").path).toEqual(["Phụ lục II", "VI", "1"]);
    expect(blockAt(d2629, "Thực hiện đo lường, giám sát các hệ thống").path).toEqual(["Phụ lục II", "IX", "2"]);
  });

  it("2629 indicator rows sit under their period and area", () => {
    const b = blockAt(d2629, "Tỉ lệ dịch vụ công trực tuyến toàn trình");
    expect(b.path).toEqual(["Phụ lục I", "I.1", "1"]);
    expect(b.row!.groups.map((g) => g.title)).toEqual(["Giai đoạn 2025-2027", "Cung cấp dịch vụ số bao trùm, thông minh"]);
    expect(b.row!.headers).toEqual(["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"]);
  });

  it("02-KH/BCĐTW items: part, topic, phase, letter", () => {
    const d = parse(F02, true);
    expect(blockAt(d, "đ) Các bộ, cơ quan ngang bộ").path).toEqual(["IV", "2", "2.1", "* Giai đoạn từ nay đến ngày 30/6/2025", "đ)"]);
    expect(blockAt(d, "a) Bộ Công an: (1)").path).toEqual(["IV", "2", "2.1", "* Giai đoạn từ ngày 01/7/2025 đến ngày 31/12/2025", "a)"]);
    // "I- QUAN ĐIỂM" is part I (a roman numeral), not a lettered part "I".
    expect(blockAt(d, "- Lấy dữ liệu làm trung tâm").path).toEqual(["I", "1"]);
    expect(blockAt(d, "- Tổng kết kết quả thực hiện Kế hoạch").path).toEqual(["V", "1", "đ)"]);
  });

  it("the 2022 plan is an attached plan, not an appendix; 942's appendix groups split from one cell", () => {
    const d = parse(FSESSION, true);
    expect(blockAt(d, "Dự thảo Luật Giao dịch điện tử sửa đổi").path).toEqual(["Kế hoạch kèm theo", "I", "1"]);
    expect(blockAt(d, "Định kỳ hàng tháng tổ chức các đoàn công tác").path).toEqual(["Kế hoạch kèm theo", "V", "1"]);
    expect(blockAt(d, "Phát triển và vận hành hạ tầng mạng chuyên dùng").path).toEqual(["Phụ lục I", "II", "1"]);
    const platform = blockAt(d, "Nền tảng điện toán đám mây");
    expect(platform.path).toEqual(["Phụ lục II", "1"]);
    expect(platform.context).toContain("DANH MỤC CÁC NỀN TẢNG SỐ QUỐC GIA PHỤC VỤ CHUYỂN ĐỔI SỐ, PHÁT TRIỂN KINH TẾ SỐ, XÃ HỘI SỐ");
  });

  it("a row with an empty TT continues the previous row across a page break", () => {
    const d = parse(FSESSION, true);
    const b = blockAt(d, "Rà soát, sửa đổi, ban hành mới quy định, chính sách về tài sản dữ liệu");
    expect(b.row!.cells[1]).toBe(
      "Rà soát, sửa đổi, ban hành mới quy định, chính sách về tài sản dữ liệu, mua, bán dữ liệu, dịch vụ dữ liệu để tạo thị trường dữ liệu phát triển lành mạnh, an toàn, tuân thủ pháp luật",
    );
    expect(b.line).toBe(3151);
    expect(b.endLine).toBe(3154);
  });
});

describe("scanLines: table shapes", () => {
  it("pipe-per-line tables, with '||||' for empty cells and group rows", () => {
    const raw = [
      "DANH MỤC",
      "|",
      "TT |",
      "Nhiệm vụ, giải pháp |",
      "Cơ quan chủ trì |",
      "Cơ quan phối hợp |",
      "Kết quả |",
      "Thời gian thực hiện |",
      "|",
      "III.1 |",
      "Nhóm ứng dụng, nền tảng số quy mô quốc gia |",
      "||||",
      "|",
      "1 |",
      "Triển khai Cổng Dịch vụ công quốc gia |",
      "Bộ Công an |",
      "Các bộ, ngành, địa phương |",
      "Hoàn thành, khai thác sử dụng |",
      "Tháng 02/2026 |",
      "|",
      "2 |",
      "Xây dựng, hoàn thiện Cổng thông tin",
      "một cửa quốc gia. |",
      "Bộ Tài chính |",
      "Các bộ, ngành, địa phương |",
      "Hoàn thành, khai thác sử dụng |",
      "Năm 2025-2026 |",
    ].join("\n");
    const rows = scanLines(raw).blocks.filter((b) => b.kind === "row");
    expect(rows.map((r) => r.cells)).toEqual([
      ["TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian thực hiện"],
      ["III.1", "Nhóm ứng dụng, nền tảng số quy mô quốc gia", "", "", "", ""],
      ["1", "Triển khai Cổng Dịch vụ công quốc gia", "Bộ Công an", "Các bộ, ngành, địa phương", "Hoàn thành, khai thác sử dụng", "Tháng 02/2026"],
      ["2", "Xây dựng, hoàn thiện Cổng thông tin một cửa quốc gia.", "Bộ Tài chính", "Các bộ, ngành, địa phương", "Hoàn thành, khai thác sử dụng", "Năm 2025-2026"],
    ]);
    expect(new Set(rows.map((r) => r.table)).size).toBe(1);
    const parsed = parseFile("x.txt", raw)[0]!.blocks.filter((b) => b.kind === "row");
    expect(parsed.map((b) => b.path)).toEqual([
      ["III.1", "1"],
      ["III.1", "2"],
    ]);
  });

  it("tab-separated tables with <b>/<p>/<i> tags and a header repeated at a page break", () => {
    const raw = [
      "<b>TT</b>\t<b>Nội dung công việc</b>\t<b>Cơ quan chủ trì và cơ quan phối hợp tổ chức thực hiện</b>\t<b>Thời gian hoàn thành</b>",
      "<b>I</b>\t<b>Xây dựng thể chế</b>\t\t",
      "1\tDự thảo Luật Giao dịch điện tử sửa đổi\tBộ Thông tin và Truyền thông chủ trì, phối hợp với Bộ Tư pháp\tTháng 6",
      "",
      "TT\tNội dung công việc\tCơ quan chủ trì và cơ quan phối hợp tổ chức thực hiện\tThời gian hoàn thành",
      "2\t<p><b>Phổ cập hóa đơn điện tử</b></p> <p><i>Mục tiêu: 80% doanh nghiệp</i><sup>3</sup></p>\t<p>Bộ Tài chính</p>\t<p>Tháng 12</p>",
    ].join("\n");
    const scan = scanLines(raw);
    const rows = scan.blocks.filter((b) => b.kind === "row");
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.table)).size).toBe(1);
    expect(rows[1]!.cells).toEqual(["I", "Xây dựng thể chế"]);
    expect(rows[4]!.cells).toEqual(["2", "Phổ cập hóa đơn điện tử Mục tiêu: 80% doanh nghiệp", "Bộ Tài chính", "Tháng 12"]);
    const blocks = parseFile("x.md", raw)[0]!.blocks;
    // The repeated header row is dropped; both data rows keep the table's column labels and group.
    const data = blocks.filter((b) => b.kind === "row");
    expect(data.map((b) => b.row!.tt)).toEqual(["1", "2"]);
    expect(data.map((b) => b.path)).toEqual([
      ["I", "1"],
      ["I", "2"],
    ]);
    expect(data[1]!.row!.headers[2]).toBe("Cơ quan chủ trì và cơ quan phối hợp tổ chức thực hiện");
  });

  it("Markdown pipe tables", () => {
    const raw = [
      "| STT | Nội dung | Đơn vị chủ trì | Thời hạn |",
      "|---|:---|---|---|",
      "| 1 | Xây dựng **CSDL** dùng chung | Bộ Công an | Quý I/2026 |",
      "| 2 | Số hóa hồ sơ | Văn phòng Chính phủ | Tháng 6/2026 |",
    ].join("\n");
    const rows = scanLines(raw).blocks.filter((b) => b.kind === "row");
    expect(rows.map((r) => r.cells)).toEqual([
      ["STT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"],
      ["1", "Xây dựng CSDL dùng chung", "Bộ Công an", "Quý I/2026"],
      ["2", "Số hóa hồ sơ", "Văn phòng Chính phủ", "Tháng 6/2026"],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
  });
});

describe("scanLines: PDF text", () => {
  const pdf = [
    "- Đẩy mạnh, tạo đột phá chuyển đổi số quốc gia trong năm 2025, tạo tiền ",
    "đề, nền tảng triển khai Chương trình hành động của Chính phủ. ",
    "",
    "+ Cơ quan phối hợp: Các bộ, ngành có liên quan. ",
    "",
    "6 ",
    "",
    "DỰ THẢO ",
    " - Mỗi người dân có 01 định danh số. ",
    "",
    "- 12 -",
    "+ Thời hạn hoàn thành: Thường xuyên. ",
  ].join("\n");

  it("joins hard-wrapped lines, drops page numbers and the DỰ THẢO stamp (recording where it was)", () => {
    const scan = scanLines(pdf, { pdfLike: true });
    expect(scan.blocks.map((b) => b.text)).toEqual([
      "- Đẩy mạnh, tạo đột phá chuyển đổi số quốc gia trong năm 2025, tạo tiền đề, nền tảng triển khai Chương trình hành động của Chính phủ.",
      "+ Cơ quan phối hợp: Các bộ, ngành có liên quan.",
      "- Mỗi người dân có 01 định danh số.",
      "+ Thời hạn hoàn thành: Thường xuyên.",
    ]);
    expect(scan.draftStamps).toEqual([8]);
    expect(scan.blocks[0]).toMatchObject({ line: 1, endLine: 2 });
  });

  it("detects hard wrapping from trailing spaces without being told", () => {
    const long = Array.from({ length: 12 }, () => pdf).join("\n\n");
    expect(scanLines(long).blocks[0]!.text).toMatch(/tạo tiền đề, nền tảng/);
  });

  it("rejoins a paragraph cut by a page break in Markdown text", () => {
    const md = ["(2) Đa dạng hoá hình thức sử dụng chuyên gia nhằm giải quyết những bài", "", "", "", "toán chuyển đổi số phức tạp, **hoàn thành trong tháng 8/2025.**"].join("\n");
    const blocks = scanLines(md).blocks;
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text).toBe("(2) Đa dạng hoá hình thức sử dụng chuyên gia nhằm giải quyết những bài toán chuyển đổi số phức tạp, hoàn thành trong tháng 8/2025.".normalize("NFC").replace("hoá", "hóa"));
    expect(blocks[0]).toMatchObject({ line: 1, endLine: 5 });
  });
});

describe("properties", () => {
  // Fragments of every layout, shuffled into arbitrary files.
  const piece = fc.constantFrom(
    "|", "||||", "TT |", "Nhiệm vụ |", "Cơ quan chủ trì |", "Bộ Công an |", "Tháng 12/2025 |", "I.1 |",
    "TT\tNội dung\tCơ quan chủ trì và cơ quan phối hợp\tThời gian", "1\tViệc A\tBộ Y tế chủ trì, phối hợp với Bộ Tài chính\tTháng 6", "\t\tngành",
    "| STT | Nội dung | Đơn vị chủ trì |", "|---|---|---|", "| 1 | B | VPCP |",
    "DỰ THẢO", "Số: 12/QĐ-TTg", "Số: /QĐ-TTg", "Hà Nội, ngày 05 tháng 3 năm 2026", "QUYẾT ĐỊNH", "KẾ HOẠCH", "PHỤ LỤC", "(Kèm theo Quyết định số 12/QĐ-TTg)",
    "a) Bộ Công an chủ trì, phối hợp với: (1) Bộ Y tế làm X. (2) Bộ Tư pháp làm Y. **Hoàn thành trước ngày 30/6/2025.**",
    "- Xây dựng Z ", "+ Cơ quan chủ trì tổ chức triển khai: Bộ Nội vụ. ", "+ Thời hạn hoàn thành: Quý I/2025. ", "6 ", "",
    "#### c) Văn phòng Chính phủ", "**\\* Giai đoạn từ nay đến ngày 30/6/2025**", "thường xuyên cập nhật", "<b>II</b>\t<b>Nhóm</b>\t\t",
  );
  const file = fc.array(fc.oneof(piece, fc.string({ maxLength: 30 })), { maxLength: 40 }).map((ls) => ls.join("\n"));

  it("parseFile and buildCorpus never throw, and every block points inside its file", () => {
    fc.assert(
      fc.property(file, fc.boolean(), (text, pdfLike) => {
        const total = text.split("\n").length;
        const docs = parseFile("f.md", text, { pdfLike });
        // Every block lands in exactly one document (an empty file has none).
        expect(docs.reduce((n, d) => n + d.blocks.length, 0)).toBeLessThanOrEqual(scanLines(text, { pdfLike }).blocks.length);
        if (scanLines(text, { pdfLike }).blocks.length > 0) expect(docs.length).toBeGreaterThanOrEqual(1);
        for (const d of docs) {
          for (const b of d.blocks) {
            expect(b.line).toBeGreaterThanOrEqual(1);
            expect(b.endLine).toBeGreaterThanOrEqual(b.line);
            expect(b.endLine).toBeLessThanOrEqual(total + 1);
          }
        }
        const c = buildCorpus([{ name: "f.md", text, pdfLike }]);
        for (const t of c.tasks) {
          expect(t.lines[0]).toBeLessThanOrEqual(t.lines[1]);
          if (t.deadline.start && t.deadline.end) expect(t.deadline.end >= t.deadline.start).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
