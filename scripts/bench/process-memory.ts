/** A process's memory as Linux counts it (/proc/<pid>/smaps_rollup), for the bench. */
import type { CDPSession } from '@playwright/test';
import { readFileSync } from 'node:fs';

export function memoryOf(pid: number): { pssMiB: number; rssMiB: number; privateMiB: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1]);
  return {
    pssMiB: kib('Pss') / 1024,
    rssMiB: kib('Rss') / 1024,
    privateMiB: (kib('Private_Clean') + kib('Private_Dirty')) / 1024,
  };
}

export interface BrowserProcess {
  type: string;
  id: number;
  /** CPU seconds used so far. */
  cpuTime: number;
}

/** Every process of one browser (browser, GPU, renderers, utilities), as CDP lists them. */
export async function browserProcesses(browserCdp: CDPSession): Promise<BrowserProcess[]> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: BrowserProcess[];
  };
  return processInfo;
}

/**
 * The process id of a page's renderer. Each person in a bench call has a browser of their
 * own, so it is that browser's busiest renderer (the others are spare or extensions').
 */
export function busiestRenderer(processes: BrowserProcess[]): number | undefined {
  return processes
    .filter((process) => process.type === 'renderer')
    .sort((a, b) => b.cpuTime - a.cpuTime)[0]?.id;
}

/** CPU seconds each kind of process has used so far (renderer, GPU, browser …). */
export function cpuByProcessType(processes: BrowserProcess[]): Map<string, number> {
  const byType = new Map<string, number>();
  for (const process of processes)
    byType.set(process.type, (byType.get(process.type) ?? 0) + process.cpuTime);
  return byType;
}
