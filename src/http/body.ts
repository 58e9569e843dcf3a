// HTTP layer (pure): a request body read with a byte cap, as bytes — the same reader the channels use
// (src/channels/common.ts), so every route reads its body one way.

export { type BytesResult, readBytesCapped } from "../channels/common.ts";
