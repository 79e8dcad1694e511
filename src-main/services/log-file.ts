import { appendFileSync, mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogSink } from './logger';

const LOG_FILE = /^augenhoehe-(\d{4})-(\d{2})-(\d{2})\.log$/;
const DAY_MS = 24 * 60 * 60 * 1000;

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

/**
 * Deletes the day logs older than `days` days: with 7, today's file and the 7 before it
 * stay. Days are UTC, as the sink names them. Only this app's own log files are touched.
 * Returns how many were deleted.
 */
export async function deleteOldLogs(
  directory: string,
  days: number,
  now: Date = new Date(),
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0;
  }
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const oldestKept = today - days * DAY_MS;
  let deleted = 0;
  for (const name of names) {
    const match = LOG_FILE.exec(name);
    if (!match) continue;
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const date = Date.UTC(year, month - 1, day);
    // 2030-02-31 and the like are not names the sink writes: leave them.
    if (new Date(date).getUTCDate() !== day || new Date(date).getUTCMonth() !== month - 1) {
      continue;
    }
    if (date >= oldestKept) continue;
    try {
      await rm(join(directory, name), { force: true });
      deleted += 1;
    } catch {
      // A read-only disk keeps its logs until it can be written again; nothing else breaks.
    }
  }
  return deleted;
}
