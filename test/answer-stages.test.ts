// Unit tests of the answer stages on synthetic passages and questions written for these tests: document
// references, answer kinds, the passage window (cut sentences, lead-ins, headings) and the task predicates.

import { describe, expect, it } from "vitest";
import type { Chunk } from "../src/document/chunk.ts";
import type { DocumentMeta } from "../src/document/types.ts";
import { answerKinds, carries, missingKinds } from "../src/answer/answer-type.ts";
import { countsTasks, taskRefusal } from "../src/answer/answerability.ts";
import { documentHints, namedDocuments, numberedDocuments, numberReferences, placeOf, titlePairsOf } from "../src/answer/doc-refs.ts";
import { Neighbourhood, pickInWindow, sentencesOf } from "../src/answer/passage-window.ts";
import type { Task } from "../src/tasks/types.ts";
import { foldDiacritics } from "../src/text/normalize.ts";

const doc = (id: string, number: string | null, type: string, title: string, issuer: string | null): DocumentMeta => ({
  id,
  number,
  type,
  title,
  issuer,
  issuedDate: "2025-11-20",
  status: "final",
  year: 2025,
  file: `${id}.txt`,
  lines: [1, 100],
});

const DOCS = [
  doc("cd-77", "77/CĐ-TTg", "Công điện", "Công điện về đẩy mạnh thanh toán không dùng tiền mặt", "Thủ tướng Chính phủ"),
  doc("cv-5120", "5120/UBND-KT", "Công văn", "Công văn về rà soát dữ liệu hộ kinh doanh", "Ủy ban nhân dân tỉnh Quảng Trị"),
  doc("kh-88", "88/KH-UBND", "Kế hoạch", "Kế hoạch phát triển thương mại điện tử trên địa bàn thành phố Đà Nẵng đến năm 2030", "Ủy ban nhân dân"),
  doc("qd-41", "41/2025/QĐ-UBND", "Quyết định", "Quyết định ban hành Quy chế quản lý cổng thông tin điện tử", "Ủy ban nhân dân tỉnh Quảng Trị"),
];
const hints = (q: string) => documentHints({ query: q, folded: foldDiacritics(q).toLowerCase(), wantsDraft: false }, DOCS, titlePairsOf);
const numbered = (q: string) => numberedDocuments({ query: q, folded: foldDiacritics(q).toLowerCase(), wantsDraft: false }, DOCS);

describe("document references", () => {
  it("reads a number after any document-type word, a full số hiệu and a bracketed number", () => {
    expect(numberReferences("Theo công điện 77, ai …").map((r) => r.number)).toEqual([77]);
    expect(numberReferences("cv 5120 giao việc gì").map((r) => r.number)).toEqual([5120]);
    expect(numberReferences("Quy chế 41 quy định gì").map((r) => r.number)).toEqual([41]);
    expect(numberReferences("theo 41/2025/QĐ-UBND").map((r) => [r.number, r.suffix])).toEqual([[41, "qd-ubnd"]]);
    expect(numberReferences("Chương trình thanh toán số (77) thì sao")[0]?.number).toBe(77);
    // "chuyển đổi số 2025" is a year.
    expect(numberReferences("chuyển đổi số 2025")).toEqual([]);
  });

  it("restricts to the document named by its number, whatever type word the question uses", () => {
    expect([...numbered("Theo công điện 77, bộ nào phải báo cáo?")!]).toEqual(["cd-77"]);
    // A Quy chế is issued by the Quyết định of the same number.
    expect([...numbered("Quy chế 41 của Quảng Trị quy định gì về tài khoản?")!]).toEqual(["qd-41"]);
    expect(numbered("Sở Tài chính có nhiệm vụ gì?")).toBeNull();
  });

  it("finds the place of an issuer or a title", () => {
    expect(placeOf("Ủy ban nhân dân tỉnh Quảng Trị")).toBe("quang tri");
    expect(placeOf("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG")).toBe("da nang");
    expect(placeOf("Kế hoạch phát triển thương mại điện tử trên địa bàn thành phố Đà Nẵng đến năm 2030")).toBe("da nang");
    expect(placeOf("Thủ tướng Chính phủ")).toBeNull();
  });

  it("names a document by its place, its type and a title pair together", () => {
    const h = hints("kế hoạch thương mại điện tử của Đà Nẵng đặt mục tiêu gì?");
    expect([...namedDocuments(h)!]).toEqual(["kh-88"]);
    // The place alone weighs, but names nothing among two documents of Quảng Trị.
    expect(namedDocuments(hints("Quảng Trị giao việc gì?"))).toBeNull();
  });

  it("does not name another place's text by its title words when the question names a place", () => {
    // qd-41 (Quảng Trị) shares "quy chế quản lý cổng thông tin điện tử" with the question; Đà Nẵng is asked about.
    const h = hints("Theo quy chế quản lý cổng thông tin điện tử của Đà Nẵng, ai cập nhật tin bài?");
    expect(h.has("qd-41")).toBe(false);
    expect(h.has("kh-88")).toBe(true);
    // Without a place, the title words name it as before.
    expect(hints("Theo quy chế quản lý cổng thông tin điện tử, ai cập nhật tin bài?").has("qd-41")).toBe(true);
    // Its number names it whatever place is written.
    expect(hints("Quy chế 41 có áp dụng cho Đà Nẵng không?").has("qd-41")).toBe(true);
  });
});

