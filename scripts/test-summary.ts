/**
 * Adds up the JSON reports of every runner into the one line CI reads:
 * `N passed, N failed, N skipped`. A runner that left no report counts as one failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'out/test-results';
let passed = 0;
let failed = 0;
let skipped = 0;

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
interface PlaywrightSuite {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    tests: { annotations: { type: string; description?: string }[]; status: string }[];
  }[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

/** Why each skipped end-to-end test was skipped, so a skip is never silent. */
function skipReasons(suites: PlaywrightSuite[]): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((t) => t.status === 'skipped')
        .map(
          (t) =>
            `skipped: ${spec.title}: ${t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'}`,
        ),
    ),
    ...skipReasons(suite.suites ?? []),
  ]);
}

function read<T>(file: string): T | null {
  const path = join(dir, file);
  if (!existsSync(path)) {
    process.stderr.write(`no report from ${file}: counted as a failure\n`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

for (const file of ['vitest.json', 'vitest-keychain.json']) {
  const report = read<VitestReport>(file);
  if (!report) continue;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
const e2e = read<PlaywrightReport>('playwright.json');
if (e2e) {
  // A flaky test passed only on retry; it is not a pass.
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
  for (const line of skipReasons(e2e.suites)) process.stdout.write(`${line}\n`);
}

process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
