// Question understanding: intents, agencies, periods, topic words and follow-ups, with and without diacritics.
import { describe, expect, it } from "vitest";
import { detectPeriod } from "../src/answer/periods.ts";
import { titleWords, understand } from "../src/answer/understand.ts";
import { TOPIC_BREAK, searchTerms, topicTerms } from "../src/text/tokenize.ts";

const today = new Date("2026-11-23T00:00:00Z");

describe("intent", () => {
  const cases: [string, string][] = [
    ["Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?", "lead"],
    ["bo nao chu tri xay dung luat an ninh du lieu", "lead"],
    ["Ai phối hợp xây dựng Luật Trí tuệ nhân tạo?", "coordinators"],
    ["ai phoi hop xay dung luat tri tue nhan tao", "coordinators"],
    ["Khi nào phải hoàn thành Trung tâm dữ liệu quốc gia?", "deadline"],
    ["han chot trung tam du lieu quoc gia", "deadline"],
    ["Kết quả của nhiệm vụ xây dựng Luật An ninh dữ liệu là gì?", "output"],
    ["Bộ Công an được giao những nhiệm vụ gì?", "tasks_by_agency"],
    ["bca duoc giao nhung nhiem vu gi", "tasks_by_agency"],
    ["Những nhiệm vụ nào đến hạn trong tháng 12/2025?", "tasks_due"],
    ["nhung nhiem vu nao den han trong quy I/2026", "tasks_due"],
    ["Nhiệm vụ nào đã quá hạn?", "overdue"],
    ["Những nhiệm vụ nào sắp đến hạn?", "tasks_due"],
    ["vpcp co nhiem vu nao sap den han", "tasks_due"],
    ["Chỉ tiêu dịch vụ công trực tuyến toàn trình đến 2027 là bao nhiêu?", "target"],
    ["Chương trình Chính phủ số có mục tiêu gì?", "explain"],
    ["Ai là Chủ tịch Ủy ban Quốc gia về chuyển đổi số?", "explain"],
  ];
  for (const [q, intent] of cases) it(`${q} → ${intent}`, () => expect(understand(q, [], today).intent).toBe(intent));

  it("a question asking two things records both", () => {
    const u = understand("Ai chủ trì xây dựng Luật An ninh dữ liệu? Hạn bao giờ?", [], today);
    expect(u.intent).toBe("lead");
    expect([...u.asks].sort()).toEqual(["deadline", "lead"]);
  });
});

describe("entities", () => {
  it("finds agencies in any form", () => {
    expect(understand("BCA chủ trì những nhiệm vụ nào?").agencies.map((a) => a.name)).toEqual(["Bộ Công an"]);
    expect(understand("bo khoa hoc va cong nghe chu tri nhung nhiem vu nao").agencies.map((a) => a.name)).toEqual(["Bộ Khoa học và Công nghệ"]);
    expect(understand("Bộ KH&CN có nhiệm vụ gì?").agencies.map((a) => a.name)).toEqual(["Bộ Khoa học và Công nghệ"]);
    expect(understand("VPCP phải làm gì?").agencies.map((a) => a.name)).toEqual(["Văn phòng Chính phủ"]);
  });

  it("does not take a document's issuer, named in a reference to it, for an actor — with or without diacritics", () => {
    for (const q of ["CSDL về giáo dục trong kế hoạch hoạt động 2022 của Ủy ban Quốc gia về chuyển đổi số phải xong tháng mấy?", "csdl ve giao duc trong ke hoach hoat dong 2022 cua uy ban quoc gia ve chuyen doi so phai xong thang may"]) {
      const u = understand(q);
      expect(u.actors, q).toEqual([]);
      expect(u.asks.has("deadline"), q).toBe(true);
    }
  });

  it("ends a unit's name at 'do', 'bởi', 'cho': '… tại Trung tâm phục vụ hành chính công cấp tỉnh do bộ nào chủ trì?'", () => {
    const units = understand("Ứng dụng hướng dẫn người dân tại Trung tâm phục vụ hành chính công cấp tỉnh do bộ nào chủ trì xây dựng?").units;
    expect(units).toHaveLength(1);
    expect(units[0]).toMatch(/^Trung tâm phục vụ hành chính công cấp/);
    expect(units[0]).not.toMatch(/ do | bộ|nào/);
  });

  it("reads periods relative to today", () => {
    expect(detectPeriod("đến hạn trong tháng 12/2025", today)).toMatchObject({ start: "2025-12-01", end: "2025-12-31" });
    expect(detectPeriod("trong quý I/2026", today)).toMatchObject({ start: "2026-01-01", end: "2026-03-31" });
    expect(detectPeriod("quy 1/2026", today)).toMatchObject({ start: "2026-01-01", end: "2026-03-31" });
    expect(detectPeriod("trong năm nay", today)).toMatchObject({ start: "2026-01-01", end: "2026-12-31" });
    expect(detectPeriod("tháng tới", today)).toMatchObject({ start: "2026-12-01", end: "2026-12-31" });
    expect(detectPeriod("trong năm 2025", today)).toMatchObject({ start: "2025-01-01", end: "2025-12-31" });
    expect(detectPeriod("Bộ nào chủ trì?", today)).toBeNull();
    expect(detectPeriod("tháng 13/2025", today)).toBeNull();
    expect(understand("Những nhiệm vụ nào sắp đến hạn?", [], today).period).toMatchObject({ start: "2026-11-23", end: "2027-02-21" });
  });
});

