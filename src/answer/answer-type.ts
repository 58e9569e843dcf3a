// Answer layer (pure): what kind of fact a question asks for (a date, a recurrence, a duration, a percentage,
// points, money, a number, an address) and whether a piece of text carries one. The passage picker prefers the
// sentence that carries it, and the gate answers "Không tìm thấy" when no sentence near the passage does.

import { foldDiacritics } from "../text/normalize.ts";

export type AnswerKind = "time" | "recurrence" | "duration" | "percent" | "points" | "money" | "number" | "address";

/** Words naming each kind in a "không tìm thấy" answer. */
export const KIND_LABEL: Record<AnswerKind, string> = {
  time: "thời hạn, thời gian",
  recurrence: "định kỳ thực hiện",
  duration: "thời gian",
  percent: "tỷ lệ",
  points: "số điểm",
  money: "số tiền",
  number: "số liệu",
  address: "địa chỉ",
};

const fold = (s: string) => foldDiacritics(s).toLowerCase().replace(/đ/g, "d");

/**
 * What the question asks for, folded question in, most specific first:
 * "… định kỳ bao lâu một lần?" → recurrence; "… trước ngày nào?" → time; "… cộng mấy điểm?" → points, number.
 */
const ASKS: [AnswerKind, RegExp][] = [
  ["recurrence", /dinh ky|bao lau (mot|1) lan|may lan|bao nhieu lan|tan suat/],
  ["time", /khi nao|bao gio|ngay nao|thang nao|quy nao|nam nao|thoi han|han chot|\bhan (khi|bao|hoan thanh|la)|thoi gian (hoan thanh|thuc hien|trien khai)|dien ra (tu|khi|vao)|truoc ngay|den ngay nao|tu ngay nao/],
  ["duration", /bao lau|(trong|mat|toi thieu|toi da) (bao nhieu|may) (ngay|gio|thang|tuan)|(bao nhieu|may) ngay( lam viec)?/],
  ["percent", /phan tram|%|\bti le\b|\bty le\b/],
  ["points", /(may|bao nhieu) diem|tong diem|diem chuan/],
  ["money", /bao nhieu tien|phat tien|muc phat|(bao nhieu|may) (ty|trieu|nghin)? ?dong|kinh phi (la )?bao nhieu/],
  ["number", /bao nhieu|\bmay (diem|ngay|thang|nam|lan|gio|giai doan|nhom|tieu chi|nhiem vu|van de|buoc|muc|tram|doanh nghiep|thu tuc)/],
  ["address", /dia chi|o dau|ve dau|trang (web|thong tin dien tu) nao|website|duong dan|ten mien/],
];

/** The kinds of fact a question asks for; a recurrence question does not also ask for a duration. */
export function answerKinds(question: string): AnswerKind[] {
  const f = fold(question);
  const kinds = ASKS.filter(([, re]) => re.test(f)).map(([k]) => k);
  if (kinds.includes("recurrence")) return kinds.filter((k) => k !== "duration" && k !== "number");
  return kinds;
}

/** Does the text carry a fact of this kind? Folded text in: "trước ngày 20 hằng tháng" carries time and recurrence. */
const CARRIES: Record<AnswerKind, RegExp> = {
  time: /\bngay \d{1,2}\b|\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b|\bthang \d{1,2}\b|\b\d{1,2}\/(19|20)\d{2}\b|\bquy (iv|iii|ii|i|[1-4])\b|\bnam (19|20)\d{2}\b|\b(19|20)\d{2}\s*-\s*(19|20)\d{2}\b|(nhiem vu|thuc hien|trien khai|thoi gian|thoi han|tien do)\W+thuong xuyen|^\W*thuong xuyen|hang (nam|thang|quy|tuan|ngay)|dinh ky/,
  recurrence: /dinh ky|hang (nam|quy|thang|tuan|ngay)|\d+ (thang|nam|quy|tuan)\s*\/\s*lan|lan\s*\/\s*(nam|thang|quy|tuan)|moi (nam|thang|quy|tuan)|(nhiem vu|thuc hien|trien khai|thoi gian|thoi han|tien do)\W+thuong xuyen|^\W*thuong xuyen/,
  duration: /\d+\s*(\([a-z ]+\)\s*)?(ngay|gio|thang|tuan|nam|phut)\b/,
  percent: /\d\s*%|phan tram/,
  points: /\d+([.,]\d+)?\s*diem/,
  money: /\d[\d.,]*\s*(dong|ty|trieu|nghin)\b/,
  number: /\d/,
  address: /https?:\/\/|www\.|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(gov\.vn|vn|com|org|net)\b/,
};

export function carries(kind: AnswerKind, text: string): boolean {
  return CARRIES[kind].test(fold(text));
}

/** Does the text carry every kind asked (the first of time-like kinds is enough: a date answers "bao lâu")? */
export function carriesAll(kinds: AnswerKind[], text: string): boolean {
  return missingKinds(kinds, text).length === 0;
}

/** The kinds a text does not carry. "number" is met by any more specific kind's number. */
export function missingKinds(kinds: AnswerKind[], text: string): AnswerKind[] {
  return kinds.filter((k) => !carries(k, text) && !(k === "duration" && carries("time", text)));
}
