/**
 * `npm run bench:memory-over-time`: each person's renderer memory through a 1:1 call of a
 * few minutes, in the app or (`--meet`, `--meet-codec=h264`, `--meet-way=prejoin`) the Meet
 * yardstick. Not a figure: a report that says whether a reading depends on when in the call
 * it is taken (README, "the call's memory over five minutes").
 *
 * Once a minute (from 15 s after both see each other) it prints each page's PSS with the
 * garbage collected (`settledPss`, the reading of `call_renderer_mib_settled`) and, at the
 * end of that reading, its anonymous part (the heaps: not the Chromium binary's pages or
 * shared memory). With `--dump`, each reading is followed by a memory-infra dump (the
 * kind `npm run bench:memory` takes) and the same reading again.
 */
import type { CDPSession, Page } from '@playwright/test';
import { memoryCallArgs, startMemoryCall } from './memory-call';
import { runReport } from './report-stage';
import {
  browserProcesses,
  busiestRenderer,
  memoryInfraDump,
  memoryOf,
  settledPss,
} from './process-memory';

const FIRST_READING_S = 15;
const READING_EVERY_S = 60;

const { variant, codec, way } = memoryCallArgs('bench:memory-over-time');
const dump = process.argv.includes('--dump');
const minutesArg = process.argv.find((arg) => arg.startsWith('--minutes='));
const minutes = Number(minutesArg?.slice('--minutes='.length) ?? 5);
if (!Number.isInteger(minutes) || minutes < 1) {
  process.stderr.write('bench:memory-over-time: --minutes: a whole number ≥ 1\n');
  process.exit(2);
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
      `${person.side} ${settled[index]?.toFixed(1)} MiB (anonymous ${memoryOf(person.pid).anonymousMiB.toFixed(1)})`,
  );
  process.stdout.write(`${label.padEnd(24)} ${parts.join('  ')}\n`);
}

async function main(): Promise<void> {
  const call = await startMemoryCall(variant, codec, way);
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

runReport(main);
