// The grounding check (ingest/grounding.ts) on hand-written answers: every agency, date and percentage an answer states
// must be in the quote of a citation it gives; the composer's framing is checked against what it comes from.
import { beforeAll, describe, expect, it } from "vitest";
import { findDates, ungroundedFacts } from "../ingest/grounding.ts";
import { fitQuote } from "../src/answer/compose.ts";
import type { Citation } from "../src/answer/types.ts";
import { buildKnowledge, getKnowledge, TEST_NOW, type TestKnowledge } from "./helpers/knowledge.ts";

function cite(n: number, quote: string, doc: Partial<Citation["document"]> = {}, section = "Phụ lục II › I › 1"): Citation {
  return {
    n,
    documentId: "doc",
    document: { number: null, title: "Kế hoạch thử nghiệm", issuedDate: null, status: "final", ...doc },
    section,
    quote,
  };
}

const facts = (answer: string, citations: Citation[], today?: Date) => ungroundedFacts({ answer, citations }, today ? { today } : {});

describe("dates by value", () => {
  it("reads each written form as one value", () => {
    const keys = (s: string) => findDates(s).map((d) => d.value.key);
    expect(keys("hoàn thành trước ngày 10 tháng 12 năm 2025")).toEqual(["d:2025-12-10"]);
    expect(keys("trước ngày 10/12/2025; xong trước 1/7/2025")).toEqual(["d:2025-12-10", "d:2025-07-01"]);
    expect(keys("Tháng 12/2025, tháng 12 năm 2025, tháng 06/2026")).toEqual(["m:2025-12", "m:2025-12", "m:2026-06"]);
    expect(keys("trong quý II/2025 hoặc Quý 2 năm 2025")).toEqual(["q:2025-2", "q:2025-2"]);
    expect(keys("Năm 2025-2026; 2025 - 2026; từ năm 2021 đến hết năm 2025")).toEqual(["r:2025-2026", "r:2025-2026", "r:2021-2025"]);
    expect(keys("6 tháng đầu năm 2026")).toEqual(["h:2026-1"]);
    expect(keys("đến năm 2030")).toEqual(["y:2030"]);
    // A sentence's full stop is not a decimal point.
    expect(keys("đảm nhiệm giai đoạn 2025-2030. Hoàn thành trong năm 2026.")).toEqual(["r:2025-2030", "y:2026"]);
    expect(keys("Tháng 9; trước ngày 15 tháng 12")).toEqual(["m:?-09", "d:?-12-15"]);
  });

  it("does not read a document number or a count as a date", () => {
    expect(findDates("theo Nghị định số 180/2025/NĐ-CP và Quyết định 2629/QĐ-TTg")).toEqual([]);
    expect(findDates("hỗ trợ 2000 doanh nghiệp")).toEqual([]);
  });
});

