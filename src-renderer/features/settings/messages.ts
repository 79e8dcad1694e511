/** Texts of the server settings screen (staff only), German and English. */
export const settingsDe = {
  heading: 'Server einrichten',
  intro:
    'Für die Gespräche braucht Augenhöhe einen LiveKit-Server. Die Angaben dazu bekommen Sie von der IT Ihrer Organisation.',
  loading: 'Einstellungen werden geladen …',
  loadFailed: 'Die Einstellungen konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  modeLegend: 'Welcher Server soll verwendet werden?',
  modeLocal: 'Lokaler Testserver (nur auf diesem Rechner)',
  modeLocalHint:
    'Zum Ausprobieren. Gäste können nur über diesen Rechner teilnehmen, nicht über das Internet.',
  modeCustom: 'Server der Organisation',
  serverUrl: 'Server-Adresse',
  serverUrlHint: 'Zum Beispiel wss://video.beispiel.org',
  apiKey: 'API-Schlüssel',
  apiSecret: 'API-Geheimnis',
  apiSecretHint:
    'Wird im Schlüsselbund des Betriebssystems gespeichert, nicht in einer Datei. Es verlässt diesen Rechner nicht.',
  apiSecretKept: 'Leer lassen: das gespeicherte Geheimnis bleibt',
  guestPageUrl: 'Adresse der Gästeseite',
  guestPageUrlHint:
    'Hier öffnen Gäste ihren Einladungslink, zum Beispiel https://gast.beispiel.org',
  test: 'Verbindung testen',
  testing: 'Verbindung wird getestet …',
  tested: 'Die Verbindung klappt. Sie können jetzt speichern.',
  save: 'Speichern',
  saving: 'Verbindung wird getestet und gespeichert …',
  cancel: 'Abbrechen',
  checkFields: 'Bitte prüfen Sie die markierten Felder.',
  fields: {
    serverUrl:
      'Bitte geben Sie die Server-Adresse ein: nur den Servernamen mit wss:// oder https:// davor, zum Beispiel wss://video.beispiel.org.',
    apiKey: 'Bitte geben Sie den API-Schlüssel ein, ohne Leerzeichen.',
    apiSecret: 'Bitte geben Sie das API-Geheimnis ein.',
    guestPageUrl:
      'Bitte geben Sie die Adresse der Gästeseite ein, mit https:// davor, zum Beispiel https://gast.beispiel.org.',
  },
  insecure: {
    serverUrl:
      'Diese Adresse ist nicht verschlüsselt. ws:// und http:// gehen nur für einen Server auf diesem Rechner; bitte verwenden Sie wss:// oder https://.',
    guestPageUrl:
      'Diese Adresse ist nicht verschlüsselt. http:// geht nur für eine Gästeseite auf diesem Rechner; bitte verwenden Sie https://.',
  },
  errors: {
    'disk-full':
      'Der Speicherplatz ist voll oder schreibgeschützt. Es wurde nichts gespeichert; die bisherigen Einstellungen gelten weiter, und Ihre Eingaben sind noch da.',
    'server-unreachable':
      'Der Server ist nicht erreichbar. Bitte prüfen Sie die Server-Adresse und die Internetverbindung.',
    'server-rejected':
      'Der Server hat die Anmeldung abgelehnt. Bitte prüfen Sie API-Schlüssel und API-Geheimnis.',
    'no-credentials':
      'Für diese Server-Adresse und diesen API-Schlüssel ist kein API-Geheimnis gespeichert. Bitte geben Sie es ein.',
    'keychain-unavailable':
      'Der Schlüsselbund des Betriebssystems ist gesperrt oder fehlt. Bitte entsperren Sie ihn und versuchen Sie es noch einmal. Es wurde nichts gespeichert.',
    'invalid-request': 'Eine Angabe hat nicht die richtige Form. Bitte prüfen Sie alle Felder.',
    'not-configured':
      'Der lokale Testserver läuft gerade nicht. Bitte wählen Sie den Server der Organisation.',
    other: 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
};

export const settingsEn: typeof settingsDe = {
  heading: 'Set up the server',
  intro:
    'Augenhöhe needs a LiveKit server for conversations. Your organisation’s IT can give you the details.',
  loading: 'Loading the settings …',
  loadFailed: 'The settings could not be loaded.',
  retry: 'Try again',
  modeLegend: 'Which server should be used?',
  modeLocal: 'Local test server (only on this computer)',
  modeLocalHint:
    'For trying things out. Guests can only join through this computer, not over the internet.',
  modeCustom: 'Your organisation’s server',
  serverUrl: 'Server address',
  serverUrlHint: 'For example wss://video.example.org',
  apiKey: 'API key',
  apiSecret: 'API secret',
  apiSecretHint:
    'Kept in the operating system’s keychain, not in a file. It never leaves this computer.',
  apiSecretKept: 'Leave empty to keep the stored secret',
  guestPageUrl: 'Guest page address',
  guestPageUrlHint: 'Where guests open their invite link, for example https://guest.example.org',
  test: 'Test connection',
  testing: 'Testing the connection …',
  tested: 'The connection works. You can save now.',
  save: 'Save',
  saving: 'Testing the connection and saving …',
  cancel: 'Cancel',
  checkFields: 'Please check the marked fields.',
  fields: {
    serverUrl:
      'Please enter the server address: only the server name with wss:// or https:// in front, for example wss://video.example.org.',
    apiKey: 'Please enter the API key, without spaces.',
    apiSecret: 'Please enter the API secret.',
    guestPageUrl:
      'Please enter the guest page address, with https:// in front, for example https://guest.example.org.',
  },
  insecure: {
    serverUrl:
      'This address is not encrypted. ws:// and http:// only work for a server on this computer; please use wss:// or https://.',
    guestPageUrl:
      'This address is not encrypted. http:// only works for a guest page on this computer; please use https://.',
  },
  errors: {
    'disk-full':
      'The disk is full or read-only. Nothing was saved; the previous settings still apply, and what you typed is still here.',
    'server-unreachable':
      'The server cannot be reached. Please check the server address and the internet connection.',
    'server-rejected': 'The server refused the login. Please check the API key and API secret.',
    'no-credentials':
      'No API secret is stored for this server address and API key. Please enter it.',
    'keychain-unavailable':
      'The operating system’s keychain is locked or missing. Please unlock it and try again. Nothing was saved.',
    'invalid-request': 'An entry is not in the right form. Please check all fields.',
    'not-configured':
      'The local test server is not running right now. Please choose your organisation’s server.',
    other: 'That did not work. Please try again.',
  },
};
