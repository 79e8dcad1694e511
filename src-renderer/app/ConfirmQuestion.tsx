import { useEffect, useId, useRef, useState } from 'react';

export interface ConfirmQuestionProps {
  question: string;
  /** What follows from "yes", in a line of its own. */
  explain?: string;
  yes: string;
  no: string;
  onYes: () => Promise<void>;
  onCancel: () => void;
  className?: string;
}

/**
 * Asks before something that cannot be undone (removing a consultation, withdrawing a link,
 * deleting outcomes). The least harmful choice, "no", has the focus first; Escape is "no";
 * "yes" cannot be pressed twice while it runs.
 */
export function ConfirmQuestion(props: ConfirmQuestionProps) {
  const [busy, setBusy] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className={props.className ? `notice ${props.className}` : 'notice'}
      role="group"
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <p id={id}>{props.question}</p>
      {props.explain && <p className="hint">{props.explain}</p>}
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void props.onYes().finally(() => setBusy(false));
          }}
        >
          {props.yes}
        </button>
        <button ref={cancel} type="button" onClick={props.onCancel}>
          {props.no}
        </button>
      </div>
    </div>
  );
}
