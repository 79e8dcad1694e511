/**
 * `npm run bench:memory-over-time`: each person's renderer memory through a 1:1 call of a
 * few minutes, in the app or (`--meet`, `--meet-codec=h264`) the Meet yardstick. Not a
 * figure: a report that says whether a reading depends on when in the call it is taken
 * (README, "the call's memory over five minutes").
 *
 * Once a minute (from 15 s after both see each other) it prints each page's PSS with the
 * garbage collected (`settledPss`, the reading of `call_renderer_mib_settled`) and, at the
 * end of that reading, its anonymous part (the heaps: not the Chromium binary's pages or
 * shared memory). With `--dump`, each reading is followed by a memory-infra dump (the
 * kind `npm run bench:memory` takes) and the same reading again.
 */
import type { CDPSession, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startMemoryCall } from './memory-call';
import { defaultOptions, meetCodec as meetCodecOf, type MeetCodec } from './framework';
import { browserProcesses, busiestRenderer, memoryInfraDump, settledPss } from './process-memory';

const FIRST_READING_S = 15;
const READING_EVERY_S = 60;

function argument(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const variant = process.argv.includes('--meet') ? 'meet' : 'app';
const dump = process.argv.includes('--dump');
const minutes = Number(argument('minutes') ?? 5);
let codec: MeetCodec = defaultOptions.meetCodec;
try {
  const named = argument('meet-codec');
  if (named) codec = meetCodecOf(named);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error('--minutes: a whole number ≥ 1');
} catch (error) {
  process.stderr.write(`bench:memory-over-time: ${(error as Error).message}\n`);
  process.exit(2);
}

/** The anonymous part of a process's PSS (/proc/<pid>/smaps_rollup), MiB. */
function anonymousMiB(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return Number(/^Pss_Anon:\s+(\d+)/m.exec(rollup)?.[1]) / 1024;
}

interface Person {
  side: string;
  page: Page;
  pid: number;
  browserCdp: CDPSession;
}

async function reading(label: string, people: Person[]): Promise<void> {
  const settled = await settledPss(
    people.map((person) => person.page),
    people.map((person) => person.pid),
  );
  const parts = people.map(
    (person, index) =>
      `${person.side} ${settled[index]?.toFixed(1)} MiB (anonymous ${anonymousMiB(person.pid).toFixed(1)})`,
  );
  process.stdout.write(`${label.padEnd(24)} ${parts.join('  ')}\n`);
}

async function main(): Promise<void> {
  const call = await startMemoryCall(variant, codec);
  try {
    const { host, guest, browsers } = call;
    const people: Person[] = [];
    for (const [side, page, browser] of [
      ['host', host.page, browsers[0]],
      ['guest', guest.page, browsers[1]],
    ] as const) {
      const browserCdp = await browser.newBrowserCDPSession();
      const pid = busiestRenderer(await browserProcesses(browserCdp));
      if (pid === undefined) throw new Error(`${side}: no renderer process`);
      people.push({ side, page, pid, browserCdp });
    }
    const start = Date.now();
    const waitUntil = (seconds: number) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, start + seconds * 1000 - Date.now())),
      );
    process.stdout.write(
      `${variant}${variant === 'meet' ? ` (${codec})` : ''}, with the garbage collected:\n`,
    );
    for (let minute = 0; minute <= minutes; minute += 1) {
      const at = FIRST_READING_S + minute * READING_EVERY_S;
      await waitUntil(at);
      await reading(`${at} s`, people);
      if (!dump) continue;
      for (const person of people) await memoryInfraDump(person.browserCdp);
      await reading('  after a memory dump', people);
    }
  } finally {
    await call.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
