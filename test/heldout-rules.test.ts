// Rules the held-out questions taught (test/eval/README.md), each on its own: written here on synthetic phrasings,
// not the held-out items themselves.
import { describe, expect, it } from "vitest";
import { answerKinds, carries } from "../src/answer/answer-type.ts";
import { understand } from "../src/answer/understand.ts";
import { questionUnits } from "../src/answer/units.ts";
import { expandAbbreviations } from "../src/text/tokenize.ts";
import { lacksPart, ordinalAsked } from "../src/answer/passages.ts";
import { inSection, sectionAsked } from "../src/answer/sections.ts";
import { buildKnowledge } from "./helpers/knowledge.ts";

describe("reading the question", () => {
  it("a số hiệu's issuer code is no agency: 'Kế hoạch 45/KH-UBND', '12/2026/QĐ-UBND'", () => {
    expect(understand("Các hợp tác xã có trách nhiệm gì trong Kế hoạch 45/KH-UBND?").agencies).toEqual([]);
    expect(understand("Theo 12/2026/QĐ-UBND, Sở Y tế làm gì?").agencies.map((a) => a.name)).toEqual([]);
    // The body itself, written out, still is one.
    expect(understand("UBND tỉnh An Phú giao việc gì?").agencies.length).toBeGreaterThan(0);
  });

  it("a local body's name ends at its place; a unit's name at 'ở', 'nhiệm vụ'", () => {
    expect(questionUnits("Việc đề xuất UBND Thành phố điều chỉnh kế hoạch là khi nào?")).toEqual(["Ủy ban nhân dân"]);
    expect(questionUnits("UBND xã, phường ở An Phú được giao những việc gì?")).toEqual(["Ủy ban nhân dân xã, phường"]);
    expect(questionUnits("Kế hoạch giao Tổng Công ty Điện lực nhiệm vụ gì?")).toEqual(["Tổng Công ty Điện lực"]);
  });

  it("'… vào ngày nào?' asks for a day of the calendar, which 'định kỳ hằng năm' does not give; 'trước ngày nào?' a deadline", () => {
    expect(answerKinds("hội nghị được tổ chức vào ngày nào?")).toEqual(["day", "time"]);
    expect(answerKinds("quyết định lấy ngày nào hằng năm làm ngày truyền thống?")).toContain("day");
    expect(answerKinds("báo cáo phải gửi trước ngày nào?")).toEqual(["time"]);
    expect(carries("day", "định kỳ hằng năm, giữa nhiệm kỳ, 05 năm")).toBe(false);
    expect(carries("day", "tổ chức vào ngày 10/10 hằng năm")).toBe(true);
    expect(carries("day", "khai mạc ngày 21 tháng 3")).toBe(true);
  });

  it("'mốc nào', 'thời điểm nào' ask for a time; 'Khi có phát sinh' is one", () => {
    expect(answerKinds("mốc nào để 100% hồ sơ được số hóa?")).toContain("time");
    expect(answerKinds("việc đó làm vào thời điểm nào?")).toContain("time");
    expect(understand("việc đó làm vào thời điểm nào?").asks.has("deadline")).toBe(true);
    expect(carries("time", "Thời gian thực hiện: Khi có phát sinh")).toBe(true);
    expect(carries("time", "Nội dung phát sinh trong quá trình thực hiện")).toBe(false);
  });
});

const DECISION = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 12/2026/QĐ-UBND

An Phú, ngày 03 tháng 02 năm 2026

QUYẾT ĐỊNH

Ban hành Quy chế vận hành Cổng dữ liệu mở của tỉnh

Điều 1. Các sở, ban, ngành có trách nhiệm cập nhật dữ liệu mở lên Cổng dữ liệu mở của tỉnh trước ngày 15 hằng tháng.

Điều 2. Sở Khoa học và Công nghệ bảo đảm Cổng dữ liệu mở hoạt động thông suốt 24/7, hoàn thành nâng cấp trong quý III/2026.

Điều 3. Quyết định này có hiệu lực kể từ ngày 15 tháng 02 năm 2026.

Nơi nhận:
- Các sở, ban, ngành;
- Sở Khoa học và Công nghệ;
- Lưu: VT.
`;

describe("answering from the text", () => {
  it("answers the effective date from the sentence about it, not another date; a recipients list answers nothing", async () => {
    const k = await buildKnowledge([{ name: "qd-12-2026-ubnd-an-phu.txt", text: DECISION }]);
    const eff = await k.answer({ message: "Quy chế vận hành Cổng dữ liệu mở của tỉnh có hiệu lực từ ngày nào?" });
    expect(eff.answer).toMatch(/15 tháng 02 năm 2026|15\/02\/2026|15\/2\/2026/);
    expect(eff.answer).not.toContain("quý III/2026");
    const none = await k.answer({ message: "Ứng dụng di động của Cổng dữ liệu mở có hiệu lực từ ngày nào?" });
    expect(none.answer).not.toContain("quý III/2026");
    const who = await k.answer({ message: "Những cơ quan nào nhận Quyết định vận hành Cổng dữ liệu mở?" });
    expect(who.answer).not.toMatch(/Nơi nhận/);
  });
});

const PHASES = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 30/KH-UBND

An Phú, ngày 03 tháng 3 năm 2026

KẾ HOẠCH

Chuyển đổi số trong quản lý đất đai năm 2026

II. NHIỆM VỤ

### **\\* Giai đoạn từ nay đến ngày 30/6/2026**

a) Sở Nông nghiệp và Môi trường chủ trì chuyển đổi dữ liệu đất đai sang hệ thống mới, bảo đảm không gián đoạn dịch vụ từ ngày 01/7/2026.

b) Sở Tài chính bố trí kinh phí thực hiện.

### **\\* Giai đoạn từ ngày 01/7/2026 đến ngày 31/12/2026**

a) Sở Nông nghiệp và Môi trường khai thác dữ liệu đất đai trên hệ thống mới.
`;

describe("a date the item starts from is not its deadline", () => {
  it("answers with the phase heading's date, quoted and cited", async () => {
    // (Markdown, as plans converted from Word are: the phases are headings.)
    const k = await buildKnowledge([{ name: "kh-30-ubnd-an-phu-2026.md", text: PHASES }]);
    const a = await k.answer({ message: "Việc chuyển đổi dữ liệu đất đai sang hệ thống mới phải hoàn thành trong thời hạn nào?" });
    expect(a.answer).toContain("30/6/2026");
    expect(JSON.stringify(a.citations)).toContain("30/6/2026");
  });
});

