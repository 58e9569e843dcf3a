// Retrieval chunks of a table: each row reads as a sentence with its column labels, and a group row's own values
// ("I | NHÓM HUYỆN | 60") are a chunk at the group's position, once.
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../src/document/chunk.ts";
import { parseFile } from "../src/document/parse.ts";

const text = [
  "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
  "Số: 12/KH-UBND",
  "KẾ HOẠCH",
  "Thi đua chuyển đổi số",
  "PHỤ LỤC",
  "BẢNG ĐIỂM",
  "| STT | Tiêu chí | Điểm chuẩn | Cách chấm |",
  "|---|---|---|---|",
  "| I | NHÓM HUYỆN | 60 | |",
  "| 1 | Tỷ lệ hồ sơ trực tuyến toàn trình | 35 | Tỷ lệ nhân điểm chuẩn |",
  "| 2 | Tỷ lệ thanh toán trực tuyến | 25 | Tỷ lệ nhân điểm chuẩn |",
  "| II | NHÓM XÃ | 40 | |",
  "| 1 | Số hóa hồ sơ | 40 | Đạt 100% được 40 điểm |",
].join("\n");

describe("table chunks", () => {
  const doc = parseFile("kh-12.md", text)[0]!;
  doc.meta.id = "kh-12";
  const chunks = chunkDocument(doc).filter((c) => c.kind === "row");

  it("a group row's values are one chunk at the group's section, before its rows", () => {
    expect(chunks.map((c) => [c.section, c.text])).toEqual([
      ["Phụ lục I › I", "Tiêu chí: NHÓM HUYỆN. Điểm chuẩn: 60."],
      ["Phụ lục I › I › 1", "Tiêu chí: Tỷ lệ hồ sơ trực tuyến toàn trình. Điểm chuẩn: 35. Cách chấm: Tỷ lệ nhân điểm chuẩn."],
      ["Phụ lục I › I › 2", "Tiêu chí: Tỷ lệ thanh toán trực tuyến. Điểm chuẩn: 25. Cách chấm: Tỷ lệ nhân điểm chuẩn."],
      ["Phụ lục I › II", "Tiêu chí: NHÓM XÃ. Điểm chuẩn: 40."],
      ["Phụ lục I › II › 1", "Tiêu chí: Số hóa hồ sơ. Điểm chuẩn: 40. Cách chấm: Đạt 100% được 40 điểm."],
    ]);
  });
});
