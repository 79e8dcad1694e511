/** The English of ./messages.ts: loaded only when someone chooses English (see i18n/index.ts). */
import type { settingsDe } from './messages';

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
