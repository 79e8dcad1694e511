/** Hands an export to the browser as a download (browser mode has no save dialog). */
export function downloadFile(download: {
  fileName: string;
  mimeType: string;
  base64: string;
}): void {
  const bytes = Uint8Array.from(atob(download.base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: download.mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = download.fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
