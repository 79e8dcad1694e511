/**
 * The local LiveKit server listens on loopback only: every socket the running server process
 * holds, read from the kernel's own tables (/proc), not from its configuration.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { profiles, projectRoot } from '../../scripts/local-livekit';

const livekit = inject('livekit');

interface Socket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  listening: boolean;
  inode: string;
}

/** The server process started with the test profile's config file. */
function serverPid(): string | null {
  const config = join(projectRoot, '.local', 'livekit', 'test', 'config.yaml');
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv.includes(config)) return pid;
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

function socketInodes(pid: string): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // Closed meanwhile.
    }
  }
  return inodes;
}

/** /proc/net addresses are little-endian 32-bit words in hex. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) =>
    (word.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)),
  );
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

function socketsIn(table: 'tcp' | 'tcp6' | 'udp' | 'udp6'): Socket[] {
  const file = `/proc/net/${table}`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .map((fields) => {
      const [addressHex = '', portHex = ''] = (fields[1] ?? '').split(':');
      return {
        protocol: table.startsWith('tcp') ? ('tcp' as const) : ('udp' as const),
        address: decodeAddress(addressHex),
        port: parseInt(portHex, 16),
        listening: table.startsWith('tcp') ? fields[3] === '0A' : true,
        inode: fields[9] ?? '',
      };
    });
}

const isLoopback = (address: string) =>
  /^127\./.test(address) || address === '0:0:0:0:0:0:0:1' || /^0:0:0:0:0:ffff:7f/.test(address);

describe('the local LiveKit server on the network', () => {
  const pid = serverPid();

  it.skipIf(pid === null)('holds no socket on any address but loopback', () => {
    const inodes = socketInodes(pid ?? '');
    const open = (['tcp', 'tcp6', 'udp', 'udp6'] as const)
      .flatMap(socketsIn)
      .filter((socket) => inodes.has(socket.inode) && socket.listening);
    // Signalling and media are there, so the check looked at the real thing.
    const port = Number(new URL(livekit.url).port);
    expect(open).toContainEqual(expect.objectContaining({ protocol: 'tcp', port }));
    expect(open).toContainEqual(
      expect.objectContaining({ protocol: 'udp', port: profiles.test.udpPort }),
    );
    expect(open.filter((socket) => !isLoopback(socket.address))).toStrictEqual([]);
    // And no ICE-over-TCP port at all, on any address.
    expect(
      open.filter((socket) => socket.protocol === 'tcp' && socket.port !== port),
    ).toStrictEqual([]);
  });
});
