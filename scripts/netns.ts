/**
 * A bad line for one participant, made of real Linux networking: a network namespace per
 * test, joined to the host by a veth pair with addresses from the documentation range
 * 198.51.100.0/24 (RFC 5737; never a private or public range). Inside it: bandwidth with
 * `tc tbf` (this kernel has no netem), loss and cuts with nftables (`numgen random` drops).
 *
 * Whatever runs inside (a Chromium, a small TCP relay) reaches the host only through the
 * veth, so every impairment applies to it. Needs root, `ip`, `tc` and `nft`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from './chromium';

const IP = '/usr/sbin/ip';
const NFT_TABLE = 'augenhoehe_line';
/** Slot n owns 198.51.100.4n/30: .4n+1 on the host side, .4n+2 inside. 64 slots. */
const SLOTS = 64;
const claims = join(tmpdir(), 'augenhoehe-netns');

export class NetworkLabError extends Error {
  override name = 'NetworkLabError';
}

export interface LineShape {
  /** Bandwidth each way, kbit/s (tc tbf). */
  rateKbit?: number;
  /** Packets dropped at random, each way, in percent (nftables numgen). */
  lossPercent?: number;
}

export interface NetworkNamespace {
  name: string;
  /** The host's end of the veth: servers the namespace must reach listen here. */
  hostAddress: string;
  /** The namespace's own address. */
  address: string;
  /** Slows the line and/or drops packets at random; replaces any earlier shape. */
  shape(shape: LineShape): void;
  /** Drops every packet both ways, as a dead Wi-Fi would; the interfaces stay up. */
  cut(): void;
  /**
   * Drops UDP only: media and the data channel die, the signal connection (TCP) lives, as
   * on a network whose UDP path broke.
   */
  cutMedia(): void;
  /** Back to the shape before the cut (or a clean line). */
  restore(): void;
  /** The line as the kernel has it now: qdiscs and the nftables table, for a test's log. */
  describe(): string;
  /** Starts a program inside the namespace. */
  spawn(command: string, args: string[]): ChildProcess;
  /**
   * An executable that starts Debian's Chromium inside the namespace; hand it to
   * Playwright as `executablePath` (Playwright talks to it over a pipe, not the network).
   */
  chromiumPath: string;
  /** Removes the namespace, both veth ends, the shaping and the wrapper. Safe to call twice. */
  remove(): void;
}

function run(args: string[], input?: string): string {
  const result = spawnSync(args[0] ?? '', args.slice(1), { encoding: 'utf8', input });
  if (result.error || result.status !== 0) {
    throw new NetworkLabError(
      `${args.join(' ')} failed: ${(result.stderr || String(result.error ?? '')).trim()}`,
    );
  }
  return result.stdout;
}

function quietly(args: string[]): void {
  spawnSync(args[0] ?? '', args.slice(1), { stdio: 'ignore' });
}

/**
 * Why network-fault tests cannot run here, or null when they can. Tests skip with this
 * message; it names what is missing.
 */
export function networkLabUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root (run the tests as root)';
  for (const [tool, path] of [
    ['ip (iproute2)', IP],
    ['tc (iproute2)', '/usr/sbin/tc'],
    ['nft (nftables)', '/usr/sbin/nft'],
  ] as const) {
    if (!existsSync(path)) return `${tool} is missing: apt-get install iproute2 nftables`;
  }
  const probe = `ahprobe${process.pid}`;
  const made = spawnSync(IP, ['netns', 'add', probe], { encoding: 'utf8' });
  if (made.status !== 0) return `\`ip netns add\` does not work here: ${made.stderr.trim()}`;
  quietly([IP, 'netns', 'del', probe]);
  return null;
}

