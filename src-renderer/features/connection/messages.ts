/**
 * What the call says about the line, in plain words (einfache Sprache): the quality of
 * each person's connection, what happens when it is weak, and when it breaks.
 */
export const connectionDe = {
  quality: {
    excellent: 'gut',
    good: 'mittel',
    poor: 'schwach',
    lost: 'getrennt',
    /** A tile's label, read out by screen readers: "Verbindung von Maria: schwach". */
    of: 'Verbindung von {{who}}: {{quality}}',
    mine: 'Ihre Verbindung: {{quality}}',
  },
  banner: {
    poor: 'Ihre Verbindung ist schwach – das Bild wird kleiner gestellt.',
    interrupted: 'Die Verbindung ist unterbrochen. Wir verbinden Sie wieder …',
    reconnecting: 'Die Verbindung ist unterbrochen. Wir verbinden Sie wieder …',
    restored: 'Sie sind wieder verbunden.',
    gaveUp:
      'Die Verbindung ist abgebrochen. Prüfen Sie Ihr Internet (WLAN oder mobile Daten) und tippen Sie dann auf „Wieder verbinden“.',
    serverGone:
      'Der Gesprächs-Server hat die Verbindung beendet. Tippen Sie auf „Wieder verbinden“, sobald er wieder da ist.',
    rejoining: 'Wir verbinden Sie wieder mit dem Gespräch …',
    audioOnlyOffer:
      'Ihre Verbindung ist schwach. Sollen wir die Bilder der anderen ausschalten? Sie hören und sprechen dann weiter.',
    audioOnlyOn:
      'Sie bekommen gerade nur Ton, damit das Gespräch hält. Die anderen sehen Sie weiter, wenn Ihre Kamera an ist.',
  },
  action: {
    rejoin: 'Wieder verbinden',
    audioOnly: 'Nur Ton',
    keepVideo: 'Bilder behalten',
    videoBack: 'Bilder wieder zeigen',
  },
};
