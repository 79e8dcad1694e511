/** Where each picture goes on the call's stage (plain functions, no React). */
import { describe, expect, it } from 'vitest';
import { planStage, type StageTile } from '../../src-renderer/features/call/stage-layout';

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