describe("title pairs many documents share", () => {
  it("do not name a document", () => {
    const many = [
      doc("a", null, "Kế hoạch", "Kế hoạch triển khai chuyển đổi số ngành y tế", null),
      doc("b", null, "Kế hoạch", "Kế hoạch triển khai kiến trúc dữ liệu dùng chung", null),
      doc("c", null, "Kế hoạch", "Kế hoạch triển khai đề án thanh toán điện tử", null),
      doc("d", null, "Kế hoạch", "Kế hoạch triển khai cơ sở dữ liệu đất đai", null),
      doc("e", null, "Quyết định", "Quyết định về quy chế làm việc", null),
    ];
    const h = documentHints({ query: "kế hoạch triển khai nào giao việc kiểm tra?", folded: "ke hoach trien khai nao giao viec kiem tra?", wantsDraft: false }, many, titlePairsOf);
    expect(namedDocuments(h)).toBeNull();
  });
});

describe("answer kinds", () => {
  it("reads what the question asks for", () => {
    expect(answerKinds("Sở Y tế phải báo cáo trước ngày nào?")).toEqual(["time"]);
    expect(answerKinds("bao cao dinh ky bao lau mot lan?")).toEqual(["recurrence"]);
    expect(answerKinds("phải thông báo trước tối thiểu bao lâu?")).toEqual(["duration"]);
    expect(answerKinds("tỷ lệ hồ sơ trực tuyến đạt bao nhiêu phần trăm?")).toEqual(["percent", "number"]);
    expect(answerKinds("được cộng mấy điểm?")).toEqual(["points", "number"]);
    expect(answerKinds("địa chỉ cổng thông tin là gì?")).toEqual(["address"]);
    expect(answerKinds("Ai chủ trì xây dựng cơ sở dữ liệu?")).toEqual([]);
    // A place asked for; a body asked for is not one.
    expect(answerKinds("Trung tâm dữ liệu vùng sẽ đặt tại những tỉnh, thành phố nào?")).toEqual(["place"]);
    expect(answerKinds("thi điểm ở huyện nào?")).toEqual(["place"]);
    expect(answerKinds("Tổ công tác đặt tại cơ quan nào?")).toEqual([]);
    // Pay, cost and capital are money.
    expect(answerKinds("muc luong thue chuyen gia la bao nhieu mot thang")).toEqual(["money", "number"]);
    expect(answerKinds("Tổng vốn đầu tư dự án là bao nhiêu?")).toEqual(["money", "number"]);
    expect(answerKinds("Có bao nhiêu chuyên gia được thuê?")).toEqual(["number"]);
  });

  it("tells whether a text carries it", () => {
    expect(carries("time", "hoàn thành trong quý III/2026")).toBe(true);
    expect(carries("time", "trước ngày 15 hằng tháng")).toBe(true);
    expect(carries("time", "Chi thường xuyên hoặc nguồn vốn hợp pháp khác")).toBe(false);
    expect(carries("time", "Thời gian thực hiện: Thường xuyên")).toBe(true);
    expect(carries("recurrence", "báo cáo 06 tháng/lần về Ủy ban")).toBe(true);
    expect(carries("duration", "trong thời hạn 07 (bảy) ngày làm việc")).toBe(true);
    expect(carries("percent", "đạt 85,5%")).toBe(true);
    expect(carries("address", "tại địa chỉ https://dichvucong.quangtri.gov.vn")).toBe(true);
    expect(missingKinds(["percent", "number"], "đạt 40 doanh nghiệp")).toEqual(["percent"]);
    expect(carries("place", "xây dựng trung tâm dữ liệu tại tỉnh Bắc Ninh và thành phố Đà Nẵng")).toBe(true);
    expect(carries("place", "thí điểm tại Hà Nội trong năm 2026")).toBe(true);
    expect(carries("place", "hình thành 03 cụm Trung tâm Dữ liệu quốc gia theo quy định tại Nghị quyết số 175/NQ-CP")).toBe(false);
    expect(carries("place", "đặt tại Bộ Công an")).toBe(false);
  });
});

