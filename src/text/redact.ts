// Text layer (pure): strip personal data people paste into chats before it reaches logs or outside
// providers (Luật Bảo vệ dữ liệu cá nhân 2025): citizen ID numbers (12-digit CCCD, 9-digit CMND), phone numbers,
// e-mail addresses.
// Here, at the bottom, because the LLM path (answer/) redacts its prompts and HTTP and the loggers redact
// their fields. "gọi 0912 345 678" → "gọi [sđt]".

const LOCAL = String.raw`[\p{L}\p{N}._%+-]`;
const EMAIL = String.raw`${LOCAL}+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}`;
// The e-mail pattern, searched only where a run of local-part characters starts. Searched everywhere, it
// tried every position of a long run of letters or digits again to the run's end: quadratic (a 15 kB path
// of digits held the event loop for seconds). Every start inside a run reaches the same "@" and domain as
// the run's first character, so only that start can match, and it is the leftmost.
const EMAIL_AT_RUN_START = new RegExp(`(?<!${LOCAL})${EMAIL}`, "gu");
// Right after a match the next one may begin at once, inside a run.
const EMAIL_HERE = new RegExp(EMAIL, "uy");

function redactEmails(text: string): string {
  let out = "";
  let pos = 0;
  for (;;) {
    let m: RegExpExecArray | null = null;
    let start = pos;
    if (pos > 0) {
      EMAIL_HERE.lastIndex = pos;
      m = EMAIL_HERE.exec(text);
    }
    if (!m) {
      EMAIL_AT_RUN_START.lastIndex = pos;
      m = EMAIL_AT_RUN_START.exec(text);
      if (!m) break;
      start = m.index;
    }
    out += text.slice(pos, start) + "[email]";
    pos = start + m[0].length;
  }
  return pos === 0 ? text : out + text.slice(pos);
}

export function redactPersonalData(text: string): string {
  // The e-mail pattern needs an "@", the others a digit: most log fields (paths, methods) have neither.
  const noEmail = text.includes("@") ? redactEmails(text) : text;
  if (!/\d/.test(noEmail)) return noEmail;
  // 12-digit CCCD, then phone numbers, then the older 9-digit CMND ("CMND 012345678"): after the phone pattern,
  // so that a phone number's digits are never taken for an ID.
  return noEmail
    .replace(/(?<!\d)\d{12}(?!\d)/g, "[cccd]")
    .replace(/(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){9,10}(?![\d])/g, "[sđt]")
    .replace(/(?<![\d.,/])\d{9}(?!\d|[.,]\d|\/)/g, "[cmnd]");
}
