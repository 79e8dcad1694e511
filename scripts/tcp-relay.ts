/**
 * A plain TCP relay, byte for byte, for the network-fault tests.
 *
 * Inside a test namespace it lets the guest page keep its usual loopback addresses
 * (`http://127.0.0.1:<app>`, `ws://127.0.0.1:<livekit>`): loopback is a secure context, so
 * camera, microphone and WebCrypto work, and the invite link stays exactly what the app
 * makes. Every byte still crosses the impaired veth, so a cut stalls the signalling just
 * as it would on a dead Wi-Fi. Media does not pass through here: ICE goes straight to the
 * server's address on the veth.
 *
 *   tsx scripts/tcp-relay.ts 127.0.0.1:7930=198.51.100.1:7930 ...
 *
 * prints `ready` once every listener is up, and runs until killed.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';

export interface Endpoint {
  host: string;
  port: number;
}

export interface Relay {
  listen: Endpoint;
  target: Endpoint;
}

export function parseRelay(text: string): Relay {
  const match = /^([0-9.]+):(\d+)=([0-9.]+):(\d+)$/.exec(text);
  if (!match) throw new Error(`not a relay: ${text} (listen-ip:port=target-ip:port)`);
  return {
    listen: { host: match[1] ?? '', port: Number(match[2]) },
    target: { host: match[3] ?? '', port: Number(match[4]) },
  };
}

function join(a: Socket, b: Socket): void {
  a.pipe(b);
  b.pipe(a);
  // Either side ending or failing ends both: nothing may be left half open.
  for (const [one, other] of [
    [a, b],
    [b, a],
  ] as const) {
    one.on('error', () => other.destroy());
    one.on('close', () => other.destroy());
  }
}

/** Listens on `relay.listen` and forwards each connection to `relay.target`. */
export async function startTcpRelay(relay: Relay): Promise<Server> {
  const server = createServer({ noDelay: true }, (incoming) => {
    const outgoing = connect({ ...relay.target, noDelay: true });
    join(incoming, outgoing);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(relay.listen.port, relay.listen.host, () => done());
  });
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const relays = process.argv.slice(2).map(parseRelay);
  Promise.all(relays.map(startTcpRelay)).then(
    () => process.stdout.write('ready\n'),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