const chunk = (n: number, section: string, text: string): Chunk => ({
  id: `d:${n}`,
  documentId: "d",
  kind: "text",
  text,
  context: section,
  heading: "",
  section,
  lines: [n * 2 + 1, n * 2 + 2],
});

describe("passage window", () => {
  const chunks = [
    chunk(0, "II", "II. NHIỆM VỤ"),
    chunk(1, "II › 2", "2. Các Sở: Y tế, Tư pháp khắc phục bất cập của hệ thống, hoàn thành trong tháng 10 năm 2025, cụ thể:"),
    chunk(2, "II › 2", "(1) Sở Y tế nâng cấp hệ thống cấp phép hành nghề."),
    chunk(3, "II › 2", "(2) Sở Tư pháp khắc phục lỗi hệ thống hộ tịch, xong trước ngày 05/12/2025."),
    chunk(4, "III", "III. TỔ CHỨC THỰC HIỆN"),
    chunk(5, "III › 1", "1. Văn phòng Ủy ban tổng hợp, báo cáo kết quả thực hiện của các sở"),
    chunk(6, "III › 1", "trước ngày 25 hằng tháng."),
    chunk(7, "III › 2", "2. Sở Tài chính bố trí kinh phí thực hiện."),
  ];
  const nb = new Neighbourhood(chunks);
  const words = (w: string[]) => (t: string) => w.filter((x) => foldDiacritics(t).toLowerCase().includes(x)).length / w.length;

  it("splits numbered items into sentences", () => {
    expect(sentencesOf("(1) Làm A; (2) Làm B. Sau đó báo cáo.")).toEqual(["(1) Làm A;", "(2) Làm B.", "Sau đó báo cáo."]);
  });

  it("reads the deadline of a list item from the list's lead-in, not from a sibling item", () => {
    const p = pickInWindow(nb, chunks[2]!, ["time"], words(["so y te", "cap phep"]));
    expect(p.missing).toEqual([]);
    expect(p.support?.chunk.id).toBe("d:1");
    expect(p.support?.sentence).toContain("tháng 10 năm 2025");
  });

  it("finishes a sentence cut across chunks", () => {
    const p = pickInWindow(nb, chunks[5]!, ["time", "recurrence"], words(["van phong", "bao cao"]));
    expect(p.sentence).toContain("trước ngày 25 hằng tháng");
    expect(p.missing).toEqual([]);
  });

  it("answers an enumeration's lead-in with its list items ('… chia làm 3 bước:' + '- Bước 1 …')", () => {
    const steps = [
      chunk(0, "I › 1", "1. Mục tiêu"),
      chunk(1, "I › 1", "Hoàn thiện nền tảng dữ liệu của tỉnh bảo đảm kết nối, chia sẻ giữa các sở, ngành và các xã, phường trên địa bàn toàn tỉnh, chia làm 3 bước:"),
      chunk(2, "I › 1", "- Bước một (đến ngày 31/3/2026): rà soát dữ liệu."),
      chunk(3, "I › 1", "- Bước hai (đến ngày 30/9/2026): kết nối dữ liệu."),
      chunk(4, "I › 1", "- Bước ba (đến ngày 31/12/2026): khai thác dữ liệu."),
      chunk(5, "I › 2", "2. Nhiệm vụ"),
    ];
    const p = pickInWindow(new Neighbourhood(steps), steps[1]!, ["number"], words(["chia", "buoc"]));
    expect(p.sentence).toMatch(/chia làm 3 bước: - Bước một/);
    for (const d of ["31/3/2026", "30/9/2026", "31/12/2026"]) expect(p.sentence).toContain(d);
    expect(p.sentence).not.toContain("2. Nhiệm vụ");
  });

  it("reads a deadline from the phase heading above the item, past the sibling items between", () => {
    const phases = [
      chunk(0, "2 › 2.2", "2.2. Về hạ tầng số"),
      chunk(1, "2 › 2.2 › * Giai đoạn từ nay đến ngày 30/6/2026", "* Giai đoạn từ nay đến ngày 30/6/2026"),
      chunk(2, "2 › 2.2 › * Giai đoạn từ nay đến ngày 30/6/2026 › a)", "a) Sở Xây dựng chủ trì rà soát hạ tầng trạm sạc."),
      chunk(3, "2 › 2.2 › * Giai đoạn từ nay đến ngày 30/6/2026 › b)", "b) Sở Công Thương chủ trì bảo đảm nguồn điện cho các trạm."),
      chunk(4, "2 › 2.2 › * Giai đoạn từ ngày 01/7/2026 đến ngày 31/12/2026", "* Giai đoạn từ ngày 01/7/2026 đến ngày 31/12/2026"),
      chunk(5, "2 › 2.2 › * Giai đoạn từ ngày 01/7/2026 đến ngày 31/12/2026 › a)", "a) Sở Công Thương mở rộng mạng lưới trạm sạc."),
    ];
    const nb2 = new Neighbourhood(phases);
    const first = pickInWindow(nb2, phases[3]!, ["time"], words(["nguon dien"]));
    expect(first.missing).toEqual([]);
    expect(first.support?.chunk.id).toBe("d:1");
    // The next phase's item is framed by its own heading, not by the one before it.
    const second = pickInWindow(nb2, phases[5]!, ["time"], words(["mo rong"]));
    expect(second.support?.chunk.id).toBe("d:4");
    expect(second.evidence).toContain("31/12/2026");
    // A heading without a date frames nothing for a date: the item has none.
    expect(pickInWindow(nb2, phases[0]!, ["time"], words(["ha tang"])).missing).toEqual(["time"]);
  });

  it("says what is missing when neither the passage nor its framing holds it", () => {
    const p = pickInWindow(nb, chunks[7]!, ["time"], words(["kinh phi"]));
    expect(p.missing).toEqual(["time"]);
  });

  it("reads the deadline line that follows an item", () => {
    const trail = [
      chunk(0, "1 › 1.3", "1.3. Giao Ủy ban nhân dân các xã"),
      chunk(1, "1 › 1.3", "- Rà soát, làm sạch dữ liệu hộ kinh doanh trên địa bàn; bảo đảm chính xác."),
      chunk(2, "1 › 1.3", "Thời gian hoàn thành trước ngày 15 tháng 01 năm 2026."),
      chunk(3, "1 › 1.4", "1.4. Giao Sở Tài chính"),
    ];
    const p = pickInWindow(new Neighbourhood(trail), trail[1]!, ["time"], words(["ra soat"]));
    expect(p.missing).toEqual([]);
    expect(p.evidence).toBe("Thời gian hoàn thành trước ngày 15 tháng 01 năm 2026.");
  });

  it("answers an item that lists its parts with all of them, not the next item", () => {
    const list = [chunk(0, "2 › b)", "(1) Sở Tư pháp giải quyết 02 vấn đề: (i) kết nối hộ tịch; (ii) cấp phiếu lý lịch trực tuyến. (2) Sở Y tế nâng cấp hệ thống.")];
    const p = pickInWindow(new Neighbourhood(list), list[0]!, [], words(["so tu phap", "van de"]));
    expect(p.sentence).toContain("(ii) cấp phiếu lý lịch trực tuyến");
    expect(p.sentence).not.toContain("Sở Y tế");
  });

  it("finds a passage by a task's line", () => {
    expect(nb.at("d", 7)?.id).toBe("d:3");
  });
});

