/** A file the presenter chose, opened on this device; nothing is sent from here. */
import { openPdf, pdfLimits, type PdfLimits } from './pdf-document';
import { PresentProblemError, type PresentedDocument } from './presented-document';

const loadEngine = () => import('./pdf-engine');

/** Starts loading pdf.js and its worker, while the presenter is still choosing a file. */
export function preparePdfDisplay(): void {
  loadEngine().catch(() => {});
}

export async function openPdfFile(
  file: Pick<File, 'name' | 'size' | 'arrayBuffer'>,
  limits: PdfLimits = pdfLimits,
): Promise<PresentedDocument> {
  // Before reading: a huge file is refused without loading it into memory.
  if (file.size > limits.maxBytes) throw new PresentProblemError('too-large');
  if (file.size === 0) throw new PresentProblemError('empty');
  const [bytes, engine] = await Promise.all([
    file.arrayBuffer().then((buffer) => new Uint8Array(buffer)),
    loadEngine().then(
      (module) => module.browserPdfEngine,
      () => {
        throw new PresentProblemError('unavailable');
      },
    ),
  ]);
  return openPdf({ name: file.name, bytes }, engine, limits);
}
