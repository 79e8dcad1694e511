import {
  PresentProblemError,
  type PresentedDocument,
  type PresentProblem,
  type RenderedPage,
} from '../../../src-renderer/features/present/presented-document';

/** The first bytes of a PNG, then the page number: enough for the viewer's format check. */
export function fakePng(page: number): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, page]);
}

export interface FakeDocument extends PresentedDocument {
  rendered: number[];
  closed: boolean;
  /** Holds renders until release() (to press "next" while a page is being prepared). */
  hold(): void;
  release(): void;
}

export function fakeDocument(
  pageCount: number,
  options: { fileName?: string; failing?: Map<number, PresentProblem> } = {},
): FakeDocument {
  let held: (() => void)[] | null = null;
  const document: FakeDocument = {
    fileName: options.fileName ?? 'Merkblatt.pdf',
    pageCount,
    rendered: [],
    closed: false,
    async renderPage(page: number): Promise<RenderedPage> {
      if (held) await new Promise<void>((resolve) => held?.push(resolve));
      document.rendered.push(page);
      const problem = options.failing?.get(page);
      if (problem) throw new PresentProblemError(problem);
      return {
        page,
        width: 800,
        height: 1131,
        format: 'image/png',
        image: fakePng(page),
        text: `Text von Seite ${page}`,
      };
    },
    close() {
      document.closed = true;
    },
    hold() {
      held = [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      waiting.forEach((resolve) => resolve());
    },
  };
  return document;
}
