import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  CALL_CORE_MODULE,
  PLAIN_LIVEKIT_MODULE,
  PLAIN_SLOTS_MODULE,
  plainRoomPlugin,
  plainWebBuildDir,
  ROOM_FACTORY_MODULE,
} from '../../scripts/bench/plain-build';
import { webBuildDir } from '../../scripts/web-build';
import webConfig from '../../vite.web.config';

type ResolveId = (source: string, importer: string | undefined) => string | null;
type BuildEnd = (this: { error(message: string): never }, error?: Error) => void;

describe('the diagnostic build without encryption (bench only)', () => {
  it('swaps livekit-client for the room factory, and for nothing else', () => {
    const plugin = plainRoomPlugin();
    const resolveId = plugin.resolveId as unknown as ResolveId;
    const factory = resolve(ROOM_FACTORY_MODULE);
    expect(existsSync(factory)).toBe(true);
    expect(resolveId('livekit-client', factory)).toBe(PLAIN_LIVEKIT_MODULE);
    expect(resolveId('livekit-client', `${factory}?worker`)).toBe(PLAIN_LIVEKIT_MODULE);
    expect(resolveId('livekit-client', resolve('src-renderer/features/call/VideoStage.tsx'))).toBe(
      null,
    );
    expect(resolveId('livekit-client', PLAIN_LIVEKIT_MODULE)).toBe(null);
    expect(resolveId('./call-key', factory)).toBe(null);
  });

  it('lets the call core take the same early way, with slots that need no decrypting', () => {
    const resolveId = plainRoomPlugin().resolveId as unknown as ResolveId;
    const core = resolve(CALL_CORE_MODULE);
    expect(existsSync(core)).toBe(true);
    expect(resolveId('./receive-slots', core)).toBe(PLAIN_SLOTS_MODULE);
    expect(resolveId('./receive-slots', resolve('src-renderer/livekit/encrypted-room.ts'))).toBe(
      null,
    );
    expect(resolveId('./key-ring', core)).toBe(null);
  });

  it('fails the build when the room factory was not found (so it never measures E2EE as plain)', () => {
    const plugin = plainRoomPlugin();
    const buildEnd = plugin.buildEnd as unknown as BuildEnd;
    const fail = (message: string): never => {
      throw new Error(message);
    };
    expect(() => buildEnd.call({ error: fail })).toThrow(/ROOM_FACTORY_MODULE/);
  });

  it('builds into a folder of its own; the shipped web build has no such plugin', () => {
    expect(plainWebBuildDir).not.toBe(webBuildDir);
    const names = ((webConfig.plugins ?? []) as PluginOption[])
      .flat(3)
      .map((plugin) => (plugin as Plugin | null)?.name);
    expect(names).not.toContain(plainRoomPlugin().name);
  });
});
