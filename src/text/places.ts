// Text layer (pure): the provinces and centrally run cities of Viet Nam as questions write them — the 63 before the
// 2025 merger, whose names the 34 after it keep. Domain data, not a document's: a question naming one that no text
// here is issued by is still about that place.

import { foldDiacritics } from "./normalize.ts";

const PROVINCES =
  "Hà Nội|Hồ Chí Minh|Hải Phòng|Đà Nẵng|Cần Thơ|Huế|Thừa Thiên Huế|An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bạc Liêu|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|Bình Định|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Tĩnh|Hải Dương|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Tiền Giang|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái";

/** Each province's name as written ("Cần Thơ", "Bà Rịa - Vũng Tàu"). */
export const PROVINCE_NAMES: readonly string[] = PROVINCES.split("|");

const FOLDED = foldDiacritics(PROVINCES).replace(/ - |-/g, " ?- ?");

/** A province as written (capitalised, with its diacritics), in a text that has them. */
export const PROVINCE_WRITTEN = new RegExp(`(?<![\\p{L}])(?:${PROVINCES})(?![\\p{L}])`, "u");
/** A province folded, in a folded text (a question typed without diacritics). */
export const PROVINCE_FOLDED = new RegExp(`(?:^|[^a-z])(?:${FOLDED})(?:[^a-z]|$)`);
/** A province folded at the start of a text, optionally after "tinh"/"thanh pho"/"tp": "nghe an chu tri" → "nghe an". */
export const PROVINCE_FOLDED_AHEAD = new RegExp(`^\\s*(?:(?:tinh|thanh pho|tp\\.?)\\s+)?(?:${FOLDED})(?=[^a-z]|$)`, "i");

const ONE_FOLDED = FOLDED.split("|").map((p) => ({ p, re: new RegExp(`(?:^|[^a-z])(?:${p})(?:[^a-z]|$)`) }));

/** The provinces a text names, folded ("Tp. Hà Nội" → "ha noi"; "TP.HCM" → "ho chi minh"): diacritics aside. */
export function provincesIn(text: string): string[] {
  const f = foldDiacritics(text).replace(/\b(tp\.?\s?hcm|tphcm|sai gon)\b/g, "ho chi minh");
  return ONE_FOLDED.filter(({ re }) => re.test(f)).map(({ p }) => p);
}
