/** The English of ./messages.ts: loaded only when someone chooses English (see i18n/index.ts). */
import type { invitesDe } from './messages';

export const invitesEn: typeof invitesDe = {
  validUntil: 'Links valid {{when}}',
  untilToday: 'today until {{time}}',
  untilTomorrow: 'tomorrow until {{time}}',
  untilDate: 'until {{date}}, {{time}}',
  name: 'Name it',
  rename: 'Rename',
  nameLabel: 'Give invitation {{n}} a name',
  nameField: 'Name for invitation {{n}}',
  nameHint:
    'For example “Mr K.” or “Team North”. The name stays on this computer. It is not part of the link.',
  save: 'Save',
  cancel: 'Cancel',
  revoke: 'Withdraw link',
  revokeLabel: 'Withdraw the link for invitation {{n}}',
  which: 'the link for invitation {{n}}',
  whichNamed: 'the link for invitation {{n}} ({{label}})',
  revokeQuestion: 'Really withdraw {{which}}?',
  revokeExplain:
    'Whoever has this link can no longer get in, not even into the waiting room. This cannot be undone.',
  revokeYes: 'Yes, withdraw the link',
  revokedNote: 'Withdrawn: nobody gets in with this link any more.',
  qrHint:
    'Scan it with a phone camera. The code holds the whole link and is made on this computer only.',
  refusedNotice: '{{name}} used a withdrawn link and was not let in.',
  revokedHeading: 'This link no longer works',
  revokedGuest:
    'Your counselling service has withdrawn this link. If you have questions, please contact them.',
};
