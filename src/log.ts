// Cross-cutting: the logger port. Pure layers never log; HTTP, channels and entry points take a Logger.

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};

export interface JsonLineLoggerOptions {
  /** Where the text goes, e.g. `(s) => process.stdout.write(s)`. Called with one or more whole lines. */
  write: (text: string) => void;
  /** Run `flush` soon, e.g. `setImmediate`: lines logged in the same turn of the event loop go out in one write. */
  schedule: (flush: () => void) => void;
  /** Applied to every string field (not to `msg`): personal data must not reach the logs. */
  redact?: (text: string) => string;
  now?: () => number;
  /** Write at once when this much text is waiting. */
  maxBufferChars?: number;
}

/**
 * Structured logs: one JSON object per line, `{"time","level","msg",...fields}`, string fields redacted.
 * Buffered: a line costs no system call of its own; `flush()` writes what is waiting, `take()` hands it over
 * (for a synchronous write when the process exits).
 */
export function createJsonLineLogger(opts: JsonLineLoggerOptions): Logger & { flush(): void; take(): string } {
  const now = opts.now ?? Date.now;
  const redact = opts.redact ?? ((s: string) => s);
  const max = opts.maxBufferChars ?? 64 * 1024;
  let buf = "";
  let scheduled = false;
  // Many lines share a millisecond under load; toISOString() is a noticeable part of a line.
  let lastMs = NaN;
  let lastIso = "";

  const flush = () => {
    scheduled = false;
    if (!buf) return;
    const text = buf;
    buf = "";
    opts.write(text);
  };
  const line = (level: string, msg: string, fields?: LogFields) => {
    const ms = now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = new Date(ms).toISOString();
    }
    const safe: LogFields = {};
    if (fields)
      for (const k of Object.keys(fields)) {
        const v = fields[k];
        safe[k] = typeof v === "string" ? redact(v) : v;
      }
    buf += JSON.stringify({ time: lastIso, level, msg, ...safe }) + "\n";
    if (buf.length >= max) flush();
    else if (!scheduled) {
      scheduled = true;
      opts.schedule(flush);
    }
  };
  return {
    info: (m, f) => line("info", m, f),
    warn: (m, f) => line("warn", m, f),
    error: (m, f) => line("error", m, f),
    flush,
    /** The waiting text, removed from the buffer (for a synchronous write at exit). */
    take: () => {
      const text = buf;
      buf = "";
      return text;
    },
  };
}