describe("ungroundedFacts", () => {
  const row = cite(1, "Xây dựng Luật An ninh dữ liệu | Bộ Công an | Bộ Khoa học và Công nghệ | hoàn thành trước ngày 10 tháng 12 năm 2025 | 28,05%");

  it("matches abbreviations by registry identity, dates and percentages by value", () => {
    expect(facts("Bộ Công an chủ trì, phối hợp với Bộ KH&CN; thời hạn: trước 10/12/2025; chỉ tiêu 28,05% [1].", [row])).toEqual([]);
  });

  it("catches an agency, a date and a percentage no quote holds", () => {
    expect(facts("Bộ Tài chính chủ trì; thời hạn: tháng 12/2025; chỉ tiêu 95% [1].", [row])).toEqual([
      { kind: "agency", text: "Bộ Tài chính" },
      { kind: "date", text: "tháng 12/2025" },
      { kind: "percent", text: "95%" },
    ]);
  });

  it("does not take one day for another of the same month", () => {
    expect(facts("Thời hạn: ngày 11 tháng 12 năm 2025 [1].", [row])).toEqual([{ kind: "date", text: "ngày 11 tháng 12 năm 2025" }]);
  });

  it("accepts a registry successor marked '(nay là …)' or '(trước đây là …)', and no other", () => {
    const old = cite(1, "- Xây dựng Kế hoạch phát triển hạ tầng số. + Cơ quan chủ trì tổ chức triển khai: Bộ Thông tin và Truyền thông.");
    expect(facts("Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ) chủ trì [1].", [old])).toEqual([]);
    expect(facts("Bộ Thông tin và Truyền thông (nay là Bộ Tài chính) chủ trì [1].", [old])).toEqual([{ kind: "agency", text: "Bộ Tài chính" }]);
    // Without the marker, the successor is a claim the quote does not make.
    expect(facts("Bộ Khoa học và Công nghệ chủ trì [1].", [old])).toEqual([{ kind: "agency", text: "Bộ Khoa học và Công nghệ" }]);
    const now = cite(1, "Bộ Khoa học và Công nghệ chủ trì xây dựng Kế hoạch phát triển hạ tầng số.");
    expect(facts("Bộ Khoa học và Công nghệ (trước đây là Bộ Thông tin và Truyền thông) chủ trì [1].", [now])).toEqual([]);
    expect(facts("Bộ Khoa học và Công nghệ (trước đây là Bộ Kế hoạch và Đầu tư) chủ trì [1].", [now])).toEqual([{ kind: "agency", text: "Bộ Kế hoạch và Đầu tư" }]);
  });

  it("takes a registry name by identity, not by words it shares with another agency, except where a quote is cut", () => {
    const q = cite(1, "Văn phòng Chính phủ chủ trì xây dựng Chiến lược dữ liệu của Bộ, ngành, địa phương.");
    expect(facts("Chính phủ chủ trì [1].", [q])).toEqual([{ kind: "agency", text: "Chính phủ" }]);
    expect(facts("Văn phòng Chính phủ chủ trì nhiệm vụ “xây dựng Chiến lược dữ liệu của Bộ, ngành,…” [1].", [q])).toEqual([]);
    const unit = cite(1, "Sở Tài chính: … tham mưu cho UBND Thành phố các giải pháp thu hút vốn.");
    expect(facts("- Sở Tài chính tham mưu cho UBND Thành… [1]", [unit])).toEqual([]);
    expect(facts("- Sở Tài chính tham mưu cho UBND về vốn [1]", [unit])).toEqual([{ kind: "agency", text: "UBND" }]);
  });

  it("checks a unit the registry does not list by its words", () => {
    const q = cite(1, "Sở Tài chính chủ trì, phối hợp với Công an tỉnh rà soát dữ liệu đất đai.");
    expect(facts("Sở Tài chính chủ trì, phối hợp với Công an tỉnh [1].", [q])).toEqual([]);
    expect(facts("Sở Nội vụ chủ trì [1].", [q])).toEqual([{ kind: "agency", text: "Sở Nội vụ" }]);
  });

  it("checks the cited document's own number and date against its metadata, not the quote", () => {
    const c = cite(1, "Bộ Công an chủ trì …", { number: "123/QĐ-TTg", issuedDate: "2025-03-05", title: "Quyết định phê duyệt Đề án thử nghiệm năm 2025" });
    expect(facts("Theo Quyết định 123/QĐ-TTg ngày 05/3/2025: Bộ Công an chủ trì [1].", [c])).toEqual([]);
    expect(facts("Theo Quyết định 123/QĐ-TTg ngày 06/3/2025: Bộ Công an chủ trì [1].", [c])).toEqual([{ kind: "date", text: "06/3/2025" }]);
    // The title names the document; its year is not a fact of the answer.
    expect(facts("Theo Quyết định phê duyệt Đề án thử nghiệm năm 2025: Bộ Công an chủ trì [1].", [c])).toEqual([]);
  });

  it("checks a section path only where the answer names it as the place of a quote", () => {
    const c = cite(1, "Hoàn thành trước ngày 20/12/2025", {}, "IV › Giai đoạn từ ngày 01/7/2025 đến ngày 31/12/2025 › b)");
    expect(facts("Theo Kế hoạch, IV › Giai đoạn từ ngày 01/7/2025 đến ngày 31/12/2025 › b): “Hoàn thành trước ngày 20/12/2025” [1].", [c])).toEqual([]);
    expect(facts("Giai đoạn từ ngày 01/7/2025: hoàn thành trước ngày 20/12/2025 [1].", [c])).toEqual([{ kind: "date", text: "01/7/2025" }]);
  });

  it("accepts today's date only where the answer says it is today, and only the injected one", () => {
    const c = cite(1, "Xây dựng Luật An ninh dữ liệu | Bộ Công an | Tháng 12/2025");
    const answer = "Tính đến ngày 23/11/2026, các nhiệm vụ sau đã quá hạn:\n- Xây dựng Luật An ninh dữ liệu — thời hạn: tháng 12/2025 [1]";
    expect(facts(answer, [c], new Date("2026-11-23T00:00:00Z"))).toEqual([]);
    expect(facts(answer, [c], new Date("2026-11-24T00:00:00Z"))).toEqual([{ kind: "date", text: "23/11/2026" }]);
    expect(facts(answer, [c])).toEqual([{ kind: "date", text: "23/11/2026" }]);
  });

  it("accepts a year the composer adds to a date written without one, when it is the cited document's", () => {
    const c = (title: string) => cite(1, "2 | Dự thảo Nghị định định danh điện tử | Bộ Công an chủ trì | Tháng 9", { title });
    expect(facts("Bộ Công an chủ trì; thời hạn: tháng 9 (năm 2022) [1].", [c("Kế hoạch hoạt động năm 2022")])).toEqual([]);
    expect(facts("Bộ Công an chủ trì; thời hạn: tháng 9 (năm 2023) [1].", [c("Kế hoạch hoạt động năm 2022")])).toEqual([{ kind: "date", text: "năm 2023" }]);
  });

  it("checks a list heading's period against the deadlines of the items it lists", () => {
    const a = cite(1, "Triển khai Cổng Dịch vụ công quốc gia | Bộ Công an | Tháng 02/2026");
    const b = (month: number) => cite(2, `Ban hành Tiêu chuẩn quốc gia | Bộ Khoa học và Công nghệ | Tháng ${month}/2026`);
    const list = (month: number) =>
      `Các nhiệm vụ có thời hạn trong quý I/2026 — 2 nhiệm vụ:\nQuyết định thử nghiệm:\n- Triển khai Cổng Dịch vụ công quốc gia — thời hạn: tháng 02/2026 [1]\n- Ban hành Tiêu chuẩn quốc gia — thời hạn: tháng ${month}/2026 [2]`;
    expect(facts(list(3), [a, b(3)])).toEqual([]);
    // An item due in April is not due in the first quarter: the heading claims what no quote holds.
    expect(facts(list(4), [a, b(4)])).toEqual([{ kind: "date", text: "quý I/2026" }]);
    // A yearly deadline falls in the period in the period's year.
    const yearly = cite(3, "Các sở định kỳ hằng năm báo cáo trước ngày 15 tháng 3.");
    const withYearly = `${list(3)}\n- Báo cáo kết quả — thời hạn: định kỳ hằng năm trước ngày 15 tháng 3 [3]`.replace("2 nhiệm vụ", "3 nhiệm vụ");
    expect(facts(withYearly, [a, b(3), yearly])).toEqual([]);
  });

  it("checks a fact against the citations its own line marks, not another item's", () => {
    const a = cite(1, "Triển khai Cổng Dịch vụ công quốc gia | Bộ Công an | Tháng 02/2026");
    const b = cite(2, "Ban hành Tiêu chuẩn quốc gia | Bộ Khoa học và Công nghệ | Tháng 3/2026");
    const answer = (first: string) => `Quyết định thử nghiệm:\n- Triển khai Cổng Dịch vụ công quốc gia — thời hạn: ${first} [1]\n- Ban hành Tiêu chuẩn quốc gia — thời hạn: tháng 3/2026 [2]`;
    expect(facts(answer("tháng 02/2026"), [a, b])).toEqual([]);
    expect(facts(answer("tháng 3/2026"), [a, b])).toEqual([{ kind: "date", text: "tháng 3/2026" }]);
  });

  it("does not read the question's words in a not-found sentence, but checks a quote after it", () => {
    expect(facts("Không tìm thấy thông tin về nhiệm vụ nào phù hợp (các nhiệm vụ của Bộ Công an có thời hạn trong quý I/2026) trong các văn bản hiện có.", [])).toEqual([]);
    const c = cite(1, "Các bộ, ngành hoàn thành trong năm 2025.");
    expect(facts("Không tìm thấy thông tin về tỉ lệ cho nội dung này trong các văn bản hiện có. Đoạn gần nhất chỉ ghi: “Bộ Y tế hoàn thành trong năm 2026” [1].", [c])).toEqual([
      { kind: "agency", text: "Bộ Y tế" },
      { kind: "date", text: "năm 2026" },
    ]);
  });
});

