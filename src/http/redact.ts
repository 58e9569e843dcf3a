// HTTP layer (pure): personal-data redaction for request logs. The function lives in src/text/redact.ts (the
// LLM path in answer/ needs it too and may not import from http/); re-exported for the HTTP side's imports.

export { redactPersonalData } from "../text/redact.ts";
