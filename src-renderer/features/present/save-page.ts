import type { ViewedPage } from './presentation-session';

const extensions = { 'image/webp': 'webp', 'image/png': 'png', 'image/jpeg': 'jpg' } as const;

/** "Merkblatt – Seite 3" plus the extension the image really has. */
export function savedPageFileName(title: string, format: ViewedPage['format']): string {
  return `${title}.${extensions[format]}`;
}

/** Hands a page to the browser as a download (only offered when the presenter allows it). */
export function downloadPage(page: ViewedPage, fileName: string): void {
  const url = URL.createObjectURL(new Blob([page.image as BlobPart], { type: page.format }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
