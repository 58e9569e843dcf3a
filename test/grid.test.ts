// Document layer: the table reader (grid.ts → table.ts) on small synthetic tables, one per delimiter scheme.
// Expected grids were written by hand from the inputs before running the reader.

import { describe, expect, it } from "vitest";
import { readGrid } from "../src/document/grid.ts";
import { scanLines } from "../src/document/lines.ts";
import { parseFile } from "../src/document/parse.ts";
import { alignUnder, combineHeaders, groupLeadOf, isHeaderRow } from "../src/document/table.ts";
import type { TableRow } from "../src/document/types.ts";

const HEAD = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"];
const T1 = ["1", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Quý IV/2026"];
const T2 = ["2", "Số hóa hồ sơ thủ tục hành chính", "Văn phòng Ủy ban nhân dân tỉnh", "Các sở, ngành", "Tháng 6/2026"];
const T3 = ["3", "Tập huấn kỹ năng số cho cán bộ", "Sở Nội vụ", "Các phường, xã", "Thường xuyên"];

/** The same three tasks, laid out in every delimiter scheme the reader knows. */
const SHAPES: Record<string, string> = {
  // One cell per line between lone "|" lines ("|\n|" between rows), cells wrapped over lines, bold labels.
  "lone pipes": [
    "|", "**TT**", "|", "**Nhiệm vụ**", "|", "**Cơ quan chủ trì**", "|", "**Cơ quan phối hợp**", "|", "**Thời hạn**", "|",
    "|", "1", "|", "Xây dựng cơ sở dữ liệu", "dùng chung", "|", "Sở Khoa học và", "Công nghệ", "|", "Sở Tài chính", "|", "Quý IV/2026", "|",
    "|", "2", "|", "Số hóa hồ sơ thủ tục hành chính", "|", "Văn phòng Ủy ban nhân dân tỉnh", "|", "Các sở, ngành", "|", "Tháng 6/2026", "|",
    "|", "3", "|", "Tập huấn kỹ năng số cho cán bộ", "|", "Sở Nội vụ", "|", "Các phường, xã", "|", "Thường xuyên", "|",
  ].join("\n"),
  // One cell per line ending in " |", a lone "|" opening each row.
  "cells ending in |": [
    "|", "TT |", "Nhiệm vụ |", "Cơ quan chủ trì |", "Cơ quan phối hợp |", "Thời hạn |",
    "|", ...T1.map((c) => `${c} |`), "|", ...T2.map((c) => `${c} |`), "|", ...T3.map((c) => `${c} |`),
  ].join("\n"),
  // The same without the trailing " |": each segment between lone pipes is a row, one cell per line.
  "cells without |": ["|", ...HEAD, "|", ...T1, "|", ...T2, "|", ...T3].join("\n"),
  markdown: [
    `| ${HEAD.join(" | ")} |`, "|---|---|---|---|---|",
    "| 1 | Xây dựng cơ sở dữ liệu **dùng chung** | Sở Khoa học và Công nghệ | Sở Tài chính | Quý IV/2026 |",
    `| ${T2.join(" | ")} |`, `| ${T3.join(" | ")} |`,
  ].join("\n"),
  "markdown, no delimiter row": [HEAD, T1, T2, T3].map((r) => `| ${r.join(" | ")} |`).join("\n"),
  html: [
    "<table>", `<tr>${HEAD.map((h) => `<th>${h}</th>`).join("")}</tr>`,
    "<tr><td>1</td><td>Xây dựng cơ sở dữ liệu<br>dùng chung</td><td>Sở Khoa học và Công nghệ</td><td>Sở Tài chính</td><td>Quý IV/2026</td></tr>",
    // "Văn phòng Ủy ban nhân dân tỉnh" with numeric entities (&#7911; = ủ, &#7881; = ỉ).
    "<tr><td>2</td><td>Số hóa hồ sơ thủ tục hành chính</td><td>Văn phòng &#7910;y ban nhân dân t&#7881;nh</td><td>Các sở, ngành</td><td>Tháng 6/2026</td></tr>",
    `<tr>${T3.map((c) => `<td>${c}</td>`).join("")}</tr>`, "</table>",
  ].join("\n"),
  // Tab-separated, the header repeated after a page number.
  tsv: [HEAD.join("\t"), T1.join("\t"), T2.join("\t"), "", "7", "", HEAD.join("\t"), T3.join("\t")].join("\n"),
};

describe("one grid from every delimiter scheme", () => {
  for (const [name, text] of Object.entries(SHAPES)) {
    it(name, () => {
      const rows = parseFile("t.txt", `KẾ HOẠCH\n\n${text}\n\nTrên đây là Kế hoạch.`)[0]!.blocks.filter((b) => b.kind === "row");
      expect(rows.map((b) => b.row!.cells)).toEqual([T1, T2, T3]);
      for (const b of rows) expect(b.row!.headers).toEqual(HEAD);
      expect(rows.map((b) => b.row!.tt)).toEqual(["1", "2", "3"]);
      expect(rows[0]!.row!.roles).toEqual(["tt", "task", "lead", "coord", "deadline"]);
    });
  }

  it("keeps source lines: a lone-pipe row runs from its opening pipe to its last cell", () => {
    const rows = scanLines(SHAPES["lone pipes"]!).blocks.filter((b) => b.kind === "row");
    expect(rows.map((r) => [r.line, r.endLine])).toEqual([[1, 11], [12, 24], [25, 35], [36, 46]]);
  });
});

describe("cells one per line with the ' |' ends removed", () => {
  it("group rows whose empty cells are lone pipes, and the next appendix's title after the last row", () => {
    const text = ["|", "TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá",
      "|", "I", "Giai đoạn 2025-2027", "|", "|", "|", "|",
      "1", "Tỉ lệ dịch vụ công trực tuyến toàn trình.", "%", "100%", "Văn phòng Chính phủ",
      "|", "2", "Tỉ lệ hồ sơ được số hóa.", "%", "80%", "Bộ Công an",
      "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM", "(Kèm theo Quyết định số 12/QĐ-TTg)", "|", "TT", "Nhiệm vụ", "|", "1", "Xây dựng Luật Dữ liệu"].join("\n");
    const blocks = scanLines(text).blocks;
    expect(blocks.map((b) => (b.kind === "row" ? b.cells : b.text))).toEqual([
      ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"],
      ["I", "Giai đoạn 2025-2027", "", "", ""],
      ["1", "Tỉ lệ dịch vụ công trực tuyến toàn trình.", "%", "100%", "Văn phòng Chính phủ"],
      ["2", "Tỉ lệ hồ sơ được số hóa.", "%", "80%", "Bộ Công an"],
      "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM",
      "(Kèm theo Quyết định số 12/QĐ-TTg)",
      ["TT", "Nhiệm vụ"],
      ["1", "Xây dựng Luật Dữ liệu"],
    ]);
  });
});

describe("column-aligned text (a PDF table)", () => {
  it("cells under a header of labels, wrapped cells joined, a page number skipped, prose after it", () => {
    const text = [
      "TT   Nhiệm vụ                          Cơ quan chủ trì        Thời hạn",
      "1    Xây dựng cơ sở dữ liệu dùng       Sở Khoa học và         Quý IV/2026",
      "     chung                             Công nghệ",
      "                                  7",
      "2    Số hóa hồ sơ thủ tục hành chính   Văn phòng UBND tỉnh    Tháng 6/2026",
      "Trên đây là kế hoạch của tỉnh, đề nghị các cơ quan, đơn vị nghiêm túc thực hiện.",
    ].join("\n");
    const blocks = parseFile("t.pdf", text, { pdfLike: true })[0]!.blocks;
    expect(blocks.map((b) => (b.row ? b.row.cells : b.text))).toEqual([
      ["1", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Quý IV/2026"],
      ["2", "Số hóa hồ sơ thủ tục hành chính", "Văn phòng UBND tỉnh", "Tháng 6/2026"],
      "Trên đây là kế hoạch của tỉnh, đề nghị các cơ quan, đơn vị nghiêm túc thực hiện.",
    ]);
    expect(blocks[0]!.row!.headers).toEqual(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"]);
    // Prose with a double space is not a table.
    expect(scanLines("Căn cứ Luật Dữ liệu;  Căn cứ Nghị quyết số 57-NQ/TW.").blocks[0]!.kind).toBe("text");
  });
});

describe("lone-pipe streams: empty cells against row breaks", () => {
  it("an empty middle cell, an empty last cell, and a row of totals", () => {
    // "| 5 | Điểm cộng | 15 | |" then "| 5.1 | … |": three pipes between "15" and "5.1" are one empty cell and the row break.
    const text = ["|", "STT", "|", "Tiêu chí", "|", "Điểm", "|", "Hướng dẫn", "|",
      "|", "5", "|", "Điểm cộng", "|", "15", "|", "|",
      "|", "5.1", "|", "Đạt tỷ lệ 100%", "|", "5", "|", "Cộng 05 điểm", "|",
      "|", "|", "Căn cứ số lượng tài khoản", "|", "|", "Xếp loại từ cao xuống thấp", "|"].join("\n");
    const g = readGrid(text.split("\n"), 0)!;
    expect(g.rows.map((r) => r.cells)).toEqual([
      ["STT", "Tiêu chí", "Điểm", "Hướng dẫn"],
      ["5", "Điểm cộng", "15", ""],
      ["5.1", "Đạt tỷ lệ 100%", "5", "Cộng 05 điểm"],
      ["", "Căn cứ số lượng tài khoản", "", "Xếp loại từ cao xuống thấp"],
    ]);
  });

  it("a short row before a numbered one ends where the next item number starts", () => {
    const text = ["|", "TT", "|", "Nhiệm vụ", "|", "Cơ quan chủ trì", "|", "Cơ quan phối hợp", "|", "Thời hạn", "|",
      "|", "1", "|", "Xây dựng hạ tầng", "|", "Trung tâm Chuyển đổi số", "|", "Sở Tài chính", "|", "Quý IV/2026", "|",
      "|", "Xây dựng hạ tầng dự phòng", "|", "Trung tâm Chuyển đổi số", "|",
      "|", "2", "|", "Đầu tư trang thiết bị", "|", "Sở Tài chính", "|", "Các sở, ngành", "|", "Quý IV/2026", "|"].join("\n");
    const rows = parseFile("t.txt", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows.map((r) => r.cells)).toEqual([
      ["1", "Xây dựng hạ tầng", "Trung tâm Chuyển đổi số", "Sở Tài chính", "Quý IV/2026"],
      // Its own row (not a continuation); the coordinator and deadline cells were merged with item 1's.
      ["", "Xây dựng hạ tầng dự phòng", "Trung tâm Chuyển đổi số", "Sở Tài chính", "Quý IV/2026"],
      ["2", "Đầu tư trang thiết bị", "Sở Tài chính", "Các sở, ngành", "Quý IV/2026"],
    ]);
    expect(rows[1]!.carried).toEqual([3, 4]);
    expect(rows[1]!.tt).toBe("");
  });

  it("a numbered row that lost a middle cell to a span keeps its cells under their columns", () => {
    // Row 2's lead cell spans down from row 1 ("| 2 | Rà soát … | Quý II/2026 |" has no lead cell).
    const text = ["|", "TT", "|", "Nhiệm vụ", "|", "Cơ quan chủ trì", "|", "Thời hạn", "|",
      "|", "1", "|", "Xây dựng cơ sở dữ liệu hồ sơ quy hoạch chung của thành phố và các phường, xã", "|", "Sở Tài chính", "|", "Quý IV/2026", "|",
      "|", "2", "|", "Rà soát, đơn giản hóa các thủ tục hành chính liên quan đến quy hoạch của thành phố", "|", "Quý II/2027", "|"].join("\n");
    const rows = parseFile("t.txt", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows[1]!.cells).toEqual(["2", "Rà soát, đơn giản hóa các thủ tục hành chính liên quan đến quy hoạch của thành phố", "Sở Tài chính", "Quý II/2027"]);
    expect(rows[1]!.carried).toEqual([2]);
    expect(alignUnder(["Đã thực thi", "0", "0"], ["1", "Bộ Công an", "Tổng", "7", "0"], 5, true)).toEqual({ cells: ["", "", "Đã thực thi", "0", "0"], gaps: [0, 1] });
  });

  it("an appendix heading after a signature table is text again", () => {
    const text = ["|", "Nơi nhận:", "- Như trên;", "|", "THỦ TƯỚNG", "Nguyễn Văn A", "|", "**PHỤ LỤC I**", "DANH MỤC NHIỆM VỤ", "|", "TT", "|", "Nhiệm vụ", "|"].join("\n");
    const blocks = scanLines(text).blocks;
    expect(blocks.map((b) => (b.kind === "row" ? b.cells : b.text))).toEqual([
      ["Nơi nhận: - Như trên;", "THỦ TƯỚNG Nguyễn Văn A"],
      "PHỤ LỤC I",
      "DANH MỤC NHIỆM VỤ",
      ["TT", "Nhiệm vụ"],
    ]);
  });
});

describe("table meaning", () => {
  it("a group row that names the lead of the rows under it", () => {
    const text = ["| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |", "|---|---|---|---|",
      "| A | Nhiệm vụ giao Bộ trưởng Bộ Công an chỉ đạo | | |", "| 1 | Làm sạch dữ liệu dân cư | | Tháng 12/2025 |",
      "| B | Nhiệm vụ giao Ủy ban nhân dân cấp tỉnh thực hiện | | |", "| 1 | Số hóa hộ tịch | | Năm 2026 |"].join("\n");
    const rows = parseFile("t.md", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows.map((r) => [r.tt, r.groupLead])).toEqual([["1", "Bộ Công an"], ["1", "Ủy ban nhân dân cấp tỉnh"]]);
    expect(groupLeadOf("Giao Sở Tài chính chủ trì")).toBe("Sở Tài chính");
    expect(groupLeadOf("Hoàn thiện thể chế")).toBeUndefined();
  });

  it("a status column becomes the row's status", () => {
    const text = ["| STT | Nhiệm vụ | Văn bản giao nhiệm vụ | Kết quả thực hiện |", "|---|---|---|---|",
      "| 1 | Báo cáo Thủ tướng | Công văn 12/VPCP | Đang thực hiện |", "| 2 | Ban hành quy chế | Quyết định 5/QĐ-TTg | Đã hoàn thành |"].join("\n");
    const rows = parseFile("t.md", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows.map((r) => r.status)).toEqual(["Đang thực hiện", "Đã hoàn thành"]);
    expect(rows[0]!.roles).toEqual(["tt", "task", "assignedBy", "status"]);
  });

  it("a table with no number column", () => {
    const text = ["| Nhiệm vụ | Đơn vị chủ trì | Thời hạn |", "|---|---|---|", "| Rà soát số nhà | Sở Xây dựng | 30/12/2025 |", "| Cập nhật mã bưu chính | Bưu điện Thành phố | 15/01/2026 |"].join("\n");
    const rows = parseFile("t.md", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows.map((r) => [r.tt, ...r.cells])).toEqual([
      ["", "Rà soát số nhà", "Sở Xây dựng", "30/12/2025"],
      ["", "Cập nhật mã bưu chính", "Bưu điện Thành phố", "15/01/2026"],
    ]);
    expect(rows[0]!.carried).toBeUndefined();
  });

  it("a two-row header, sub-headers under spanning labels", () => {
    const text = ["|", "STT", "|", "Bộ, cơ quan", "|", "Đã cắt giảm", "|", "Dự kiến", "|",
      "|", "TTHC", "|", "ĐKKD", "|", "TTHC", "|", "ĐKKD", "|",
      "|", "1", "|", "Bộ Công an", "|", "0", "|", "54", "|", "3", "|", "73", "|"].join("\n");
    const rows = parseFile("t.txt", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.headers).toEqual(["STT", "Bộ, cơ quan", "Đã cắt giảm: TTHC", "Đã cắt giảm: ĐKKD", "Dự kiến: TTHC", "Dự kiến: ĐKKD"]);
    expect(combineHeaders(["A", "B", "B"], ["A", "x", "y"], ["1", "2", "3"])).toEqual(["A", "B: x", "B: y"]);
    // Unspanned labels after the spanning ones: "STT | Cơ quan | Số TTHC | Đã cung cấp | Tỷ lệ | Ghi chú" over four sub-labels.
    expect(combineHeaders(["STT", "Cơ quan", "Số TTHC", "Đã cung cấp", "Tỷ lệ", "Ghi chú"], ["Tổng", "Phải cung cấp", "Tổng", "Đã tích hợp"], ["1.", "Bộ Tư pháp", "19", "12", "12", "12", "100", "Không"])).toEqual([
      "STT", "Cơ quan", "Số TTHC: Tổng", "Số TTHC: Phải cung cấp", "Đã cung cấp: Tổng", "Đã cung cấp: Đã tích hợp", "Tỷ lệ", "Ghi chú",
    ]);
  });

  it("HTML rowspan carries a cell down, colspan leaves the covered cells empty", () => {
    const text = ["<table>", "<tr><th>TT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th></tr>",
      "<tr><td>I</td><td colspan=\"2\">Hạ tầng số</td></tr>",
      "<tr><td>1</td><td>Phủ sóng 5G</td><td rowspan=\"2\">Sở Khoa học và Công nghệ</td></tr>",
      "<tr><td>2</td><td>Cáp quang &amp; trạm BTS</td></tr>", "</table>"].join("\n");
    const rows = parseFile("t.html", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows.map((r) => r.cells)).toEqual([
      ["1", "Phủ sóng 5G", "Sở Khoa học và Công nghệ"],
      ["2", "Cáp quang & trạm BTS", "Sở Khoa học và Công nghệ"],
    ]);
    expect(rows.map((r) => r.groups.map((g) => g.tt))).toEqual([["I"], ["I"]]);
  });

  it("TSV rows cut by a page break are one row", () => {
    const text = ["TT\tNội dung\tCơ quan chủ trì\tThời gian", "1\tXây dựng nền tảng\tBộ Y tế, phối hợp với các bộ,\tTháng 6", "", "\t\tngành liên quan\t"].join("\n");
    const rows = parseFile("t.txt", text)[0]!.blocks.filter((b) => b.kind === "row").map((b) => b.row!);
    expect(rows.map((r) => r.cells)).toEqual([["1", "Xây dựng nền tảng", "Bộ Y tế, phối hợp với các bộ, ngành liên quan", "Tháng 6"]]);
  });

  it("header rows are found by their labels and shape", () => {
    expect(isHeaderRow(["Số TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Tiến độ hoàn thành"])).toBe(true);
    expect(isHeaderRow(["STT", "TIÊU CHÍ THI ĐUA", "ĐIỂM CHUẨN"])).toBe(true);
    expect(isHeaderRow(["Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"])).toBe(true);
    expect(isHeaderRow(["1", "Xây dựng kế hoạch", "Sở Tài chính", "Quý IV/2025"])).toBe(false);
    expect(isHeaderRow(["Nơi nhận:", "KT. CHỦ TỊCH"])).toBe(false);
  });
});

// Keep the type import honest: rows expose their fields by name.
export type { TableRow };
