// Document header from any layout (src/document/header.ts): one synthetic decision header written in every
// shape a crawled page, a PDF, Markdown or HTML gives; hand-written expected headers of the five seeds and the
// six unseen decisions (copies under test/fixtures/unseen/corpus/, see PROVENANCE.md there); sentence casing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanMarkup, docNumberOf, sentenceCase, sentenceCaseIssuer, textUnits, typeOfNumber } from "../src/document/header.ts";
import { parseFile } from "../src/document/parse.ts";
import type { DocumentMeta, ParsedDocument } from "../src/document/types.ts";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const UNSEEN = join(import.meta.dirname, "fixtures", "unseen", "corpus");

type Header = Pick<DocumentMeta, "number" | "type" | "title" | "issuedDate" | "issuer" | "signer" | "status">;

function header(d: ParsedDocument): Header {
  const { number, type, title, issuedDate, issuer, signer, status } = d.meta;
  return { number, type, title, issuedDate, issuer, signer: signer ?? null, status };
}

// ---------------------------------------------------------------------------------------------
// One synthetic decision, its header in seven layouts

const BODY = [
  "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
  "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.",
  "QUYẾT ĐỊNH:",
  "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026 của tỉnh.",
  "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
  "Nơi nhận:",
  "- Như Điều 2;",
  "- Lưu: VT.",
  "KT. CHỦ TỊCH",
  "PHÓ CHỦ TỊCH",
  "Lê Văn An",
];

const EXPECTED: Header = {
  number: "45/QĐ-UBND",
  type: "Quyết định",
  title: "Quyết định về việc ban hành Kế hoạch chuyển đổi số năm 2026",
  issuedDate: "2026-02-03",
  issuer: "Ủy ban nhân dân tỉnh Lâm Đồng",
  signer: "Lê Văn An",
  status: "final",
};

const LAYOUTS: Record<string, string> = {
  "plain lines": [
    "ỦY BAN NHÂN DÂN",
    "TỈNH LÂM ĐỒNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 45/QĐ-UBND",
    "Lâm Đồng, ngày 03 tháng 02 năm 2026",
    "QUYẾT ĐỊNH",
    "VỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    ...BODY,
  ].join("\n"),
  // Cells that end in " |", wrapped inside the cell.
  "cells ending in |": [
    "|",
    "ỦY BAN NHÂN DÂN",
    "TỈNH LÂM ĐỒNG |",
    "CỘNG HÒA XÃ HỘI",
    "CHỦ NGHĨA VIỆT NAM |",
    "|",
    "Số: 45/QĐ-UBND |",
    "Lâm Đồng, ngày 03 tháng 02 năm 2026 |",
    "VỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    ...BODY,
  ].join("\n"),
  // A crawled page: one cell per line between lone "|" lines, hard-wrapped mid-phrase, emphasis everywhere.
  "one cell per line between lone |": [
    "|",
    "**ỦY BAN",
    "NHÂN DÂN **",
    "**TỈNH LÂM ĐỒNG**",
    "-------",
    "|",
    "**CỘNG",
    "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
    "Độc lập - Tự do - Hạnh phúc",
    "---------------",
    "|",
    "|",
    "Số:",
    "45/QĐ-UBND",
    "|",
    "*Lâm Đồng, ngày 03",
    "tháng 02 năm 2026*",
    "|",
    "",
    "** **",
    "",
    "**QUYẾT ĐỊNH**",
    "",
    "VỀ VIỆC BAN HÀNH KẾ HOẠCH",
    "CHUYỂN ĐỔI SỐ NĂM 2026",
    "",
    "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG**",
    "",
    ...BODY.map((l) => `*${l}*`).slice(0, 2),
    ...BODY.slice(2),
  ].join("\n"),
  "Markdown table": [
    "| **ỦY BAN NHÂN DÂN**<br>**TỈNH LÂM ĐỒNG** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>Độc lập - Tự do - Hạnh phúc |",
    "|---|---|",
    "| Số: 45/QĐ-UBND | *Lâm Đồng, ngày 03 tháng 02 năm 2026* |",
    "",
    "## QUYẾT ĐỊNH",
    "",
    "### VỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026",
    "",
    "#### CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    "",
    ...BODY,
  ].join("\n"),
  // HTML converted by ingest: table rows become tab-separated cells.
  "tab rows": [
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
    "Số: 45/QĐ-UBND\tLâm Đồng, ngày 03 tháng 02 năm 2026",
    "",
    "<b>QUYẾT ĐỊNH</b>",
    "<b>Về việc ban hành Kế hoạch chuyển đổi số năm 2026</b>",
    "<b>CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG</b>",
    ...BODY,
  ].join("\n"),
  // Markdown paragraphs with the trích yếu in sentence case over two lines; the date written with slashes.
  "Markdown paragraphs, date with slashes": [
    "**ỦY BAN NHÂN DÂN  ",
    "TỈNH LÂM ĐỒNG**",
    "",
    "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  ",
    "Độc lập - Tự do - Hạnh phúc**",
    "",
    "Số: 45/QĐ-UBND",
    "",
    "*Lâm Đồng, ngày 03/02/2026*",
    "",
    "**QUYẾT ĐỊNH**",
    "",
    "**Về việc ban hành Kế hoạch  ",
    "chuyển đổi số năm 2026**",
    "",
    "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG**",
    "",
    ...BODY.flatMap((l) => [l, ""]),
  ].join("\n"),
  // PDF text: the agency and the motto side by side on one line, wrapped at the page width.
  "PDF text, agency and motto on one line": [
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc",
    "Số: 45/QĐ-UBND Lâm Đồng, ngày 03 tháng 02 năm 2026",
    "QUYẾT ĐỊNH",
    "Về việc ban hành Kế hoạch chuyển đổi số năm 2026",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    ...BODY,
  ].join("\n"),
};

