import type { PageImageFormat } from './transport';

/** One page, ready to show and to send: the image the presenter sees is the one viewers get. */
export interface PageImage {
  width: number;
  height: number;
  format: PageImageFormat;
  image: Uint8Array;
}

/** What a page has ready before its sharp image, whose encoding takes longest. */
export interface PagePreview {
  page: number;
  text: string;
  /**
   * The same page, small: it reaches everyone in a fraction of the time and is shown until
   * the sharp image has arrived. Null where the page is small already.
   */
  preview: PageImage | null;
}

export interface RenderedPage extends PageImage, PagePreview {}

/** A document opened on the presenter's device; viewers only ever get its rendered pages. */
export interface PresentedDocument {
  /** Shown only inside the room. */
  fileName: string;
  pageCount: number;
  /** Renders a page (or returns it from a small cache); rejects with a PresentProblem. */
  renderPage(page: number): Promise<RenderedPage>;
  /**
   * The same render's text and preview, as soon as they are ready: before the sharp image
   * is encoded, so "Weiter" need not wait for it. Rejects as `renderPage` does.
   */
  previewPage(page: number): Promise<PagePreview>;
  close(): void;
}

/** Why a file cannot be presented; each has a plain message for the presenter. */
export const fileProblems = [
  'empty',
  'not-pdf',
  'too-large',
  'password',
  'damaged',
  'too-many-pages',
  'too-slow',
  /** The PDF display itself could not be loaded (offline, say). */
  'unavailable',
] as const;
/** Why one page cannot be shown; the presentation stays on the page before. */
export const pageProblems = ['page-too-slow', 'page-damaged'] as const;
export type PresentProblem = (typeof fileProblems)[number] | (typeof pageProblems)[number];

export class PresentProblemError extends Error {
  constructor(readonly problem: PresentProblem) {
    super(problem);
    this.name = 'PresentProblemError';
  }
}

export function problemOf(error: unknown, fallback: PresentProblem): PresentProblem {
  return error instanceof PresentProblemError ? error.problem : fallback;
}
