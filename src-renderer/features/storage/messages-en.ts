/** The English of ./messages.ts: loaded only when someone chooses English (see i18n/index.ts). */
import type { storageDe } from './messages';

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
