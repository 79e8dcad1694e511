import { settingsDe } from '../features/settings/messages';

/** German is the default; guest-facing texts are in plain language (einfache Sprache). */
export const de = {
  app: {
    name: 'Augenhöhe',
    tagline: 'Vertrauliche Videoberatung',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    quickExit: 'Schnell verlassen',
    quickExitLabel: 'Schnell verlassen: beendet das Gespräch sofort und zeigt eine leere Seite',
    settings: 'Einstellungen',
  },
  consultations: {
    heading: 'Neue Beratung',
    intro:
      'Legen Sie eine Beratung an und schicken Sie jeder eingeladenen Person ihren eigenen Link.',
    label: 'Bezeichnung (nur auf diesem Rechner)',
    labelHint: 'Zum Beispiel „Familie M., Dienstag“. Die Bezeichnung wird nirgendwohin gesendet.',
    inviteCount: 'Anzahl der Einladungen',
    inviteCountHint:
      'Ein Link gilt für eine Person. Für ein Gruppengespräch oder eine Teamsitzung: so viele Links wie Personen.',
    validity: 'Gültig',
    validToday: 'bis heute Abend',
    validWeek: '7 Tage',
    create: 'Beratung anlegen',
    creating: 'Wird angelegt …',
    todayHeading: 'Beratungen auf diesem Rechner',
    none: 'Noch keine Beratung angelegt.',
    untitled: 'Beratung ohne Bezeichnung',
    createdAt: 'angelegt um {{time}} Uhr',
    validUntil: 'Links gültig bis {{date}}',
    invite: 'Einladung {{n}}',
    linkLabel: 'Link für Einladung {{n}}',
    copy: 'Link kopieren',
    copied: 'Kopiert',
    showQr: 'QR-Code zeigen',
    hideQr: 'QR-Code ausblenden',
    qrAlt: 'QR-Code für Einladung {{n}}',
    appLink: 'Link für die Desktop-App',
    linkNote:
      'Ein Link enthält den Schlüssel für den Warteraum. Geben Sie jeden Link nur an die eine eingeladene Person weiter.',
    begin: 'Beratung beginnen',
    remove: 'Entfernen',
    removeLabel: 'Beratung „{{label}}“ entfernen',
  },
  guest: {
    welcomeHeading: 'Willkommen',
    welcomeIntro: 'Sie sind zu einem vertraulichen Video-Gespräch eingeladen.',
    stepsHeading: 'So geht es:',
    step1: 'Sie sagen uns, wie wir Sie nennen sollen.',
    step2: 'Sie prüfen Kamera und Mikrofon. Sie können auch ohne Kamera teilnehmen.',
    step3: 'Sie warten kurz im Warteraum.',
    step4: 'Ihre Gesprächspartnerin oder Ihr Gesprächspartner holt Sie herein.',
    encrypted:
      'Das Gespräch ist verschlüsselt. Nur die Menschen im Gespräch können Sie sehen und hören.',
    notRecorded: 'Niemand nimmt das Gespräch auf.',
    quickExitHint: 'Mit „Schnell verlassen“ oben können Sie jederzeit sofort gehen.',
    continue: 'Weiter',
    nameHeading: 'Wie sollen wir Sie nennen?',
    nameLabel: 'Ihr Name',
    nameHint: 'Ihr Vorname reicht. Nur die Menschen im Gespräch sehen ihn.',
    nameMissing: 'Bitte geben Sie einen Namen ein.',
    waitingHeading: 'Warteraum',
    waitingForHost:
      'Ihre Gesprächspartnerin oder Ihr Gesprächspartner ist noch nicht da. Bitte warten Sie. Sie werden hereingeholt, sobald es losgeht.',
    waiting: 'Sie werden gleich hereingebeten.',
    sentBack: 'Sie wurden in den Warteraum zurückgeschickt.',
    connecting: 'Verbindung wird aufgebaut …',
    leaveWaiting: 'Warteraum verlassen',
    declinedHeading: 'Sie wurden nicht hereingelassen',
    declined:
      'Sie wurden diesmal nicht in das Gespräch gelassen. Wenn Sie Fragen haben, melden Sie sich bitte bei Ihrer Beratungsstelle.',
  },
  devices: {
    heading: 'Kamera und Mikrofon',
    hostHeading: 'Bevor es losgeht',
    yourChoice:
      'Sie entscheiden, ob Ihre Kamera und Ihr Mikrofon an sind. Sie können das jederzeit ändern.',
    camera: 'Meine Kamera einschalten',
    microphone: 'Mein Mikrofon einschalten',
    cameraChoice: 'Kamera',
    microphoneChoice: 'Mikrofon',
    preview: 'So sehen die anderen Sie',
    level: 'Lautstärke Ihres Mikrofons',
    noCamera:
      'Die Kamera ist nicht erlaubt oder nicht vorhanden. Sie können ohne Kamera teilnehmen.',
    noMicrophone:
      'Das Mikrofon ist nicht erlaubt oder nicht vorhanden. Sie können ohne Mikrofon teilnehmen.',
    toWaitingRoom: 'In den Warteraum',
    join: 'Gespräch beitreten',
    hostName: 'Ihr Name im Gespräch',
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
    endForAll: 'Beratung beenden',
    controls: 'Steuerung',
    participants: 'Im Gespräch',
    sendBack: 'In den Warteraum schicken',
    sendBackLabel: '{{name}} in den Warteraum schicken',
    cannotDecrypt:
      'Bild und Ton können nicht entschlüsselt werden. Der Schlüssel im Link passt nicht. Bitte fragen Sie nach einem neuen Link.',
    cannotDecryptSome:
      'Bild und Ton einer Person können nicht entschlüsselt werden. Sie hat wahrscheinlich einen falschen Link.',
    deviceDenied:
      'Kamera oder Mikrofon sind nicht erlaubt oder nicht vorhanden. Sie können ohne sie teilnehmen oder die Erlaubnis im Browser ändern.',
  },
  lobby: {
    heading: 'Warteraum',
    empty: 'Niemand wartet.',
    waitingSince: 'wartet seit {{minutes}} Min.',
    waitingJustNow: 'wartet seit gerade eben',
    admit: 'Hereinlassen',
    admitLabel: '{{name}} hereinlassen',
    decline: 'Ablehnen',
    declineLabel: '{{name}} ablehnen',
    admitAll: 'Alle hereinlassen',
    knocked: '{{name}} wartet im Warteraum.',
    connecting: 'Warteraum wird verbunden …',
  },
  left: {
    heading: 'Sie haben das Gespräch verlassen.',
    hostBack: 'Zur Übersicht',
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
      'Der Gesprächs-Server hat die Anmeldung abgelehnt. Bitte prüfen Sie die Zugangsdaten in den Einstellungen.',
    'not-allowed':
      'Der Zugang wurde abgelehnt. Vielleicht ist der Link abgelaufen. Bitte fragen Sie nach einem neuen Link.',
    'no-credentials':
      'Für diesen Server ist kein API-Geheimnis gespeichert. Bitte ergänzen Sie es in den Einstellungen.',
    'not-configured': 'Es ist noch kein Gesprächs-Server eingerichtet.',
    'keychain-unavailable': 'Der Schlüsselbund des Computers ist gesperrt oder nicht erreichbar.',
    'not-found': 'Diese Beratung gibt es auf diesem Rechner nicht mehr.',
    'e2ee-unsupported':
      'Dieser Browser kann keine verschlüsselten Gespräche führen. Bitte nutzen Sie einen aktuellen Chrome, Edge, Firefox oder Safari.',
    internal: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es noch einmal.',
    retry: 'Noch einmal versuchen',
  },
  settings: settingsDe,
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof de>;