const task = (over: Partial<Task>): Task =>
  ({
    id: "t1",
    documentId: "d",
    layout: "prose",
    text: "Xây dựng cổng thanh toán trực tuyến",
    lead: ["Sở Tài chính"],
    leadText: "Sở Tài chính",
    coordinators: [],
    coordinatorsText: "",
    result: "",
    context: "",
    section: "II",
    quote: "",
    lines: [1, 1],
    deadline: { kind: "none", text: "" },
    ...over,
  }) satisfies Task;

describe("task answerability", () => {
  it("refuses a task that does not name the agency asked about", () => {
    expect(taskRefusal({ agencies: [["Văn phòng Ủy ban nhân dân"]], kinds: [], countsTasks: false }, task({}))).toBe("agency");
    expect(taskRefusal({ agencies: [["Sở Tài chính"]], kinds: [], countsTasks: false }, task({}))).toBeNull();
  });

  it("refuses a task whose record holds no number of the kind asked", () => {
    expect(taskRefusal({ agencies: [], kinds: ["money", "number"], countsTasks: false }, task({}))).toBe("quantity");
    expect(taskRefusal({ agencies: [], kinds: ["percent", "number"], countsTasks: false }, task({ result: "Tỷ lệ giao dịch trực tuyến đạt 80%" }))).toBeNull();
    // A date is read from the passage afterwards, so a task without one is not refused.
    expect(taskRefusal({ agencies: [], kinds: ["time"], countsTasks: false }, task({}))).toBeNull();
  });

  it("knows a count of tasks", () => {
    expect(countsTasks("co bao nhieu nhiem vu den han")).toBe(true);
    expect(countsTasks("ty le dat bao nhieu")).toBe(false);
  });
});