describe("local government levels written one way", () => {
  it("'UBND cấp xã' is the texts' 'UBND các xã, phường' and 'Ủy ban nhân dân xã, phường, đặc khu'; not the province's", async () => {
    const { leadIsUnit } = await import("../src/answer/units.ts");
    expect(leadIsUnit("UBND các xã, phường", "Ủy ban nhân dân cấp xã")).toBe(true);
    expect(leadIsUnit("Ủy ban nhân dân xã, phường, đặc khu", "Ủy ban nhân dân cấp xã")).toBe(true);
    expect(leadIsUnit("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "Ủy ban nhân dân cấp xã")).toBe(false);
    expect(leadIsUnit("Sở Tài chính", "Sở Xây dựng")).toBe(false);
  });
});

const many = (n: number) => `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 5${n}/KH-UBND

An Phú, ngày 03 tháng 3 năm 2026

KẾ HOẠCH

Phát triển thương mại điện tử năm 2026

II. TỔ CHỨC THỰC HIỆN

1. Sở Công Thương:

${Array.from({ length: n }, (_, i) => `${String.fromCharCode(97 + i)}) Tổ chức hội chợ thương mại điện tử số ${i + 1} cho sản phẩm vùng ${i + 1}.`).join("\n\n")}
`;

describe("a list a few items over the cap", () => {
  it("is shown whole; a longer one is cut with the count of the rest", async () => {
    const k14 = await buildKnowledge([{ name: "kh-514-ubnd-an-phu-2026.txt", text: many(14) }]);
    const a = await k14.answer({ message: "Sở Công Thương được giao những nhiệm vụ gì?" });
    expect(a.answer).toContain("hội chợ thương mại điện tử số 14");
    expect(a.answer).not.toMatch(/nhiệm vụ khác/);
    const k20 = await buildKnowledge([{ name: "kh-520-ubnd-an-phu-2026.txt", text: many(20) }]);
    const b = await k20.answer({ message: "Sở Công Thương được giao những nhiệm vụ gì?" });
    expect(b.answer).toMatch(/… và \d+ nhiệm vụ khác/);
  });
});

const PLAN = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 45/QĐ-UBND

An Phú, ngày 10 tháng 4 năm 2026

QUYẾT ĐỊNH

Ban hành Kế hoạch triển khai Quyết định số 12/QĐ-TTg của Thủ tướng Chính phủ

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai Đề án xây dựng cơ sở dữ liệu quốc gia về đất đai trên địa bàn tỉnh.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

KẾ HOẠCH

TRIỂN KHAI ĐỀ ÁN XÂY DỰNG CƠ SỞ DỮ LIỆU QUỐC GIA VỀ ĐẤT ĐAI

II. TỔ CHỨC THỰC HIỆN

1. Sở Nông nghiệp và Môi trường

- Tham mưu UBND tỉnh báo cáo Bộ Nông nghiệp và Môi trường tình hình thực hiện Đề án hằng năm.

- Tổ chức triển khai xây dựng hạ tầng số trong các khu công nghiệp, cụm công nghiệp theo quy hoạch.

2. Sở Tài chính

- Bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách nhà nước.
`;

describe("words that name the document, abbreviations of zones, a follow-up in the earlier question's words", () => {
  it("'về X' naming the numbered document's plan is not the task's topic; a task about another X is still refused", async () => {
    const k = await buildKnowledge([{ name: "qd-45-ubnd-an-phu-2026.txt", text: PLAN }]);
    const first = "Trong QĐ 45, ai tham mưu UBND tỉnh báo cáo Bộ Nông nghiệp và Môi trường tình hình thực hiện Đề án CSDL quốc gia về đất đai?";
    const a = await k.answer({ message: first });
    expect(a.answer).toMatch(/^Theo Quyết định 45\/QĐ-UBND: Sở Nông nghiệp và Môi trường chủ trì/);
    // The follow-up repeats the earlier question's words ("báo cáo") and asks how often.
    const b = await k.answer({ message: "Bao lâu báo cáo một lần?", history: [{ role: "user", content: first }, { role: "assistant", content: a.answer }] });
    expect(b.answer).toMatch(/hằng năm/i);
    expect(b.citations[0]?.section).toBe(a.citations[0]?.section);
    // Not numbered, and "dân cư" is in no title: the đất đai plan's task does not answer it.
    const other = await k.answer({ message: "Ai báo cáo tình hình thực hiện Đề án cơ sở dữ liệu quốc gia về dân cư?" });
    expect(other.answer).not.toContain("Sở Nông nghiệp và Môi trường");
  });

  it("KCN, KCNC, CCN, NSNN are read as their long forms", async () => {
    const k = await buildKnowledge([{ name: "qd-45-ubnd-an-phu-2026.txt", text: PLAN }]);
    expect(expandAbbreviations("trong các KCNC, KCN, CCN và KKT")).toBe("trong các KCNC khu công nghệ cao, KCN khu công nghiệp, CCN cụm công nghiệp và KKT khu kinh tế");
    expect(expandAbbreviations("nguồn NSNN")).toBe("nguồn NSNN ngân sách nhà nước");
    const a = await k.answer({ message: "Đơn vị nào xây dựng hạ tầng số trong KCN, CCN?" });
    expect(a.answer).toMatch(/Sở Nông nghiệp và Môi trường chủ trì/);
    const b = await k.answer({ message: "Ai bố trí kinh phí từ NSNN?" });
    expect(b.answer).toMatch(/Sở Tài chính chủ trì/);
  });

  it("'bao lâu … một lần', 'mấy lần', 'tần suất' ask for a (recurring) deadline; a question with new words is no follow-up", () => {
    expect(understand("Bao lâu báo cáo một lần?").asks.has("deadline")).toBe(true);
    expect(understand("Tần suất cập nhật dữ liệu?").asks.has("deadline")).toBe(true);
    expect(understand("Mất bao lâu để cấp phép?").asks.has("deadline")).toBe(false);
    const prev = [{ role: "user" as const, content: "Ai tham mưu báo cáo Bộ Tài chính tình hình thực hiện Đề án?" }];
    expect(understand("Bao lâu báo cáo một lần?", prev).followUp).toBe(true);
    expect(understand("Kinh phí thuê chuyên gia?", prev).followUp).toBe(false);
  });
});

const STRATEGY = `THỦ TƯỚNG CHÍNH PHỦ

Số: 77/QĐ-TTg

Hà Nội, ngày 05 tháng 5 năm 2026

QUYẾT ĐỊNH

Phê duyệt Chiến lược phát triển dữ liệu mở và xã hội dữ liệu đến năm 2030

Điều 1. Phê duyệt Chiến lược phát triển dữ liệu mở và xã hội dữ liệu đến năm 2030 với các nội dung sau:

I. QUAN ĐIỂM

1. Phát triển xã hội dữ liệu là nhiệm vụ trọng tâm của các bộ, ngành, địa phương trong giai đoạn tới.

2. Xã hội dữ liệu trở thành động lực phát triển kinh tế, xã hội dữ liệu gắn với người dân.

II. YÊU CẦU

- Công khai, minh bạch: Dữ liệu mở được công bố đúng hạn. Mọi cơ quan phải cập nhật dữ liệu hằng quý, lấy mức độ sử dụng của người dân làm thước đo.

- Đồng bộ, thống nhất: Các bộ, ngành triển khai theo một khung chung.

III. NỘI DUNG

1. Xã hội dữ liệu

Xã hội dữ liệu là xã hội trong đó người dân, doanh nghiệp và cơ quan nhà nước chia sẻ và khai thác dữ liệu một cách an toàn, mặc định.

IV. NGUYÊN TẮC

Các cơ quan nhà nước công bố dữ liệu theo nguyên tắc ưu tiên dữ liệu mở mặc định (Open by Default), bảo đảm an toàn thông tin.
`;

describe("definitions inside a named document", () => {
  it("a term its title holds is still found and defined when the document is named", async () => {
    const k = await buildKnowledge([{ name: "qd-77-ttg-2026.txt", text: STRATEGY }]);
    const a = await k.answer({ message: "Theo Chiến lược phát triển dữ liệu mở và xã hội dữ liệu, xã hội dữ liệu được hiểu là gì?" });
    expect(a.answer).toContain("chia sẻ và khai thác dữ liệu một cách an toàn");
  });

  it("a quoted requirement defined by a label is quoted whole; a quoted phrase only used in the text still finds its passage", async () => {
    const k = await buildKnowledge([{ name: "qd-77-ttg-2026.txt", text: STRATEGY }]);
    const a = await k.answer({ message: "Yêu cầu “công khai, minh bạch” trong Quyết định 77/QĐ-TTg được hiểu như thế nào?" });
    expect(a.answer).toContain("lấy mức độ sử dụng của người dân làm thước đo");
    expect(a.answer).not.toContain("Đồng bộ, thống nhất");
    const b = await k.answer({ message: "Nguyên tắc \"Open by Default\" trong Chiến lược được hiểu thế nào?" });
    expect(b.answer).toContain("ưu tiên dữ liệu mở mặc định");
  });
});

const REGULATION = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 21/QĐ-UBND

An Phú, ngày 12 tháng 6 năm 2026

QUYẾT ĐỊNH

Ban hành Quy chế tiếp nhận hồ sơ thủ tục hành chính điện tử

Điều 1. Ban hành kèm theo Quyết định này Quy chế tiếp nhận hồ sơ thủ tục hành chính điện tử.

QUY CHẾ

(Kèm theo Quyết định số 21/QĐ-UBND ngày 12 tháng 6 năm 2026 của Ủy ban nhân dân tỉnh)

Điều 5. Tra cứu và lưu trữ hồ sơ

1. Tra cứu tình trạng hồ sơ

a) Tra cứu trực tuyến trên Cổng Dịch vụ công của tỉnh qua mã hồ sơ;

b) Tra cứu thông qua mã QR in trên giấy tiếp nhận;

c) Tra cứu trực tiếp tại quầy của Trung tâm Phục vụ hành chính công tỉnh.

2. Hồ sơ điện tử được nộp lưu vào Lưu trữ cơ quan theo quy định tại Thông tư số 13/2023/TT-BNV ngày 31/8/2023 của Bộ Nội vụ.

Điều 6. Trách nhiệm thi hành

1. Sở Khoa học và Công nghệ: Thực hiện công tác quản lý nhà nước về hệ thống thông tin giải quyết thủ tục hành chính; tham mưu UBND tỉnh triển khai hệ thống phù hợp với Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2050 được phê duyệt tại Quyết định số 88/QĐ-TTg ngày 10/02/2024 của Thủ tướng Chính phủ; phối hợp với các sở, ngành rà soát, nâng cấp hệ thống thông tin giải quyết thủ tục hành chính của tỉnh hoàn thành trong quý IV/2026.

2. Văn phòng UBND tỉnh: Theo dõi việc số hóa 100% hồ sơ tiếp nhận; kết quả là báo cáo định kỳ gửi UBND tỉnh.
`;

describe("facts read from a regulation", () => {
  it("a heading's list answers 'bằng những cách nào' with all its items", async () => {
    const k = await buildKnowledge([{ name: "qd-21-ubnd-an-phu-2026.txt", text: REGULATION }]);
    const a = await k.answer({ message: "Theo Quyết định 21/QĐ-UBND, người dân tra cứu tình trạng hồ sơ bằng những cách nào?" });
    for (const w of ["mã hồ sơ", "mã QR", "quầy của Trung tâm Phục vụ hành chính công"]) expect(a.answer).toContain(w);
  });

  it("'tối thiểu bao nhiêu năm' is not answered by a sentence whose only numbers are a referenced text's number and date", async () => {
    const k = await buildKnowledge([{ name: "qd-21-ubnd-an-phu-2026.txt", text: REGULATION }]);
    const a = await k.answer({ message: "Theo Quyết định 21/QĐ-UBND, hồ sơ điện tử phải được lưu trữ tối thiểu bao nhiêu năm?" });
    expect(a.answer).not.toContain("31/8/2023");
    expect(a.answer).toMatch(/không tìm thấy|không nêu/i);
  });

  it("a referenced text's date and a plan's 'thời kỳ …, tầm nhìn đến …' are no deadline; the clause holding the deadline is quoted", async () => {
    const k = await buildKnowledge([{ name: "qd-21-ubnd-an-phu-2026.txt", text: REGULATION }]);
    const a = await k.answer({ message: "Sở Khoa học và Công nghệ phải hoàn thành nâng cấp hệ thống thông tin giải quyết thủ tục hành chính khi nào?" });
    expect(a.answer).toContain("quý IV/2026");
    expect(a.answer).not.toMatch(/10\/02\/2024|tầm nhìn đến năm 2050”/);
  });

  it("a '100%' that names the task does not make an output question a target question", async () => {
    const k = await buildKnowledge([{ name: "qd-21-ubnd-an-phu-2026.txt", text: REGULATION }]);
    expect(understand("Nhiệm vụ theo dõi việc số hóa 100% hồ sơ có kết quả là gì?").intent).toBe("output");
    expect(understand("Tỷ lệ hồ sơ được số hóa đạt bao nhiêu %?").intent).toBe("target");
    const a = await k.answer({ message: "Nhiệm vụ theo dõi việc số hóa 100% hồ sơ tiếp nhận có kết quả là gì?" });
    expect(a.answer).toMatch(/báo cáo định kỳ/);
  });
});

describe("a phone number asked for", () => {
  it("'tổng đài', 'đường dây nóng', 'số điện thoại' ask for one; a year, a date or '24/7' is none", () => {
    expect(answerKinds("Số tổng đài hỗ trợ người dân là số nào?")).toContain("phone");
    expect(answerKinds("Đường dây nóng của Sở là gì?")).toContain("phone");
    expect(carries("phone", "Đường dây nóng: 1800 1096 (miễn phí)")).toBe(true);
    expect(carries("phone", "Điện thoại: (0292) 3 820 123")).toBe(true);
    expect(carries("phone", "Bảo đảm hệ thống hoạt động 24/7 trong năm 2026, trước ngày 30/6/2026")).toBe(false);
    expect(carries("phone", "theo Quyết định số 1234/QĐ-UBND")).toBe(false);
  });

  it("answers with the line that holds the number, and says not found when no text near the topic holds one", async () => {
    const text = `${REGULATION}\nĐiều 7. Hỗ trợ người dân\n\nTrung tâm Phục vụ hành chính công tỉnh bố trí đường dây nóng 1800 1096 hỗ trợ người dân 24/7.\n`;
    const k = await buildKnowledge([{ name: "qd-21-ubnd-an-phu-2026.txt", text }]);
    const a = await k.answer({ message: "Đường dây nóng hỗ trợ người dân của Trung tâm Phục vụ hành chính công tỉnh là số nào?" });
    expect(a.answer).toContain("1800 1096");
    const k2 = await buildKnowledge([{ name: "qd-21-ubnd-an-phu-2026.txt", text: REGULATION }]);
    const b = await k2.answer({ message: "Số tổng đài hỗ trợ tra cứu hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh là số nào?" });
    expect(b.answer).toMatch(/không tìm thấy|không nêu/i);
  });
});

const SYSTEM = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 33/QĐ-UBND

An Phú, ngày 02 tháng 7 năm 2026

QUYẾT ĐỊNH

Ban hành Quy chế vận hành Hệ thống một cửa điện tử của tỉnh

Điều 1. Ban hành kèm theo Quyết định này Quy chế vận hành Hệ thống một cửa điện tử.

Điều 2. Giải thích từ ngữ

Dữ liệu mở bao gồm: dữ liệu mở cấp tỉnh là dữ liệu do các sở công bố; dữ liệu mở cấp xã là dữ liệu do Ủy ban nhân dân xã công bố; dữ liệu mở doanh nghiệp là dữ liệu do doanh nghiệp tự nguyện chia sẻ.

Điều 3. Mô hình phục vụ

Thống nhất trải nghiệm cho người dân: thiết lập mô hình hai thành phần: (1) Ứng dụng An Phú Số là điểm truy cập duy nhất trên điện thoại. (2) Cổng Dịch vụ công của tỉnh là một cửa số duy nhất để nộp hồ sơ.

Điều 4. Các chức năng hỗ trợ trên Hệ thống một cửa điện tử

1. Chức năng tra cứu tình trạng hồ sơ.

2. Chức năng thanh toán trực tuyến phí, lệ phí.

3. Chức năng gửi kết quả qua dịch vụ bưu chính công ích.

Điều 5. Tổ chức thực hiện

1. Sở Tài chính: Triển khai Chương trình hỗ trợ số hóa cho tối thiểu 40% hộ kinh doanh trên địa bàn tỉnh; thực hiện theo Kế hoạch số 12-KH/TU ngày 19 tháng 6 năm 2026 của Tỉnh ủy và các văn bản hướng dẫn có liên quan của các bộ, ngành trung ương.
`;

describe("lists, parts and figures read whole", () => {
  it("'X bao gồm những thành phần nào?' is answered by 'X bao gồm: …'; an enumeration '(1) … (2) …' keeps its parts", async () => {
    const k = await buildKnowledge([{ name: "qd-33-ubnd-an-phu-2026.txt", text: SYSTEM }]);
    const a = await k.answer({ message: "Theo Quyết định 33/QĐ-UBND, dữ liệu mở bao gồm những thành phần nào?" });
    for (const w of ["dữ liệu mở cấp tỉnh", "dữ liệu mở cấp xã", "dữ liệu mở doanh nghiệp"]) expect(a.answer).toContain(w);
    const b = await k.answer({ message: "Mô hình hai thành phần để thống nhất trải nghiệm cho người dân gồm những gì?" });
    expect(b.answer).toContain("Ứng dụng An Phú Số");
    expect(b.answer).toContain("Cổng Dịch vụ công của tỉnh");
  });

  it("'những chức năng hỗ trợ nào' asks for the functions, not for who supports", async () => {
    expect(understand("Hệ thống có những chức năng hỗ trợ nào?").asks.has("coordinators")).toBe(false);
    expect(understand("Cơ quan nào hỗ trợ Sở Tài chính?").asks.has("coordinators")).toBe(true);
    const k = await buildKnowledge([{ name: "qd-33-ubnd-an-phu-2026.txt", text: SYSTEM }]);
    const a = await k.answer({ message: "Hệ thống một cửa điện tử của tỉnh có những chức năng hỗ trợ nào?" });
    for (const w of ["tra cứu tình trạng hồ sơ", "thanh toán trực tuyến", "bưu chính công ích"]) expect(a.answer).toContain(w);
  });

  it("a figure and its lead asked together are answered from the task that holds both; a cut quote never ends inside a date", async () => {
    const k = await buildKnowledge([{ name: "qd-33-ubnd-an-phu-2026.txt", text: SYSTEM }]);
    const a = await k.answer({ message: "Chương trình hỗ trợ số hóa cho tối thiểu bao nhiêu phần trăm hộ kinh doanh, sở nào chủ trì?" });
    expect(a.answer).toContain("40%");
    expect(a.answer).toContain("Sở Tài chính");
    expect(a.answer).not.toMatch(/ngày 19 tháng 6…|ngày 19…/);
  });
});

const DUTIES = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 34/QĐ-UBND

An Phú, ngày 09 tháng 7 năm 2026

QUYẾT ĐỊNH

Ban hành Quy chế quản lý Hệ thống hóa đơn điện tử của tỉnh

Điều 8. Trách nhiệm của đơn vị cung cấp dịch vụ hạ tầng

1. Tổ chức tập huấn cho các cơ quan sử dụng hệ thống.

2. Thông báo bằng văn bản cho các cơ quan trước khi bảo trì hệ thống.

3. Chỉnh sửa, bổ sung các chức năng của hệ thống theo yêu cầu của Sở Tài chính.

PHỤ LỤC

| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Bảo đảm kinh phí vận hành hệ thống do doanh nghiệp đầu tư | Doanh nghiệp, nhà đầu tư | Sở Tài chính, Sở Công Thương | Thường xuyên |
`;

describe("duties under an article naming who holds them, and a lead written as a class of bodies", () => {
  it("'Thông báo …', 'Chỉnh sửa …' are duties of the article's body", async () => {
    const k = await buildKnowledge([{ name: "qd-34-ubnd-an-phu-2026.txt", text: DUTIES }]);
    const a = await k.answer({ message: "Ai phải chỉnh sửa, bổ sung các chức năng của hệ thống hóa đơn điện tử theo yêu cầu của Sở Tài chính?" });
    expect(a.answer).toMatch(/đơn vị cung cấp dịch vụ hạ tầng chủ trì/i);
    const b = await k.answer({ message: "Ai thông báo cho các cơ quan trước khi bảo trì hệ thống?" });
    expect(b.answer).toMatch(/đơn vị cung cấp dịch vụ hạ tầng chủ trì/i);
  });

  it("a table row whose lead is a class of bodies answers a question about its coordinators", async () => {
    const k = await buildKnowledge([{ name: "qd-34-ubnd-an-phu-2026.txt", text: DUTIES }]);
    const a = await k.answer({ message: "Nhiệm vụ doanh nghiệp, nhà đầu tư bảo đảm kinh phí vận hành hệ thống có những cơ quan nào phối hợp?" });
    expect(a.answer).toContain("Sở Tài chính");
    expect(a.answer).toContain("Sở Công Thương");
  });
});

describe("a field asked that the task's text does not hold", () => {
  it("is said first as 'Không tìm thấy thông tin về …', then the task with 'văn bản không nêu …'", async () => {
    const k = await buildKnowledge([{ name: "qd-34-ubnd-an-phu-2026.txt", text: DUTIES }]);
    const a = await k.answer({ message: "Việc tổ chức tập huấn cho các cơ quan sử dụng hệ thống có cơ quan nào phối hợp?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin về cơ quan phối hợp của nhiệm vụ này trong văn bản:\n/);
    expect(a.answer).toContain("văn bản không nêu cơ quan phối hợp");
    expect(a.answer).toContain("Tổ chức tập huấn");
    // A field the task holds is stated, with no such line.
    const b = await k.answer({ message: "Nhiệm vụ bảo đảm kinh phí vận hành hệ thống có thời hạn thế nào?" });
    expect(b.answer).not.toMatch(/^Không tìm thấy/);
    expect(b.answer).toMatch(/thường xuyên/i);
  });
});

const RESULTS = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 35/KH-UBND

An Phú, ngày 14 tháng 8 năm 2026

KẾ HOẠCH

Phát triển mạng cảm biến trong các cụm công nghiệp của tỉnh

I. MỤC ĐÍCH

1. Mục đích

- Phát triển mạng cảm biến thông minh
bao gồm: Lắp đặt trạm quan trắc tự động; Kết nối dữ liệu cảm biến về Trung tâm điều hành thông minh của tỉnh; Xây dựng bản đồ số chất lượng không khí cho từng cụm công nghiệp.

- Là cơ sở để các sở, ngành tổ chức thực hiện.

II. NHIỆM VỤ

1. Xây dựng hạ tầng máy chủ tại Trung tâm điều hành thông minh của tỉnh đáp ứng an toàn hệ thống thông tin tối thiểu đạt cấp độ tương ứng.

2. Nâng cấp Cổng dịch vụ công của tỉnh bảo đảm an toàn hệ thống thông tin cấp độ 3.

3. Ưu tiên hoàn thiện 04 cơ sở dữ liệu chuyên ngành trọng yếu của tỉnh trong năm 2026.

4. Tích hợp 03 nền tảng dùng chung của tỉnh: nền tảng định danh, nền tảng thanh toán, nền tảng bản đồ số.

PHỤ LỤC

KẾT QUẢ KẾT NỐI DỮ LIỆU CẢM BIẾN

| STT | Cơ quan | Tổng số trạm phải kết nối | Số trạm đã kết nối | Số trạm chưa kết nối | Ghi chú dự phòng tạm thời theo thời gian | Tỷ lệ (%) |
|---|---|---|---|---|---|---|
| 1 | Sở Xây dựng | 48 | 30 | 18 | Không có ghi chú dự phòng nào được ghi nhận cho đợt kiểm tra này của sở | 62,50 |
| 2 | Sở Công Thương | 52 | 13 | 39 | Không có ghi chú dự phòng nào được ghi nhận cho đợt kiểm tra này của sở | 25,00 |
`;

describe("a unit quoted whole", () => {
  it("'X trong … gồm những nội dung gì?' is answered by 'X bao gồm: A; B; C.', every part of it", async () => {
    const k = await buildKnowledge([{ name: "kh-35-ubnd-an-phu-2026.txt", text: RESULTS }]);
    const a = await k.answer({ message: "Theo KH 35/KH-UBND, phát triển mạng cảm biến thông minh trong các cụm công nghiệp của tỉnh gồm những nội dung gì?" });
    for (const w of ["trạm quan trắc tự động", "Trung tâm điều hành thông minh", "bản đồ số chất lượng không khí"]) expect(a.answer).toContain(w);
  });

  it("a table row asked for several of its cells is quoted whole", async () => {
    const k = await buildKnowledge([{ name: "kh-35-ubnd-an-phu-2026.txt", text: RESULTS }]);
    const a = await k.answer({ message: "Theo phụ lục KH 35, Sở Công Thương phải kết nối bao nhiêu trạm, đã kết nối bao nhiêu và đạt tỷ lệ bao nhiêu %?" });
    for (const w of ["52", "13", "25,00"]) expect(a.answer).toContain(w);
    expect(a.answer).not.toContain("62,50");
  });
});

describe("a list asked for", () => {
  it("is not answered by a sentence that only counts its items; one that names them answers", async () => {
    const k = await buildKnowledge([{ name: "kh-35-ubnd-an-phu-2026.txt", text: RESULTS }]);
    const a = await k.answer({ message: "04 CSDL chuyên ngành trọng yếu của tỉnh được ưu tiên hoàn thiện trong năm 2026 gồm những CSDL nào?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin về danh sách cụ thể/);
    const b = await k.answer({ message: "03 nền tảng dùng chung của tỉnh được tích hợp gồm những nền tảng nào?" });
    expect(b.answer).toContain("nền tảng thanh toán");
    expect(b.answer).not.toMatch(/^Không tìm thấy/);
  });
});

describe("a lead asked of a passage that names no body", () => {
  it("says the lead is not found, with the passage, instead of quoting it as the answer", async () => {
    const k = await buildKnowledge([{ name: "qd-36-ubnd-an-phu-2026.txt", text: ROADMAP }]);
    const a = await k.answer({ message: "Theo QĐ 36, ai chủ trì số hóa hồ sơ địa chính và tích hợp vào hệ thống quốc gia?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin về cơ quan thực hiện/);
    expect(a.answer).toContain("Số hóa hồ sơ địa chính");
    const b = await k.answer({ message: "Ai chủ trì phối hợp xây dựng phần mềm của hệ thống thông tin đất đai quốc gia?" });
    expect(b.answer).toContain("Sở Nông nghiệp và Môi trường");
  });
});

describe("a part of a list asked by its rank", () => {
  it("'… thứ ba là gì?' is not answered by an enumeration '(1) …; (2) …' that stops at two", async () => {
    expect(ordinalAsked("Nền tảng thứ ba là nền tảng gì?")).toBe(3);
    expect(ordinalAsked("Phiên họp thứ 5 diễn ra khi nào?")).toBe(5);
    expect(ordinalAsked("Ai chủ trì nhiệm vụ này?")).toBeNull();
    expect(lacksPart("Triển khai 03 nền tảng: (1) Nền tảng A; (2) Nền tảng B.", 3)).toBe(true);
    expect(lacksPart("Triển khai 03 nền tảng: (1) Nền tảng A; (2) Nền tảng B; (3) Nền tảng C.", 3)).toBe(false);
    const k = await buildKnowledge([{ name: "kh-35-ubnd-an-phu-2026.txt", text: RESULTS.replace("4. Tích hợp 03 nền tảng dùng chung của tỉnh: nền tảng định danh, nền tảng thanh toán, nền tảng bản đồ số.", "4. Tích hợp 03 nền tảng dùng chung của tỉnh: (1) Nền tảng định danh; (2) Nền tảng thanh toán.") }]);
    const a = await k.answer({ message: "Kế hoạch 35 tích hợp 03 nền tảng dùng chung. Nền tảng thứ ba là nền tảng gì?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin/);
    const b = await k.answer({ message: "Kế hoạch 35 tích hợp 03 nền tảng dùng chung. Nền tảng thứ hai là nền tảng gì?" });
    expect(b.answer).toContain("Nền tảng thanh toán");
  });
});

describe("a numbered level asked for", () => {
  it("'cấp độ mấy?' is answered only by a sentence giving the level's number", async () => {
    expect(answerKinds("Hệ thống phải đạt an toàn thông tin cấp độ mấy?")).toContain("level");
    expect(carries("level", "đạt cấp độ tương ứng")).toBe(false);
    expect(carries("level", "bảo đảm an toàn hệ thống thông tin cấp độ 3")).toBe(true);
    const k = await buildKnowledge([{ name: "kh-35-ubnd-an-phu-2026.txt", text: RESULTS }]);
    const a = await k.answer({ message: "Hạ tầng máy chủ tại Trung tâm điều hành thông minh phải đạt an toàn hệ thống thông tin cấp độ mấy?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin/);
    expect(a.answer).not.toContain("cấp độ 3");
    const b = await k.answer({ message: "Cổng dịch vụ công của tỉnh phải bảo đảm an toàn hệ thống thông tin cấp độ mấy?" });
    expect(b.answer).toContain("cấp độ 3");
  });
});

const ROADMAP = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 36/QĐ-UBND

An Phú, ngày 02 tháng 9 năm 2026

QUYẾT ĐỊNH

Ban hành Kế hoạch xây dựng cơ sở dữ liệu đất đai của tỉnh

III. NHIỆM VỤ TRỌNG TÂM

Lộ trình chung cho việc chuyển đổi dữ liệu hiện có:

1. Hoàn thiện hạ tầng máy chủ và phần mềm quản lý dữ liệu đất đai của tỉnh, tùy điều kiện có thể tiến tới vận hành thử (2026 - 2027).

2. Số hóa hồ sơ địa chính và tích hợp vào hệ thống quốc gia (2026 - 2030).

PHỤ LỤC

| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Phối hợp xây dựng phần mềm của hệ thống thông tin đất đai quốc gia đáp ứng yêu cầu quản lý nhà nước | Sở Nông nghiệp và Môi trường | Các sở, ngành | Quý IV/2026 |
`;

describe("a passage that holds the question's words, over a task that holds part of them", () => {
  it("answers a roadmap item naming no agency from its own text, not a task's deadline", async () => {
    const k = await buildKnowledge([{ name: "qd-36-ubnd-an-phu-2026.txt", text: ROADMAP }]);
    const a = await k.answer({ message: "Theo lộ trình chung của QĐ 36, việc hoàn thiện hạ tầng máy chủ và phần mềm quản lý dữ liệu đất đai, tiến tới vận hành thử, thực hiện trong giai đoạn nào?" });
    expect(a.answer).toContain("2026 - 2027");
    expect(a.answer).not.toContain("Quý IV/2026");
    // The task itself, asked by its own words, is still answered from its row.
    const b = await k.answer({ message: "Ai chủ trì phối hợp xây dựng phần mềm của hệ thống thông tin đất đai quốc gia?" });
    expect(b.answer).toContain("Sở Nông nghiệp và Môi trường");
  });
});

const DECREES = `THỦ TƯỚNG CHÍNH PHỦ

Số: 37/QĐ-TTg

Hà Nội, ngày 05 tháng 10 năm 2026

QUYẾT ĐỊNH

Ban hành Kế hoạch triển khai thi hành Luật Giao dịch số

II. NHIỆM VỤ

5. Xây dựng Nghị định của Chính phủ

- Nghị định quy định chi tiết một số điều Luật Giao dịch số

+ Nội dung: quy định chi tiết khoản 2 Điều 3; khoản 4 Điều 5; khoản 1 Điều 7; khoản 4
Điều 6; khoản 5 Điều 9 Luật Giao dịch số.

+ Cơ quan chủ trì: Bộ Khoa học và Công nghệ.

+ Cơ quan phối hợp: Văn phòng Chính phủ, Bộ Tư pháp.

+ Thời hạn ban hành: trước ngày 01 tháng 3 năm 2027.

- Nghị định xử phạt vi phạm hành chính trong lĩnh vực giao dịch số.

+ Cơ quan chủ trì: Bộ Khoa học và Công nghệ.

+ Thời hạn ban hành: Theo tiến độ được giao của Luật Giao dịch số 2026.

6. Xây dựng Cổng thông tin về giao dịch số

- Cơ quan chủ trì: Bộ Công an.

- Thời gian thực hiện: năm 2027.
`;

describe("a plan's titled items with labelled fields", () => {
  it("keeps its sections past a reference wrapped onto a line's start ('Điều 6; khoản 5 …' is no article)", async () => {
    const k = await buildKnowledge([{ name: "qd-37-ttg-2026.txt", text: DECREES }]);
    const portal = k.corpus.tasks.find((t) => /Cổng thông tin về giao dịch số|Bộ Công an/.test(`${t.text} ${t.leadText}`));
    expect(portal?.section).toMatch(/II › 6|^6$|› 6$/);
    expect(k.corpus.tasks.some((t) => /Điều 6/.test(t.section))).toBe(false);
  });

  it("names the task by its title, with its 'Nội dung' after it; a law's year is no deadline", async () => {
    const k = await buildKnowledge([{ name: "qd-37-ttg-2026.txt", text: DECREES }]);
    const detail = k.corpus.tasks.find((t) => t.text.startsWith("Nghị định quy định chi tiết một số điều Luật Giao dịch số"));
    expect(detail?.text).toContain("khoản 2 Điều 3");
    expect(detail?.deadline.end).toBe("2027-03-01");
    const fines = k.corpus.tasks.find((t) => t.text.startsWith("Nghị định xử phạt"));
    expect(fines?.deadline.kind).toBe("none");
    expect(fines?.deadline.text).toContain("Theo tiến độ được giao");
    const a = await k.answer({ message: "Theo QĐ 37/QĐ-TTg, Nghị định xử phạt vi phạm hành chính trong lĩnh vực giao dịch số phải ban hành khi nào?" });
    expect(a.answer).toMatch(/theo tiến độ được giao của Luật Giao dịch số/i);
    expect(a.answer).not.toMatch(/05\/10\/2026|năm 2026\b(?! ”)/);
  });
});

const FRAMED = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 38/KH-UBND

An Phú, ngày 12 tháng 10 năm 2026

KẾ HOẠCH

Triển khai thực hiện Nghị quyết số 99/NQ-CP của Chính phủ về phát triển dữ liệu

II. NHIỆM VỤ

3. Về bảo đảm an toàn thông tin

a) Nhiệm vụ:

- Triển khai các phương án bảo đảm an toàn thông tin cho các cơ sở dữ liệu chuyên ngành của tỉnh.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Công an tỉnh.

- Đơn vị phối hợp: Các sở, ban, ngành.

c) Thời gian thực hiện: Thực hiện thường xuyên.
`;

describe("a numbered instrument in the question's frame", () => {
  it("names the document's subject, not a law the task must name", async () => {
    const k = await buildKnowledge([{ name: "kh-38-ubnd-an-phu-2026.txt", text: FRAMED }]);
    const a = await k.answer({ message: "Kế hoạch 38/KH-UBND triển khai Nghị quyết 99/NQ-CP: đơn vị nào chủ trì triển khai phương án bảo đảm an toàn thông tin cho các CSDL chuyên ngành?" });
    expect(a.answer).toContain("Công an tỉnh chủ trì");
  });
});

const MINISTRY = `BỘ Y TẾ

Số: 39/BYT-VP

Hà Nội, ngày 20 tháng 10 năm 2026

Kính gửi: Các cơ quan, đơn vị thuộc Bộ.

Bộ Y tế đề nghị các cơ quan, đơn vị tập trung thực hiện các nhiệm vụ trọng tâm tại Phụ lục kèm theo.

PHỤ LỤC

| STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn | Tiến độ |
|---|---|---|---|---|---|
| 1 | Đưa vào vận hành 02 cơ sở dữ liệu chuyên ngành về khám bệnh từ xa | Các Cục: Quản lý khám chữa bệnh, Khoa học công nghệ và Đào tạo | Trung tâm Thông tin y tế quốc gia | 31/12/2026 | Đang thực hiện |
`;

describe("a ministry's own letter", () => {
  it("reads 'Các Cục: A, B' as two leads, counts its issuer for an agency asked, and reads 'Tiến độ' beside 'Thời hạn' as the status", async () => {
    const k = await buildKnowledge([{ name: "cv-39-byt-2026.txt", text: MINISTRY }]);
    const t = k.corpus.tasks.find((x) => x.text.includes("khám bệnh từ xa"))!;
    expect(t.lead).toEqual(["Cục Quản lý khám chữa bệnh", "Cục Khoa học công nghệ và Đào tạo"]);
    expect(t.deadline.end).toBe("2026-12-31");
    expect(t.status).toBe("Đang thực hiện");
    const a = await k.answer({ message: "Nhiệm vụ đưa vào vận hành 02 CSDL chuyên ngành về khám bệnh từ xa của Bộ Y tế do đơn vị nào phối hợp?" });
    expect(a.answer).toContain("Trung tâm Thông tin y tế quốc gia");
    expect(a.answer).toMatch(/tình trạng \(theo văn bản\): đang thực hiện/);
  });
});

const PARTS_DOC = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 40/KH-UBND

An Phú, ngày 01 tháng 11 năm 2026

KẾ HOẠCH

Chuyển đổi số tỉnh An Phú năm 2027

II. NHIỆM VỤ VỀ HẠ TẦNG

1. Sở Tài chính chủ trì nâng cấp mạng truyền số liệu chuyên dùng của tỉnh, hoàn thành trong quý I/2027.

III. NHIỆM VỤ VỀ DỮ LIỆU

1. Sở Tài chính chủ trì xây dựng kho dữ liệu tài chính công của tỉnh, hoàn thành trong quý II/2027.

2. Sở Tài chính chủ trì kết nối cơ sở dữ liệu giá đất với hệ thống một cửa điện tử, hoàn thành trong quý III/2027.
`;

describe("a part of the text the question names", () => {
  it("reads 'mục 5 phần III', 'Phụ lục II', 'điểm đ' as section labels, outer first", () => {
    expect(sectionAsked("BCA được giao những nhiệm vụ gì tại mục 5 phần III?")).toEqual(["III", "5"]);
    expect(sectionAsked("Theo phu luc II, ai chu tri?")).toEqual(["Phụ lục II"]);
    expect(sectionAsked("tỷ lệ 50 phần trăm, mục tiêu năm 2025")).toBeNull();
    expect(inSection("III › 5 › b) › (3)", ["III", "5"])).toBe(true);
    expect(inSection("II › 5", ["III", "5"])).toBe(false);
    expect(inSection("Điều 3 › 2 › đ)", ["Điều 3", "d)"])).toBe(true);
  });

  it("lists an agency's tasks in that part only", async () => {
    const k = await buildKnowledge([{ name: "kh-40-ubnd-an-phu-2026.txt", text: PARTS_DOC }]);
    const a = await k.answer({ message: "Sở Tài chính được giao những nhiệm vụ gì tại phần III của Kế hoạch 40/KH-UBND?" });
    expect(a.answer).toContain("kho dữ liệu tài chính công");
    expect(a.answer).toContain("giá đất");
    expect(a.answer).not.toContain("mạng truyền số liệu");
  });
});

const COMPLAINTS = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 41/2026/QĐ-UBND

An Phú, ngày 05 tháng 11 năm 2026

QUYẾT ĐỊNH

Ban hành Quy chế tiếp nhận, xử lý phản ánh kiến nghị trên ứng dụng An Phú Số

*Căn cứ Luật Tổ chức chính quyền địa phương;*

*Ủy ban nhân dân tỉnh ban hành Quyết định ban hành Quy chế tiếp nhận, xử lý phản ánh kiến nghị trên ứng dụng An Phú Số.*

**Điều 1.** Ban hành kèm theo Quyết định này Quy chế tiếp nhận, xử lý phản ánh kiến nghị trên ứng dụng An Phú Số.

Chương III
TRÁCH NHIỆM

**Điều
14. Trách nhiệm của Sở Nội vụ**

Tham mưu đưa kết quả xử lý phản ánh kiến nghị vào tiêu chí đánh giá cải cách hành chính hằng năm của các cơ quan, đơn vị.

**Điều
15. Trách nhiệm của Sở Tài chính**

1. Giám sát, theo dõi, đôn đốc các cơ quan, đơn vị kịp thời xử lý phản ánh kiến nghị của doanh nghiệp.

**Điều
18. Trách nhiệm của các cơ quan, đơn vị xử lý phản ánh kiến nghị**

1. Ban hành quy định xử lý phản ánh kiến nghị của cơ quan, đơn vị mình trong thời hạn 60 ngày kể từ ngày Quy chế này được ban hành.
`;

describe("an article heading the layout broke after 'Điều', and a fact a named document does not give", () => {
  it("joins '**Điều' + '15. Trách nhiệm của Sở Tài chính**' into the article, whose duties are Sở Tài chính's", async () => {
    const k = await buildKnowledge([{ name: "qd-41-2026-ubnd-an-phu.txt", text: COMPLAINTS }]);
    const t = k.corpus.tasks.find((x) => x.text.includes("doanh nghiệp"));
    expect(t?.section).toMatch(/Điều 15/);
    expect(t?.lead).toEqual(["Sở Tài chính"]);
  });

  it("takes the enacting formula for no task, and a time limit 'trong thời hạn 60 ngày' for a time", async () => {
    expect(carries("time", "ban hành quy định trong thời hạn 60 ngày kể từ ngày Quy chế này được ban hành")).toBe(true);
    const k = await buildKnowledge([{ name: "qd-41-2026-ubnd-an-phu.txt", text: COMPLAINTS }]);
    expect(k.corpus.tasks.some((t) => /ban hành Quyết định ban hành/.test(t.text))).toBe(false);
  });

  it("says a figure is not found in the document the question names, citing that document", async () => {
    const k = await buildKnowledge([{ name: "qd-41-2026-ubnd-an-phu.txt", text: COMPLAINTS }]);
    const a = await k.answer({ message: "Quyết định 41/2026/QĐ-UBND quy định phạt tiền bao nhiêu đối với cán bộ chậm xử lý phản ánh?" });
    expect(a.answer).toMatch(/^Không tìm thấy thông tin về số tiền/);
    expect(JSON.stringify(a.citations.map((c) => c.document))).toContain("41/2026/QĐ-UBND");
  });
});

const CONTEST = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 52/KH-UBND

An Phú, ngày 10 tháng 3 năm 2026

KẾ HOẠCH

Phát động phong trào thi đua chuyển đổi số trong trường học năm 2026

I. MỤC ĐÍCH, YÊU CẦU

1. Khen thưởng kịp thời tập thể, cá nhân có thành tích tiêu biểu trong phong trào thi đua chuyển đổi số trong trường học.

II. ĐỐI TƯỢNG VÀ THỜI GIAN THI ĐUA

1. Đối tượng khen thưởng

a) Tập thể

- Các trường trung học phổ thông trên địa bàn tỉnh;

- Các phòng giáo dục và đào tạo.

b) Cá nhân

- Giáo viên các trường trung học phổ thông;

- Học sinh đạt giải cuộc thi sáng tạo số.

2. Thời gian thi đua

Từ ngày 01 tháng 4 năm 2026 đến ngày 31 tháng 12 năm 2026.
`;

describe("a section the question names by its heading", () => {
  it("answers 'Đối tượng khen thưởng gồm những cá nhân nào?' with the items under 'b) Cá nhân', not a sentence naming individuals", async () => {
    const k = await buildKnowledge([{ name: "kh-52-2026-ubnd-an-phu.txt", text: CONTEST }]);
    const a = await k.answer({ message: "Theo Kế hoạch 52/KH-UBND, đối tượng khen thưởng gồm những cá nhân nào?" });
    expect(a.answer).toContain("Giáo viên các trường trung học phổ thông");
    expect(a.answer).toContain("Học sinh đạt giải cuộc thi sáng tạo số");
    expect(a.answer).not.toContain("Các phòng giáo dục và đào tạo");
    expect(a.answer).not.toContain("Khen thưởng kịp thời");
    // Asked of the whole list, both sub-lists under their headings.
    const all = await k.answer({ message: "Đối tượng khen thưởng của Kế hoạch 52/KH-UBND gồm những gì?" });
    expect(all.answer).toMatch(/a\) Tập thể: - Các trường trung học phổ thông[\s\S]*b\) Cá nhân: - Giáo viên/);
  });
});

