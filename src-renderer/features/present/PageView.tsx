import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useElementSize } from '../../app/useElementSize';
import { useTranslation } from '../../i18n/useTranslation';
import type { PageImageFormat } from './transport';

export type Fit = 'page' | 'width';
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;
export const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
const ZOOM_STEPS = [1, 1.25, 1.5, 2, 3, 4];
export const zoomIn = (zoom: number) => ZOOM_STEPS.find((step) => step > zoom + 0.01) ?? MAX_ZOOM;
export const zoomOut = (zoom: number) =>
  [...ZOOM_STEPS].reverse().find((step) => step < zoom - 0.01) ?? MIN_ZOOM;

export interface PageViewProps {
  image: Uint8Array;
  format: PageImageFormat;
  width: number;
  height: number;
  /** The accessible name of the picture ("Seite 3 von „Merkblatt.pdf“"). */
  label: string;
  fit: Fit;
  /** 1 fits the page (or its width); up to 4. */
  zoom: number;
  onZoom: (zoom: number) => void;
  /** Without it, the browser's own "save image" is not offered on the page. */
  allowSave: boolean;
  /**
   * The frame's height is set by the layout around it (the call's stage, where the page
   * takes what its heading and controls leave): a whole page fits that height. Without
   * it, the frame grows with the page, and a whole page takes a share of the window.
   */
  fitFrameHeight?: boolean;
}

/** Share of the window's height a whole page may take, where the frame has no height. */
const PAGE_HEIGHT_SHARE = 0.75;

/**
 * One page as a picture on a canvas (no <img>, so no "save image" or drag-out), zoomable
 * with two fingers, Ctrl + wheel, or the buttons around it; scrolls when zoomed in.
 */
export function PageView(props: PageViewProps) {
  const { image, format, width, height, label, fit, zoom, onZoom, allowSave, fitFrameHeight } =
    props;
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frameSize = useElementSize(frame);
  /** The image that could not be decoded, if it is the one shown. */
  const [undecodable, setUndecodable] = useState<Uint8Array | null>(null);
  const failed = undecodable === image;
  /** Where a pinch or wheel zoom is centred, kept in place as the page grows. */
  const anchor = useRef<{ x: number; y: number; fx: number; fy: number } | null>(null);

  useEffect(() => {
    let current = true;
    void createImageBitmap(new Blob([image as BlobPart], { type: format }))
      .then((bitmap) => {
        const target = canvas.current;
        if (!current || !target) return bitmap.close();
        // Sized and drawn in one go: resizing a canvas clears it, and the page shown before
        // (the preview, say) stays until this one is ready, with no blank frame between.
        // Handed over, not drawn: a 2D canvas of a sharp page (14 MB) was copied for the
        // compositor on the main thread, 100 to 300 ms on the bench machine, and again at
        // the next frame after any change around it; a bitmap renderer shows the decoded
        // picture as it is.
        target.width = bitmap.width;
        target.height = bitmap.height;
        target.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
        bitmap.close();
      })
      .catch(() => current && setUndecodable(image));
    return () => {
      current = false;
    };
  }, [image, format]);

  const pageHeightRoom = fitFrameHeight ? frameSize.height : window.innerHeight * PAGE_HEIGHT_SHARE;
  const fitWidth =
    fit === 'width'
      ? frameSize.width
      : Math.min(frameSize.width, Math.floor((pageHeightRoom * width) / height));
  const shownWidth = Math.max(1, Math.round(fitWidth * zoom));

  useLayoutEffect(() => {
    const element = frame.current;
    const at = anchor.current;
    if (!element || !at) return;
    anchor.current = null;
    element.scrollLeft = at.fx * shownWidth - at.x;
    element.scrollTop = at.fy * ((shownWidth * height) / width) - at.y;
  }, [shownWidth, width, height]);

  /** Zooms around a point of the frame (in its own coordinates). */
  const zoomAround = (next: number, x: number, y: number) => {
    const element = frame.current;
    const clamped = clampZoom(next);
    if (!element || clamped === zoom) return;
    const shownHeight = (shownWidth * height) / width;
    anchor.current = {
      x,
      y,
      fx: (element.scrollLeft + x) / shownWidth,
      fy: (element.scrollTop + y) / shownHeight,
    };
    onZoom(clamped);
  };
  const zoomRef = useRef(zoomAround);
  useLayoutEffect(() => {
    zoomRef.current = zoomAround;
  });

  // Two fingers: the distance between them sets the zoom. One finger scrolls as usual.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; zoom: number } | null>(null);
  const spread = () => {
    const [a, b] = [...pointers.current.values()];
    if (!a || !b) return null;
    const rect = frame.current?.getBoundingClientRect();
    return {
      distance: Math.hypot(a.x - b.x, a.y - b.y),
      x: (a.x + b.x) / 2 - (rect?.left ?? 0),
      y: (a.y + b.y) / 2 - (rect?.top ?? 0),
    };
  };

  const zoomValue = useRef(zoom);
  useLayoutEffect(() => {
    zoomValue.current = zoom;
  }, [zoom]);

  // Ctrl + wheel is how touchpads pinch; without this the browser would zoom the whole page.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY / 300);
      zoomRef.current(
        zoomValue.current * factor,
        event.clientX - rect.left,
        event.clientY - rect.top,
      );
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  return (
    <div
      ref={frame}
      className={['page-view', fit === 'width' && 'fit-width', fitFrameHeight && 'fills']
        .filter(Boolean)
        .join(' ')}
      // Focusable, so a zoomed-in page can be moved with the keyboard too.
      tabIndex={0}
      role="group"
      aria-label={t('present.pageArea')}
      onContextMenu={allowSave ? undefined : (event) => event.preventDefault()}
      onPointerDown={(event) => {
        if (event.pointerType !== 'touch') return;
        pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
        const now = spread();
        if (now) pinch.current = { distance: now.distance, zoom };
      }}
      onPointerMove={(event) => {
        if (!pointers.current.has(event.pointerId)) return;
        pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
        const now = spread();
        const start = pinch.current;
        if (!now || !start || start.distance < 1) return;
        zoomAround((start.zoom * now.distance) / start.distance, now.x, now.y);
      }}
      onPointerUp={(event) => {
        pointers.current.delete(event.pointerId);
        if (pointers.current.size < 2) pinch.current = null;
      }}
      onPointerCancel={(event) => {
        pointers.current.delete(event.pointerId);
        if (pointers.current.size < 2) pinch.current = null;
      }}
    >
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        draggable={false}
        // Its pixel size is set where it is drawn (above); its shape comes from the page.
        style={{ width: `${shownWidth}px`, aspectRatio: `${width} / ${height}` }}
      />
      {failed && <p className="alert">{t('present.pageFailed')}</p>}
    </div>
  );
}
