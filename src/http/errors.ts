// HTTP layer (pure): one error type and the contract's error shape, messages in Vietnamese and English.

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(en);
  }

  body() {
    return { error: { code: this.code, message: `${this.vi} / ${this.en}` } };
  }
}

export const errors = {
  invalidJson: () => new AppError(400, "invalid_json", "Nội dung gửi lên không phải JSON hợp lệ", "Request body is not valid JSON"),
  invalidInput: (detail: string) => new AppError(400, "invalid_input", `Dữ liệu không hợp lệ: ${detail}`, `Invalid input: ${detail}`),
  emptyMessage: () => new AppError(400, "empty_message", "Câu hỏi đang trống", "Message is empty"),
  tooLong: (max: number) => new AppError(413, "message_too_long", `Câu hỏi dài quá ${max} ký tự`, `Message longer than ${max} characters`),
  tooLarge: () => new AppError(413, "body_too_large", "Dữ liệu gửi lên quá lớn", "Request body too large"),
  unsupportedType: () => new AppError(415, "unsupported_media_type", "Hãy gửi JSON (Content-Type: application/json)", "Send JSON (Content-Type: application/json)"),
  notFound: () => new AppError(404, "not_found", "Không tìm thấy", "Not found"),
  notReady: () => new AppError(503, "not_ready", "Chỉ mục đang được nạp, vui lòng thử lại sau giây lát", "Index is loading, try again shortly", { "Retry-After": "5" }),
  unauthorized: () => new AppError(401, "unauthorized", "Thiếu hoặc sai mã truy cập", "Missing or invalid token"),
  rateLimited: (retryAfter: number) =>
    new AppError(429, "rate_limited", `Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau ${retryAfter} giây`, `Too many requests, retry in ${retryAfter} s`, { "Retry-After": String(retryAfter) }),
  internal: () => new AppError(500, "internal_error", "Lỗi máy chủ, vui lòng thử lại sau", "Internal server error"),
};
