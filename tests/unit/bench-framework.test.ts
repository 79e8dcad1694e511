import { describe, expect, it } from 'vitest';
import {
  BenchUsageError,
  defaultOptions,
  formatFigure,
  median,
  parseOptions,
  percentile,
  runGroups,
  type BenchOptions,
  type FigureGroup,
} from '../../scripts/bench/framework';

/** One short run of the named figures (none: every group), the rest as by default. */
const oneRun = (only: string[]): BenchOptions => ({
  ...defaultOptions,
  runs: 1,
  only,
  callSeconds: 1,
  block: 1,
});

describe('bench statistics', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('p90 is the nearest rank: a slow tenth of the runs shows', () => {
    const runs = [...Array.from({ length: 18 }, () => 600), 3300, 3400];
    expect(median(runs)).toBe(600);
    expect(percentile(runs, 90)).toBe(600);
    expect(percentile([...runs, 3500], 90)).toBe(3300);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('has no figure for no runs', () => {
    expect(median([])).toBeNaN();
    expect(percentile([], 90)).toBeNaN();
  });
});

describe('bench output', () => {
  it('prints the median line, then p90 and every run on a line of its own', () => {
    const lines = formatFigure({
      spec: { name: 'admit_to_first_frame_ms', unit: 'ms' },
      values: [612, 655, 3275, 590],
      failures: [],
      notes: [],
    });
    expect(lines).toEqual([
      'admit_to_first_frame_ms: 634 ms (n=4)',
      '  p90 3275 ms; runs: 612 655 3275 590',
    ]);
  });

  it('adds totals for counts, and says how many runs failed and why', () => {
    const lines = formatFigure({
      spec: { name: 'call_freezes', unit: 'freezes', total: true },
      values: [0, 2, 0],
      failures: ['timed out', 'timed out'],
      notes: ['a note'],
    });
    expect(lines).toEqual([
      'call_freezes: 0 freezes (n=3)',
      '  p90 2 freezes; total 2 freezes; runs: 0 2 0',
      '  failed runs: 2 (timed out)',
      '  a note',
    ]);
  });

  it('prints decimals where the figure asks for them', () => {
    const [line] = formatFigure({
      spec: { name: 'initial_js_kb_gz', unit: 'KiB', digits: 1 },
      values: [98.26],
      failures: [],
      notes: [],
    });
    expect(line).toBe('initial_js_kb_gz: 98.3 KiB (n=1)');
  });
});

describe('bench options', () => {
  const known = ['admit_to_first_frame_ms', 'call_freezes'];

  it('measures every figure 20 times by default', () => {
    expect(parseOptions([], known)).toEqual({
      runs: 20,
      only: [],
      callSeconds: 60,
      block: 5,
      meetCodec: 'vp8',
      meetWay: 'direct',
    });
  });

  it('takes figure names, runs, call length and block size', () => {
    expect(
      parseOptions(
        [
          'call_freezes',
          '--runs=30',
          '--call-seconds=90',
          '--block=2',
          '--meet-codec=h264',
          '--meet-way=prejoin',
        ],
        known,
      ),
    ).toEqual({
      runs: 30,
      only: ['call_freezes'],
      callSeconds: 90,
      block: 2,
      meetCodec: 'h264',
      meetWay: 'prejoin',
    });
    expect(parseOptions([], known, { BENCH_RUNS: '25' }).runs).toBe(25);
  });

  it.each([
    ['nonsense_ms'],
    ['--runs=0'],
    ['--runs=many'],
    ['--fast'],
    ['--meet-codec=vp9'],
    ['--meet-way=lobby'],
  ])('refuses %s with a clear message', (arg) => {
    expect(() => parseOptions([arg], known)).toThrow(BenchUsageError);
  });

  it('names the values a flag knows when it is given another', () => {
    expect(() => parseOptions(['--meet-way=lobby'], known)).toThrow(
      '--meet-way is one of prejoin, direct, not "lobby"',
    );
    expect(() => parseOptions(['--meet-codec=vp9'], known)).toThrow(
      '--meet-codec is one of vp8, h264, not "vp9"',
    );
  });
});

describe('running figure groups', () => {
  const group = (title: string, names: string[], seen: string[]): FigureGroup<null> => ({
    title,
    figures: names.map((name) => ({ name, unit: 'ms' })),
    async measure(_context, record, wants) {
      seen.push(title);
      for (const name of names) if (wants(name)) record.value(name, 1);
    },
  });

  it('runs only the groups that measure a chosen figure, and prints only those', async () => {
    const seen: string[] = [];
    const out: string[] = [];
    await runGroups(
      [group('a', ['a_ms'], seen), group('b', ['b_ms', 'c_ms'], seen)],
      null,
      oneRun(['c_ms']),
      (line) => out.push(line),
      () => {},
    );
    expect(seen).toEqual(['b']);
    expect(out).toEqual(['c_ms: 1 ms (n=1)', '  p90 1 ms; runs: 1']);
  });

  it('prints a figure measured on the way in the same runs, though not asked for', async () => {
    const out: string[] = [];
    const both: FigureGroup<null> = {
      title: 'both',
      figures: [
        { name: 'mine_ms', unit: 'ms' },
        { name: 'mine_ms_meet', unit: 'ms' },
        { name: 'idle_ms', unit: 'ms' },
      ],
      async measure(_context, record) {
        record.value('mine_ms', 3);
        record.value('mine_ms_meet', 4);
      },
    };
    await runGroups(
      [both],
      null,
      oneRun(['mine_ms']),
      (line) => out.push(line),
      () => {},
    );
    expect(out.filter((line) => !line.startsWith(' '))).toEqual([
      'mine_ms: 3 ms (n=1)',
      'mine_ms_meet: 4 ms (n=1)',
    ]);
  });

  it('still prints what a group measured before it broke down, and goes on', async () => {
    const out: string[] = [];
    const broken: FigureGroup<null> = {
      title: 'broken',
      figures: [{ name: 'x_ms', unit: 'ms' }],
      async measure(_context, record) {
        record.value('x_ms', 7);
        throw new Error('server gone');
      },
    };
    const seen: string[] = [];
    await runGroups(
      [broken, group('after', ['y_ms'], seen)],
      null,
      oneRun([]),
      (line) => out.push(line),
      () => {},
    );
    expect(out).toContain('# broken: stopped early: server gone');
    expect(out).toContain('x_ms: 7 ms (n=1)');
    expect(seen).toEqual(['after']);
  });

  it('lets what a group left open be closed after it, even when it broke down', async () => {
    const events: string[] = [];
    const broken: FigureGroup<null> = {
      title: 'broken',
      figures: [{ name: 'x_ms', unit: 'ms' }],
      async measure() {
        events.push('broken runs');
        throw new Error('server gone');
      },
    };
    const fine: FigureGroup<null> = {
      title: 'fine',
      figures: [{ name: 'y_ms', unit: 'ms' }],
      async measure() {
        events.push('fine runs');
      },
    };
    await runGroups(
      [broken, fine],
      null,
      oneRun([]),
      () => {},
      () => {},
      async () => void events.push('closed'),
    );
    expect(events).toEqual(['broken runs', 'closed', 'fine runs', 'closed']);
  });
});
