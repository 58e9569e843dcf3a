// What the assistant is for (src/answer/scope.ts): a citizen's own procedure is pointed to Cổng Dịch vụ công quốc
// gia; an English question is read in Vietnamese words and answered in Vietnamese, never with an unrelated passage.
import { beforeAll, describe, expect, it } from "vitest";
import { englishToVietnamese, isEnglish } from "../src/answer/english.ts";
import { isCitizenProcedure } from "../src/answer/scope.ts";
import type { AnswerFn } from "../src/answer/types.ts";
import { getKnowledge } from "./helpers/knowledge.ts";

let answer: AnswerFn;
beforeAll(async () => {
  answer = (await getKnowledge()).answer;
}, 120_000);

describe("a citizen's own procedure", () => {
  it.each(["Tôi bị mất CCCD thì làm lại ở đâu?", "thu tuc tach ho khau can giay to gi", "Làm sổ đỏ mất bao lâu?", "Em muốn đăng ký tạm trú cho con", "Lệ phí cấp hộ chiếu là bao nhiêu?"])("%s is out of scope", (q) => {
    expect(isCitizenProcedure(q)).toBe(true);
  });
  it.each(["Ai chủ trì xây dựng cơ sở dữ liệu quốc gia về đất đai?", "Bộ Công an phải làm sạch dữ liệu dân cư, CCCD trước khi nào?", "Kế hoạch giao chỉ tiêu bao nhiêu phần trăm tài khoản VNeID?", "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "Việc hoàn thiện phần mềm quản lý dữ liệu đất đai, tiến tới vận hành thử, làm trong giai đoạn nào?", "Theo QĐ 36/QĐ-UBND, hồ sơ địa chính về đất đai số hóa khi nào?"])(
    "%s is about the programme",
    (q) => {
      expect(isCitizenProcedure(q)).toBe(false);
    },
  );
  it("is answered with a pointer, no citation, and says nothing is found", async () => {
    const a = await answer({ message: "Tôi bị mất căn cước công dân, làm lại ở đâu?" });
    expect(a.intent).toBe("unanswerable");
    expect(a.citations).toEqual([]);
    expect(a.answer).toContain("Không tìm thấy thông tin");
    expect(a.answer).toContain("Cổng Dịch vụ công quốc gia");
  });
});

describe("English questions", () => {
  it("are told from Vietnamese typed without diacritics", () => {
    expect(isEnglish("Which ministry leads the Data Security Law?")).toBe(true);
    expect(isEnglish("How many tasks does the Ministry of Finance lead?")).toBe(true);
    expect(isEnglish("the con han chot?")).toBe(false);
    expect(isEnglish("ai chu tri xay dung luat an ninh du lieu")).toBe(false);
    expect(isEnglish("Nguyên tắc AI First là gì?")).toBe(false);
  });
  it("are read in Vietnamese words, or not at all when content words are left unknown", () => {
    expect(englishToVietnamese("Which ministry leads the Data Security Law?")).toBe("bộ nào chủ trì Luật An ninh dữ liệu");
    expect(englishToVietnamese("How many tasks does the Ministry of Public Security lead?")).toBe("có bao nhiêu nhiệm vụ Bộ Công an chủ trì");
    expect(englishToVietnamese("What is digital government?")).toBe("Chính phủ số là gì");
    expect(englishToVietnamese("What is the weather forecast for tomorrow in Hanoi?")).toBeNull();
  });
  it("are told by their words, not by a list of them: a word no Vietnamese syllable is spelt like is English", () => {
    expect(isEnglish("In Can Tho's Plan 157/KH-UBND, which individuals are eligible to compete in the emulation movement?")).toBe(true);
    // Vietnamese typed without diacritics, with loanwords, or with codes in capitals, is not.
    expect(isEnglish("dich vu cong online website")).toBe(false);
    expect(isEnglish("tra cuu ho so online o dau")).toBe(false);
    expect(isEnglish("UBND tinh giao STTTT nhung nhiem vu gi")).toBe(false);
  });
  it("put a noun's English modifiers after it, as Vietnamese does, and keep a run broken by 'and' apart", () => {
    expect(englishToVietnamese("What share of adults should be using remote health-consultation services by 2025?")).toBe(
      "tỷ lệ bao nhiêu người trưởng thành sử dụng dịch vụ tư vấn sức khỏe từ xa đến năm 2025",
    );
    expect(englishToVietnamese("When was Decision 2629/QĐ-TTg on the Digital Government Development Programme issued?")).toBe(
      "Quyết định 2629/QĐ-TTg Chương trình phát triển Chính phủ số ban hành ngày nào",
    );
    expect(englishToVietnamese("Under the draft national strategy on the digital economy and digital society, which ministry leads?")).toBe(
      "theo dự thảo Chiến lược quốc gia kinh tế số xã hội số, bộ nào chủ trì",
    );
  });
  it("keep what the question writes in Vietnamese or as a code, once, and read provinces written without diacritics", () => {
    const vi = englishToVietnamese("How many legal documents has the Ministry of Construction (Bộ Xây dựng) not yet amended under Official Dispatch 220/CĐ-TTg?")!;
    expect(vi).toBe("bao nhiêu văn bản quy phạm pháp luật Bộ Xây dựng chưa sửa đổi theo Công điện 220/CĐ-TTg");
    expect(englishToVietnamese("Who is responsible for upgrading the information systems (Hệ thống thông tin giải quyết TTHC) in Can Tho?")).toBe(
      "ai chủ trì nâng cấp hệ thống thông tin (Hệ thống thông tin giải quyết TTHC) Cần Thơ",
    );
    expect(englishToVietnamese("Which agencies coordinate with the Ministry of Health on the OECD survey?")).toBe("những cơ quan nào phối hợp với Bộ Y tế OECD khảo sát");
  });
  it("are answered in Vietnamese with a one-line note", async () => {
    const a = await answer({ message: "Which ministry leads the Data Security Law?" });
    const [note, ...rest] = a.answer.split("\n");
    expect(note).toMatch(/^\(Câu hỏi tiếng Anh được hiểu là: “bộ nào chủ trì Luật An ninh dữ liệu”/);
    expect(rest.join("\n")).toContain("Bộ Công an");
    expect(a.citations.length).toBeGreaterThan(0);
  });
  it("that the glossary cannot read get 'Không tìm thấy thông tin', not a passage", async () => {
    const a = await answer({ message: "What is the weather forecast for tomorrow in Hanoi?" });
    expect(a.answer).toContain("Không tìm thấy thông tin");
    expect(a.citations).toEqual([]);
  });
});
