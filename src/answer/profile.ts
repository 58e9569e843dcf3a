// Answer layer (pure): CPU time per answer stage for `npm run bench`. Off by default (one branch per call); a clock
// installed by the caller adds up the milliseconds of understanding, the gate's predicates and composition. Finding
// (retrieval and scoring) is the rest of an answer's time, which the caller measures around the whole call. The
// engine is synchronous between its awaits and the bench asks one question at a time, so wall time is CPU time.

export const STAGES = ["understand", "gate", "compose"] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number>;

interface Clock {
  times: StageTimes;
  /** The stage being timed now: time spent in a nested stage is counted there, not twice. */
  stack: { stage: Stage; start: number; nested: number }[];
}

let clock: Clock | null = null;

/** Starts recording (times add up until stopped); returns the accumulator. */
export function startStageClock(): StageTimes {
  const times = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageTimes;
  clock = { times, stack: [] };
  return times;
}

export function stopStageClock(): void {
  clock = null;
}

/** Runs fn as part of `stage`; time inside nested stages is subtracted, so the four stages add up to the total. */
export function timed<T>(stage: Stage, fn: () => T): T {
  const c = clock;
  if (!c) return fn();
  const frame = { stage, start: performance.now(), nested: 0 };
  c.stack.push(frame);
  try {
    return fn();
  } finally {
    c.stack.pop();
    const spent = performance.now() - frame.start;
    c.times[stage] += spent - frame.nested;
    const outer = c.stack[c.stack.length - 1];
    if (outer) outer.nested += spent;
  }
}

/** The object with each of its methods timed as `stage` (the composer as a whole is the compose stage). */
export function timedMethods<T extends object>(obj: T, stage: Stage): T {
  if (!clock) return obj;
  return new Proxy(obj, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => timed(stage, () => (v as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
