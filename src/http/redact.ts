// HTTP layer (pure): strip personal data people paste into chats before it reaches logs or outside
// providers (Luật Bảo vệ dữ liệu cá nhân 2025): citizen ID numbers, phone numbers, e-mail addresses.

export function redactPersonalData(text: string): string {
  // Every pattern needs a digit or an "@": most log fields (paths, methods, messages) have neither.
  if (!/[\d@]/.test(text)) return text;
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, "[email]")
    .replace(/(?<!\d)\d{12}(?!\d)/g, "[cccd]")
    .replace(/(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){9,10}(?![\d])/g, "[sđt]");
}
