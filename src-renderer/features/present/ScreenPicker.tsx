import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import './present.css';
import type { AppApi } from '../../../src-shared/api-surface';
import type { ScreenChoice, ScreenChoiceRequest } from '../../../src-shared/ipc-contract';

/**
 * Listens for the desktop app's screen question and shows the picker; mount it once in
 * the app. In a browser nothing ever asks: the browser shows its own picker there.
 */
export function ScreenPickerHost({
  api,
}: {
  api: Pick<AppApi, 'onScreenChoice' | 'answerScreenChoice'>;
}) {
  const [question, setQuestion] = useState<ScreenChoiceRequest | null>(null);
  useEffect(() => api.onScreenChoice(setQuestion), [api]);
  if (!question) return null;
  return (
    <ScreenPickerDialog
      key={question.requestId}
      question={question}
      onAnswer={(choice) => {
        setQuestion(null);
        void api.answerScreenChoice({ requestId: question.requestId, choice });
      }}
    />
  );
}

/** The screens and windows to choose from, with their pictures; nothing is chosen at first. */
export function ScreenPickerDialog(props: {
  question: ScreenChoiceRequest;
  onAnswer: (choice: ScreenChoice | null) => void;
}) {
  const { question, onAnswer } = props;
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [audio, setAudio] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const answer = useRef(onAnswer);
  useLayoutEffect(() => {
    answer.current = onAnswer;
  });

  // Everything here happens before the picker is painted, so once it can be seen, keys
  // already reach it. A passive effect runs later, and Chromium hands input events to the
  // page ahead of React's scheduled work: on a busy machine an Escape pressed as soon as the
  // picker showed arrived before its listener, and the share question stayed open.
  // Escape answers "nothing" wherever the focus is: a click on the dim backdrop around the
  // picker leaves it on the page's body, where a key handler on the picker never hears it.
  useLayoutEffect(() => {
    const opener = document.activeElement;
    dialog.current?.querySelector<HTMLElement>('input, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') answer.current(null);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      (opener as HTMLElement | null)?.focus?.();
    };
  }, []);

  const share = (sourceId: string | null) => {
    if (sourceId) onAnswer({ sourceId, audio: question.audioAvailable && audio });
  };
  const groups = [
    { kind: 'screen', heading: t('present.screen.screens') },
    { kind: 'window', heading: t('present.screen.windows') },
  ] as const;

  return (
    <div className="picker-backdrop">
      <div
        ref={dialog}
        className="notice screen-picker"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-heading`}
        aria-describedby={`${id}-text`}
      >
        <h2 id={`${id}-heading`}>{t('present.screen.heading')}</h2>
        <p id={`${id}-text`}>{t('present.screen.explain')}</p>
        {question.sources.length === 0 && <p role="status">{t('present.screen.nothing')}</p>}
        {groups.map(({ kind, heading }) => {
          const sources = question.sources.filter((source) => source.kind === kind);
          if (sources.length === 0) return null;
          return (
            <fieldset key={kind} className="picker-group">
              <legend>{heading}</legend>
              <div className="picker-sources">
                {sources.map((source) => (
                  <label
                    key={source.id}
                    className={chosen === source.id ? 'picker-source chosen' : 'picker-source'}
                    onDoubleClick={() => share(source.id)}
                  >
                    <input
                      type="radio"
                      name={`${id}-source`}
                      value={source.id}
                      checked={chosen === source.id}
                      onChange={() => setChosen(source.id)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') share(source.id);
                      }}
                    />
                    {source.thumbnail ? (
                      <img src={source.thumbnail} alt="" draggable={false} />
                    ) : (
                      <span className="picker-empty" aria-hidden="true" />
                    )}
                    <span className="picker-name">{source.name || heading}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        {question.audioAvailable && (
          <label className="choice">
            <input
              type="checkbox"
              checked={audio}
              onChange={(event) => setAudio(event.target.checked)}
            />
            {t('present.screen.audio')}
          </label>
        )}
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={!chosen}
            onClick={() => share(chosen)}
          >
            {t('present.screen.share')}
          </button>
          <button type="button" onClick={() => onAnswer(null)}>
            {t('present.screen.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Stays in view while this person shares their screen, with the way to stop. */
export function ScreenShareBar({ onStop }: { onStop: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="screen-share-bar" role="status">
      <span>{t('present.screen.sharing')}</span>
      <button type="button" className="danger" onClick={onStop}>
        {t('present.screen.stopSharing')}
      </button>
    </div>
  );
}
