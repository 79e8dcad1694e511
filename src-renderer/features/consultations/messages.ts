/** Texts for invite links: their local names, withdrawing them, when they end. */
export const invitesDe = {
  validUntil: 'Links gültig {{when}}',
  untilToday: 'heute bis {{time}} Uhr',
  untilTomorrow: 'morgen bis {{time}} Uhr',
  untilDate: 'bis {{date}}, {{time}} Uhr',
  name: 'Namen geben',
  rename: 'Namen ändern',
  nameLabel: 'Einladung {{n}} einen Namen geben',
  nameField: 'Name für Einladung {{n}}',
  nameHint:
    'Zum Beispiel „Herr K.“ oder „Team Nord“. Der Name bleibt auf diesem Rechner. Er steht nicht im Link.',
  save: 'Speichern',
  cancel: 'Abbrechen',
  revoke: 'Link sperren',
  revokeLabel: 'Link für Einladung {{n}} sperren',
  which: 'den Link für Einladung {{n}}',
  whichNamed: 'den Link für Einladung {{n}} ({{label}})',
  revokeQuestion: 'Wirklich {{which}} sperren?',
  revokeExplain:
    'Wer diesen Link hat, kommt danach nicht mehr herein, auch nicht in den Warteraum. Das lässt sich nicht rückgängig machen.',
  revokeYes: 'Ja, Link sperren',
  revokedNote: 'Gesperrt: Mit diesem Link kommt niemand mehr herein.',
  qrHint:
    'Mit der Kamera eines Handys scannen. Der Code enthält den ganzen Link und entsteht nur auf diesem Rechner.',
  refusedNotice: '{{name}} hat einen gesperrten Link benutzt und wurde nicht hereingelassen.',
  /** For the guest page (GuestJourney), when a knock is refused because the link was withdrawn. */
  revokedHeading: 'Dieser Link gilt nicht mehr',
  revokedGuest:
    'Ihre Beratungsstelle hat diesen Link gesperrt. Wenn Sie Fragen haben, melden Sie sich bitte dort.',
};
