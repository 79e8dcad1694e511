/**
 * A stand-in for LiveKit rooms on one in-memory "server", just enough for the secure message
 * layer: data packets and byte streams, delivered with the sender the server stamps. The
 * server here can also act as a malicious operator would: inject, replay, re-stamp.
 */
import type { Room } from 'livekit-client';

type DataHandler = (
  payload: Uint8Array,
  participant: { identity: string } | undefined,
  kind: unknown,
  topic: string | undefined,
  encryption: unknown,
  identity: string,
) => void;
type StreamHandler = (
  reader: AsyncIterable<Uint8Array> & { info: { size?: number } },
  participant: { identity: string },
) => void;

export interface FakeRoom {
  identity: string;
  hidden: boolean;
  /** Every envelope this participant sent, as the server saw it. */
  sent: { payload: Uint8Array; topic?: string; to?: string[] }[];
  asRoom: Room;
  dataHandlers: Set<DataHandler>;
  streamHandlers: Map<string, StreamHandler>;
}

export class FakeServer {
  rooms: FakeRoom[] = [];

  join(identity: string, options: { hidden?: boolean; roomName?: string } = {}): FakeRoom {
    const deliver = this.deliver.bind(this);
    const targets = this.targets.bind(this);
    const fake: FakeRoom = {
      identity,
      hidden: options.hidden ?? false,
      sent: [],
      dataHandlers: new Set(),
      streamHandlers: new Map(),
      asRoom: undefined as unknown as Room,
    };
    const room = {
      name: options.roomName ?? 'ROOM_aaaaaaaaaaaaaaaaaa',
      on(event: string, handler: DataHandler) {
        if (event === 'dataReceived') fake.dataHandlers.add(handler);
        return room;
      },
      off(event: string, handler: DataHandler) {
        if (event === 'dataReceived') fake.dataHandlers.delete(handler);
        return room;
      },
      registerByteStreamHandler(topic: string, handler: StreamHandler) {
        if (fake.streamHandlers.has(topic)) throw new Error('already registered');
        fake.streamHandlers.set(topic, handler);
      },
      unregisterByteStreamHandler(topic: string) {
        fake.streamHandlers.delete(topic);
      },
      localParticipant: {
        identity,
        async publishData(
          payload: Uint8Array,
          options: { topic?: string; destinationIdentities?: string[] },
        ) {
          fake.sent.push({ payload, topic: options.topic, to: options.destinationIdentities });
          deliver(fake, payload, options.topic, options.destinationIdentities);
        },
        async streamBytes(options: { topic: string; destinationIdentities?: string[] }) {
          const chunks: Uint8Array[] = [];
          return {
            write: async (chunk: Uint8Array) => void chunks.push(chunk),
            close: async () => {
              for (const target of targets(fake, options.destinationIdentities)) {
                const handler = target.streamHandlers.get(options.topic);
                const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
                const reader = Object.assign(
                  (async function* () {
                    for (const chunk of chunks) yield chunk;
                  })(),
                  { info: { size } },
                );
                handler?.(reader, { identity: fake.hidden ? '' : fake.identity });
              }
            },
          };
        },
      },
    };
    fake.asRoom = room as unknown as Room;
    this.rooms.push(fake);
    return fake;
  }

  targets(from: FakeRoom, to?: string[]): FakeRoom[] {
    return this.rooms.filter((room) => room !== from && (!to || to.includes(room.identity)));
  }

  deliver(from: FakeRoom, payload: Uint8Array, topic?: string, to?: string[]): void {
    for (const target of this.targets(from, to)) {
      this.stamp(target, payload, from.hidden ? '' : from.identity, topic);
    }
  }

  /** What an acting server can do: hand any bytes to anyone, under any sender's name. */
  stamp(target: FakeRoom, payload: Uint8Array, identity: string, topic?: string): void {
    for (const handler of target.dataHandlers) {
      handler(
        payload,
        identity ? { identity } : undefined,
        1,
        topic ?? 'augenhoehe.sealed.v1',
        0,
        identity,
      );
    }
  }
}
