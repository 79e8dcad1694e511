/** A process's memory as Linux counts it (/proc/<pid>/smaps_rollup), for the bench. */
import { readFileSync } from 'node:fs';

export function memoryOf(pid: number): { pssMiB: number; rssMiB: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1]);
  return { pssMiB: kib('Pss') / 1024, rssMiB: kib('Rss') / 1024 };
}
