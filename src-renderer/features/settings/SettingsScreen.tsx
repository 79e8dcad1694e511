import { useId, type InputHTMLAttributes } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AppApi } from '../../../src-shared/api-surface';
import type { IpcErrorCode, ServerSettingsViewType } from '../../../src-shared/ipc-contract';
import type { FormField } from './settings-form';
import { useServerSettings, type SettingsActionResult } from './useServerSettings';
import './settings.css';
import { ScreenHeading } from '../../app/ScreenHeading';

export interface SettingsScreenProps {
  api: AppApi;
  /** Called once the settings are saved, with what is stored now. */
  onDone: (view: ServerSettingsViewType) => void;
  /** Leaves without saving; absent on first run, when there is nothing to go back to. */
  onCancel?: () => void;
}

const explainedCodes: IpcErrorCode[] = [
  'disk-full',
  'server-unreachable',
  'server-rejected',
  'no-credentials',
  'keychain-unavailable',
  'invalid-request',
  'not-configured',
];

/** The LiveKit server the worker's consultations run on: the local test server or the organisation's. */
export function SettingsScreen({ api, onDone, onCancel }: SettingsScreenProps) {
  const { t } = useTranslation();
  const settings = useServerSettings(api);
  const { load, form, busy, outcome, problems } = settings;
  const baseId = useId();
  const idOf = (part: string) => `${baseId}-${part}`;

  if (load.status !== 'ready') {
    return (
      <section className="panel" aria-labelledby={idOf('heading')}>
        <ScreenHeading id={idOf('heading')}>{t('settings.heading')}</ScreenHeading>
        {load.status === 'loading' ? (
          <p role="status">{t('settings.loading')}</p>
        ) : (
          <>
            <p role="alert" className="alert">
              {t('settings.loadFailed')}
            </p>
            <div className="row">
              <button type="button" onClick={() => void settings.reload()}>
                {t('settings.retry')}
              </button>
              {onCancel && (
                <button type="button" onClick={onCancel}>
                  {t('settings.cancel')}
                </button>
              )}
            </div>
          </>
        )}
      </section>
    );
  }

  const { view } = load;
  const custom = form.mode === 'custom';

  /** Puts the cursor where the worker has something to fix. */
  function focusProblem(result: SettingsActionResult) {
    if (!result.ok && result.field) document.getElementById(idOf(result.field))?.focus();
  }

  function textField(field: FormField, extra: InputHTMLAttributes<HTMLInputElement> = {}) {
    const hint = field === 'apiKey' ? null : t(`settings.${field}Hint`);
    const described = [
      hint ? idOf(`${field}-hint`) : null,
      problems[field] ? idOf(`${field}-problem`) : null,
    ].filter(Boolean);
    return (
      <div className="settings-field">
        <label htmlFor={idOf(field)}>{t(`settings.${field}`)}</label>
        <input
          id={idOf(field)}
          className="link-field"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-describedby={described.length ? described.join(' ') : undefined}
          {...extra}
          {...settings.fieldProps(field)}
        />
        {hint && (
          <p id={idOf(`${field}-hint`)} className="hint settings-hint">
            {hint}
          </p>
        )}
        {problems[field] && (
          <p id={idOf(`${field}-problem`)} className="field-problem">
            {problems[field] === 'insecure' && (field === 'serverUrl' || field === 'guestPageUrl')
              ? t(`settings.insecure.${field}`)
              : t(`settings.fields.${field}`)}
          </p>
        )}
      </div>
    );
  }

  return (
    <section className="panel" aria-labelledby={idOf('heading')}>
      <ScreenHeading id={idOf('heading')}>{t('settings.heading')}</ScreenHeading>
      <p>{t('settings.intro')}</p>
      <form
        noValidate
        aria-busy={busy !== null}
        onSubmit={(event) => {
          event.preventDefault();
          void settings.save().then((result) => {
            if (result.ok) onDone(result.view);
            else focusProblem(result);
          });
        }}
      >
        {view.localServerAvailable && (
          <fieldset className="settings-modes">
            <legend>{t('settings.modeLegend')}</legend>
            <div className="choice">
              <input
                id={idOf('mode-local')}
                type="radio"
                name={idOf('mode')}
                checked={form.mode === 'local'}
                onChange={() => settings.chooseMode('local')}
                aria-describedby={idOf('mode-local-hint')}
              />
              <label htmlFor={idOf('mode-local')}>{t('settings.modeLocal')}</label>
            </div>
            <p id={idOf('mode-local-hint')} className="hint settings-hint settings-indent">
              {t('settings.modeLocalHint')}
            </p>
            <div className="choice">
              <input
                id={idOf('mode-custom')}
                type="radio"
                name={idOf('mode')}
                checked={custom}
                onChange={() => settings.chooseMode('custom')}
              />
              <label htmlFor={idOf('mode-custom')}>{t('settings.modeCustom')}</label>
            </div>
          </fieldset>
        )}

        {custom && (
          <div className="settings-fields">
            {textField('serverUrl', { type: 'url', inputMode: 'url', autoComplete: 'off' })}
            {textField('apiKey', { autoComplete: 'off' })}
            {textField('apiSecret', {
              type: 'password',
              autoComplete: 'off',
              placeholder: settings.keepsSecret ? t('settings.apiSecretKept') : undefined,
            })}
            {textField('guestPageUrl', { type: 'url', inputMode: 'url', autoComplete: 'off' })}
          </div>
        )}

        {outcome?.kind === 'fields-wrong' && (
          <p role="alert" className="alert">
            {t('settings.checkFields')}
          </p>
        )}
        {outcome?.kind === 'failed' && (
          <p role="alert" className="alert">
            {t(`settings.errors.${explainedCodes.includes(outcome.code) ? outcome.code : 'other'}`)}
          </p>
        )}
        {/* Always present, so screen readers announce what appears in it. */}
        <p role="status" className="settings-status">
          {busy === 'testing' && t('settings.testing')}
          {busy === 'saving' && t('settings.saving')}
          {!busy && outcome?.kind === 'tested' && t('settings.tested')}
        </p>

        <div className="row">
          {custom && (
            <button
              type="button"
              aria-disabled={busy !== null}
              onClick={() => void settings.testConnection().then(focusProblem)}
            >
              {t('settings.test')}
            </button>
          )}
          <button type="submit" className="primary" aria-disabled={busy !== null}>
            {t('settings.save')}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('settings.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