const PLATFORMS = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 61/KH-UBND

An Phú, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Phát triển các nền tảng số của tỉnh năm 2026

I. NHIỆM VỤ

1. Các sở, ngành chủ trì điều phối phát triển, sử dụng các nền tảng số của tỉnh; xây dựng các nền tảng số dùng chung phục vụ chuyển đổi số, hoàn thành trong năm 2026.

2. Sở Nông nghiệp và Môi trường chủ trì xây dựng Nền tảng truy xuất nguồn gốc nông sản, hoàn thành trong quý III/2026.

3. Đài Phát thanh và Truyền hình tỉnh chủ trì phát triển Nền tảng phát thanh số của tỉnh, hoàn thành trong quý IV/2026.
`;

describe("a near task that lacks the question's most specific words", () => {
  it("is not answered alone: the task holding them ('phát thanh') is offered too, and a follow-up picks it", async () => {
    const k = await buildKnowledge([{ name: "kh-61-2026-ubnd-an-phu.txt", text: PLATFORMS }]);
    const q = "Nền tảng phát thanh số (nền tảng số của tỉnh) do cơ quan nào chủ trì điều phối phát triển?";
    const a = await k.answer({ message: q });
    expect(a.answer).toMatch(/Bạn hỏi về nhiệm vụ nào\?/u);
    expect(a.answer).toContain("Đài Phát thanh và Truyền hình tỉnh");
    const second = await k.answer({ message: "cái thứ hai", history: [{ role: "user", content: q }, { role: "assistant", content: a.answer }] });
    expect(second.answer).toMatch(/^Theo Kế hoạch 61\/KH-UBND: Đài Phát thanh và Truyền hình tỉnh chủ trì/u);
    // Asked without them, the general task is answered as before, and asked by them, the specific one.
    const general = await k.answer({ message: "Cơ quan nào chủ trì điều phối phát triển, sử dụng các nền tảng số của tỉnh?" });
    expect(general.answer).toMatch(/^Theo Kế hoạch 61\/KH-UBND: Các sở, ngành chủ trì/u);
    const own = await k.answer({ message: "Ai chủ trì Nền tảng phát thanh số?" });
    expect(own.answer).toMatch(/^Theo Kế hoạch 61\/KH-UBND: Đài Phát thanh và Truyền hình tỉnh chủ trì/u);
  });
});

const BODIES_HEADING = `ỦY BAN NHÂN DÂN
TỈNH AN PHÚ

