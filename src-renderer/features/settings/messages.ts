/** Texts of the server settings screen (staff only), in German (the English is in messages-en.ts). */
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