describe("follow-ups", () => {
  const history = [
    { role: "user" as const, content: "Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?" },
    { role: "assistant" as const, content: "Bộ Công an chủ trì … [1]." },
  ];
  it("a short question leans on the previous one", () => {
    const u = understand("Còn thời hạn thì sao?", history, today);
    expect(u.followUp).toBe(true);
    expect(u.intent).toBe("deadline");
    expect(u.query).toContain("Luật An ninh dữ liệu");
  });
  it("works without diacritics", () => {
    const u = understand("the con han chot?", history, today);
    expect(u.followUp).toBe(true);
    expect(u.query).toContain("An ninh");
  });
  it("a chain of follow-ups keeps the task of the last question that named one", () => {
    const chain = [...history, { role: "user" as const, content: "Thế hạn chót thì sao?" }, { role: "assistant" as const, content: "… tháng 12/2026 [1]." }];
    const u = understand("Còn cơ quan phối hợp?", chain, today);
    expect(u.followUp).toBe(true);
    expect(u.intent).toBe("coordinators");
    expect(u.query).toContain("Luật An ninh dữ liệu");
  });
  it("a full new question is not a follow-up", () => {
    expect(understand("Ai chủ trì xây dựng Cổng thông tin một cửa quốc gia?", history, today).followUp).toBe(false);
  });
});

describe("topic terms", () => {
  it("drops question phrases and function words, keeps content", () => {
    const t = topicTerms("Bộ nào chủ trì xây dựng Luật An ninh dữ liệu?");
    expect(t.accented).toBe(true);
    expect(t.terms).toEqual(["xây", "dựng", "luật", "an", "ninh", "dữ", "liệu"]);
  });
  it("marks where words were removed, so no bigram spans the gap", () => {
    expect(topicTerms("Thủ đô của Pháp là gì?").terms).toEqual(["thủ", "đô", TOPIC_BREAK, "pháp"]);
  });
  it("keeps ambiguous syllables when typed without diacritics (cửa/của)", () => {
    expect(topicTerms("bo nao chu tri cong thong tin mot cua quoc gia").terms).toEqual(["cong", "thong", "tin", "mot", "cua", "quoc", "gia"]);
  });
  it("typed without diacritics, keeps a function-looking syllable the corpus pairs with its neighbour", () => {
    // "giao thong van tai" is "giao thông vận tải": "giao" (assign) and "tai" (tại, at) are halves of words here.
    const corpusPairs = new Set(["giao_thong", "thong_van", "van_tai", "tai_chinh"]);
    const known = (a: string, b: string) => corpusPairs.has(`${a}_${b}`);
    expect(topicTerms("csdl ve giao thong van tai", known).terms).toEqual(["csdl", "ve", "giao", "thong", "van", "tai"]);
    // Without the corpus's pairs they are read as function words, as before.
    expect(topicTerms("csdl ve giao thong van tai").terms).toEqual(["csdl", "ve", TOPIC_BREAK, "thong", "van"]);
    // A real function word stays out: "tai ke hoach" (tại kế hoạch) is no pair of the corpus.
    expect(topicTerms("nhiem vu tai ke hoach 02", known).terms).not.toContain("tai");
    // With diacritics nothing changes: the spelling tells "tại" from "tải".
    expect(topicTerms("dữ liệu tại Bộ Giao thông vận tải", known).terms).toEqual(topicTerms("dữ liệu tại Bộ Giao thông vận tải").terms);
  });
  it("unifies i/y spellings and tone placement", () => {
    expect(topicTerms("tỷ lệ hoá đơn").terms).toEqual(topicTerms("tỉ lệ hóa đơn").terms);
    expect(searchTerms("Tỷ lệ")).toEqual(searchTerms("tỉ lệ"));
  });
  it("search terms include folded forms and bigrams", () => {
    expect(searchTerms("Công an")).toEqual(["cong", "công", "cong_an", "công_an", "an"]);
  });
});

