// Tasks layer (pure): the agency registry — canonical names, abbreviations, diacritic-free forms, typos,
// groups, and the 2025 reorganisation (Nghị quyết 176/2025/QH15: who holds a merged ministry's portfolio now).

import { foldDiacritics, normalizeText } from "../text/normalize.ts";

export type AgencyKind = "ministry" | "government" | "party" | "state" | "media" | "group" | "unit" | "other";

export interface Agency {
  id: string;
  name: string;
  short?: string;
  aliases: string[];
  kind: AgencyKind;
  /** Set when the agency was merged in the 2025 reorganisation: the body holding its portfolio now. */
  successor?: string;
  since?: string;
}

const A = (id: string, name: string, kind: AgencyKind, aliases: string[] = [], extra: Partial<Agency> = {}): Agency => ({
  id,
  name,
  kind,
  aliases,
  ...extra,
});

export const AGENCIES: Agency[] = [
  A("bca", "Bộ Công an", "ministry", ["BCA", "Bộ Công án", "Bo Cong an"], { short: "BCA" }),
  A("bqp", "Bộ Quốc phòng", "ministry", ["BQP"], { short: "BQP" }),
  A("bng", "Bộ Ngoại giao", "ministry", ["BNG"]),
  A("bnv", "Bộ Nội vụ", "ministry", ["BNV"]),
  A("btp", "Bộ Tư pháp", "ministry", ["BTP"]),
  A("btc", "Bộ Tài chính", "ministry", ["BTC"]),
  A("bct", "Bộ Công Thương", "ministry", ["BCT", "Bộ Công thương"]),
  A("bnnmt", "Bộ Nông nghiệp và Môi trường", "ministry", ["Bộ NN&MT", "Bộ NNMT"]),
  A("bxd", "Bộ Xây dựng", "ministry", ["BXD"]),
  A("bvhttdl", "Bộ Văn hóa, Thể thao và Du lịch", "ministry", ["Bộ VHTTDL", "Bộ VH-TT&DL", "Bộ Văn hóa Thể thao và Du lịch"]),
  A("bkhcn", "Bộ Khoa học và Công nghệ", "ministry", ["Bộ KH&CN", "Bộ KHCN", "BKHCN", "KH&CN", "KHCN"], { short: "Bộ KH&CN" }),
  A("bgddt", "Bộ Giáo dục và Đào tạo", "ministry", ["Bộ GD&ĐT", "Bộ GDĐT", "BGDĐT"]),
  A("byt", "Bộ Y tế", "ministry", ["BYT"]),
  A("bdttg", "Bộ Dân tộc và Tôn giáo", "ministry", []),
  A("nhnn", "Ngân hàng Nhà nước Việt Nam", "ministry", ["NHNN", "Ngân hàng Nhà nước"], { short: "NHNN" }),
  A("ttcp", "Thanh tra Chính phủ", "ministry", ["TTCP"]),
  A("vpcp", "Văn phòng Chính phủ", "ministry", ["VPCP"], { short: "VPCP" }),
  A("bcy", "Ban Cơ yếu Chính phủ", "government", ["BCYCP"]),
  A("btttt", "Bộ Thông tin và Truyền thông", "ministry", ["Bộ TT&TT", "Bộ TTTT", "BTTTT", "TT&TT", "Bộ Thông tin - Truyền thông"], { short: "Bộ TT&TT", successor: "bkhcn", since: "2025-03-01" }),
  A("bkhdt", "Bộ Kế hoạch và Đầu tư", "ministry", ["Bộ KH&ĐT", "Bộ KHĐT", "BKHĐT", "KH&ĐT"], { short: "Bộ KH&ĐT", successor: "btc", since: "2025-03-01" }),
  A("btnmt", "Bộ Tài nguyên và Môi trường", "ministry", ["Bộ TN&MT", "Bộ TNMT"], { successor: "bnnmt", since: "2025-03-01" }),
  A("bnnptnt", "Bộ Nông nghiệp và Phát triển nông thôn", "ministry", ["Bộ NN&PTNT", "Bộ NNPTNT"], { successor: "bnnmt", since: "2025-03-01" }),
  A("bgtvt", "Bộ Giao thông vận tải", "ministry", ["Bộ GTVT", "Bộ Giao thông và Vận tải"], { successor: "bxd", since: "2025-03-01" }),
  A("bldtbxh", "Bộ Lao động - Thương binh và Xã hội", "ministry", ["Bộ LĐTBXH", "Bộ LĐ-TB&XH", "Bộ Lao động Thương binh và Xã hội"], { successor: "bnv", since: "2025-03-01" }),
  A("ubdt", "Ủy ban Dân tộc", "ministry", ["UBDT"], { successor: "bdttg", since: "2025-03-01" }),
  A("vptwd", "Văn phòng Trung ương Đảng", "party", ["VPTW", "VP Trung ương Đảng", "Văn phòng TW Đảng"]),
  A("btctw", "Ban Tổ chức Trung ương", "party", ["BTCTW"]),
  A("btgtw", "Ban Tuyên giáo Trung ương", "party", ["BTGTW"], { successor: "btgdvtw", since: "2025-02-01" }),
  A("btgdvtw", "Ban Tuyên giáo và Dân vận Trung ương", "party", []),
  A("bnctw", "Ban Nội chính Trung ương", "party", []),
  A("ubkttw", "Ủy ban Kiểm tra Trung ương", "party", []),
  A("bcdtw", "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", "party", ["Ban Chỉ đạo Trung ương"]),
  A("ubqgcds", "Ủy ban Quốc gia về chuyển đổi số", "government", ["UBQG", "Ủy ban Quốc gia"]),
  A("tct-ubqg", "Tổ công tác giúp việc Ủy ban Quốc gia về chuyển đổi số", "government", ["Tổ công tác giúp việc Ủy ban"]),
  A("vtv", "Đài Truyền hình Việt Nam", "media", ["VTV"]),
  A("vov", "Đài Tiếng nói Việt Nam", "media", ["VOV"]),
  A("ttxvn", "Thông tấn xã Việt Nam", "media", ["TTXVN"]),
  A("tandtc", "Tòa án nhân dân tối cao", "state", ["TANDTC"]),
  A("vksndtc", "Viện Kiểm sát nhân dân tối cao", "state", ["VKSNDTC"]),
  A("vpqh", "Văn phòng Quốc hội", "state", ["VPQH"]),
  A("ktnn", "Kiểm toán nhà nước", "state", ["KTNN"]),
  A("mttq", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "state", ["Mặt trận Tổ quốc Việt Nam", "MTTQ"]),
  A("bhxh", "Bảo hiểm xã hội Việt Nam", "government", ["BHXH"]),
  A("ubqlv", "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "government", []),
  A("vhl-khcn", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "government", []),
  A("ttdlqg", "Trung tâm Dữ liệu quốc gia", "unit", ["Trung tâm dữ liệu quốc gia"]),
  A("ubnd-tinh", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "group", ["UBND các tỉnh, thành phố trực thuộc Trung ương", "UBND các tỉnh, thành phố", "UBND các tỉnh", "Ủy ban nhân dân các tỉnh, thành phố", "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", "UBND cấp tỉnh", "Ủy ban nhân dân cấp tỉnh", "UBND", "Ủy ban nhân dân", "Các tỉnh, thành phố trực thuộc Trung ương", "Các tỉnh, thành phố trực thuộc TW"]),
  A("bo-nganh-dp", "Các bộ, ngành, địa phương", "group", ["Bộ, ngành, địa phương", "các Bộ, ngành, địa phương", "các bộ, ngành và địa phương", "Bộ, ngành và địa phương", "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "Các bộ, cơ quan, địa phương", "Bộ, cơ quan, địa phương"]),
  A("bo-nganh", "Các bộ, ngành", "group", ["Bộ, ngành", "Các bộ, cơ quan ngang bộ", "Các bộ, cơ quan", "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Các Bộ, ngành Trung ương"]),
  A("dia-phuong", "Các địa phương", "group", ["Địa phương"]),
  // Not "Các doanh nghiệp" alone: "các doanh nghiệp viễn thông di động" is another group.
  A("dn-cns", "Các doanh nghiệp công nghệ số", "group", ["Doanh nghiệp công nghệ số", "các tập đoàn, doanh nghiệp"]),
  A("evn", "Tập đoàn Điện lực Việt Nam", "other", ["EVN"]),
  A("vnpt", "Tập đoàn Bưu chính Viễn thông Việt Nam", "other", ["VNPT"]),
  A("thu-tuong", "Thủ tướng Chính phủ", "government", []),
  A("chinh-phu", "Chính phủ", "government", []),
];

const BY_ID = new Map(AGENCIES.map((a) => [a.id, a]));

export function agencyById(id: string): Agency | undefined {
  return BY_ID.get(id);
}

/** Key used for matching names: folded, "&" kept, punctuation collapsed. "Bộ KH&CN" → "bo kh&cn". */
export function agencyKey(s: string): string {
  return key(s);
}

function key(s: string): string {
  return foldDiacritics(normalizeText(s)).replace(/[^a-z0-9&]+/g, " ").trim();
}

/** Abbreviations that are ordinary words (or other things) when written in lower case. */
const AMBIGUOUS_LOWER = new Set(["vov", "btc", "bct", "ttcp", "ktnn", "mttq", "kh&cn", "khcn", "tt&tt", "kh&đt"]);

export interface Pattern {
  agency: Agency;
  key: string;
  /** Abbreviations are matched case-sensitively on the original text to avoid "ai"/"bct" noise. */
  caseSensitive?: string;
}

export const PATTERNS: readonly Pattern[] = (() => {
  const out: Pattern[] = [];
  for (const a of AGENCIES) {
    for (const n of [a.name, ...a.aliases]) {
      // Short abbreviations ("BCA", "VPCP") are also typed in lower case ("bca"); two-letter ones and
      // ones that are ordinary words when lower-cased stay case-sensitive.
      const isAbbrev = !/\s/.test(n) && n === n.toUpperCase();
      const strict = isAbbrev && (n.replace(/[^A-ZĐ]/gu, "").length < 3 || AMBIGUOUS_LOWER.has(n.toLowerCase()));
      out.push({ agency: a, key: key(n), ...(strict ? { caseSensitive: n } : {}) });
    }
  }
  // Longest first so "Ủy ban nhân dân các tỉnh" wins over "Ủy ban nhân dân".
  return out.sort((x, y) => y.key.length - x.key.length);
})();

const PATTERNS_BY_FIRST_WORD = (() => {
  const m = new Map<string, number[]>();
  PATTERNS.forEach((p, i) => {
    if (!p.key) return;
    const first = p.key.split(" ")[0]!;
    const l = m.get(first);
    if (l) l.push(i);
    else m.set(first, [i]);
  });
  return m;
})();

export interface AgencyMention {
  agency: Agency;
  /** Character offsets in the folded key string of the input. */
  start: number;
  end: number;
}

/**
 * Find agencies named in a text, in order, longest match first and without overlaps.
 * Works on text with or without diacritics: "bo cong an" → Bộ Công an.
 */
export function findAgencies(text: string): AgencyMention[] {
  const k = ` ${key(text)} `;
  // Occurrences of each pattern, found by looking up each word of the text among the patterns' first
  // words (one pass over the text instead of one indexOf per pattern; ~400 patterns).
  const hits = new Map<number, number[]>();
  for (let p = 1; p < k.length; ) {
    const end = k.indexOf(" ", p);
    if (end < 0) break;
    const cands = PATTERNS_BY_FIRST_WORD.get(k.slice(p, end));
    if (cands) {
      for (const i of cands) {
        const pk = PATTERNS[i]!.key;
        if (k.startsWith(pk, p) && k[p + pk.length] === " ") {
          const l = hits.get(i);
          if (l) l.push(p);
          else hits.set(i, [p]);
        }
      }
    }
    p = end + 1;
  }
  const taken: [number, number][] = [];
  const found: AgencyMention[] = [];
  // Longest patterns first (PATTERNS order), each left to right without overlapping itself or a longer one.
  for (const i of [...hits.keys()].sort((a, b) => a - b)) {
    const p = PATTERNS[i]!;
    let from = 0;
    for (const s of hits.get(i)!) {
      if (s < from) continue;
      const e = s + p.key.length;
      from = e;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      if (p.caseSensitive && !new RegExp(`(^|[^\\p{L}])${p.caseSensitive.replace(/[&]/g, "&")}($|[^\\p{L}])`, "u").test(text)) continue;
      taken.push([s, e]);
      found.push({ agency: p.agency, start: s, end: e });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Words that join agency names in a cell without naming anything ("A, B và các cơ quan có liên quan"). */
const JOINING_WORDS = new Set(["va", "cac", "co", "quan", "lien", "khac", "theo", "chuc", "nang", "nhiem", "vu", "duoc", "giao", "phoi", "hop", "voi", "chu", "tri", "cung"]);

/**
 * Words of a cell naming who acts that no recognised agency accounts for: "các doanh nghiệp viễn thông di
 * động" → ["doanh", "nghiep", "vien", "thong", "di", "dong"] when no agency covers it. An answer then quotes
 * the cell as written rather than a list of canonical names that would leave part of it out.
 */
export function unrecognisedWords(text: string): string[] {
  const k = ` ${key(text)} `;
  const chars = [...k];
  for (const m of findAgencies(text)) for (let i = m.start; i < m.end; i++) chars[i] = " ";
  return chars
    .join("")
    .split(" ")
    .filter((w) => w && !JOINING_WORDS.has(w) && !/^\d+$/.test(w));
}

/** Resolve one agency name in any form ("BCA", "bo cong an", "Bộ KH&CN"). */
export function resolveAgency(text: string): Agency | undefined {
  const k = key(text);
  const exact = PATTERNS.find((p) => p.key === k && (!p.caseSensitive || k === key(p.caseSensitive)));
  if (exact) return exact.agency;
  return findAgencies(text)[0]?.agency;
}

/** Canonical names of the agencies in a text, de-duplicated, in order. */
export function agencyNames(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  // Agencies excluded in a parenthesis are not named: "các bộ, ngành (trừ Bộ Quốc phòng)" → no Bộ Quốc phòng.
  const kept = text.replace(/\((?:trừ|ngoại trừ|không bao gồm)\s[^)]*\)/giu, " ");
  for (const m of findAgencies(kept)) {
    if (seen.has(m.agency.id)) continue;
    seen.add(m.agency.id);
    out.push(m.agency.name);
  }
  return out;
}

/** Ids of agencies whose portfolio the given agency now holds (Bộ KH&CN ← Bộ TT&TT). */
export function predecessorsOf(id: string): Agency[] {
  return AGENCIES.filter((a) => a.successor === id);
}

export function successorOf(a: Agency): Agency | undefined {
  return a.successor ? BY_ID.get(a.successor) : undefined;
}

export function agencyByName(name: string): Agency | undefined {
  const k = key(name);
  return AGENCIES.find((a) => key(a.name) === k);
}
