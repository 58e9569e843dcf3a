// Tasks layer: the agency registry — abbreviations, diacritic-free input, source typos, groups and the
// 2025 reorganisation — and the units no registry lists, read from the shape of their names. The phrases
// below are written in the shapes of real provincial and ministerial texts; expected outputs by hand.

import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { AGENCIES, agencyById, agencyByName, agencyDirectory, agencyKey, agencyNames, findAgencies, findAgencyMentions, localDepartment, nameMatches, PATTERNS, predecessorsOf, registryAgency, resolveAgency, successorOf, unrecognisedWords } from "../src/tasks/agencies.ts";
import { parseAgencyRegistry } from "../src/text/agency-registry.ts";
import registryJson from "../src/text/agency-registry.json" with { type: "json" };
import { parseConfig } from "../src/config.ts";
import { createApp, type Loaded } from "../src/http/app.ts";
import { silentLogger } from "../src/log.ts";
import type { CorpusData } from "../src/tasks/corpus.ts";
import type { Task } from "../src/tasks/types.ts";

/** The straightforward scan findAgencies replaced: one indexOf per pattern, longest first. */
function referenceFind(text: string) {
  const k = ` ${agencyKey(text)} `;
  const taken: [number, number][] = [];
  const found: { id: string; start: number; end: number }[] = [];
  for (const p of PATTERNS) {
    if (!p.key) continue;
    let from = 0;
    for (;;) {
      const at = k.indexOf(` ${p.key} `, from);
      if (at < 0) break;
      const s = at + 1;
      const e = s + p.key.length;
      from = e;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      if (localDepartment(p.key, k, s)) continue;
      if (p.caseSensitive && !new RegExp(`(^|[^\\p{L}])${p.caseSensitive}($|[^\\p{L}])`, "u").test(text)) continue;
      taken.push([s, e]);
      found.push({ id: p.agency.id, start: s, end: e });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const idOf = (s: string) => resolveAgency(s)?.id;

describe("resolveAgency", () => {
  it.each([
    ["Bộ Công an", "bca"],
    ["BCA", "bca"],
    ["VPCP", "vpcp"],
    ["Văn phòng Chính phủ", "vpcp"],
    ["Bộ KH&CN", "bkhcn"],
    ["Bộ KHCN", "bkhcn"],
    ["Bộ Khoa học và Công nghệ", "bkhcn"],
    ["Bộ TT&TT", "btttt"],
    ["Bộ TTTT", "btttt"],
    ["Bộ KH&ĐT", "bkhdt"],
    ["Bộ KHĐT", "bkhdt"],
    ["NHNN", "nhnn"],
    ["Ngân hàng Nhà nước Việt Nam", "nhnn"],
    ["Ngân hàng nhà nước Việt Nam", "nhnn"],
    ["UBND các tỉnh", "ubnd-tinh"],
    ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "ubnd-tinh"],
    ["Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "ubnd-tinh"],
    ["Ban Cơ yếu Chính phủ", "bcy"],
    ["Văn phòng Trung ương Đảng", "vptwd"],
  ])("%s → %s", (input, id) => {
    expect(idOf(input)).toBe(id);
  });

  it("works without diacritics and in any case", () => {
    expect(idOf("bo cong an")).toBe("bca");
    expect(idOf("BO KHOA HOC VA CONG NGHE")).toBe("bkhcn");
    expect(idOf("van phong chinh phu")).toBe("vpcp");
    expect(idOf("ngan hang nha nuoc")).toBe("nhnn");
  });

  it("accepts the source's typo 'Bộ Công án'", () => {
    expect(idOf("Bộ Công án")).toBe("bca");
    expect(agencyNames("phối hợp với Bộ Công án, Bộ Tài chính")).toEqual(["Bộ Công an", "Bộ Tài chính"]);
  });

  it("returns undefined for things that are not agencies", () => {
    expect(resolveAgency("trí tuệ nhân tạo")).toBeUndefined();
    expect(resolveAgency("")).toBeUndefined();
  });
});

describe("findAgencies / agencyNames", () => {
  it("finds exactly what a scan of every pattern finds, on every line of the corpus", () => {
    const dir = new URL("../corpus/", import.meta.url);
    let mentions = 0;
    for (const f of readdirSync(dir).filter((n) => /\.(txt|md)$/.test(n) && n !== "README.md")) {
      for (const line of readFileSync(new URL(f, dir), "utf8").split("\n")) {
        const got = findAgencies(line).map((m) => ({ id: m.agency.id, start: m.start, end: m.end }));
        expect(got, line).toEqual(referenceFind(line));
        mentions += got.length;
      }
    }
    expect(mentions).toBeGreaterThan(500);
  });

  it("finds agencies in running text, in order, longest match first", () => {
    const text = "Bộ Công an chủ trì, phối hợp với Bộ Khoa học và Công nghệ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương";
    expect(findAgencies(text).map((m) => m.agency.id)).toEqual(["bca", "bkhcn", "ubnd-tinh"]);
  });

  it("takes lower-case 3+ letter abbreviations (users type them) but not two-letter words", () => {
    expect(findAgencies("ai chủ trì việc này, hay không")).toEqual([]);
    expect(findAgencies("bca hay vpcp").map((m) => m.agency.id)).toEqual(["bca", "vpcp"]);
    expect(findAgencies("BCA và VPCP").map((m) => m.agency.id)).toEqual(["bca", "vpcp"]);
  });

  it("recognises groups of agencies", () => {
    expect(agencyNames("Các bộ, ngành, địa phương")).toEqual(["Các bộ, ngành, địa phương"]);
    expect(agencyNames("Bộ, ngành, địa phương")).toEqual(["Các bộ, ngành, địa phương"]);
    expect(agencyNames("Các bộ, ngành có liên quan")).toEqual(["Các bộ, ngành"]);
    expect(agencyNames("Các bộ, cơ quan, địa phương")).toEqual(["Các bộ, ngành, địa phương"]);
    expect(agencyNames("Các địa phương")).toEqual(["Các địa phương"]);
    expect(agencyById("bo-nganh-dp")!.kind).toBe("group");
  });

  it("de-duplicates and keeps order", () => {
    expect(agencyNames("Bộ Công an, Bộ Quốc phòng và các bộ, ngành, địa phương khác có liên quan; BCA")).toEqual([
      "Bộ Công an",
      "Bộ Quốc phòng",
      "Các bộ, ngành, địa phương",
    ]);
  });

  it("leaves out agencies excluded in a parenthesis", () => {
    expect(agencyNames("Bộ Khoa học và Công nghệ, các Bộ, ngành, địa phương (trừ Bộ Quốc phòng, Ban Cơ yếu Chính phủ)")).toEqual([
      "Bộ Khoa học và Công nghệ",
      "Các bộ, ngành, địa phương",
    ]);
  });

  it("keeps a unit named in brackets after its ministry", () => {
    expect(agencyNames("Bộ Công an (Trung tâm Dữ liệu quốc gia)")).toEqual(["Bộ Công an", "Trung tâm Dữ liệu quốc gia"]);
  });
});

describe("unrecognisedWords", () => {
  it("is empty when the names and joining words account for the cell", () => {
    expect(unrecognisedWords("Bộ Công an, Bộ Quốc phòng và các bộ, ngành, địa phương khác có liên quan")).toEqual([]);
    expect(unrecognisedWords("Bộ Thông tin và Truyền thông, Văn phòng Chính phủ")).toEqual([]);
  });
  it("keeps what no agency covers, so an answer quotes the cell instead of a shorter list", () => {
    expect(unrecognisedWords("Ủy ban nhân dân các tỉnh, thành phố, các doanh nghiệp viễn thông di động")).toEqual(["doanh", "nghiep", "vien", "thong", "di", "dong"]);
    expect(unrecognisedWords("các Hiệp hội và Doanh nghiệp công nghệ số Việt Nam")).toEqual(["hiep", "hoi", "viet", "nam"]);
  });
  it("'các doanh nghiệp …' is not read as the digital-technology firms group", () => {
    // A group of its own, quoted as written (not the registry's "Các doanh nghiệp công nghệ số").
    expect(agencyNames("các doanh nghiệp viễn thông di động")).toEqual(["Các doanh nghiệp viễn thông di động"]);
    expect(agencyNames("các doanh nghiệp công nghệ số")).toEqual(["Các doanh nghiệp công nghệ số"]);
  });
});

describe("2025 reorganisation", () => {
  it("maps merged ministries to their successors", () => {
    expect(successorOf(agencyById("btttt")!)?.id).toBe("bkhcn");
    expect(successorOf(agencyById("bkhdt")!)?.id).toBe("btc");
    expect(successorOf(agencyById("btnmt")!)?.id).toBe("bnnmt");
    expect(successorOf(agencyById("bnnptnt")!)?.id).toBe("bnnmt");
    expect(successorOf(agencyById("bgtvt")!)?.id).toBe("bxd");
    expect(successorOf(agencyById("bca")!)).toBeUndefined();
  });

  it("lists predecessors: Bộ KH&CN now holds Bộ TT&TT's portfolio", () => {
    expect(predecessorsOf("bkhcn").map((a) => a.name)).toContain("Bộ Thông tin và Truyền thông");
    expect(predecessorsOf("btc").map((a) => a.id)).toEqual(["bkhdt"]);
    expect(predecessorsOf("bnnmt").map((a) => a.id).sort()).toEqual(["bnnptnt", "btnmt"]);
    expect(predecessorsOf("bca")).toEqual([]);
  });

  it("every successor exists in the registry", () => {
    for (const a of AGENCIES) if (a.successor) expect(agencyById(a.successor), a.id).toBeDefined();
  });

  it("agencyByName matches canonical names only", () => {
    expect(agencyByName("bo thong tin va truyen thong")?.id).toBe("btttt");
    expect(agencyByName("BTTTT")).toBeUndefined();
  });
});

/** Mentions as "name" or "name => canonical", in order. */
const mentions = (s: string) => findAgencyMentions(s).map((m) => (m.canonical ? `${m.name} => ${m.canonical}` : m.name));

describe("findAgencyMentions: units beyond the registry, quoted as written", () => {
  it.each([
    // A province's Sở: the name ends at the verb, the comma, "và" before another unit.
    ["Sở Tài chính chủ trì, phối hợp với Sở Nội vụ và Sở Tư pháp", ["Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp"]],
    ["Sở Khoa học và Công nghệ có trách nhiệm hướng dẫn", ["Sở Khoa học và Công nghệ"]],
    ["Sở Nông nghiệp và Môi trường, Sở Xây dựng", ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"]],
    ["Sở Văn hóa, Thể thao và Du lịch tổ chức tuyên truyền", ["Sở Văn hóa, Thể thao và Du lịch"]],
    ["Sở Quy hoạch - Kiến trúc và Sở Giao thông vận tải", ["Sở Quy hoạch - Kiến trúc", "Sở Giao thông vận tải"]],
    ["Sở Tài chính cân đối, bố trí kinh phí", ["Sở Tài chính"]],
    ["Giao Sở Tài chính chủ trì", ["Sở Tài chính"]],
    ["Báo cáo Sở Xây dựng để tổng hợp", ["Sở Xây dựng"]],
    // Police, tax, treasury, social insurance of a province.
    ["Giao Công an tỉnh chủ trì", ["Công an tỉnh"]],
    ["Công an Thành phố, Bộ Tư lệnh Thành phố và các đơn vị có liên quan", ["Công an Thành phố", "Bộ Tư lệnh Thành phố"]],
    ["Chỉ đạo Công an các xã, phường rà soát", ["Công an các xã, phường"]],
    ["Thuế tỉnh phối hợp với Kho bạc Nhà nước khu vực", ["Thuế tỉnh", "Kho bạc Nhà nước khu vực"]],
    ["Bảo hiểm xã hội tỉnh cung cấp dữ liệu", ["Bảo hiểm xã hội tỉnh"]],
    ["Ngân hàng Nhà nước chi nhánh Khu vực 9 chỉ đạo các ngân hàng thương mại", ["Ngân hàng Nhà nước chi nhánh Khu vực 9", "các ngân hàng thương mại"]],
    // Centres, boards, institutes, offices.
    ["Trung tâm Chuyển đổi số Thành phố xây dựng nền tảng", ["Trung tâm Chuyển đổi số Thành phố"]],
    ["Trung tâm Phục vụ hành chính công tỉnh thực hiện tiếp nhận hồ sơ", ["Trung tâm Phục vụ hành chính công tỉnh"]],
    ["Ban Quản lý các khu công nghệ cao và khu công nghiệp", ["Ban Quản lý các khu công nghệ cao và khu công nghiệp"]],
    ["Văn phòng UBND tỉnh theo dõi, đôn đốc", ["Văn phòng UBND tỉnh"]],
    ["Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh"]],
    ["Viện Nghiên cứu phát triển Thành phố đề xuất", ["Viện Nghiên cứu phát triển Thành phố"]],
    ["Đoàn đại biểu Quốc hội tỉnh", ["Đoàn đại biểu Quốc hội tỉnh"]],
    ["Đài Phát thanh và Truyền hình tỉnh, Báo Nhân Dân", ["Đài Phát thanh và Truyền hình tỉnh", "Báo Nhân Dân"]],
    ["Trường Đại học Bách khoa Hà Nội", ["Trường Đại học Bách khoa Hà Nội"]],
    // A ministry's Cục / Vụ, in running text and in brackets after the ministry.
    ["phối hợp với Cục Cảnh sát quản lý hành chính về trật tự xã hội, Bộ Công an", ["Cục Cảnh sát quản lý hành chính về trật tự xã hội", "Bộ Công an => Bộ Công an"]],
    ["Bộ Tư pháp (Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính);", ["Bộ Tư pháp => Bộ Tư pháp", "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính"]],
    ["Bộ Khoa học và Công nghệ (Cục Chuyển đổi số quốc gia)", ["Bộ Khoa học và Công nghệ => Bộ Khoa học và Công nghệ", "Cục Chuyển đổi số quốc gia"]],
    ["Sở Y tế (Chi cục Dân số), Hội đồng Thi đua – Khen thưởng tỉnh", ["Sở Y tế", "Chi cục Dân số", "Hội đồng Thi đua – Khen thưởng tỉnh"]],
    // Local committees: a named one is a unit, the national group stays the registry's.
    ["UBND các phường, xã, đặc khu triển khai", ["UBND các phường, xã, đặc khu"]],
    ["Ủy ban nhân dân Thành phố ban hành Kế hoạch", ["Ủy ban nhân dân Thành phố"]],
    ["UBND xã", ["UBND xã"]],
    ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương => Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]],
    // State groups and corporations, groups of units.
    ["EVN, Viettel, VNPT", ["EVN => Tập đoàn Điện lực Việt Nam", "Viettel => Tập đoàn Công nghiệp - Viễn thông Quân đội", "VNPT => Tập đoàn Bưu chính Viễn thông Việt Nam"]],
    ["Tổng công ty Điện lực miền Bắc", ["Tổng công ty Điện lực miền Bắc"]],
    ["Các doanh nghiệp viễn thông phối hợp", ["Các doanh nghiệp viễn thông"]],
    ["các sở, ban, ngành, UBND cấp xã", ["các sở, ban, ngành", "UBND cấp xã"]],
    ["Các bộ, ngành, địa phương khác", ["Các bộ, ngành, địa phương => Các bộ, ngành, địa phương"]],
    // Paragraph breaks end a name; emphasis markup does not; a count after a name in a table row is not part of it.
    ["Sở Tài chính\nTheo dõi, đôn đốc", ["Sở Tài chính"]],
    ["**Sở Nội vụ** chủ trì", ["Sở Nội vụ"]],
    ["Bộ Tư pháp 11 VBQPPL", ["Bộ Tư pháp => Bộ Tư pháp"]],
    ["Công an Thành phố Chỉ đạo các đơn vị", ["Công an Thành phố"]],
    ["UBND Thành phố các nội dung cần sửa đổi", ["UBND Thành phố"]],
    ["**Sở Nội vụ**: chủ trì", ["Sở Nội vụ"]],
  ])("%s", (input, expected) => {
    expect(mentions(input)).toEqual(expected);
  });

  it.each([
    // Systems, laws, sectors and ordinary words that begin like a unit.
    "Cổng Dịch vụ công quốc gia",
    "Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh",
    "kết nối Hệ thống Thuế với cơ sở dữ liệu đất đai",
    "theo Luật Thuế giá trị gia tăng",
    "theo Quyết định số 15/QĐ-UBND ngày 02/10/2025",
    "Bộ Chỉ số đánh giá chuyển đổi số",
    "Ban hành kế hoạch; Nhiệm Vụ trọng tâm",
    "lực lượng Công an xã",
    "đầu tư Trung tâm dữ liệu vùng",
    "Hội nghị trực tuyến toàn quốc",
    "hướng dẫn các doanh nghiệp",
    "IV. TỔ CHỨC THỰC HIỆN",
    "BAN HÀNH QUY CHẾ QUẢN LÝ HỆ THỐNG",
    "tổ chức các Hội nghị",
    "xử lý các trường hợp chậm tiến độ",
  ])("names no agency: %s", (input) => {
    expect(mentions(input)).toEqual([]);
  });

  it("gives offsets in the input", () => {
    const text = "Giao Sở Tài chính chủ trì";
    const [m] = findAgencyMentions(text);
    expect(m).toMatchObject({ name: "Sở Tài chính", start: 5, end: 17 });
    expect(text.slice(m!.start, m!.end)).toBe("Sở Tài chính");
  });
});

describe("agencyNames with units beyond the registry", () => {
  it("a task led by a Sở has that Sở as its lead", () => {
    expect(agencyNames("Sở Tài chính")).toEqual(["Sở Tài chính"]);
    expect(agencyNames("Sở Tài chính chủ trì, phối hợp với Bộ KH&CN và Công an tỉnh")).toEqual(["Sở Tài chính", "Bộ Khoa học và Công nghệ", "Công an tỉnh"]);
  });
  it("de-duplicates a unit written twice", () => {
    expect(agencyNames("Sở Y tế; Sở Y tế và Sở Nội vụ")).toEqual(["Sở Y tế", "Sở Nội vụ"]);
  });
});

describe("registry data", () => {
  it("the bundled file passes its schema", () => {
    expect(parseAgencyRegistry(registryJson).length).toBe(AGENCIES.length);
  });
  it("a malformed registry is refused with the reason", () => {
    expect(() => parseAgencyRegistry([{ id: "x", name: "Bộ X", kind: "ministry", aliases: [], successor: "nowhere" }])).toThrow(/unknown successor/);
    expect(() => parseAgencyRegistry([{ id: "x", name: "Bộ X", kind: "council" }])).toThrow();
    expect(() => parseAgencyRegistry([{ id: "x", name: "Bộ X", kind: "ministry" }, { id: "x", name: "Bộ Y", kind: "ministry" }])).toThrow(/unique/);
  });
});

describe("registryAgency / nameMatches", () => {
  it("takes ids, names and aliases in any spelling", () => {
    expect(registryAgency("bkhcn")?.id).toBe("bkhcn");
    expect(registryAgency("ubnd-tinh")?.id).toBe("ubnd-tinh");
    expect(registryAgency("bo cong an")?.id).toBe("bca");
    expect(registryAgency("Bộ KH&CN")?.id).toBe("bkhcn");
  });
  it("does not reduce a longer name to a registry name inside it", () => {
    expect(registryAgency("Văn phòng UBND tỉnh")).toBeUndefined();
    expect(registryAgency("Sở Tài chính")).toBeUndefined();
  });
  it("matches a free name by whole words, diacritics aside", () => {
    expect(nameMatches("so tai chinh", "Sở Tài chính")).toBe(true);
    expect(nameMatches("Sở Tài chính", "Sở Tài chính Thành phố")).toBe(true);
    expect(nameMatches("Sở Tài chính", "Bộ Tài chính")).toBe(false);
    expect(nameMatches("Sở Tài chính", "Sở Tài nguyên")).toBe(false);
    expect(nameMatches("", "Sở Tài chính")).toBe(false);
  });
});

// A hand-made corpus: two documents, three tasks — one led by a registry ministry, two by units it does not list.
function task(over: Partial<Task> & Pick<Task, "id" | "documentId" | "lead" | "leadText">): Task {
  return { layout: "table", text: `Nhiệm vụ ${over.id}`, context: "", coordinators: [], coordinatorsText: "", result: "", deadline: { kind: "none", text: "" }, section: "", lines: [1, 1], quote: "", ...over };
}
const CORPUS: CorpusData = {
  documents: [
    { id: "kh-1", number: "1/KH-UBND", type: "Kế hoạch", title: "Kế hoạch chuyển đổi số tỉnh", issuer: "Ủy ban nhân dân tỉnh", issuedDate: "2025-10-01", status: "final", year: 2025, file: "kh-1.txt", lines: [1, 20] },
    { id: "qd-2", number: "2/QĐ-UBND", type: "Quyết định", title: "Quyết định về dữ liệu", issuer: "Ủy ban nhân dân tỉnh", issuedDate: "2025-11-01", status: "final", year: 2025, file: "qd-2.txt", lines: [1, 20] },
  ],
  chunks: [
    { id: "kh-1:1", documentId: "kh-1", kind: "text", text: "Sở Tài chính chủ trì, phối hợp với Công an tỉnh.", context: "", heading: "", section: "", lines: [3, 3] },
    { id: "qd-2:1", documentId: "qd-2", kind: "text", text: "Giao Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ; Bộ Công an hướng dẫn.", context: "", heading: "", section: "", lines: [4, 4] },
  ],
  tasks: [
    task({ id: "t1", documentId: "kh-1", lead: ["Sở Tài chính"], leadText: "Sở Tài chính", coordinators: ["Công an tỉnh"], coordinatorsText: "Công an tỉnh" }),
    task({ id: "t2", documentId: "qd-2", lead: ["Trung tâm Phục vụ hành chính công tỉnh"], leadText: "Trung tâm Phục vụ hành chính công tỉnh", coordinators: ["Sở Tài chính"], coordinatorsText: "Sở Tài chính" }),
    task({ id: "t3", documentId: "qd-2", lead: ["Bộ Công an"], leadText: "Bộ Công an", coordinators: [], coordinatorsText: "" }),
  ],
  indicators: [],
  warnings: [],
  failures: [],
  stats: { files: 2, documents: 2, sections: 0, tableRows: 0, chunks: 2, tasks: 3, indicators: 0 },
};

describe("agencyDirectory", () => {
  it("lists registry agencies and the corpus's other units with counts and documents", () => {
    const d = agencyDirectory(CORPUS);
    const so = d.find((e) => e.name === "Sở Tài chính")!;
    expect(so).toMatchObject({ id: "so-tai-chinh", leadTasks: 1, coordinatorTasks: 1, tasks: 2, documents: ["kh-1", "qd-2"] });
    expect(so.agency).toBeUndefined();
    expect(d.find((e) => e.name === "Công an tỉnh")).toMatchObject({ leadTasks: 0, coordinatorTasks: 1, documents: ["kh-1"] });
    expect(d.find((e) => e.id === "bca")).toMatchObject({ leadTasks: 1, tasks: 1, documents: ["qd-2"] });
    // Every registry agency is listed, named or not; they come first.
    expect(d.filter((e) => e.agency).length).toBe(AGENCIES.length);
    expect(d.findIndex((e) => !e.agency)).toBe(AGENCIES.length);
  });
});

describe("HTTP: agencies beyond the registry", () => {
  const loaded: Loaded = { version: "v-test", corpus: CORPUS, index: { search: async () => [], size: () => 0 }, answer: async () => ({ answer: "", citations: [] }) as never };
  const app = createApp({
    config: parseConfig({ RATE_LIMIT_PER_MINUTE: "1000" }),
    current: () => loaded,
    logger: silentLogger,
    fetch: (async () => {
      throw new Error("no network in unit tests");
    }) as typeof fetch,
    defer: () => {},
  });
  const tasksOf = async (qs: string) => {
    const res = await app.request(`/api/tasks?${qs}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { total: number; tasks: Task[] }).tasks.map((t) => t.id);
  };

  it("/api/tasks?agency= takes a free name, without diacritics too", async () => {
    expect(await tasksOf(`agency=${encodeURIComponent("Sở Tài chính")}`)).toEqual(["t1"]);
    expect(await tasksOf("agency=so%20tai%20chinh&role=any")).toEqual(["t1", "t2"]);
    expect(await tasksOf("agency=so-tai-chinh&role=coordinator")).toEqual(["t2"]);
    expect(await tasksOf(`agency=${encodeURIComponent("Trung tâm Phục vụ hành chính công tỉnh")}`)).toEqual(["t2"]);
    expect(await tasksOf("agency=BCA")).toEqual(["t3"]);
  });

  it("an unknown agency gives an empty list, a too long one a 400", async () => {
    expect(await tasksOf(`agency=${encodeURIComponent("Sở Không Có")}`)).toEqual([]);
    const res = await app.request(`/api/tasks?agency=${"a".repeat(201)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
  });

  it("/api/agencies lists units the registry does not, with task counts and documents", async () => {
    const res = await app.request("/api/agencies");
    const { agencies } = (await res.json()) as { agencies: { id: string; name: string; registered: boolean; kind: string; tasks: number; leadTasks: number; documents: { id: string; number: string | null }[]; aliases: string[]; successor: string | null }[] };
    const so = agencies.find((a) => a.name === "Sở Tài chính")!;
    expect(so).toMatchObject({ id: "so-tai-chinh", registered: false, kind: "unit", tasks: 2, leadTasks: 1, aliases: [], successor: null });
    expect(so.documents.map((d) => d.number)).toEqual(["1/KH-UBND", "2/QĐ-UBND"]);
    const bca = agencies.find((a) => a.id === "bca")!;
    expect(bca).toMatchObject({ name: "Bộ Công an", registered: true, kind: "ministry", tasks: 1 });
    expect(agencies.find((a) => a.name === "Bộ Thông tin và Truyền thông")?.successor).toBe("Bộ Khoa học và Công nghệ");
  });
});
