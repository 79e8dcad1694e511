/**
 * The installers cannot be built here (the Electron binary and the platform tools cannot be
 * downloaded), so their configuration is checked instead: against electron-builder's own
 * validator and schema, and the fuses against @electron/fuses. Nothing here pretends a
 * build ran.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// electron-builder's own validator (app-builder-lib is its pinned core), as `electron-builder` runs it.
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { AfterPackContext, Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config, { flipFuses, fuses } from '../../electron-builder.config';
import { APP_ID } from '../../src-main/security/policy';
import { DEEP_LINK_SCHEME } from '../../src-main/services/deep-link';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const quietLogger = { isEnabled: false, add: () => {} } as unknown as Parameters<
  typeof validateConfiguration
>[1];

/** electron-builder's validator changes nothing it is given; a copy keeps the module's object whole. */
async function validate(candidate: Configuration): Promise<void> {
  await validateConfiguration(structuredClone({ ...candidate, afterPack: null }), quietLogger);
}

// Compiling electron-builder's schema takes seconds on a busy machine: a generous ceiling.
describe('electron-builder configuration', { timeout: 60_000 }, () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('and that validation bites: a misspelt or mistyped key is refused', async () => {
    await expect(validate({ ...config, electronFuse: {} } as Configuration)).rejects.toThrow(
      /Invalid configuration object/,
    );
    await expect(
      validate({
        ...config,
        nsis: { ...config.nsis, perMachine: 'yes' },
      } as unknown as Configuration),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds deb and AppImage, NSIS and dmg', () => {
    expect(config.linux?.target).toStrictEqual(['deb', 'AppImage']);
    expect(config.win?.target).toStrictEqual(['nsis']);
    expect(config.mac?.target).toStrictEqual(['dmg']);
    expect(config.appId).toBe(APP_ID);
  });

  it('has the deb depend on libsecret, which keytar needs, besides the usual libraries', () => {
    expect(config.deb?.depends).toEqual(
      expect.arrayContaining(['libsecret-1-0', 'libgtk-3-0', 'libnss3']),
    );
  });

  it('registers augenhoehe:// in every installer', () => {
    // macOS (Info.plist) and Linux (the desktop file's MimeType) come from `protocols`.
    expect(config.protocols).toStrictEqual([
      { name: 'Augenhöhe-Einladung', schemes: [DEEP_LINK_SCHEME] },
    ]);
    // NSIS registers no URL scheme by itself: the included script does, and undoes it.
    expect(config.nsis?.include).toBe('resources/installer.nsh');
    const nsh = read('resources/installer.nsh');
    const install = /!macro customInstall([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    const uninstall = /!macro customUnInstall([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    const key = `Software\\Classes\\${DEEP_LINK_SCHEME}`;
    expect(install).toContain(`WriteRegStr SHELL_CONTEXT "${key}" "URL Protocol" ""`);
    expect(install).toContain(
      `WriteRegStr SHELL_CONTEXT "${key}\\shell\\open\\command" "" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`,
    );
    expect(uninstall).toContain(`DeleteRegKey SHELL_CONTEXT "${key}"`);
    // NSIS reads the include in the system code page.
    expect([...nsh].every((char) => char === '\n' || (char >= ' ' && char <= '~'))).toBe(true);
  });

  it('asks macOS for camera and microphone with a reason, under the hardened runtime', () => {
    const info = config.mac?.extendInfo as Record<string, string>;
    expect(info.NSCameraUsageDescription).toMatch(/Kamera/);
    expect(info.NSMicrophoneUsageDescription).toMatch(/Mikrofon/);
    expect(config.mac?.hardenedRuntime).toBe(true);
    const entitlements = read(config.mac?.entitlements ?? '');
    for (const key of [
      'com.apple.security.device.camera',
      'com.apple.security.device.audio-input',
    ]) {
      expect(entitlements).toMatch(
        new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`),
      );
    }
  });

  it('never updates itself: no publish target, no updater in the app', () => {
    expect(config.publish).toBeNull();
    const manifest = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).not.toContain(
      'electron-updater',
    );
  });

  it('packs the built app only, into an archive, with the native keychain module outside it', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']),
    );
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toStrictEqual(['**/*.node']);
    const icon = readFileSync(join(root, 'resources', 'icon.png'));
    // PNG signature, then IHDR width and height.
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toStrictEqual([1024, 1024]);
  });
});

describe('Electron fuses', () => {
  it('sets every fuse @electron/fuses knows, on purpose', () => {
    expect(fuses.version).toBe(FuseVersion.V1);
    expect(fuses.strictlyRequireAllFuses).toBe(true);
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const fuse of known) expect(typeof fuses[fuse], FuseV1Options[fuse]).toBe('boolean');
  });

  it.each([
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['EnableCookieEncryption', true],
    ['GrantFileProtocolExtraPrivileges', false],
  ] as const)('%s is %s', (name, expected) => {
    expect(fuses[FuseV1Options[name]]).toBe(expected);
  });

  it('are flipped right after packing, through electron-builder, so signing comes after', async () => {
    expect(config.afterPack).toBe(flipFuses);
    const flipped: unknown[] = [];
    const context = {
      packager: { addElectronFuses: async (...args: unknown[]) => void flipped.push(args) },
    } as unknown as AfterPackContext;
    await flipFuses(context);
    expect(flipped).toStrictEqual([[context, fuses]]);
  });
});
