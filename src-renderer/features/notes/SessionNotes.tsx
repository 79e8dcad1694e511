import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AppApi } from '../../../src-shared/api-surface';
import {
  isConfirmationCurrent,
  outcomesForClient,
  outcomesVersion,
} from '../../../src-shared/outcomes';
import type { CallView } from '../call/useCallSession';
import { currentConsent } from '../consent/consent';
import { downloadFile } from './download';
import { newNote, type NoteTemplate } from './note-draft';
import { OutcomeNoteEditor } from './OutcomeNoteEditor';
import { useOutcomeNote } from './useOutcomeNote';

/** Starting prompts per template; the structure is the same for all. */
export function templateGoals(template: NoteTemplate, t: (key: string) => string): string[] {
  if (template === 'parents')
    return [t('notes.templateParentsChild'), t('notes.templateParentsParents')];
  if (template === 'team') return [t('notes.templateTeamTopic')];
  return [''];
}

/** The host's outcome notes during the call, announced to the client and shown for confirmation. */
export function SessionNotes(props: {
  api: AppApi;
  label: string;
  call: CallView;
  /** Chat messages the host takes into the notes land here. */
  incoming: string | null;
  /** A client confirmed or added to the outcomes (the side panel marks the tab). */
  onAnswer?: () => void;
}) {
  const { t } = useTranslation();
  const [template, setTemplate] = useState<NoteTemplate | null>(null);
  if (!template) {
    return (
      <section className="notes" aria-labelledby="notes-start-heading">
        <h2 id="notes-start-heading">{t('notes.heading')}</h2>
        <p className="hint">{t('notes.startHint')}</p>
        <div className="row">
          {(['one-to-one', 'parents', 'team'] as const).map((choice) => (
            <button key={choice} type="button" onClick={() => setTemplate(choice)}>
              {t(`notes.template.${choice}`)}
            </button>
          ))}
        </div>
      </section>
    );
  }
  return <ActiveNotes {...props} template={template} />;
}

function ActiveNotes({
  api,
  label,
  call,
  incoming,
  onAnswer,
  template,
}: {
  api: AppApi;
  label: string;
  call: CallView;
  incoming: string | null;
  onAnswer?: () => void;
  template: NoteTemplate;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => newNote(label, template, templateGoals(template, t)));
  // Saving stops the moment any client declines or takes back their agreement.
  const declined = [...call.people.values()].some((person) => {
    const state = currentConsent(person.consent).notes?.state;
    return state === 'declined' || state === 'withdrawn';
  });
  const { note, status, change } = useOutcomeNote(api, initial, !declined);
  const { recordConsent, session } = call;
  // What was shown last, and to whom: only their answer, for exactly that version, counts.
  const shown = useRef<{ version: string; shownTo: string[] } | null>(null);
  const answered = useRef(onAnswer);
  useEffect(() => {
    answered.current = onAnswer;
  });

  // Keeping notes is announced to everyone in the room, once.
  useEffect(() => {
    recordConsent('notes', 'announced');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the notes begin
  }, []);

  useEffect(() => {
    if (!session) return;
    return session.channel.on('outcomes-answer', ({ body, from }) => {
      const last = shown.current;
      if (!last || body.version !== last.version || !last.shownTo.includes(from)) return;
      answered.current?.();
      change((n) => ({
        ...n,
        confirmation: {
          state: body.state,
          comment: body.comment,
          at: Math.floor(Date.now() / 1000),
          version: body.version,
        },
      }));
    });
  }, [session, change]);

  // An edit after the confirmation voids it: what was confirmed is no longer what is here.
  useEffect(() => {
    if (!note.confirmation) return;
    let current = true;
    void isConfirmationCurrent(note).then((holds) => {
      if (current && !holds) {
        change((n) => (n.confirmation === note.confirmation ? { ...n, confirmation: null } : n));
      }
    });
    return () => {
      current = false;
    };
  }, [note, change]);

  const guests = [...call.people.values()].filter((p) => p.trust === 'verified' && !p.isHost);
  const showForConfirmation = async () => {
    if (!session || guests.length === 0) return;
    const outcomes = outcomesForClient(note);
    const version = await outcomesVersion(outcomes);
    const shownTo = guests.map((guest) => guest.identity);
    shown.current = { version, shownTo };
    await session.channel.send('outcomes', { version, outcomes, shownTo }, { to: shownTo });
  };

  useEffect(() => {
    if (incoming)
      change((n) => ({ ...n, freeText: n.freeText ? `${n.freeText}\n${incoming}` : incoming }));
  }, [incoming, change]);

  return (
    <OutcomeNoteEditor
      note={note}
      status={status}
      change={change}
      showForConfirmation={
        session && guests.length > 0 ? () => void showForConfirmation() : undefined
      }
      onExport={(format) =>
        void api.exportNote({ id: note.id, format }).then((result) => {
          if (result.ok && 'download' in result.value) downloadFile(result.value.download);
        })
      }
    />
  );
}