describe("one decision header, every layout", () => {
  it.each(Object.entries(LAYOUTS))("%s", (_layout, text) => {
    const docs = parseFile("qd-45.txt", text);
    expect(docs).toHaveLength(1);
    expect(header(docs[0]!)).toEqual(EXPECTED);
    expect(docs[0]!.warnings.filter((w) => /no date|no số hiệu|header not read/.test(w))).toEqual([]);
  });
});

describe("other kinds of header", () => {
  it("a công văn: no type word, a 'V/v' trích yếu and a 'Kính gửi:' list", () => {
    const text = [
      "|", "**ỦY BAN NHÂN DÂN**", "**XÃ ĐỨC TRỌNG**", "|", "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "|",
      "Số: 812/UBND-VP", "*V/v đẩy mạnh thanh toán", "không dùng tiền mặt*", "|", "*Đức Trọng, ngày 9 tháng 3 năm 2026*", "|",
      "**Kính gửi:**", "- Các trường học trên địa bàn xã.", "Ủy ban nhân dân xã đề nghị các đơn vị triển khai thực hiện.",
      "**TM. ỦY BAN NHÂN DÂN**", "**CHỦ TỊCH**", "**Trần Thị Bình**",
    ].join("\n");
    expect(header(parseFile("cv.txt", text)[0]!)).toEqual({
      number: "812/UBND-VP",
      type: "Công văn",
      title: "Công văn về việc đẩy mạnh thanh toán không dùng tiền mặt",
      issuedDate: "2026-03-09",
      issuer: "Ủy ban nhân dân xã Đức Trọng",
      signer: "Trần Thị Bình",
      status: "final",
    });
  });

  it("a công điện: the type from the title line (or the CĐ code), 'về việc' added to its subject", () => {
    const text = [
      "THỦ TƯỚNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 31/CĐ-TTg", "Hà Nội, ngày 2 tháng 4 năm 2026",
      "CÔNG ĐIỆN", "ĐẨY MẠNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH", "THỦ TƯỚNG CHÍNH PHỦ điện:",
      "- Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ;", "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương thực hiện.",
      "THỦ TƯỚNG", "Nguyễn Văn Cường",
    ].join("\n");
    expect(header(parseFile("cd.txt", text)[0]!)).toEqual({
      number: "31/CĐ-TTg",
      type: "Công điện",
      title: "Công điện về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
      issuedDate: "2026-04-02",
      issuer: "Thủ tướng Chính phủ",
      signer: "Nguyễn Văn Cường",
      status: "final",
    });
  });

  it("a plan whose body starts right under the trích yếu (no authority line): the section is not part of the title", () => {
    const text = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/KH-UBND", "KẾ HOẠCH", "CHUYỂN ĐỔI SỐ", "NĂM 2026", "I. MỤC TIÊU", "Hoàn thiện hạ tầng số của tỉnh."].join("\n");
    expect(parseFile("kh.txt", text)[0]!.meta).toMatchObject({ type: "Kế hoạch", title: "Kế hoạch chuyển đổi số năm 2026", issuer: "Ủy ban nhân dân tỉnh Lâm Đồng" });
  });

  it("a draft: 'Số: /NQ-CP' with the number left blank and an unfilled date", () => {
    const text = ["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:    /NQ-CP", "Hà Nội, ngày    tháng    năm 2026", "NGHỊ QUYẾT", "VỀ PHÁT TRIỂN DỮ LIỆU SỐ", "CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ;"].join("\n");
    const d = parseFile("nq.txt", text)[0]!;
    expect(header(d)).toEqual({ number: null, type: "Nghị quyết", title: "Nghị quyết về phát triển dữ liệu số", issuedDate: null, issuer: "Chính phủ", signer: null, status: "draft" });
  });

  it("a text with no header: a warning and a title from the file name, never a crash", () => {
    const text = "Bài viết tổng hợp ý kiến về chuyển đổi số.\nCác địa phương đã đạt nhiều kết quả trong năm qua.";
    const d = parseFile("ghi-chu-hop-thang-3.txt", text)[0]!;
    expect(d.meta).toMatchObject({ number: null, type: "Văn bản", title: "Ghi chu hop thang 3", issuedDate: null });
    expect(d.warnings.some((w) => /header not read/.test(w))).toBe(true);
    for (const t of ["", "|", "|\n|\n|", "**\n*", "Số:", "QUYẾT ĐỊNH", "KT. CHỦ TỊCH\n"]) expect(() => parseFile("x.txt", t)).not.toThrow();
  });

  it("several documents in one file; an attached plan stays with its decision", () => {
    const decision = LAYOUTS["plain lines"]!;
    const plan = ["KẾ HOẠCH", "CHUYỂN ĐỔI SỐ NĂM 2026", "(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 03/02/2026 của Ủy ban nhân dân tỉnh)", "I. MỤC TIÊU", "1. Hoàn thành chuyển đổi số các cơ quan."];
    const second = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 46/QĐ-UBND", "Lâm Đồng, ngày 04 tháng 02 năm 2026", "QUYẾT ĐỊNH", "VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", ...BODY.slice(0, 5), "CHỦ TỊCH", "Phạm Thị Hoa"];
    const text = [decision, ...plan, ...second].join("\n");
    const docs = parseFile("hai-quyet-dinh.txt", text);
    expect(docs.map((d) => [d.meta.number, d.meta.issuedDate, d.meta.signer, d.meta.lines])).toEqual([
      ["45/QĐ-UBND", "2026-02-03", "Lê Văn An", [1, 25]],
      ["46/QĐ-UBND", "2026-02-04", "Phạm Thị Hoa", [26, 40]],
    ]);
    expect(docs[1]!.meta.title).toBe("Quyết định về việc thành lập Tổ công tác chuyển đổi số");
  });
});

