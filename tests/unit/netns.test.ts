import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNetworkNamespace,
  lineRuleset,
  networkLabUnavailable,
  slotAddresses,
  tbfArgs,
  type NetworkNamespace,
} from '../../scripts/netns';

describe('the lab’s addresses', () => {
  it('stay inside 198.51.100.0/24, the documentation range, one /30 per slot', () => {
    const all = Array.from({ length: 64 }, (_, slot) => slotAddresses(slot));
    for (const { host, inside } of all) {
      expect(host).toMatch(/^198\.51\.100\.\d+$/);
      expect(inside).toMatch(/^198\.51\.100\.\d+$/);
    }
    const used = all.flatMap(({ host, inside }) => [host, inside]);
    expect(new Set(used).size).toBe(used.length);
    expect(() => slotAddresses(64)).toThrow(RangeError);
    expect(() => slotAddresses(-1)).toThrow(RangeError);
  });
});

describe('lineRuleset', () => {
  it('drops only on the veth, never on the namespace’s loopback', () => {
    const loss = lineRuleset('ahv3n', 10);
    expect(loss).toContain('iifname "ahv3n" numgen random mod 100 < 10 drop');
    expect(loss).toContain('oifname "ahv3n" numgen random mod 100 < 10 drop');
    expect(lineRuleset('ahv3n', 'all')).toContain('oifname "ahv3n" drop');
    expect(lineRuleset('ahv3n', 'udp')).toContain('iifname "ahv3n" meta l4proto udp drop');
    expect(lineRuleset('ahv3n', 'none')).not.toContain('drop\n');
  });
});

describe('tbfArgs', () => {
  it('holds a few full packets in the bucket even on a slow line', () => {
    expect(tbfArgs(500)).toEqual(['tbf', 'rate', '500kbit', 'burst', '6056', 'latency', '200ms']);
    expect(Number(tbfArgs(50_000)[4])).toBe(125_000);
  });
});

const unavailable = networkLabUnavailable();

// Each check starts a Node inside the namespace: slow on a busy machine, so generous limits.
describe.skipIf(unavailable !== null)(
  'a real namespace (root, ip netns, nftables)',
  { timeout: 60_000 },
  () => {
    let ns: NetworkNamespace;
    let server: Server;
    let port = 0;

    beforeAll(async () => {
      ns = createNetworkNamespace();
      server = createServer((socket) => socket.end('hello'));
      await new Promise<void>((done) => server.listen(0, ns.hostAddress, () => done()));
      port = (server.address() as { port: number }).port;
    });

    afterAll(async () => {
      ns.remove();
      await new Promise<void>((done) => server.close(() => done()));
    });

    /** Connects from inside the namespace to the host's end; 'hello' or the failure. */
    const reachFromInside = (timeoutMs = 5_000) =>
      new Promise<string>((done) => {
        const child = ns.spawn(process.execPath, [
          '-e',
          `const s = require('node:net').connect(${port}, '${ns.hostAddress}');
         s.setTimeout(${timeoutMs}, () => { process.stdout.write('timeout'); process.exit(0); });
         s.on('data', (d) => { process.stdout.write(String(d)); process.exit(0); });
         s.on('error', (e) => { process.stdout.write(e.code); process.exit(0); });`,
        ]);
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', () => done(output));
      });

    it('reaches the host’s end of the veth, and nothing is shaped yet', async () => {
      expect(await reachFromInside()).toBe('hello');
      expect(ns.describe()).not.toContain('tbf');
    });

    it('shapes both directions and drops at random', () => {
      ns.shape({ rateKbit: 500, lossPercent: 10 });
      const line = ns.describe();
      expect(line.match(/qdisc tbf .* rate 500Kbit/g)).toHaveLength(2);
      expect(line).toContain('numgen random mod 100 < 10 drop');
    });

    it('cuts the line dead and gives it back with the earlier shape', async () => {
      ns.cut();
      expect(await reachFromInside(2_000)).toBe('timeout');
      ns.restore();
      expect(await reachFromInside(2_000)).toMatch(/^(hello|timeout)$/); // 10 % loss may hit the SYN
      expect(ns.describe()).toContain('numgen random mod 100 < 10 drop');
      ns.shape({});
      expect(await reachFromInside()).toBe('hello');
    });

    it('is gone, with both veth ends, once removed', () => {
      ns.remove();
      const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((line) => line.split(' ')[0]);
      expect(namespaces).not.toContain(ns.name);
      expect(spawnSync('ip', ['-o', 'addr'], { encoding: 'utf8' }).stdout).not.toContain(
        `${ns.hostAddress}/30`,
      );
    });
  },
);
