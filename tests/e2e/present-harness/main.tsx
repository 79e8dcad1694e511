/**
 * Test only: the presentation's screens on a page of their own, served with the app's CSP
 * (see present-harness.spec.ts). `?as=<identity>` names the tab; tabs talk over a
 * BroadcastChannel instead of a call. Never part of the app's builds.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ScreenChoice, ScreenChoiceRequest } from '../../../src-shared/ipc-contract';
import { usePresentPdf } from '../../../src-renderer/features/present/PresentPdf';
import { PresentationStage } from '../../../src-renderer/features/present/PresentationStage';
import {
  ScreenPickerHost,
  ScreenShareBar,
} from '../../../src-renderer/features/present/ScreenPicker';
import {
  usePresentation,
  usePresentationSession,
} from '../../../src-renderer/features/present/usePresentation';
import { initI18n } from '../../../src-renderer/i18n';
import '../../../src-renderer/styles.css';
import { broadcastTransport } from './broadcast-transport';

declare global {
  interface Window {
    /** The screen picker's question, as main would send it; resolves with the answer. */
    __askScreen: (question: ScreenChoiceRequest) => Promise<ScreenChoice | null>;
  }
}

const params = new URLSearchParams(window.location.search);
const me = params.get('as') ?? 'berger';
const names: Record<string, string> = { berger: 'Frau Berger', maria: 'Maria', jonas: 'Jonas' };
const transport = broadcastTransport(me);

let screenListener: ((question: ScreenChoiceRequest) => void) | null = null;
const answers = new Map<string, (choice: ScreenChoice | null) => void>();
window.__askScreen = (question) =>
  new Promise((resolve) => {
    answers.set(question.requestId, resolve);
    screenListener?.(question);
  });
const screenApi = {
  onScreenChoice: (listener: (question: ScreenChoiceRequest) => void) => {
    screenListener = listener;
    return () => {
      screenListener = null;
    };
  },
  answerScreenChoice: async (request: { requestId: string; choice: ScreenChoice | null }) => {
    answers.get(request.requestId)?.(request.choice);
    return { ok: true as const, value: { accepted: true } };
  },
};

function Harness() {
  const session = usePresentationSession(transport);
  const presentation = usePresentation(session, { canPresent: params.get('present') !== 'no' });
  const pdf = usePresentPdf(presentation);
  const [sharing, setSharing] = useState(params.get('sharing') === 'yes');
  return (
    <main className="shell-main stack">
      <h1>{names[me] ?? me}</h1>
      {sharing && <ScreenShareBar onStop={() => setSharing(false)} />}
      <div className="controls" role="toolbar" aria-label="Steuerung">
        {pdf.buttonProps && <button {...pdf.buttonProps} />}
      </div>
      {pdf.question}
      {/* Of fixed height, as the call's stage is: the page takes what the controls leave. */}
      <div style={{ display: 'flex', flexDirection: 'column', height: '85vh' }}>
        <PresentationStage presentation={presentation} nameOf={(identity) => names[identity]} />
      </div>
      <ScreenPickerHost api={screenApi} />
    </main>
  );
}

void initI18n('in-tab').then(() => {
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <StrictMode>
        <Harness />
      </StrictMode>,
    );
});
