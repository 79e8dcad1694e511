import type { IpcErrorCode } from '../../src-shared/ipc-contract';

/** A failure a service can name for the user; dispatchIpc sends the code, nothing else. */
export class ServiceError extends Error {
  constructor(readonly code: IpcErrorCode) {
    super(code);
    this.name = 'ServiceError';
  }
}
