// Text layer (pure): memory for pure functions of a string. The answerer reads the same passages, sentences and
// task leads for question after question; a function of one text is computed once per text, not once per question.

/**
 * `fn` with its results kept by input text. Bounded by the characters held (keys and string results): when full,
 * the memory starts over, so a long-running server holds at most about `maxChars` × 2 bytes × 2 of it.
 */
export function memoByText<T>(fn: (text: string) => T, maxChars = 4_000_000): (text: string) => T {
  let held = new Map<string, T>();
  let chars = 0;
  return (text) => {
    const hit = held.get(text);
    if (hit !== undefined) return hit;
    const v = fn(text);
    chars += text.length + (typeof v === "string" ? v.length : text.length);
    if (chars > maxChars) {
      held = new Map();
      chars = 0;
    }
    held.set(text, v);
    return v;
  };
}
