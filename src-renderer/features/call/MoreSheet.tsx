import type { Room } from 'livekit-client';
import { useId } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { ServerView } from '../consent/ServerView';
import { ParticipantList } from '../people/ParticipantList';
import { DocumentIcon, ScreenIcon } from './icons';
import { useMediaDevices } from './room-hooks';
import { Sheet } from './Sheet';
import type { LayoutMode } from './stage-layout';
import type { CallView } from './useCallSession';

/** Browsers that can choose where sound plays (Chromium; not Safari). */
const canChooseSpeaker =
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export interface MoreSheetProps {
  id: string;
  call: CallView;
  mode: LayoutMode;
  setMode: (mode: LayoutMode) => void;
  onClose: () => void;
  /** Guest only: the consents are a sheet of their own. */
  onOpenConsent?: () => void;
  /** What leaves the control bar in a narrow window (shown here only there). */
  spilled?: {
    screen: boolean;
    toggleScreen?: () => void;
    presentPdf?: () => void;
  };
}

/** Less used things: the view, the devices, sound only, what the server can see. */
export function MoreSheet(props: MoreSheetProps) {
  const { id, call, mode, setMode, onClose, onOpenConsent, spilled } = props;
  const { t } = useTranslation();
  const audioOnly = call.connection?.audioOnly.kind === 'on';
  // The sheet closes first, so that what opens next has the stage (and the focus comes back
  // to "Mehr" when that closes).
  const thenClose = (action: (() => void) | undefined) => () => {
    onClose();
    action?.();
  };
  const pdf = spilled?.presentPdf;
  return (
    <Sheet id={id} label={t('screen.more.heading')} onClose={onClose}>
      {(spilled?.toggleScreen || pdf) && (
        <div className="field more-spilled">
          {spilled.toggleScreen && (
            <button
              type="button"
              aria-pressed={spilled.screen}
              onClick={thenClose(spilled.toggleScreen)}
            >
              <ScreenIcon /> {spilled.screen ? t('call.screenStop') : t('call.screenShare')}
            </button>
          )}
          {pdf && (
            <button type="button" onClick={thenClose(pdf)}>
              <DocumentIcon /> {t('present.start')}
            </button>
          )}
        </div>
      )}
      <fieldset className="field">
        <legend>{t('screen.more.view')}</legend>
        <div className="segmented">
          <button type="button" aria-pressed={mode === 'grid'} onClick={() => setMode('grid')}>
            {t('screen.more.viewGrid')}
          </button>
          <button
            type="button"
            aria-pressed={mode === 'speaker'}
            onClick={() => setMode('speaker')}
          >
            {t('screen.more.viewSpeaker')}
          </button>
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>{t('screen.more.devices')}</legend>
        <DeviceSelect room={call.room} kind="videoinput" label={t('screen.more.camera')} />
        <DeviceSelect room={call.room} kind="audioinput" label={t('screen.more.microphone')} />
        {canChooseSpeaker && (
          <DeviceSelect room={call.room} kind="audiooutput" label={t('screen.more.speaker')} />
        )}
      </fieldset>
      <div className="field">
        <button
          type="button"
          aria-pressed={audioOnly}
          aria-describedby={`${id}-audio-only`}
          onClick={() => call.setAudioOnly(!audioOnly)}
        >
          {t('screen.more.audioOnly')}
        </button>
        <p id={`${id}-audio-only`} className="hint">
          {t('screen.more.audioOnlyHint')}
        </p>
      </div>
      {onOpenConsent && (
        <div className="field">
          <button type="button" onClick={onOpenConsent}>
            {t('screen.more.consent')}
          </button>
        </div>
      )}
      {onOpenConsent && <ParticipantList call={call} handButton={false} />}
      <ServerView room={call.room} />
    </Sheet>
  );
}

/**
 * Switches a device during the call through LiveKit (the track restarts on the new device;
 * nothing is switched on that was off). Lists without asking for a permission.
 */
function DeviceSelect({
  room,
  kind,
  label,
}: {
  room: Room | null;
  kind: MediaDeviceKind;
  label: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDevices(room, kind);
  const listed = devices.filter((device) => device.deviceId !== '');
  if (listed.length === 0) {
    return (
      <p className="hint">
        {label}: {t('screen.more.noDevice')}
      </p>
    );
  }
  return (
    <div className="field device-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={activeDeviceId || listed[0]?.deviceId}
        onChange={(event) => void setActiveMediaDevice(event.target.value).catch(() => {})}
      >
        {listed.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('screen.more.device', { n: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