describe("'AI' the term vs 'ai' (who)", () => {
  it("capital AI is a topic word, not a question about who", () => {
    const u = understand("Nguyên tắc AI First trong Chương trình được hiểu thế nào?");
    expect(u.asks.has("lead")).toBe(false);
    expect(u.topic).toContain("ai");
  });
  it("'Ai' / 'ai' still ask who, also next to the term, and a message in capitals is read as typed", () => {
    expect(understand("Ai chủ trì phát triển AI?").asks.has("lead")).toBe(true);
    expect(understand("Ai chủ trì phát triển AI?").topic).toContain("ai");
    expect(understand("ai chu tri luat du lieu").asks.has("lead")).toBe(true);
    expect(understand("AI CHỦ TRÌ XÂY DỰNG LUẬT DỮ LIỆU?").asks.has("lead")).toBe(true);
  });
});

describe("follow-ups that change only the document", () => {
  const history = [
    { role: "user" as const, content: "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) do ai chủ trì trong Quyết định 942?" },
    { role: "assistant" as const, content: "Bộ Thông tin và Truyền thông chủ trì." },
  ];
  it("'Thế trong Chương trình … (2629) thì bộ nào chủ trì?' keeps the earlier task", () => {
    const u = understand("Thế trong Chương trình phát triển Chính phủ số (2629) thì bộ nào chủ trì?", history);
    expect(u.followUp).toBe(true);
    expect(u.query).toContain("NDXP");
    expect(u.query).toContain("2629");
  });
  it("a question with a topic of its own and a document is not a follow-up", () => {
    expect(understand("Bộ nào chủ trì xây dựng Luật An ninh dữ liệu trong Chương trình phát triển Chính phủ số?", history).followUp).toBe(false);
  });
});

describe("years of a document title", () => {
  // Titles as the corpus holds them (prepared.ts joins every document's titleWords with " | ").
  const titles = [
    "Quyết định phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030",
    "Dự thảo Kế hoạch chuyển đổi số năm 2025",
  ]
    .map(titleWords)
    .join(" | ");
  const reading = { inTitle: (w: string) => titles.includes(w) };
  it("a year the question writes as part of a title it names is no period", () => {
    const q = "Trong dự thảo Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030, Bộ Y tế được giao chủ trì những nhiệm vụ nào?";
    expect(understand(q, [], today).period?.text).toBe("năm 2025");
    const u = understand(q, [], today, reading);
    expect(u.period).toBeNull();
    expect(u.intent).toBe("tasks_by_agency");
    expect(understand("Kế hoạch chuyển đổi số năm 2025 giao Bộ Công an những nhiệm vụ gì?", [], today, reading).period).toBeNull();
  });
  it("a year asked of tasks stays a period, the title's words before it or not", () => {
    expect(understand("Bộ Công an có những nhiệm vụ gì trong năm 2025?", [], today, reading).period?.text).toBe("năm 2025");
    expect(understand("Bộ Công an có nhiệm vụ gì trong chuyển đổi số năm 2025?", [], today, reading).period?.text).toBe("năm 2025");
    expect(understand("Những nhiệm vụ nào của Bộ Y tế phải hoàn thành trong năm 2026?", [], today, reading).period?.text).toBe("năm 2026");
  });
});
