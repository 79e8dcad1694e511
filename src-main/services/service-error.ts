import type { IpcErrorCode } from '../../src-shared/ipc-contract';

/** A failure a service can name for the user; dispatchIpc sends the code, nothing else. */
export class ServiceError extends Error {
  constructor(readonly code: IpcErrorCode) {
    super(code);
    this.name = 'ServiceError';
  }
}

/** Errors that mean "this disk takes no more writes here": full, read-only, or not ours. */
const WRITE_REFUSED = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

export function isWriteRefused(error: unknown): boolean {
  return WRITE_REFUSED.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

/**
 * Runs a write; a disk that refuses it becomes `disk-full`, which the page explains with
 * the promise every write path keeps: nothing was overwritten, what was typed is still there.
 */
export async function writeOrDiskFull<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isWriteRefused(error)) throw new ServiceError('disk-full');
    throw error;
  }
}