// ---------------------------------------------------------------------------------------------
// Real files, expected headers written by hand from the text

const UNSEEN_EXPECTED: [string, Header][] = [
  ["cd-220-ttg-2025-cat-giam-tthc-dich-vu-cong-truc-tuyen.txt", {
    number: "220/CĐ-TTg", type: "Công điện",
    title: "Công điện về việc tập trung hoàn thành thực thi các phương án cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh năm 2025",
    issuedDate: "2025-11-18", issuer: "Thủ tướng Chính phủ", signer: "Phạm Minh Chính", status: "final",
  }],
  ["cv-4085-ubnd-dt-tphcm-2025-du-lieu-so-nha.txt", {
    number: "4085/UBND-ĐT", type: "Công văn",
    title: "Công văn về việc rà soát và chuẩn hóa dữ liệu số nhà sau sắp xếp, gắn liền với dữ liệu đất đai, tọa độ thửa đất, tuyến đường, mã bưu chính",
    issuedDate: "2025-11-25", issuer: "Ủy ban nhân dân Thành phố Hồ Chí Minh", signer: "Bùi Xuân Cường", status: "final",
  }],
  ["kh-157-ubnd-cantho-2025-chi-tra-tro-cap-khong-dung-tien-mat.txt", {
    number: "157/KH-UBND", type: "Kế hoạch",
    title: "Kế hoạch phát động phong trào thi đua vận động thực hiện chi trả trợ giúp xã hội, hưu trí xã hội không dùng tiền mặt trên địa bàn thành phố Cần Thơ",
    issuedDate: "2025-11-18", issuer: "Ủy ban nhân dân thành phố Cần Thơ", signer: "Nguyễn Thị Ngọc Điệp", status: "final",
  }],
  ["kh-310-ubnd-hanoi-2025-ha-tang-5g-iot.txt", {
    number: "310/KH-UBND", type: "Kế hoạch",
    title: "Kế hoạch phát triển hạ tầng 5G, IoT trong các khu công nghệ cao, khu công nghiệp, cụm công nghiệp trên địa bàn thành phố Hà Nội đến năm 2030",
    issuedDate: "2025-11-24", issuer: "Ủy ban nhân dân thành phố Hà Nội", signer: "Trương Việt Dũng", status: "final",
  }],
  ["qd-163-2025-qd-ctubnd-ninhbinh-he-thong-giai-quyet-tthc.txt", {
    number: "163/2025/QĐ-CTUBND", type: "Quyết định",
    title: "Quyết định ban hành Quy chế quản lý, vận hành và khai thác hệ thống thông tin giải quyết thủ tục hành chính tỉnh Ninh Bình",
    issuedDate: "2025-11-25", issuer: "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình", signer: "Hà Lan Anh", status: "final",
  }],
  ["qd-2820-ubnd-tphcm-2025-csdl-quoc-gia-ve-quy-hoach.txt", {
    number: "2820/QĐ-UBND", type: "Quyết định",
    title: "Quyết định ban hành Kế hoạch triển khai Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của Thủ tướng Chính phủ và Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính",
    issuedDate: "2025-11-19", issuer: "Ủy ban nhân dân Thành phố Hồ Chí Minh", signer: "Nguyễn Lộc Hà", status: "final",
  }],
];