describe("role questions", () => {
  it("knows a question about who holds a role", async () => {
    const { asksRole } = await import("../src/answer/answer-type.ts");
    expect(asksRole("Ai là Chủ tịch Hội đồng thẩm định?")).toBe(true);
    expect(asksRole("Tổ trưởng Tổ công tác là ai?")).toBe(true);
    expect(asksRole("Ban chỉ đạo do ai làm Trưởng ban?")).toBe(true);
    expect(asksRole("Ai chủ trì xây dựng cổng thông tin?")).toBe(false);
  });

  it("finds the sentence naming a role's holder", () => {
    expect(carries("holder", "1. Trưởng ban: Giám đốc Sở Nội vụ.")).toBe(true);
    expect(carries("holder", "Tổ giúp việc đặt tại Sở Tài chính do Giám đốc Sở Tài chính làm Tổ trưởng")).toBe(true);
    expect(carries("holder", "2. Bà Lê Thị B, Phó Giám đốc Sở Y tế, Tổ phó.")).toBe(true);
    expect(carries("holder", "Tổ trưởng trình Trưởng ban phê duyệt kế hoạch hoạt động")).toBe(false);
    expect(carries("holder", "- Đồng chí Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo (để báo cáo);")).toBe(true);
  });

  it("reads the role and the body asked, so another role or another body's holder is not the answer", async () => {
    const { askedBody, askedRole, namesRole } = await import("../src/answer/answer-type.ts");
    expect(askedRole("Ai là Phó Chủ tịch thường trực Hội đồng thẩm định tỉnh?")).toBe("pho chu tich thuong truc");
    expect(askedBody("Ai là Phó Chủ tịch thường trực Hội đồng thẩm định tỉnh?")).toBe("hoi dong tham dinh");
    expect(askedBody("Trưởng Ban Chỉ đạo chuyển đổi số tỉnh là ai?")).toBe("ban chi dao chuyen doi");
    expect(askedRole("Ai chủ trì xây dựng cổng thông tin?")).toBeNull();
    expect(namesRole("2. Phó Chủ tịch thường trực: Phó Chủ tịch UBND tỉnh.", "pho chu tich thuong truc")).toBe(true);
    expect(namesRole("1. Chủ tịch: Chủ tịch UBND tỉnh; Sở Nội vụ là cơ quan thường trực.", "pho chu tich thuong truc")).toBe(false);
  });

  it("finds the subject agency of a heading, not a coordinator", () => {
    expect(carries("who", "Điều 22. Sở Tài chính")).toBe(true);
    expect(carries("who", "1.1. Giao Sở Nông nghiệp và Môi trường:")).toBe(true);
    expect(carries("who", "Chủ trì, phối hợp với Sở Khoa học và Công nghệ tham mưu bố trí kinh phí")).toBe(false);
  });
});

