import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import type { AppApi } from '../../../src-shared/api-surface';
import type { IpcErrorCode, ServerSettingsViewType } from '../../../src-shared/ipc-contract';
import {
  fieldProblems,
  formFrom,
  keepsStoredSecret,
  saveRequest,
  testRequest,
  type FieldProblems,
  type FormField,
  type ServerForm,
  type ServerMode,
} from './settings-form';

export type SettingsLoad =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; view: ServerSettingsViewType };

/** What the last test or save came to; null while nothing has been tried since the last edit. */
export type SettingsOutcome =
  null | { kind: 'tested' } | { kind: 'fields-wrong' } | { kind: 'failed'; code: IpcErrorCode };

/** Where the form stands after an action: `field` is the first one to fix, if any. */
export type SettingsActionResult = { ok: true } | { ok: false; field?: FormField };

const fieldOrder: FormField[] = ['serverUrl', 'apiKey', 'apiSecret', 'guestPageUrl'];

const emptyForm: ServerForm = {
  mode: 'custom',
  serverUrl: '',
  apiKey: '',
  apiSecret: '',
  guestPageUrl: '',
};

/** The server settings form: the stored settings, what is typed, and test and save. */
export function useServerSettings(api: AppApi) {
  const [load, setLoad] = useState<SettingsLoad>({ status: 'loading' });
  const [form, setForm] = useState<ServerForm>(emptyForm);
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const [outcome, setOutcome] = useState<SettingsOutcome>(null);
  /** Fields are marked only after the worker tried once, not while they are still typing. */
  const [checked, setChecked] = useState<'test' | 'save' | null>(null);

  const applyLoaded = useCallback((result: Awaited<ReturnType<AppApi['getServerSettings']>>) => {
    if (!result.ok) return setLoad({ status: 'failed' });
    setLoad({ status: 'ready', view: result.value });
    setForm(formFrom(result.value));
  }, []);

  useEffect(() => {
    let current = true;
    void api.getServerSettings().then((result) => {
      if (current) applyLoaded(result);
    });
    return () => {
      current = false;
    };
  }, [api, applyLoaded]);

  async function reload(): Promise<void> {
    setLoad({ status: 'loading' });
    applyLoaded(await api.getServerSettings());
  }

  const view = load.status === 'ready' ? load.view : null;
  const problems: FieldProblems =
    view && checked && form.mode === 'custom' ? fieldProblems(form, view, checked === 'save') : {};

  function edit(change: Partial<ServerForm>) {
    setForm((current) => ({ ...current, ...change }));
    setOutcome(null);
  }

  function firstProblem(found: FieldProblems): FormField | undefined {
    return fieldOrder.find((field) => found[field]);
  }

  async function testConnection(): Promise<SettingsActionResult> {
    if (!view || busy) return { ok: false };
    setChecked('test');
    const field = firstProblem(fieldProblems(form, view, false));
    if (field) {
      setOutcome({ kind: 'fields-wrong' });
      return { ok: false, field };
    }
    setBusy('testing');
    setOutcome(null);
    const result = await api.testServer(testRequest(form));
    setBusy(null);
    setOutcome(result.ok ? { kind: 'tested' } : { kind: 'failed', code: result.error.code });
    return result.ok ? { ok: true } : { ok: false };
  }

  /** Tests and stores the settings; resolves ok, with what is now stored, only once saved. */
  async function save(): Promise<
    { ok: true; view: ServerSettingsViewType } | { ok: false; field?: FormField }
  > {
    if (!view || busy) return { ok: false };
    if (form.mode === 'custom') {
      setChecked('save');
      const field = firstProblem(fieldProblems(form, view, true));
      if (field) {
        setOutcome({ kind: 'fields-wrong' });
        return { ok: false, field };
      }
    }
    setBusy('saving');
    setOutcome(null);
    const result = await api.saveServerSettings(saveRequest(form));
    setBusy(null);
    if (!result.ok) {
      setOutcome({ kind: 'failed', code: result.error.code });
      return { ok: false };
    }
    setLoad({ status: 'ready', view: result.value });
    setForm(formFrom(result.value));
    setChecked(null);
    return { ok: true, view: result.value };
  }

  /** Props for one text field: its value, change handler and whether it is marked wrong. */
  function fieldProps(field: FormField) {
    return {
      value: form[field],
      onChange: (event: ChangeEvent<HTMLInputElement>) => edit({ [field]: event.target.value }),
      'aria-invalid': problems[field] ? (true as const) : undefined,
    };
  }

  return {
    load,
    form,
    busy,
    outcome,
    problems,
    /** Whether an empty secret field keeps the one already in the keychain. */
    keepsSecret: view ? keepsStoredSecret(form, view) : false,
    chooseMode: (mode: ServerMode) => edit({ mode }),
    fieldProps,
    testConnection,
    save,
    reload,
  };
}
