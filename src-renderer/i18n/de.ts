/** German is the default; guest-facing texts are in plain language (einfache Sprache). */
export const de = {
  app: {
    name: 'Augenhöhe',
    tagline: 'Vertrauliche Videoberatung',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
  },
  host: {
    heading: 'Neues Gespräch',
    intro:
      'Starten Sie ein Gespräch und schicken Sie den Link an die Person, mit der Sie sprechen wollen.',
    start: 'Neues Gespräch starten',
    starting: 'Gespräch wird vorbereitet …',
    linkHeading: 'Einladungslink',
    linkLabel: 'Link für Ihr Gegenüber',
    linkNote:
      'Der Link enthält den Schlüssel für die Verschlüsselung. Geben Sie ihn nur an die eingeladene Person weiter. Ein Link gilt für eine Person.',
    validUntil: 'Gültig bis {{time}} Uhr',
    copy: 'Link kopieren',
    copied: 'Link kopiert',
    enter: 'Gespräch betreten',
  },
  prejoin: {
    heading: 'Bevor es losgeht',
    encrypted:
      'Das Gespräch ist Ende-zu-Ende-verschlüsselt. Nur die Menschen im Gespräch können Sie sehen und hören.',
    notRecorded: 'Nichts wird aufgezeichnet.',
    yourChoice:
      'Sie entscheiden, ob Ihre Kamera und Ihr Mikrofon an sind. Sie können das jederzeit ändern.',
    camera: 'Meine Kamera einschalten',
    microphone: 'Mein Mikrofon einschalten',
    join: 'Gespräch beitreten',
  },
  call: {
    securing: 'Verschlüsselung wird eingerichtet …',
    encrypted: 'Ende-zu-Ende-verschlüsselt',
    connecting: 'Verbindung wird aufgebaut …',
    reconnecting: 'Die Verbindung ist unterbrochen. Wir versuchen es weiter …',
    waiting: 'Warten auf Ihr Gegenüber …',
    you: 'Sie',
    other: 'Gegenüber',
    videoOf: 'Video: {{who}}',
    cameraOff: 'Kamera aus',
    microphoneOn: 'Mikrofon ausschalten',
    microphoneOff: 'Mikrofon einschalten',
    cameraOnButton: 'Kamera ausschalten',
    cameraOffButton: 'Kamera einschalten',
    leave: 'Gespräch verlassen',
    controls: 'Steuerung',
    cannotDecrypt:
      'Bild und Ton können nicht entschlüsselt werden. Der Schlüssel im Link passt nicht. Bitte fragen Sie nach einem neuen Link.',
    cannotDecryptSome:
      'Bild und Ton einer Person können nicht entschlüsselt werden. Sie hat wahrscheinlich einen falschen Link.',
    deviceDenied:
      'Kamera oder Mikrofon sind nicht erlaubt oder nicht vorhanden. Sie können ohne sie teilnehmen oder die Erlaubnis im Browser ändern.',
  },
  left: {
    heading: 'Sie haben das Gespräch verlassen.',
    hostBack: 'Zur Startseite',
    guestClose: 'Sie können dieses Fenster jetzt schließen.',
  },
  errors: {
    heading: 'Das hat nicht geklappt',
    'link-malformed':
      'Dieser Link ist unvollständig oder beschädigt. Bitte fragen Sie nach einem neuen Link.',
    'link-expired': 'Dieser Link ist abgelaufen. Bitte fragen Sie nach einem neuen Link.',
    'link-unsupported':
      'Dieser Link ist für eine andere Version von Augenhöhe. Bitte fragen Sie nach einem neuen Link.',
    'server-unreachable':
      'Der Gesprächs-Server ist gerade nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
    'server-rejected':
      'Der Gesprächs-Server hat die Anmeldung abgelehnt. Bitte prüfen Sie die Zugangsdaten.',
    'not-allowed':
      'Der Zugang wurde abgelehnt. Vielleicht ist der Link abgelaufen. Bitte fragen Sie nach einem neuen Link.',
    'no-credentials': 'Für diesen Server ist kein Zugangsschlüssel gespeichert.',
    'e2ee-unsupported':
      'Dieser Browser kann keine verschlüsselten Gespräche führen. Bitte nutzen Sie einen aktuellen Chrome, Edge, Firefox oder Safari.',
    internal: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es noch einmal.',
    retry: 'Noch einmal versuchen',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof de>;
