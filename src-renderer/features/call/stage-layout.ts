/**
 * Where each picture goes on the call's stage, as plain functions (no React, no Room): the
 * grid, the one picture in focus with a strip of people, and my own picture. The stage
 * (VideoStage.tsx) feeds it what LiveKit lists and draws what it returns.
 */
export type LayoutMode = 'grid' | 'speaker';

/** One picture the stage may show: someone's camera (or its placeholder) or a shared screen. */
export interface StageTile {
  /** Unique per picture: identity and source. */
  key: string;
  identity: string;
  source: 'camera' | 'screen';
  local: boolean;
  /** The person is verified: only then may their picture take the focus by itself. */
  trusted: boolean;
}

export interface StageInput<T extends StageTile> {
  tiles: readonly T[];
  mode: LayoutMode;
  /** The key of the picture the person chose to see large, if any. */
  pinned: string | null;
  /** A presented document (a PDF) asks for the focus. */
  presentation: boolean;
  /** The identity of the person speaking (or who spoke last). */
  speaker: string | null;
  /**
   * My own picture as a small corner picture (a phone, or a call of two) rather than a
   * tile among the others.
   */
  selfInCorner: boolean;
}

export type StagePlan<T> =
  | { kind: 'grid'; tiles: T[]; self: T | null }
  /** `focus` null: the presented document takes the focus. */
  | { kind: 'focus'; focus: T | null; strip: T[]; self: T | null };

/**
 * - My own shared screen is never shown to me (a mirror of a mirror); the sharer sees people.
 * - The focus, in this order: what the person pinned; a presented document; someone's
 *   shared screen (only a verified person's); in speaker view, the one who speaks.
 * - My camera: small in a corner when `selfInCorner`, else last in the grid, first in the strip.
 *   When a document or a shared screen is in focus, always first in the strip: a corner
 *   picture would cover part of the page, or the controls under it.
 */
export function planStage<T extends StageTile>(input: StageInput<T>): StagePlan<T> {
  const { tiles, mode, pinned, presentation, speaker, selfInCorner } = input;
  const mine = tiles.find((tile) => tile.local && tile.source === 'camera') ?? null;
  const others = tiles.filter((tile) => !tile.local);
  const cameras = others.filter((tile) => tile.source === 'camera');
  const alone = others.length <= 1;
  const self = mine && (selfInCorner || alone) ? mine : null;
  const inFlow = mine && !self ? [mine] : [];

  const pinnedTile = pinned ? (others.find((tile) => tile.key === pinned) ?? null) : null;
  const sharedScreen = others.find((tile) => tile.source === 'screen' && tile.trusted) ?? null;
  const spoken =
    mode === 'speaker'
      ? (cameras.find((tile) => tile.identity === speaker) ?? cameras[0] ?? null)
      : null;

  if (pinnedTile || presentation || sharedScreen || (spoken && others.length > 1)) {
    const focus = pinnedTile ?? (presentation ? null : (sharedScreen ?? spoken));
    const content = focus === null || focus === sharedScreen;
    return {
      kind: 'focus',
      focus,
      strip: [...(content && mine ? [mine] : inFlow), ...others.filter((tile) => tile !== focus)],
      self: content ? null : self,
    };
  }
  return { kind: 'grid', tiles: [...others, ...inFlow], self };
}

/**
 * The speaker to show next: the loudest of those speaking now whom the stage may show;
 * when nobody speaks, the last one stays (the picture does not jump away in a pause).
 */
export function nextSpeaker(
  current: string | null,
  speakingNow: readonly string[],
  eligible: ReadonlySet<string>,
): string | null {
  const loudest = speakingNow.find((identity) => eligible.has(identity));
  if (loudest) return loudest;
  return current !== null && eligible.has(current) ? current : null;
}

/** A grid the stage may use, and what it needs to suit the stage. */
export interface GridLayoutDefinition {
  columns: number;
  rows: number;
  /** Only for a stage of this shape (wider than high: landscape). */
  orientation?: 'portrait' | 'landscape';
  minWidth?: number;
  minHeight?: number;
}

/**
 * Grids for up to twelve pictures that fit the window: `chooseGrid` picks the smallest
 * that holds everyone and suits the shape of the stage, and falls back to a smaller one
 * (with pages) where the stage is too narrow.
 */
export const CALL_GRID_LAYOUTS: readonly GridLayoutDefinition[] = [
  { columns: 1, rows: 1 },
  { columns: 1, rows: 2, orientation: 'portrait' },
  { columns: 2, rows: 1, orientation: 'landscape' },
  { columns: 2, rows: 2 },
  { columns: 2, rows: 3, orientation: 'portrait' },
  { columns: 3, rows: 2, orientation: 'landscape' },
  { columns: 3, rows: 3, minWidth: 560, minHeight: 420 },
  { columns: 3, rows: 4, orientation: 'portrait', minWidth: 560, minHeight: 560 },
  { columns: 4, rows: 3, orientation: 'landscape', minWidth: 700, minHeight: 420 },
];

export interface GridChoice {
  columns: number;
  rows: number;
  /** Pictures on one page of the grid. */
  maxTiles: number;
}

/**
 * The grid for `count` pictures on a stage of `width` × `height` pixels: of the layouts
 * that suit its shape and size, the smallest that holds them all, else the largest (the
 * rest go on further pages). Before the stage has a size, one picture per page.
 */
export function chooseGrid(
  layouts: readonly GridLayoutDefinition[],
  count: number,
  width: number,
  height: number,
): GridChoice {
  const one = { columns: 1, rows: 1, maxTiles: 1 };
  if (width <= 0 || height <= 0) return one;
  const shape = width > height ? 'landscape' : 'portrait';
  const suitable = layouts
    .filter(
      (layout) =>
        (!layout.orientation || layout.orientation === shape) &&
        (layout.minWidth ?? 0) <= width &&
        (layout.minHeight ?? 0) <= height,
    )
    .map((layout) => ({ ...layout, maxTiles: layout.columns * layout.rows }))
    .sort((a, b) => a.maxTiles - b.maxTiles);
  const chosen = suitable.find((layout) => layout.maxTiles >= count) ?? suitable.at(-1);
  return chosen ? { columns: chosen.columns, rows: chosen.rows, maxTiles: chosen.maxTiles } : one;
}

/**
 * The order to show `keys` in where only the first `inView` can be seen (the strip, a
 * grid's first page): the order of last time, so pictures do not jump about; newcomers at
 * the end; and anyone who speaks now but is out of view changes places with the last in
 * view who does not.
 */
export function stableOrder(
  previous: readonly string[],
  keys: readonly string[],
  inView: number,
  speaking: ReadonlySet<string>,
): string[] {
  const present = new Set(keys);
  const order = previous.filter((key) => present.has(key));
  const kept = new Set(order);
  for (const key of keys) if (!kept.has(key)) order.push(key);
  let swapAt = Math.min(inView, order.length) - 1;
  for (let index = inView; index < order.length; index++) {
    const key = order[index];
    if (key === undefined || !speaking.has(key)) continue;
    while (swapAt >= 0 && speaking.has(order[swapAt] ?? '')) swapAt--;
    if (swapAt < 0) break;
    const quiet = order[swapAt] ?? key;
    order[swapAt] = key;
    order[index] = quiet;
    swapAt--;
  }
  return order;
}

/** Quality words as the number of bars a tile shows. */
export function barsFor(quality: 'excellent' | 'good' | 'poor' | 'lost' | undefined): number {
  switch (quality) {
    case 'excellent':
      return 3;
    case 'good':
      return 2;
    case 'poor':
      return 1;
    default:
      return 0;
  }
}