// A synthetic provincial plan (written for this test): the deadline of items (1) and (2) is only in their lead-in, the
// period of each indicator only in its group row.
const PLAN = `ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
Số: 12/KH-UBND
An Bình, ngày 03 tháng 10 năm 2025

KẾ HOẠCH
Khắc phục lỗi các hệ thống thông tin dùng chung của tỉnh

I. NHIỆM VỤ
1. Các sở khẩn trương khắc phục các bất cập của hệ thống thông tin thuộc phạm vi quản lý, hoàn thành trong tháng 11 năm 2025, cụ thể:
(1) Sở Tư pháp khắc phục tình trạng chậm, lỗi của Hệ thống đăng ký hộ tịch điện tử.
(2) Sở Y tế hoàn thành kết nối Hệ thống quản lý khám bệnh, chữa bệnh.
2. Sở Khoa học và Công nghệ chủ trì tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.

II. CHỈ TIÊU
| TT | Chỉ tiêu | Đơn vị | Kết quả |
|---|---|---|---|
| I | Giai đoạn 2025-2026 | | |
| 1 | Tỉ lệ hồ sơ hộ tịch được số hóa | % | 90% |
| II | Giai đoạn 2027-2030 | | |
| 1 | Tỉ lệ hồ sơ hộ tịch được số hóa | % | 100% |
`;