/** Addresses of slot n: a /30 of its own inside 198.51.100.0/24. */
export function slotAddresses(slot: number): { host: string; inside: string } {
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) throw new RangeError('no such slot');
  return { host: `198.51.100.${slot * 4 + 1}`, inside: `198.51.100.${slot * 4 + 2}` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function names(slot: number) {
  return { ns: `augenhoehe-${slot}`, hostIf: `ahv${slot}h`, insideIf: `ahv${slot}n` };
}

function removeSlot(slot: number): void {
  const { ns, hostIf } = names(slot);
  // Deleting the namespace destroys its veth end, and with it the host's end.
  quietly([IP, 'netns', 'del', ns]);
  quietly([IP, 'link', 'del', hostIf]);
  rmSync(join(claims, String(slot)), { recursive: true, force: true });
}

/** A namespace left by a test run that was killed: its owner process is gone. */
function reclaimStale(slot: number): void {
  const owner = join(claims, String(slot), 'owner');
  if (!existsSync(owner)) return;
  const pid = Number(readFileSync(owner, 'utf8'));
  if (!alive(pid)) removeSlot(slot);
}

/**
 * The nftables ruleset for the namespace's veth end: loss as random drops, or everything
 * dropped for a cut. Loopback inside the namespace is never touched.
 */
export function lineRuleset(device: string, drop: 'none' | 'all' | 'udp' | number): string {
  const verdict =
    drop === 'none'
      ? ''
      : drop === 'all'
        ? 'drop'
        : drop === 'udp'
          ? 'meta l4proto udp drop'
          : `numgen random mod 100 < ${drop} drop`;
  const rule = (direction: 'iifname' | 'oifname') =>
    verdict ? `    ${direction} "${device}" ${verdict}\n` : '';
  return [
    // Declaring, deleting and redefining in one transaction replaces the table atomically.
    `table inet ${NFT_TABLE} {}`,
    `delete table inet ${NFT_TABLE}`,
    `table inet ${NFT_TABLE} {`,
    '  chain incoming {',
    '    type filter hook input priority 0; policy accept;',
    rule('iifname') + '  }',
    '  chain outgoing {',
    '    type filter hook output priority 0; policy accept;',
    rule('oifname') + '  }',
    '}',
    '',
  ].join('\n');
}

/** `tc tbf` arguments for a rate; the bucket holds a few full packets, the queue 200 ms. */
export function tbfArgs(rateKbit: number): string[] {
  const burstBytes = Math.max(4 * 1514, Math.round((rateKbit * 1000) / 8 / 50));
  return ['tbf', 'rate', `${rateKbit}kbit`, 'burst', String(burstBytes), 'latency', '200ms'];
}

/** Makes a fresh namespace with its veth pair. Call `remove()` when done (also on failure). */
export function createNetworkNamespace(): NetworkNamespace {
  const reason = networkLabUnavailable();
  if (reason) throw new NetworkLabError(reason);
  mkdirSync(claims, { recursive: true, mode: 0o700 });

  let slot = -1;
  for (let candidate = 0; candidate < SLOTS && slot < 0; candidate += 1) {
    reclaimStale(candidate);
    // mkdir is the lock: two test processes never take the same slot.
    try {
      mkdirSync(join(claims, String(candidate)));
    } catch {
      continue;
    }
    writeFileSync(join(claims, String(candidate), 'owner'), String(process.pid));
    slot = candidate;
  }
  if (slot < 0) throw new NetworkLabError('all 64 test namespaces are taken');

  const { ns, hostIf, insideIf } = names(slot);
  const { host, inside } = slotAddresses(slot);
  const inNs = (args: string[]) => [IP, 'netns', 'exec', ns, ...args];
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    removeSlot(slot);
  };
  // A test that throws still removes its namespace; so does a process that exits.
  process.on('exit', remove);

  try {
    quietly([IP, 'netns', 'del', ns]);
    quietly([IP, 'link', 'del', hostIf]);
    run([IP, 'netns', 'add', ns]);
    run([IP, 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', insideIf]);
    run([IP, 'link', 'set', insideIf, 'netns', ns]);
    run([IP, 'addr', 'add', `${host}/30`, 'dev', hostIf]);
    run([IP, 'link', 'set', hostIf, 'up']);
    run([IP, '-n', ns, 'addr', 'add', `${inside}/30`, 'dev', insideIf]);
    run([IP, '-n', ns, 'link', 'set', insideIf, 'up']);
    run([IP, '-n', ns, 'link', 'set', 'lo', 'up']);
    // No default route: the namespace reaches the host's veth address and nothing else.
  } catch (error) {
    remove();
    throw error;
  }

  const wrapperDir = join(claims, String(slot));
  const wrapper = join(wrapperDir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${IP} netns exec ${ns} ${chromiumPath} "$@"\n`);
  chmodSync(wrapper, 0o755);

  let current: LineShape = {};
  const dropOnLine = (drop: Parameters<typeof lineRuleset>[1]) =>
    run(inNs(['/usr/sbin/nft', '-f', '-']), lineRuleset(insideIf, drop));
  const applyShape = (shape: LineShape, cut: boolean) => {
    for (const [device, where] of [
      [insideIf, inNs([])],
      [hostIf, []],
    ] as const) {
      // Upload is shaped inside the namespace, download on the host's end of the veth.
      if (shape.rateKbit)
        run([
          ...where,
          '/usr/sbin/tc',
          'qdisc',
          'replace',
          'dev',
          device,
          'root',
          ...tbfArgs(shape.rateKbit),
        ]);
      else quietly([...where, '/usr/sbin/tc', 'qdisc', 'del', 'dev', device, 'root']);
    }
    dropOnLine(cut ? 'all' : shape.lossPercent ? shape.lossPercent : 'none');
  };

  return {
    name: ns,
    hostAddress: host,
    address: inside,
    chromiumPath: wrapper,
    shape(shape) {
      if (removed) throw new NetworkLabError('the namespace is gone');
      current = shape;
      applyShape(shape, false);
    },
    cut() {
      dropOnLine('all');
    },
    cutMedia() {
      dropOnLine('udp');
    },
    restore() {
      applyShape(current, false);
    },
    describe() {
      const qdiscs = [
        run(inNs(['/usr/sbin/tc', 'qdisc', 'show', 'dev', insideIf])),
        run(['/usr/sbin/tc', 'qdisc', 'show', 'dev', hostIf]),
      ].join('');
      const rules = spawnSync(IP, ['netns', 'exec', ns, '/usr/sbin/nft', 'list', 'ruleset'], {
        encoding: 'utf8',
      }).stdout;
      return `${qdiscs}${rules}`;
    },
    spawn(command, args) {
      return spawn(IP, ['netns', 'exec', ns, command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
    remove,
  };
}
