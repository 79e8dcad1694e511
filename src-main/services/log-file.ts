import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSink } from './logger';

/** One file per day; a failed write is dropped rather than crashing the call. */
export function createDailyFileLogSink(
  directory: string,
  now: () => Date = () => new Date(),
): LogSink {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return (line) => {
    const day = now().toISOString().slice(0, 10);
    try {
      appendFileSync(join(directory, `augenhoehe-${day}.log`), `${line}\n`, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not take the session down; the log is not essential.
    }
  };
}
