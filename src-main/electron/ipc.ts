import type { IpcMain } from 'electron';
import { ipcContract, type IpcChannel } from '../../src-shared/ipc-contract';
import { dispatchIpc, type IpcHandlers } from '../ipc/handlers';
import type { Logger } from '../services/logger';
import { isTrustedSender } from '../security/policy';

/** Registers one ipcMain handler per contract channel, each behind the sender check. */
export function registerIpc(ipcMain: IpcMain, handlers: IpcHandlers, logger: Logger): void {
  for (const channel of Object.keys(ipcContract) as IpcChannel[]) {
    ipcMain.handle(channel, (event, request: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(frame?.url, frame?.parent === null);
      return dispatchIpc(handlers, logger, channel, request, trusted);
    });
  }
}
