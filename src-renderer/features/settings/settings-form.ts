/**
 * The server settings form as plain data: what the worker typed, which field is wrong, and
 * the request it becomes. The checks mirror the IPC contract, so a mistake is named at its
 * field before anything is sent.
 */
import type { IpcRequest, ServerSettingsViewType } from '../../../src-shared/ipc-contract';

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
export type FieldProblems = Partial<Record<FormField, true>>;

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

/** Whether leaving the secret empty keeps one that is already stored for this key. */
export function keepsStoredSecret(form: ServerForm, view: ServerSettingsViewType): boolean {
  return view.mode === 'custom' && view.hasSecret && form.apiKey.trim() === view.apiKey;
}

function isServerUrl(value: string): boolean {
  if (value.length > 512 || !/^(wss?|https?):\/\/[A-Za-z0-9.\-[\]:]+\/?$/.test(value)) return false;
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false;
  }
}

function isWebAddress(value: string): boolean {
  if (value.length > 512 || !/^https?:\/\//.test(value)) return false;
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false;
  }
}

/** The fields that are wrong for a test connection (`forSave` adds the guest page). */
export function fieldProblems(
  form: ServerForm,
  view: ServerSettingsViewType,
  forSave: boolean,
): FieldProblems {
  const problems: FieldProblems = {};
  if (!isServerUrl(form.serverUrl.trim())) problems.serverUrl = true;
  const apiKey = form.apiKey.trim();
  if (!apiKey || apiKey.length > 128 || !/^[\x21-\x7e]+$/.test(apiKey)) problems.apiKey = true;
  const secret = form.apiSecret.trim();
  if (secret.length > 512 || (!secret && !keepsStoredSecret(form, view))) problems.apiSecret = true;
  if (forSave && !isWebAddress(form.guestPageUrl.trim())) problems.guestPageUrl = true;
  return problems;
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
