import { beforeAll, describe, expect, it } from 'vitest';
import { clusterProfiles } from '../../scripts/livekit-cluster';
import { profiles, serverConfigYaml, type Profile } from '../../scripts/local-livekit';
import { labProfile } from '../../scripts/network-lab';

const credentials = {
  apiKey: 'AHtestkey0123',
  apiSecret: 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz',
};

type Node = string | Node[] | { [key: string]: Node };

/**
 * Reads the small YAML subset the generator writes (nested maps, lists of scalars), so the
 * checks look at the structure the server parses rather than at loose substrings.
 */
function parseYaml(text: string): Record<string, Node> {
  const lines = text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    .map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  let index = 0;
  function block(indent: number): Node {
    const first = lines[index];
    if (first?.text.startsWith('- ')) {
      const list: Node[] = [];
      while (lines[index]?.indent === indent && lines[index]?.text.startsWith('- ')) {
        list.push((lines[index++]?.text ?? '').slice(2));
      }
      return list;
    }
    const map: Record<string, Node> = {};
    while (lines[index] && (lines[index]?.indent ?? -1) === indent) {
      const { text: entry } = lines[index++] as { text: string };
      const colon = entry.indexOf(':');
      const key = entry.slice(0, colon);
      const value = entry.slice(colon + 1).trim();
      expect(Object.hasOwn(map, key), `duplicate key ${key}`).toBe(false);
      map[key] = value === '' ? block(lines[index]?.indent ?? 0) : value;
    }
    return map;
  }
  const root = block(0) as Record<string, Node>;
  expect(index, 'every line was read').toBe(lines.length);
  return root;
}

describe.each(Object.values(profiles))(
  'serverConfigYaml for the $name profile',
  (profile: Profile) => {
    const yaml = serverConfigYaml(profile, credentials);
    let config: Record<string, Node>;
    beforeAll(() => {
      config = parseYaml(yaml);
    });

    it('listens on loopback only, on the profile ports', () => {
      expect(config.port).toBe(String(profile.port));
      expect(config.bind_addresses).toStrictEqual(['127.0.0.1']);
      // No ICE-over-TCP port: livekit-server would open it on every interface.
      expect(config.rtc).toMatchObject({ tcp_port: '0', udp_port: String(profile.udpPort) });
      expect(yaml).not.toMatch(/0\.0\.0\.0|::\/0|\[::\]/);
    });

    it('offers media on 127.0.0.1 only, never an address found through STUN', () => {
      expect(config.rtc).toMatchObject({
        node_ip: '127.0.0.1',
        use_external_ip: 'false',
        enable_loopback_candidate: 'true',
        ips: { includes: ['127.0.0.1/32'] },
      });
    });

    it('lets a receiver ask for a key frame again within 50 ms (no first-frame stall)', () => {
      expect(config.rtc).toMatchObject({
        pli_throttle: { low_quality: '50ms', mid_quality: '50ms', high_quality: '50ms' },
      });
    });

    it('opens no room by itself and runs no TURN relay', () => {
      expect(config.room).toMatchObject({ auto_create: 'false' });
      expect(config.turn).toStrictEqual({ enabled: 'false' });
    });

    it('holds exactly the given key pair', () => {
      expect(config.keys).toStrictEqual({ [credentials.apiKey]: credentials.apiSecret });
    });

    it('keeps the server log at info level, without per-participant debug output', () => {
      expect(config.logging).toMatchObject({ level: 'info' });
    });
  },
);

describe('serverConfigYaml', () => {
  it('differs between profiles only in the ports', () => {
    const dev = serverConfigYaml(profiles.dev, credentials);
    const test = serverConfigYaml(profiles.test, credentials)
      .replace(`port: ${profiles.test.port}`, `port: ${profiles.dev.port}`)
      .replace(`udp_port: ${profiles.test.udpPort}`, `udp_port: ${profiles.dev.udpPort}`);
    expect(test).toBe(dev);
  });

  it('uses separate ports for tests, so the suite can run beside `npm start`', () => {
    const ports = Object.values(profiles).flatMap((profile) => [profile.port, profile.udpPort]);
    expect(new Set(ports).size).toBe(ports.length);
  });
});

describe('serverConfigYaml for the extra servers of the network and cluster tests', () => {
  it('puts a lab server on loopback and the veth, with media on the veth address only', () => {
    const yaml = serverConfigYaml(labProfile('198.51.100.5'), credentials);
    const config = parseYaml(yaml);
    expect(config.bind_addresses).toStrictEqual(['127.0.0.1', '198.51.100.5']);
    expect(config.rtc).toMatchObject({
      node_ip: '198.51.100.5',
      enable_loopback_candidate: 'false',
      ips: { includes: ['198.51.100.5/32'] },
    });
    expect(yaml).not.toContain('redis');
  });

  it('joins a cluster node to Redis, in a region of its own, on ports of its own', () => {
    const [a, b] = clusterProfiles('127.0.0.1:7949');
    const yaml = serverConfigYaml(a, credentials);
    expect(yaml).toContain('redis:\n  address: 127.0.0.1:7949\n');
    expect(yaml).toContain('region: a\nnode_selector:\n  kind: regionaware\n');
    // The machine's load never sends a room to the other node.
    expect(yaml).toContain('\n  sysload_limit: 1000\n');
    expect(serverConfigYaml(b, credentials)).toContain('region: b\n');
    expect(
      parseYaml(yaml.replace(/^node_selector:[\s\S]*?(?=^room:)/m, '')).bind_addresses,
    ).toEqual(['127.0.0.1']);
    const ports = [a, b, profiles.test, labProfile('198.51.100.1')].flatMap((profile) => [
      profile.port,
      profile.udpPort,
    ]);
    expect(new Set(ports).size).toBe(ports.length);
  });
});
