import {
  PresentProblemError,
  type PagePreview,
  type PresentedDocument,
  type PresentProblem,
  type RenderedPage,
} from '../../../src-renderer/features/present/presented-document';

export const FAKE_WIDTH = 800;
export const FAKE_HEIGHT = 1131;
export const FAKE_PREVIEW_WIDTH = 200;
export const FAKE_PREVIEW_HEIGHT = 283;

/**
 * The start of a PNG (signature and header chunk with its size), then the page number:
 * enough for the viewer's format and size checks, and different for every page.
 */
export function fakePng(page: number, width = FAKE_WIDTH, height = FAKE_HEIGHT): Uint8Array {
  const bytes = new Uint8Array(34);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12); // IHDR
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes[33] = page;
  return bytes;
}

export interface FakeDocument extends PresentedDocument {
  rendered: number[];
  closed: boolean;
  /** Holds renders until release() (to press "next" while a page is being prepared). */
  hold(): void;
  release(): void;
  /** Holds the sharp images, not the previews, until releaseSharp(): a slow encoder. */
  holdSharp(): void;
  releaseSharp(): void;
}

export function fakeDocument(
  pageCount: number,
  options: {
    fileName?: string;
    failing?: Map<number, PresentProblem>;
    /** Each page with a small preview, as the real document makes for large pages. */
    previews?: boolean;
  } = {},
): FakeDocument {
  const renderGate = gate();
  const sharpGate = gate();
  // One render per page, as the real document keeps them; a failed one is tried again.
  const renders = new Map<number, Promise<PagePreview>>();
  const prepare = (page: number): Promise<PagePreview> => {
    const known = renders.get(page);
    if (known) return known;
    const render = (async () => {
      await renderGate.pass();
      document.rendered.push(page);
      const problem = options.failing?.get(page);
      if (problem) throw new PresentProblemError(problem);
      return {
        page,
        text: `Text von Seite ${page}`,
        preview: options.previews
          ? {
              width: FAKE_PREVIEW_WIDTH,
              height: FAKE_PREVIEW_HEIGHT,
              format: 'image/png' as const,
              image: fakePng(page, FAKE_PREVIEW_WIDTH, FAKE_PREVIEW_HEIGHT),
            }
          : null,
      };
    })();
    renders.set(page, render);
    render.catch(() => renders.delete(page));
    return render;
  };
  const document: FakeDocument = {
    fileName: options.fileName ?? 'Merkblatt.pdf',
    pageCount,
    rendered: [],
    closed: false,
    previewPage: prepare,
    async renderPage(page: number): Promise<RenderedPage> {
      const early = await prepare(page);
      await sharpGate.pass();
      return {
        ...early,
        width: FAKE_WIDTH,
        height: FAKE_HEIGHT,
        format: 'image/png',
        image: fakePng(page),
      };
    },
    close() {
      document.closed = true;
    },
    hold: renderGate.close,
    release: renderGate.open,
    holdSharp: sharpGate.close,
    releaseSharp: sharpGate.open,
  };
  return document;
}

/** Open lets everything through; closed, whoever passes waits until it opens again. */
function gate() {
  let waiting: (() => void)[] | null = null;
  return {
    pass: () =>
      waiting ? new Promise<void>((resolve) => waiting?.push(resolve)) : Promise.resolve(),
    close: () => {
      waiting = [];
    },
    open: () => {
      const released = waiting ?? [];
      waiting = null;
      released.forEach((resolve) => resolve());
    },
  };
}
