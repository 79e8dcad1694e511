/** Texts about what this computer keeps (staff only), in German (the English is in messages-en.ts). */
export const storageDe = {
  keychainMissingHeading: 'Kein Schlüsselbund gefunden',
  keychainMissingIntro:
    'Augenhöhe findet den Schlüsselbund des Betriebssystems nicht. Ohne ihn kann es Schlüssel nicht sicher aufbewahren. Das bedeutet:',
  keychainMissingConsultations:
    'Beratungen gelten nur, bis Sie Augenhöhe beenden. Danach sind sie nicht mehr da.',
  keychainMissingNotes: 'Gesprächsergebnisse lassen sich nicht speichern.',
  keychainMissingServer: 'Der Server Ihrer Organisation lässt sich nicht einrichten.',
  keychainMissingEarlier:
    'Was Sie früher gespeichert haben, bleibt unverändert auf diesem Rechner und ist wieder da, sobald der Schlüsselbund da ist.',
  keychainMissingHelp:
    'Unter Linux muss ein Schlüsselbund-Dienst laufen und entsperrt sein (zum Beispiel GNOME Schlüsselbund oder KWallet). Fragen Sie Ihre IT und starten Sie Augenhöhe danach neu.',
  unreadableHeading: 'Gesprächsergebnisse, die sich nicht lesen lassen',
  unreadableIntro:
    'Diese Dateien sind beschädigt, oder ihr Schlüssel fehlt im Schlüsselbund (zum Beispiel nach einer Neuinstallation). Ihr Inhalt ist nicht zu sehen. Wenn der Schlüsselbund wiederhergestellt wird, lassen sie sich wieder öffnen.',
  unreadableItem: 'Zuletzt gespeichert am {{date}} um {{time}} Uhr',
  unreadableRemove: 'Entfernen',
  unreadableRemoveLabel: 'Nicht lesbares Ergebnis vom {{date}}, {{time}} Uhr entfernen',
  unreadableConfirm: 'Endgültig entfernen? Das lässt sich nicht rückgängig machen.',
  unreadableConfirmYes: 'Ja, endgültig entfernen',
  unreadableConfirmNo: 'Behalten',
  unreadableRemoved: 'Entfernt.',
};