describe("units named as written", () => {
  it("reads a unit with its place and abbreviations, and keeps its core name", async () => {
    const { questionUnits } = await import("../src/answer/units.ts");
    expect(questionUnits("Sở Tài chính Đà Nẵng có nhiệm vụ gì trong kế hoạch này?")).toEqual(["Sở Tài chính"]);
    expect(questionUnits("Sở KH&CN Quảng Trị được giao những việc gì")).toEqual(["Sở Khoa học và Công nghệ"]);
    expect(questionUnits("Công an tỉnh Quảng Trị có những trách nhiệm gì")).toEqual(["Công an"]);
    expect(questionUnits("Ai chủ trì xây dựng phần mềm?")).toEqual([]);
    // Two capitalised words end a place name, not "Sở Công Thương".
    expect(questionUnits("Sở Công Thương phối hợp làm việc gì?")).toEqual(["Sở Công Thương"]);
    expect(questionUnits("Sở Y tế Cần Thơ phải làm gì?")).toEqual(["Sở Y tế"]);
  });

  it("matches a task lead as written, place words aside", async () => {
    const { leadIsUnit } = await import("../src/answer/units.ts");
    expect(leadIsUnit("Công an Thành phố", "Công an")).toBe(true);
    expect(leadIsUnit("Công an tỉnh", "Công an")).toBe(true);
    expect(leadIsUnit("Công an các phường, xã", "Công an")).toBe(false);
    expect(leadIsUnit("Sở Tài chính", "Sở Tài chính")).toBe(true);
  });

  it("reads the part of a document a question names", async () => {
    const { sectionReference } = await import("../src/answer/units.ts");
    expect(sectionReference("Sở Y tế được giao gì trong phần tổ chức thực hiện kế hoạch?")).toBe("to chuc thuc hien");
    expect(sectionReference("theo Phụ lục III của công văn")).toBe("phu luc iii");
    expect(sectionReference("phần mềm dùng chung do ai xây dựng?")).toBeNull();
  });
});

describe("long forms", () => {
  it("writes abbreviations out so questions and texts compare alike, two-letter words aside", async () => {
    const { longForms } = await import("../src/answer/understand.ts");
    expect(longForms("các CSDL của tỉnh")).toBe("các cơ sở dữ liệu của tỉnh");
    expect(longForms("Nguyên tắc AI First")).toBe("Nguyên tắc AI First");
  });
});
