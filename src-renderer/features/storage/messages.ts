/** Texts about what this computer keeps (staff only), German and English. */
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

export const storageEn: typeof storageDe = {
  keychainMissingHeading: 'No keychain found',
  keychainMissingIntro:
    'Augenhöhe cannot find the operating system’s keychain. Without it, keys cannot be kept safely. This means:',
  keychainMissingConsultations:
    'Consultations only last until you quit Augenhöhe. After that they are gone.',
  keychainMissingNotes: 'Session outcomes cannot be saved.',
  keychainMissingServer: 'Your organisation’s server cannot be set up.',
  keychainMissingEarlier:
    'Anything you saved earlier stays on this computer, unchanged, and is back as soon as the keychain is.',
  keychainMissingHelp:
    'On Linux a keychain service must be running and unlocked (for example GNOME Keyring or KWallet). Ask your IT, then start Augenhöhe again.',
  unreadableHeading: 'Session outcomes that cannot be read',
  unreadableIntro:
    'These files are damaged, or their key is missing from the keychain (for example after a reinstall). Their content cannot be seen. If the keychain is restored, they open again.',
  unreadableItem: 'Last saved on {{date}} at {{time}}',
  unreadableRemove: 'Remove',
  unreadableRemoveLabel: 'Remove the unreadable outcome from {{date}}, {{time}}',
  unreadableConfirm: 'Remove for good? This cannot be undone.',
  unreadableConfirmYes: 'Yes, remove for good',
  unreadableConfirmNo: 'Keep',
  unreadableRemoved: 'Removed.',
};