describe("composed answers cite the passage holding each fact they state", () => {
  it("a long passage's quote is shortened around the sentence the answer takes from it", () => {
    const filler = Array.from({ length: 40 }, (_, i) => `Nội dung thứ ${i + 1} của đoạn văn bản dài được nêu ở đây.`).join(" ");
    const last = "Sở Tư pháp hoàn thành trước ngày 15/12/2025.";
    const quote = fitQuote(`${filler} ${last}`, last);
    expect(quote.length).toBeLessThanOrEqual(1502);
    expect(quote.startsWith("…")).toBe(true);
    expect(quote).toContain(last.slice(0, -1));
    // Without the words to keep, or with words near the start, the start is kept.
    expect(fitQuote(`${filler} ${last}`).startsWith("Nội dung thứ 1 ")).toBe(true);
    expect(fitQuote("Một đoạn ngắn.", "ngắn")).toBe("Một đoạn ngắn");
  });

  let K: TestKnowledge;
  beforeAll(async () => {
    K = await buildKnowledge([{ name: "kh-12-an-binh.txt", text: PLAN }]);
  });

  it("a task's deadline given in its list's lead-in: the lead-in is cited next to it", async () => {
    for (const message of ["Sở Tư pháp phải khắc phục lỗi Hệ thống đăng ký hộ tịch điện tử khi nào?", "Sở Y tế được giao nhiệm vụ gì?"]) {
      const a = await K.answer({ message });
      expect(a.answer).toContain("tháng 11 năm 2025");
      expect(a.citations.some((c) => c.quote.includes("hoàn thành trong tháng 11 năm 2025"))).toBe(true);
      expect(ungroundedFacts(a)).toEqual([]);
    }
  });

  it("an indicator's period given by its group row: the quote carries that row", async () => {
    const a = await K.answer({ message: "Giai đoạn 2027-2030 tỉ lệ hồ sơ hộ tịch được số hóa phải đạt bao nhiêu?" });
    expect(a.answer).toContain("100%");
    expect(a.answer).toContain("2027-2030");
    expect(a.citations[0]?.quote).toBe("Giai đoạn 2027-2030 … 1 | Tỉ lệ hồ sơ hộ tịch được số hóa | % | 100%");
    expect(ungroundedFacts(a)).toEqual([]);
  });
});

describe("a list that counts tasks the documents gave to a merged ministry", () => {
  it("cites one of them when none is among the tasks shown, so the old name is quoted", async () => {
    const K0 = await getKnowledge();
    const a = await K0.answer({ message: "Bộ KH&CN chủ trì những nhiệm vụ nào?" });
    const heading = a.answer.split("\n")[0]!;
    expect(heading).toMatch(/văn bản giao cho Bộ Thông tin và Truyền thông \[\d+\], nay thuộc Bộ Khoa học và Công nghệ/u);
    const n = Number(/Truyền thông \[(\d+)\]/u.exec(heading)![1]);
    expect(a.citations.find((c) => c.n === n)?.quote).toContain("Bộ Thông tin và Truyền thông");
    expect(ungroundedFacts(a, { today: TEST_NOW })).toEqual([]);
  });
});
