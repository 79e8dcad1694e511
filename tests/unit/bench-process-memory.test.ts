import { describe, expect, it } from 'vitest';
import { busiestRenderer, rendererThatWorked } from '../../scripts/bench/process-memory';

// Read off a host's browser on the consultations list (the bench's own listing): the
// browser's first renderer had used more CPU than the page's, which is the one that works.
const onTheList = [
  { type: 'browser', id: 1000, cpuTime: 2.1 },
  { type: 'renderer', id: 1034, cpuTime: 0.39 },
  { type: 'renderer', id: 1045, cpuTime: 0.19 },
  { type: 'renderer', id: 1071, cpuTime: 0.01 },
];
const afterTheSpin = [
  { type: 'browser', id: 1000, cpuTime: 2.12 },
  { type: 'renderer', id: 1034, cpuTime: 0.39 },
  { type: 'renderer', id: 1045, cpuTime: 0.5 },
  { type: 'renderer', id: 1071, cpuTime: 0.01 },
];

describe("the bench finds a page's renderer", () => {
  it('not by the most CPU used before the call', () => {
    expect(busiestRenderer(onTheList)).toBe(1034);
  });

  it('by the CPU the page just used', () => {
    expect(rendererThatWorked(onTheList, afterTheSpin)).toBe(1045);
  });

  it('a renderer that started in between counts from zero; other processes do not count', () => {
    const started = [...afterTheSpin, { type: 'renderer', id: 1100, cpuTime: 0.4 }];
    expect(rendererThatWorked(onTheList, started)).toBe(1100);
    expect(rendererThatWorked(onTheList, [{ type: 'browser', id: 1000, cpuTime: 9 }])).toBe(
      undefined,
    );
  });
});
