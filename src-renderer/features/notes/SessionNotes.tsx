import type { Room } from 'livekit-client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppApi } from '../../../src-shared/api-surface';
import { onMessage, sendMessage } from '../../livekit/room-messages';
import type { EncryptedCallActions, EncryptedCallState } from '../call/useEncryptedCall';
import { currentConsent } from '../consent/consent';
import { downloadFile } from './download';
import { newNote, outcomesForClient, type NoteTemplate } from './note-draft';
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
  call: EncryptedCallState & EncryptedCallActions;
  /** Chat messages the host takes into the notes land here. */
  incoming: string | null;
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
  template,
}: {
  api: AppApi;
  label: string;
  call: EncryptedCallState & EncryptedCallActions;
  incoming: string | null;
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
  const room: Room | null = call.room;
  const { recordConsent } = call;

  // Keeping notes is announced to everyone in the room, once.
  useEffect(() => {
    recordConsent('notes', 'announced');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the notes begin
  }, []);

  useEffect(() => {
    if (!room) return;
    return onMessage(room, (message, from) => {
      if (message.type !== 'outcomes-answer' || !from) return;
      change((n) => ({
        ...n,
        confirmation: {
          state: message.state,
          comment: message.comment,
          at: Math.floor(Date.now() / 1000),
        },
      }));
    });
  }, [room, change]);

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
        room && call.people.size > 0
          ? () => void sendMessage(room, { type: 'outcomes', ...outcomesForClient(note) })
          : undefined
      }
      onExport={(format) =>
        void api.exportNote({ id: note.id, format }).then((result) => {
          if (result.ok && 'download' in result.value) downloadFile(result.value.download);
        })
      }
    />
  );
}
