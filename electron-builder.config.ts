/**
 * Installers for organisations to roll out: deb and AppImage (Linux), NSIS (Windows), dmg
 * (macOS). Each registers augenhoehe:// invite links; none updates itself (IT decides
 * when a new version goes out). The Electron binary is hardened with fuses right after
 * packing, before signing.
 *
 * `npm run package:linux|win|mac` builds them where the Electron binary and the platform
 * tools can be downloaded; tests/unit/packaging.test.ts checks this file against
 * electron-builder's own schema and the fuses against @electron/fuses.
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext, Configuration } from 'electron-builder';
import { APP_ID } from './src-main/security/policy';
import { DEEP_LINK_SCHEME } from './src-main/services/deep-link';

/**
 * Every fuse set on purpose (`strictlyRequireAllFuses`: a new Electron with a fuse nobody
 * decided on fails the build rather than ship its default).
 */
export const fuses: FuseV1Config = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a Node with the app's keychain identity.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only the app.asar that was packed and signed is loaded, checked against its hash.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app is served from app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
};

/** Flips the fuses with @electron/fuses, through electron-builder so signing comes after. */
export async function flipFuses(context: AfterPackContext): Promise<void> {
  await context.packager.addElectronFuses(context, fuses);
}

const config: Configuration = {
  appId: APP_ID,
  productName: 'Augenhöhe',
  executableName: 'augenhoehe',
  copyright: 'Augenhöhe',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // keytar's native module cannot be loaded from inside the archive.
  asarUnpack: ['**/*.node'],
  protocols: [{ name: 'Augenhöhe-Einladung', schemes: [DEEP_LINK_SCHEME] }],
  // No update server and no update check: organisations roll out new versions themselves.
  publish: null,
  afterPack: flipFuses,

  linux: {
    target: ['deb', 'AppImage'],
    icon: 'resources/icon.png',
    category: 'Network',
    maintainer: 'Augenhöhe',
    synopsis: 'Vertrauliche Videoberatung',
    // The augenhoehe:// MimeType comes from `protocols` above.
  },
  deb: {
    // electron-builder's defaults, spelled out because setting `depends` replaces them;
    // libsecret is how keytar reaches the Secret Service (GNOME Keyring, KWallet).
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ],
  },

  win: { target: ['nsis'], icon: 'resources/icon.png' },
  nsis: {
    // Managed laptops: IT installs for every user of the machine, without a one-click surprise.
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    // Notes and settings stay when the app is removed or replaced.
    deleteAppDataOnUninstall: false,
    include: 'resources/installer.nsh',
  },

  mac: {
    target: ['dmg'],
    icon: 'resources/icon.png',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    extendInfo: {
      NSCameraUsageDescription:
        'Augenhöhe zeigt Ihr Bild im Beratungsgespräch, nur wenn Sie die Kamera einschalten. Nichts wird aufgezeichnet.',
      NSMicrophoneUsageDescription:
        'Augenhöhe überträgt Ihre Stimme im Beratungsgespräch, nur wenn Sie das Mikrofon einschalten. Nichts wird aufgezeichnet.',
    },
  },
  dmg: { title: 'Augenhöhe' },
};

export default config;
