// Questions that ask two facts: cut into parts only where each side asks one, framed like the whole question,
// and the parts' answers joined with their citations renumbered.
import { describe, expect, it } from "vitest";
import { joinAnswers, questionParts } from "../src/answer/compound.ts";
import { carries } from "../src/answer/answer-type.ts";
import type { ChatAnswer } from "../src/answer/types.ts";

describe("questionParts", () => {
  it("cuts two questions, keeping the frame and the document named in the first", () => {
    expect(questionParts("Trong bảng điểm, nhóm huyện có tổng điểm bao nhiêu, và tiêu chí đào tạo kỹ năng số chiếm mấy điểm?")).toEqual([
      "Trong bảng điểm, nhóm huyện có tổng điểm bao nhiêu?",
      "Trong bảng điểm, tiêu chí đào tạo kỹ năng số chiếm mấy điểm?",
    ]);
    expect(questionParts("Quyết định 15 của tỉnh chia mấy nhóm nhiệm vụ, nhóm hạ tầng số phải xong trước ngày nào?")).toEqual([
      "Quyết định 15 của tỉnh chia mấy nhóm nhiệm vụ?",
      "Theo Quyết định 15, nhóm hạ tầng số phải xong trước ngày nào?",
    ]);
  });

  it("leaves one question whole: a list inside it, one task's two fields, a part without a topic of its own", () => {
    expect(questionParts("Tỷ lệ cơ quan, tổ chức dùng chữ ký số phải đạt bao nhiêu?")).toEqual([]);
    expect(questionParts("Ai chủ trì xây dựng cơ sở dữ liệu đất đai, hạn khi nào?")).toEqual([]);
    expect(questionParts("Mục tiêu dịch vụ công trực tuyến năm 2025 là bao nhiêu, năm 2030 là bao nhiêu?")).toEqual([]);
  });
});

describe("joinAnswers", () => {
  const part = (text: string, quote: string): ChatAnswer => ({
    answer: `${text} [1].`,
    citations: [{ n: 1, documentId: "d", document: { number: "1/KH", title: "t", issuedDate: null, status: "final" }, section: "I", quote }],
    intent: "target",
    facts: [{ task: text, lead: [], coordinators: [], citation: 1 }],
  });
  it("puts each part on its own line and renumbers the second part's citations", () => {
    const j = joinAnswers([part("115 điểm", "A"), part("40 điểm", "B")]);
    expect(j.answer).toBe("115 điểm [1].\n40 điểm [2].");
    expect(j.citations.map((c) => [c.n, c.quote])).toEqual([[1, "A"], [2, "B"]]);
    expect(j.facts.map((f) => f.citation)).toEqual([1, 2]);
  });
});

describe("a table cell read with its column label carries the label's unit", () => {
  it("points, percentages and money under their headers; a bare label does not", () => {
    expect(carries("points", "ĐIỂM CHUẨN: 40.")).toBe(true);
    expect(carries("percent", "Tỷ lệ (%): 28,05.")).toBe(true);
    expect(carries("money", "Kinh phí (triệu đồng): 500.")).toBe(true);
    expect(carries("points", "HƯỚNG DẪN CHẤM ĐIỂM: theo kết quả kiểm tra.")).toBe(false);
  });
});

describe("a two-fact question with one part the texts do not answer", () => {
  it("answers the part they do, and names the other as not found (not 'Không tìm thấy' for both)", async () => {
    const { getKnowledge } = await import("./helpers/knowledge.ts");
    const k = await getKnowledge();
    const a = await k.answer({ message: "Kế hoạch 02 chia mấy giai đoạn, và tổng kinh phí thực hiện kế hoạch là bao nhiêu tỷ đồng?" });
    expect(a.answer).toMatch(/2 giai đoạn/);
    expect(a.answer).toContain("30/6/2025");
    expect(a.answer).toMatch(/Về câu hỏi “[^”]*kinh phí[^”]*”: Không tìm thấy thông tin/);
    expect(a.citations.length).toBeGreaterThan(0);
  });
});
