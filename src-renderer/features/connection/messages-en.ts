/** The English of ./messages.ts: loaded only when someone chooses English (see i18n/index.ts). */
import type { connectionDe } from './messages';

export const connectionEn: typeof connectionDe = {
  quality: {
    excellent: 'good',
    good: 'fair',
    poor: 'weak',
    lost: 'disconnected',
    of: 'Connection of {{who}}: {{quality}}',
    mine: 'Your connection: {{quality}}',
  },
  banner: {
    poor: 'Your connection is weak – the picture is made smaller.',
    interrupted: 'The connection is interrupted. We are reconnecting you …',
    reconnecting: 'The connection is interrupted. We are reconnecting you …',
    restored: 'You are connected again.',
    gaveUp:
      'The connection was lost. Check your internet (Wi-Fi or mobile data), then tap “Reconnect”.',
    serverGone: 'The call server ended the connection. Tap “Reconnect” once it is back.',
    rejoining: 'We are reconnecting you to the call …',
    audioOnlyOffer:
      'Your connection is weak. Shall we turn off the others’ pictures? You keep hearing and talking.',
    audioOnlyOn:
      'You are getting sound only for now, so the call holds. The others still see you if your camera is on.',
  },
  action: {
    rejoin: 'Reconnect',
    audioOnly: 'Sound only',
    keepVideo: 'Keep pictures',
    videoBack: 'Show pictures again',
  },
};
