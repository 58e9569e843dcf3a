// Answer layer (pure): questions about where a task stands ("tiến độ hiện nay", "đã hoàn thành chưa"). A table's
// status column answers them; a text without one only assigns the task, and the answer says so — with the deadline
// against today, never a guess whether the work is done.

import { foldDiacritics } from "../text/normalize.ts";

/** "Tiến độ hiện nay của …", "… đã hoàn thành chưa?", "tình trạng thực hiện …", "đang triển khai đến đâu?" (folded). */
const ASKS_STATUS =
  /tien do (hien nay|hien tai|thuc hien (hien nay|den nay)|the nao|ra sao|den dau)|\b(da )?(hoan thanh|xong|trien khai|thuc hien) chua\b|tinh trang (thuc hien|hien nay|trien khai)|trang thai (thuc hien|hien nay)|(dang|da) (trien khai|thuc hien) (den dau|toi dau)|ket qua thuc hien (den nay|hien nay)/;

export function asksStatus(question: string): boolean {
  return ASKS_STATUS.test(foldDiacritics(question).toLowerCase().replace(/đ/g, "d"));
}

/** Where a task stands by its deadline, as of today: what a text without a status column lets one say. */
export type DeadlineStanding = "passed" | "ahead" | "unknown";

export function standing(end: string | undefined, today: Date): DeadlineStanding {
  if (!end) return "unknown";
  return end < today.toISOString().slice(0, 10) ? "passed" : "ahead";
}
