/**
 * The app's only logger. It records event codes with numbers and flags, nothing else:
 * the types and the runtime check both refuse strings, so no name, id, link, key or
 * message text can reach a log file.
 */
export type LogFields = Readonly<Record<string, number | boolean>>;

export interface Logger {
  event(code: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

const CODE = /^[a-z]+(?:\.[a-z_]+){1,3}$/;
const FIELD = /^[a-z_]{1,32}$/;
/** A field may not stand in for the line's own time or event code. */
const RESERVED = new Set(['t', 'code']);

export function createLogger(sink: LogSink, now: () => Date = () => new Date()): Logger {
  return {
    event(code, fields = {}) {
      if (!CODE.test(code)) {
        sink(JSON.stringify({ t: now().toISOString(), code: 'log.rejected_code' }));
        return;
      }
      const safe: Record<string, number | boolean> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (!FIELD.test(key) || RESERVED.has(key)) continue;
        if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
          safe[key] = value;
        }
      }
      sink(JSON.stringify({ t: now().toISOString(), code, ...safe }));
    },
  };
}

/** For tests: keeps every line in memory. */
export function createMemoryLogSink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  const sink = (line: string) => {
    lines.push(line);
  };
  return Object.assign(sink, { lines });
}
