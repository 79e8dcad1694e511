import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { MediaConsent } from '../call/useCallSession';
import { useDevicePreview } from './useDevicePreview';
import { useMediaGrant } from './useMediaGrant';
import { ScreenHeading } from '../../app/ScreenHeading';

export interface DeviceCheckProps {
  heading: string;
  submitLabel: string;
  /** Shown for the host, whose name is asked here rather than on a screen of its own. */
  askName?: boolean;
  onSubmit: (consent: MediaConsent, name?: string) => void;
}

/**
 * Camera and microphone, the person's own choice. Both start unticked: consent is given,
 * not a default. The preview stays on this device; nothing is sent until the call.
 */
export function DeviceCheck({ heading, submitLabel, askName, onSubmit }: DeviceCheckProps) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const [microphone, setMicrophone] = useState(false);
  const [cameraId, setCameraId] = useState<string>();
  const [microphoneId, setMicrophoneId] = useState<string>();
  const [name, setName] = useState('');
  // In the desktop app a device is granted only after main has heard the tick.
  const granted = useMediaGrant(camera, microphone);
  const preview = useDevicePreview(granted.camera, granted.microphone, cameraId, microphoneId);
  const ids = {
    camera: useId(),
    microphone: useId(),
    name: useId(),
  };
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = video.current;
    if (!element || !preview.videoTrack) return;
    element.srcObject = new MediaStream([preview.videoTrack]);
    // Muted and local: no autoplay rule stops it; a failed play only leaves the frame empty.
    element.play().catch(() => {});
    return () => {
      element.srcObject = null;
    };
  }, [preview.videoTrack]);

  return (
    <section className="panel" aria-labelledby="devices-heading">
      <ScreenHeading id="devices-heading">{heading}</ScreenHeading>
      <p>{t('devices.yourChoice')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const useCamera = camera && !preview.cameraFailed;
          const useMicrophone = microphone && !preview.microphoneFailed;
          const running = preview.handOver({ camera: useCamera, microphone: useMicrophone });
          onSubmit(
            {
              camera: useCamera,
              microphone: useMicrophone,
              cameraDeviceId: cameraId,
              microphoneDeviceId: microphoneId,
              // The preview's own tracks go on into the call: no second wait for the camera.
              tracks: running,
            },
            askName ? name.trim() || undefined : undefined,
          );
        }}
      >
        {askName && (
          <div className="field">
            <label htmlFor={ids.name}>{t('devices.hostName')}</label>
            <input
              id={ids.name}
              className="text-field"
              value={name}
              maxLength={60}
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
            />
          </div>
        )}
        {/* Both choices come first, and nothing below them changes size when the devices
            answer (seconds later on a busy machine): the preview's frame, the meter and the
            device lists take their room at once, so no checkbox and no button moves from
            under a finger or a click. */}
        <div className="choice">
          <input
            id={ids.camera}
            type="checkbox"
            checked={camera}
            onChange={(e) => setCamera(e.target.checked)}
          />
          <label htmlFor={ids.camera}>{t('devices.camera')}</label>
        </div>
        <div className="choice">
          <input
            id={ids.microphone}
            type="checkbox"
            checked={microphone}
            onChange={(e) => setMicrophone(e.target.checked)}
          />
          <label htmlFor={ids.microphone}>{t('devices.microphone')}</label>
        </div>
        {camera &&
          (preview.cameraFailed ? (
            <p className="alert" role="alert">
              {t('devices.noCamera')}
            </p>
          ) : (
            <>
              <figure className="preview" aria-busy={!preview.videoTrack}>
                <div className="preview-frame">
                  <video ref={video} autoPlay muted playsInline aria-label={t('devices.preview')} />
                  {!preview.videoTrack && (
                    <p className="preview-starting">{t('devices.starting')}</p>
                  )}
                </div>
                <figcaption>{t('devices.preview')}</figcaption>
              </figure>
              <DeviceChoice
                label={t('devices.cameraChoice')}
                devices={preview.cameras}
                value={cameraId}
                onChange={setCameraId}
              />
            </>
          ))}
        {microphone &&
          (preview.microphoneFailed ? (
            <p className="alert" role="alert">
              {t('devices.noMicrophone')}
            </p>
          ) : (
            <>
              <div className="field">
                <span id={`${ids.microphone}-level`}>{t('devices.level')}</span>
                <div
                  className="meter"
                  role="meter"
                  aria-labelledby={`${ids.microphone}-level`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(preview.level * 100)}
                >
                  <div
                    className="meter-fill"
                    style={{ width: `${Math.round(preview.level * 100)}%` }}
                  />
                </div>
              </div>
              <DeviceChoice
                label={t('devices.microphoneChoice')}
                devices={preview.microphones}
                value={microphoneId}
                onChange={setMicrophoneId}
              />
            </>
          ))}
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </form>
    </section>
  );
}

/**
 * A list of cameras or microphones. Shown from the tick on, with the browser's default
 * until the devices answer, rather than appearing later and pushing the button down; with
 * one device it names the one in use.
 */
function DeviceChoice(props: {
  label: string;
  devices: readonly MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        {props.devices.length === 0 && <option value="">{t('devices.standard')}</option>}
        {props.devices.map((device) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || device.deviceId}
          </option>
        ))}
      </select>
    </div>
  );
}
