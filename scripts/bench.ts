/**
 * `npm run bench`: figures, printed, never gating. The real LiveKit server (test ports;
 * AUGENHOEHE_TEST_PORT moves them), the app in browser mode as built, and a real Chromium
 * for each side. Every figure is measured `--runs` times (20 by default) and printed with
 * its median, p90 and every run's value.
 *
 *   npm run bench                                   every figure
 *   npm run bench -- admit_to_first_frame_ms        only the group measuring this figure
 *   npm run bench -- --runs=30 --call-seconds=120   more runs, a longer call
 *
 * The groups live in scripts/bench/, one file each; add a figure by adding a group
 * (a `FigureGroup` from scripts/bench/framework.ts) to the list below.
 */
import { admission } from './bench/admission';
import { callLoad } from './bench/call-load';
import { createBenchContext, type BenchContext } from './bench/context';
import { firstFrameRepro } from './bench/first-frame-repro';
import { firstLoad } from './bench/first-load';
import { grid6 } from './bench/grid6';
import { BenchUsageError, parseOptions, runGroups, type FigureGroup } from './bench/framework';
import { hostJoin } from './bench/host-join';
import { knockVisible } from './bench/knock-visible';
import { weakLine } from './bench/network';
import { newBrowserGuest } from './bench/new-browser-guest';
import { presenting } from './bench/present';
import { withdrawal } from './bench/withdrawal';

const groups: FigureGroup<BenchContext>[] = [
  firstLoad,
  admission,
  newBrowserGuest,
  firstFrameRepro,
  hostJoin,
  knockVisible,
  withdrawal,
  callLoad,
  grid6,
  presenting,
  weakLine,
];

const out = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const known = groups.flatMap((group) => group.figures.map((figure) => figure.name));
  const options = parseOptions(process.argv.slice(2), known, process.env);
  const { context, close } = await createBenchContext(options, progress);
  try {
    await runGroups(groups, context, options, out, progress, () => context.closeBrowsers());
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof BenchUsageError ? `bench: ${error.message}\n` : `${String(error)}\n`,
  );
  process.exit(1);
});
