/** Where each picture goes on the call's stage (plain functions, no React). */
import { describe, expect, it } from 'vitest';
import {
  CALL_GRID_LAYOUTS,
  chooseGrid,
  planStage,
  stableOrder,
  type StageTile,
} from '../../src-renderer/features/call/stage-layout';

const camera = (identity: string, local = false): StageTile => ({
  key: `${identity}:camera`,
  identity,
  source: 'camera',
  local,
  trusted: true,
});
const me = camera('me', true);
const maria = camera('maria');
const jonas = camera('jonas');
const base = { mode: 'grid' as const, pinned: null, presentation: false, speaker: null };

describe('planStage', () => {
  it('puts my camera in the corner of a call of two, and on a phone', () => {
    expect(planStage({ ...base, tiles: [me, maria], selfInCorner: false })).toEqual({
      kind: 'grid',
      tiles: [maria],
      self: me,
    });
    expect(planStage({ ...base, tiles: [me, maria, jonas], selfInCorner: true })).toMatchObject({
      kind: 'grid',
      tiles: [maria, jonas],
      self: me,
    });
  });

  it('puts my camera last in the grid of a larger call on a wide screen', () => {
    expect(planStage({ ...base, tiles: [me, maria, jonas], selfInCorner: false })).toEqual({
      kind: 'grid',
      tiles: [maria, jonas, me],
      self: null,
    });
  });

  it('moves my camera from the corner into the strip while a document is presented', () => {
    for (const selfInCorner of [true, false]) {
      expect(planStage({ ...base, presentation: true, tiles: [me, maria], selfInCorner })).toEqual({
        kind: 'focus',
        focus: null,
        strip: [me, maria],
        self: null,
      });
    }
  });

  it('moves my camera into the strip while someone shares a screen, not for a pinned person', () => {
    const screen: StageTile = { ...maria, key: 'maria:screen', source: 'screen' };
    expect(planStage({ ...base, tiles: [me, maria, screen], selfInCorner: true })).toEqual({
      kind: 'focus',
      focus: screen,
      strip: [me, maria],
      self: null,
    });
    expect(
      planStage({ ...base, pinned: maria.key, tiles: [me, maria, jonas], selfInCorner: true }),
    ).toEqual({ kind: 'focus', focus: maria, strip: [jonas], self: me });
  });
});

describe('the grid for the stage', () => {
  const grid = (count: number, width: number, height: number) => {
    const { columns, rows } = chooseGrid(CALL_GRID_LAYOUTS, count, width, height);
    return `${columns}x${rows}`;
  };

  it('holds everyone in the smallest grid that suits the shape of the stage', () => {
    expect(grid(1, 1200, 600)).toBe('1x1');
    expect(grid(2, 1200, 600)).toBe('2x1');
    expect(grid(2, 360, 560)).toBe('1x2');
    expect(grid(3, 1200, 600)).toBe('2x2');
    expect(grid(5, 1200, 600)).toBe('3x2');
    expect(grid(5, 360, 560)).toBe('2x3');
    expect(grid(7, 1200, 600)).toBe('3x3');
    expect(grid(12, 1200, 600)).toBe('4x3');
    expect(grid(12, 600, 800)).toBe('3x4');
  });

  it('falls back to a smaller grid with pages where the stage is too small', () => {
    expect(chooseGrid(CALL_GRID_LAYOUTS, 9, 360, 560)).toEqual({
      columns: 2,
      rows: 3,
      maxTiles: 6,
    });
    expect(chooseGrid(CALL_GRID_LAYOUTS, 20, 1200, 600).maxTiles).toBe(12);
    // Not laid out yet: one picture, not a guess.
    expect(chooseGrid(CALL_GRID_LAYOUTS, 4, 0, 0).maxTiles).toBe(1);
  });
});

describe('a stable order for the strip and the grid', () => {
  const none = new Set<string>();

  it('keeps the order of last time, puts newcomers last and drops who left', () => {
    expect(stableOrder([], ['a', 'b', 'c'], 2, none)).toEqual(['a', 'b', 'c']);
    expect(stableOrder(['c', 'a', 'b'], ['a', 'b', 'c', 'd'], 2, none)).toEqual([
      'c',
      'a',
      'b',
      'd',
    ]);
    expect(stableOrder(['c', 'a', 'b'], ['a', 'b'], 2, none)).toEqual(['a', 'b']);
  });

  it('brings whoever speaks out of view into it, in place of the last quiet one in view', () => {
    expect(stableOrder(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'], 2, new Set(['d']))).toEqual([
      'a',
      'd',
      'c',
      'b',
    ]);
    expect(
      stableOrder(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'], 2, new Set(['b', 'c', 'd'])),
    ).toEqual(['c', 'b', 'a', 'd']);
    // Everyone in view speaks too: nobody is pushed out for the one beyond.
    expect(stableOrder(['a', 'b', 'c'], ['a', 'b', 'c'], 2, new Set(['a', 'b', 'c']))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('gives the same order when asked again with what it gave', () => {
    const speaking = new Set(['e', 'f']);
    const once = stableOrder(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      ['a', 'b', 'c', 'd', 'e', 'f'],
      3,
      speaking,
    );
    expect(stableOrder(once, once, 3, speaking)).toEqual(once);
  });
});
