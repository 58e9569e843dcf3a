// Tasks layer: the agency registry — abbreviations, diacritic-free input, source typos, groups and the
// 2025 reorganisation.

import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { AGENCIES, agencyById, agencyByName, agencyKey, agencyNames, findAgencies, PATTERNS, predecessorsOf, resolveAgency, successorOf, unrecognisedWords } from "../src/tasks/agencies.ts";

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
    expect(agencyNames("các doanh nghiệp viễn thông di động")).toEqual([]);
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