describe("the six unseen decisions (test/fixtures/unseen/corpus)", () => {
  it.each(UNSEEN_EXPECTED)("%s", (file, expected) => {
    const text = readFileSync(join(UNSEEN, file), "utf8");
    const docs = parseFile(file, text);
    // One document per file: the attached plan or regulation ("(Kèm theo Quyết định …)") and the
    // appendices belong to the decision.
    expect(docs).toHaveLength(1);
    expect(header(docs[0]!)).toEqual(expected);
    expect(docs[0]!.meta.lines).toEqual([1, text.split("\n").length]);
    expect(docs[0]!.warnings.filter((w) => /no date|no số hiệu|header not read/.test(w))).toEqual([]);
  });
});

describe("the five seeds (corpus/), without the manifest", () => {
  const parse = (f: string) => parseFile(f, readFileSync(join(CORPUS, f), "utf8"));

  it("2629/QĐ-TTg: header in '… |' cells; its signature block has no name", () => {
    expect(header(parse("qd-2629-2025-chuong-trinh-phat-trien-chinh-phu-so.txt")[0]!)).toEqual({
      number: "2629/QĐ-TTg", type: "Quyết định", title: "Quyết định về việc phê duyệt Chương trình phát triển Chính phủ số",
      issuedDate: "2025-12-01", issuer: "Thủ tướng Chính phủ", signer: null, status: "final",
    });
  });

  it("02-KH/BCĐTW: 'Số 02-KH/BCĐTW' without colon, no date, signed under 'K/T TRƯỞNG BAN'; issuer from the preamble", () => {
    // No agency lines above the title: the preamble says "… (sau đây gọi tắt là Ban Chỉ đạo Trung ương) ban hành Kế hoạch".
    expect(header(parse("kh-02-bcdtw-2025-chuyen-doi-so-lien-thong.md")[0]!)).toEqual({
      number: "02-KH/BCĐTW", type: "Kế hoạch",
      title: "Kế hoạch thúc đẩy chuyển đổi số liên thông, đồng bộ, nhanh, hiệu quả đáp ứng yêu cầu sắp xếp tổ chức bộ máy của hệ thống chính trị",
      issuedDate: null, issuer: "Ban Chỉ đạo Trung ương", signer: "Trần Cẩm Tú", status: "final",
    });
  });

  it("the PDF draft and the news summary have no header: a warning, a title from the file name", () => {
    for (const [f, status, title] of [
      ["du-thao-ke-hoach-chuyen-doi-so-2025.txt", "draft", "Du thao ke hoach chuyen doi so 2025"],
      ["tin-2025-ke-hoach-kien-truc-nen-tang-du-lieu-dung-chung.txt", "final", "Tin 2025 ke hoach kien truc nen tang du lieu dung chung"],
    ] as const) {
      const docs = parse(f);
      expect(docs).toHaveLength(1);
      expect(docs[0]!.meta).toMatchObject({ number: null, type: "Văn bản", title, status });
      expect(docs[0]!.warnings.some((w) => /header not read/.test(w))).toBe(true);
    }
  });

  it("the session file: eight documents with their issuers and signers", () => {
    const docs = parse("tai-lieu-phien-hop-1-ubqg-chuyen-doi-so-2021.md");
    expect(docs.map((d) => [d.meta.lines[0], d.meta.number, d.meta.type, d.meta.issuer, d.meta.signer ?? null, d.meta.status])).toEqual([
      [1, null, "Văn bản", null, null, "final"],
      [52, null, "Quyết định", "Thủ tướng Chính phủ", "Phạm Minh Chính", "final"],
      [168, null, "Quyết định", "Thủ tướng Chính phủ", "Phạm Minh Chính", "final"],
      [482, null, "Báo cáo", null, null, "final"],
      [705, null, "Quyết định", "Ủy ban Quốc gia về chuyển đổi số", "Phạm Minh Chính", "draft"],
      [1192, "749/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "Nguyễn Xuân Phúc", "final"],
      [1765, "942/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "Vũ Đức Đam", "final"],
      [2419, null, "Quyết định", "Thủ tướng Chính phủ", "Phạm Minh Chính", "draft"],
    ]);
    expect(docs.map((d) => d.meta.issuedDate)).toEqual([null, null, null, "2021-11-28", null, "2020-06-03", "2021-06-15", null]);
    expect(docs[1]!.meta.title).toBe("Quyết định kiện toàn và đổi tên Ủy ban Quốc gia về Chính phủ điện tử");
    expect(docs[3]!.meta.title).toBe("Báo cáo tóm tắt đề xuất Kế hoạch chuyển đổi số năm 2022");
    expect(docs[6]!.meta.title).toBe("Quyết định phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, định hướng đến năm 2030");
  });
});

// ---------------------------------------------------------------------------------------------
// Pieces

describe("sentence case keeps proper names, numbers and acronyms", () => {
  it.each([
    ["PHÁT TRIỂN HẠ TẦNG 5G, IOT TRÊN ĐỊA BÀN THÀNH PHỐ HÀ NỘI ĐẾN NĂM 2030", "phát triển hạ tầng 5G, IoT trên địa bàn thành phố Hà Nội đến năm 2030"],
    ["TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ", "triển khai Quyết định số 06/QĐ-TTg của Thủ tướng Chính phủ"],
    ["CẮT GIẢM TTHC, ĐKKD CỦA BỘ KHOA HỌC VÀ CÔNG NGHỆ", "cắt giảm TTHC, ĐKKD của Bộ Khoa học và Công nghệ"],
    ["CHI TRẢ AN SINH XÃ HỘI CHO CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG", "chi trả an sinh xã hội cho các tỉnh, thành phố trực thuộc Trung ương"],
    ["Về việc phê duyệt Danh sách", "Về việc phê duyệt Danh sách"],
  ])("%s", (input, output) => expect(sentenceCase(input)).toBe(output));

  it.each([
    ["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"],
    ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"],
    ["BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"],
    ["THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"],
    ["CỤC CHUYỂN ĐỔI SỐ QUỐC GIA", "Cục Chuyển đổi số quốc gia"],
    ["BAN CHỈ ĐẠO TRUNG ƯƠNG VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ", "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ"],
  ])("issuer %s", (input, output) => expect(sentenceCaseIssuer(input)).toBe(output));

  it("a PDF signature block: recipients and the signer's title side by side, the name on the title's line or after the list", () => {
    const head = LAYOUTS["PDF text, agency and motto on one line"]!.split("\n").slice(0, 6);
    const body = ["Căn cứ Luật Tổ chức chính quyền địa phương;", "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026."];
    const a = [...head, ...body, "Nơi nhận: KT. CHỦ TỊCH", "- Như Điều 1; PHÓ CHỦ TỊCH", "- Lưu: VT.", "Lê Văn An"].join("\n");
    const b = [...head, ...body, "Nơi nhận:", "- Như Điều 1;", "- Lưu: VT.", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn An"].join("\n");
    expect([a, b].map((t) => parseFile("qd.txt", t)[0]!.meta.signer)).toEqual(["Lê Văn An", "Lê Văn An"]);
  });

  it("a parent agency over the unit that issues: the unit is the issuer", () => {
    const text = ["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 88/KH-CĐSQG", "Hà Nội, ngày 2 tháng 6 năm 2026", "KẾ HOẠCH", "ĐÀO TẠO KỸ NĂNG SỐ", "I. MỤC TIÊU"].join("\n");
    expect(parseFile("kh.txt", text)[0]!.meta).toMatchObject({ issuer: "Cục Chuyển đổi số quốc gia", title: "Kế hoạch đào tạo kỹ năng số", type: "Kế hoạch" });
  });

  it("a sentence-case trích yếu under a bare type line is the title, and no task", async () => {
    const { extractTasks } = await import("../src/tasks/extract.ts");
    const text = ["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Số: 45/KH-UBND", "An Giang, ngày 10 tháng 3 năm 2026", "KẾ HOẠCH", "Triển khai nền tảng số dùng chung năm 2026", "I. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ chủ trì tập huấn kỹ năng số."].join("\n");
    const d = parseFile("kh.md", text)[0]!;
    d.meta.id = "kh-45";
    expect(d.meta.title).toBe("Kế hoạch triển khai nền tảng số dùng chung năm 2026");
    expect(extractTasks(d).tasks.map((t) => t.text)).toEqual(["Sở Nội vụ chủ trì tập huấn kỹ năng số."]);
  });

  it("no agency lines: the issuer the preamble names before 'ban hành' (short name when it gives one), else none", () => {
    const plan = (preamble: string) => ["Số 05-KH/BCĐ", "KẾ HOẠCH", "triển khai nền tảng số", preamble, "I. MỤC TIÊU", "1. Mục tiêu chung"].join("\n");
    const issuer = (preamble: string) => parseFile("kh.txt", plan(preamble))[0]!.meta.issuer;
    expect(issuer("Căn cứ Quyết định số 10-QĐ/TW, Ban Chỉ đạo tỉnh về chuyển đổi số (sau đây gọi tắt là Ban Chỉ đạo tỉnh) ban hành Kế hoạch như sau:")).toBe("Ban Chỉ đạo tỉnh");
    expect(issuer("Thực hiện Nghị quyết số 57-NQ/TW, Ủy ban nhân dân huyện Mỹ Đức ban hành Kế hoạch triển khai như sau:")).toBe("Ủy ban nhân dân huyện Mỹ Đức");
    expect(issuer("Thực hiện Nghị quyết số 57-NQ/TW, các cơ quan triển khai kế hoạch như sau:")).toBeNull();
  });
});

describe("header lines from wrapped, marked-up source", () => {
  it("rejoins cells wrapped mid-phrase and strips emphasis, tags and footnote marks", () => {
    const src = ["|", "**THỦ", "TƯỚNG CHÍNH PHỦ**", "-------", "|", "*Hà Nội, ngày 18", "tháng 11 năm 2025*", "|", "Số:", "163/2025/QĐ-CTUBND", "|"];
    expect(textUnits(src, 1, src.length).map((u) => [u.text, u.line, u.endLine])).toEqual([
      ["THỦ TƯỚNG CHÍNH PHỦ", 2, 3],
      ["Hà Nội, ngày 18 tháng 11 năm 2025", 6, 7],
      ["Số: 163/2025/QĐ-CTUBND", 9, 10],
    ]);
    expect(cleanMarkup("**Điều 1. **Ban hành<sup>2</sup> kế hoạch[3] &amp; <b>phụ lục</b>")).toBe("Điều 1. Ban hành kế hoạch & phụ lục");
  });

  it("reads số hiệu with and without the number", () => {
    expect(docNumberOf("Số: 220/CĐ-TTg")).toEqual({ number: "220/CĐ-TTg" });
    expect(docNumberOf("Số 02-KH/BCĐTW")).toEqual({ number: "02-KH/BCĐTW" });
    expect(docNumberOf("Số:   /NQ-CP")).toEqual({ number: null });
    expect(docNumberOf("Số: …/KH-UBND")).toEqual({ number: null });
    expect(docNumberOf("Số lượng hồ sơ: 120")).toBeNull();
  });

  it("reads the type a số hiệu names; a công văn's số hiệu names its issuer instead", () => {
    expect(["Số: 220/CĐ-TTg", "Số: 163/2025/QĐ-CTUBND", "Số 02-KH/BCĐTW", "Số:   /NQ-CP", "Số: 72/2025/QH15", "Số: 15/TTr-STC", "Số: 4085/UBND-ĐT", "Số: 15972/SXD-QLN"].map(typeOfNumber)).toEqual([
      "Công điện", "Quyết định", "Kế hoạch", "Nghị quyết", "Luật", "Tờ trình", "Công văn", "Công văn",
    ]);
    // No type word, no "V/v", no "Kính gửi": the số hiệu alone says công văn; no trích yếu gives a warning.
    const d = parseFile("cv.txt", ["SỞ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 77/STC-NS", "Đà Lạt, ngày 5 tháng 5 năm 2026", "Sở Tài chính đề nghị các đơn vị gửi báo cáo trước ngày 15/5/2026."].join("\n"))[0]!;
    expect(d.meta).toMatchObject({ type: "Công văn", number: "77/STC-NS", title: "Công văn 77/STC-NS", issuer: "Sở Tài chính", issuedDate: "2026-05-05" });
    expect(d.warnings.some((w) => /no trích yếu/.test(w))).toBe(true);
  });

  it("reads a legal database's attribute box where a copied page lost the document's own header", () => {
    const text = ["#", "**Số hiệu:**", "|", "77/STC-NS", "|", "|", "**Loại văn bản:**", "|", "Công văn", "|", "**Nơi ban hành:**", "|", "Sở Tài chính tỉnh An Phú", "|", "**Người ký:**", "|", "Nguyễn Văn A", "|", "**Ngày ban hành:**", "|", "05/05/2026", "|", "**Tình trạng:**", "|", "Đã biết", "|", "**Kính gửi:**", "|", "- Các phòng thuộc Sở;", "", "Sở Tài chính đề nghị các phòng gửi báo cáo quyết toán năm 2025 trước ngày 15/5/2026 để tổng hợp."].join("\n");
    const d = parseFile("cv-77.txt", text)[0]!;
    expect(d.meta).toMatchObject({ type: "Công văn", number: "77/STC-NS", issuer: "Sở Tài chính tỉnh An Phú", issuedDate: "2026-05-05", signer: "Nguyễn Văn A" });
    // A value of the wrong shape is not read: "Ngày ban hành: Đã biết", "Số hiệu: (chưa có)".
    const e = parseFile("cv-78.txt", ["**Số hiệu:**", "|", "(chưa có)", "|", "**Ngày ban hành:**", "|", "Đã biết", "|", "Sở Tài chính đề nghị các phòng gửi báo cáo quyết toán năm 2025 trước ngày 15/5/2026 để tổng hợp."].join("\n"))[0]!;
    expect(e.meta.number).toBeNull();
    expect(e.meta.issuedDate).toBeNull();
  });
});