Số: 71/KH-UBND

An Phú, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Phát triển hạ tầng 5G trong các khu công nghiệp năm 2026

V. TỔ CHỨC THỰC HIỆN

**4. Sở Khoa học và Công nghệ**

- Hướng dẫn các doanh nghiệp viễn thông phát triển hạ tầng kỹ thuật viễn thông.

**5. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan**

- Trên cơ sở những nội dung định hướng của Tỉnh nêu tại Kế hoạch này, tổ chức triển khai thực hiện đảm bảo chất lượng, hiệu quả.

- Tuân thủ các quy định về cấp phép và quản lý xây dựng đối với các công trình hạ tầng viễn thông.

- Doanh nghiệp viễn thông, tổ chức bảo đảm kinh phí thực hiện các mục tiêu, nhiệm vụ của Kế hoạch này do doanh nghiệp triển khai. Có phương án nghiên cứu chuyển đổi thành doanh nghiệp hạ tầng số.
`;

describe("a heading listing a class of bodies, and an item naming a class without 'Các'", () => {
  it("'5. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan' addresses its items and is no task itself", async () => {
    const k = await buildKnowledge([{ name: "kh-71-2026-ubnd-an-phu.txt", text: BODIES_HEADING }]);
    const under = k.corpus.tasks.filter((t) => t.section === "V › 5");
    expect(under.some((t) => /^Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan$/u.test(t.text))).toBe(false);
    expect(under.filter((t) => t.lead.includes("Các doanh nghiệp viễn thông")).length).toBe(2);
    // "- Doanh nghiệp viễn thông, tổ chức bảo đảm kinh phí …" names its own subject, the same class.
    const funds = under.find((t) => t.text.includes("bảo đảm kinh phí"));
    expect(funds?.lead).toEqual(["Doanh nghiệp viễn thông"]);
    const a = await k.answer({ message: "Các doanh nghiệp viễn thông có trách nhiệm gì trong Kế hoạch 71/KH-UBND?" });
    expect(a.answer).toMatch(/^Các doanh nghiệp viễn thông chủ trì — 3 nhiệm vụ/u);
    expect(a.answer).toContain("bảo đảm kinh phí");
  });
});
