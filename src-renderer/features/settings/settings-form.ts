/**
 * The server settings form as plain data: what the worker typed, which field is wrong, and
 * the request it becomes. The address checks are the very functions main and the IPC
 * contract use, so a mistake is named at its field before anything is sent.
 */
import type { IpcRequest, ServerSettingsViewType } from '../../../src-shared/ipc-contract';
import {
  parseGuestPageAddress,
  parseServerAddress,
  sameServerAddress,
  type AddressProblem,
} from '../../../src-shared/server-address';

export type ServerMode = 'local' | 'custom';

export interface ServerForm {
  mode: ServerMode;
  serverUrl: string;
  apiKey: string;
  /** Empty keeps the stored secret (when there is one for this key). */
  apiSecret: string;
  guestPageUrl: string;
}

export type FormField = 'serverUrl' | 'apiKey' | 'apiSecret' | 'guestPageUrl';
/** `insecure`: a ws:// or http:// address that is not on this computer. */
export type FieldProblem = 'wrong' | 'insecure';
export type FieldProblems = Partial<Record<FormField, FieldProblem>>;

/** The form as the stored settings fill it; the local server's key is never shown as the organisation's. */
export function formFrom(view: ServerSettingsViewType): ServerForm {
  const custom = view.mode === 'custom';
  return {
    mode: view.localServerAvailable ? view.mode : 'custom',
    serverUrl: custom ? view.serverUrl : '',
    apiKey: custom ? view.apiKey : '',
    apiSecret: '',
    guestPageUrl: custom ? view.guestPageUrl : '',
  };
}

/**
 * Whether leaving the secret empty keeps one that is already stored. Main keeps a secret
 * for the address and key it was saved with only, so both must be unchanged.
 */
export function keepsStoredSecret(form: ServerForm, view: ServerSettingsViewType): boolean {
  return (
    view.mode === 'custom' &&
    view.hasSecret &&
    form.apiKey.trim() === view.apiKey &&
    sameServerAddress(form.serverUrl, view.serverUrl)
  );
}

function addressProblem(parsed: { ok: true } | { ok: false; problem: AddressProblem }) {
  if (parsed.ok) return undefined;
  return parsed.problem === 'insecure' ? 'insecure' : 'wrong';
}

/** The fields that are wrong for a test connection (`forSave` adds the guest page). */
export function fieldProblems(
  form: ServerForm,
  view: ServerSettingsViewType,
  forSave: boolean,
): FieldProblems {
  const problems: FieldProblems = {
    serverUrl: addressProblem(parseServerAddress(form.serverUrl.trim())),
    guestPageUrl: forSave
      ? addressProblem(parseGuestPageAddress(form.guestPageUrl.trim()))
      : undefined,
  };
  const apiKey = form.apiKey.trim();
  if (!apiKey || apiKey.length > 128 || !/^[\x21-\x7e]+$/.test(apiKey)) problems.apiKey = 'wrong';
  const secret = form.apiSecret.trim();
  if (secret.length > 512 || (!secret && !keepsStoredSecret(form, view))) {
    problems.apiSecret = 'wrong';
  }
  return Object.fromEntries(
    Object.entries(problems).filter(([, problem]) => problem !== undefined),
  ) as FieldProblems;
}

/** What `settings:test` gets; an empty secret is left out so main uses the stored one. */
export function testRequest(form: ServerForm): IpcRequest<'settings:test'> {
  const apiSecret = form.apiSecret.trim();
  return {
    serverUrl: form.serverUrl.trim(),
    apiKey: form.apiKey.trim(),
    ...(apiSecret ? { apiSecret } : {}),
  };
}

export function saveRequest(form: ServerForm): IpcRequest<'settings:save'> {
  if (form.mode === 'local') return { mode: 'local' };
  return { mode: 'custom', ...testRequest(form), guestPageUrl: form.guestPageUrl.trim() };
}
