// Answer layer (pure): the clarifying turn. When several tasks match about as well, the answer lists them and asks
// CLARIFY_QUESTION; the next message ("cái thứ hai", "nhiệm vụ của Bộ Công an", "theo Quyết định 942") picks one,
// read here from the history, and the engine answers the earlier question with that task.

import type { Task } from "../tasks/types.ts";
import { foldDiacritics, normalizeText } from "../text/normalize.ts";
import type { Agency } from "../tasks/agencies.ts";
import { CHOICE_WORDS } from "./tuning.ts";
import type { ChatTurn } from "./types.ts";

export const CLARIFY_QUESTION = "Bạn hỏi về nhiệm vụ nào?";
export const CLARIFY_HINT = "(Trả lời “cái thứ hai”, hoặc nêu cơ quan chủ trì hay văn bản, để chọn.)";

/** The question a clarifying turn answered, and the history before it; null when the last answer asked nothing. */
export function pendingClarification(history: ChatTurn[]): { question: string; before: ChatTurn[] } | null {
  const last = history.length - 1;
  const asked = history[last];
  if (!asked || asked.role !== "assistant" || !asked.content.includes(CLARIFY_QUESTION)) return null;
  for (let i = last - 1; i >= 0; i--) if (history[i]!.role === "user") return { question: history[i]!.content, before: history.slice(0, i) };
  return null;
}

/** Ordinals of a choice, folded: "cái thứ hai" → 1, "số 3" → 2, "cái đầu tiên" → 0, "cái cuối" → -1. */
const ORDINALS: [RegExp, number][] = [
  [/\b(thu nhat|dau tien|thu 1|so 1|cai dau|cai 1)\b/, 0],
  [/\b(thu hai|thu nhi|thu 2|so 2|cai 2)\b/, 1],
  [/\b(thu ba|thu 3|so 3|cai 3)\b/, 2],
  [/\b(thu tu|thu 4|so 4|cai 4)\b/, 3],
  [/\b(cuoi cung|cai cuoi|sau cung)\b/, -1],
];

/** The position a message picks ("cái thứ hai" → 1, "cái cuối" → the last), or null. */
export function ordinalChoice(message: string, count: number): number | null {
  const f = foldDiacritics(normalizeText(message));
  for (const [re, i] of ORDINALS) if (re.test(f)) return i < 0 ? count - 1 : i < count ? i : null;
  return null;
}


/**
 * The task a reply to a clarifying turn picks among the candidates listed (in their listed order): by position, by
 * the agency it names as lead (or coordinator), or by the document it names. Null when it picks none or several.
 */
export function chooseTask(message: string, candidates: Task[], agencies: Agency[], documents: Set<string> | null): Task | null {
  const at = ordinalChoice(message, candidates.length);
  if (at !== null) return candidates[at] ?? null;
  if (message.split(/\s+/).length > CHOICE_WORDS) return null;
  const names = new Set(agencies.map((a) => a.name));
  let fit = candidates;
  if (names.size) {
    const leads = fit.filter((t) => t.lead.some((l) => names.has(l)));
    fit = leads.length ? leads : fit.filter((t) => t.coordinators.some((c) => names.has(c)));
  }
  if (documents) fit = fit.filter((t) => documents.has(t.documentId));
  return (names.size || documents) && fit.length === 1 ? fit[0]! : null;
}
