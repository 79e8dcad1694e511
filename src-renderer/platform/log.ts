/**
 * The renderer's side of the one logger: event codes with numbers, sent to main, which
 * writes them. A guest page has no host API, so nothing is logged or sent there at all.
 */
import type { AppApi } from '../../src-shared/api-surface';

let transport: AppApi | null = null;

export function setLogTransport(api: AppApi | null): void {
  transport = api;
}

export function logEvent(code: string, fields?: Record<string, number | boolean>): void {
  void transport?.logEvent({ code, fields }).catch(() => {});
}
