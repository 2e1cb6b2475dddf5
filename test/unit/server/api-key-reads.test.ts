import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src/server/app.js';
import { openEngine } from '../../../src/engine/index.js';
import { tempDir } from '../engine/fixture.js';

/** Sends `count` pipelined GETs in one write; resolves with each answer's status once all arrived. */
function pipelined(socket: Socket, key: string, count: number): Promise<number[]> {
  const request = `GET /customers HTTP/1.1\r\nhost: 127.0.0.1\r\nx-credyt-api-key: ${key}\r\n\r\n`;
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // Whole answers so far: a head, then content-length bytes of body.
      const statuses: number[] = [];
      let at = 0;
      for (;;) {
        const headEnd = text.indexOf('\r\n\r\n', at);
        if (headEnd === -1) break;
        const head = text.slice(at, headEnd);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (text.length < headEnd + 4 + length) break;
        statuses.push(Number(head.slice(9, 12)));
        at = headEnd + 4 + length;
      }
      if (statuses.length === count) {
        socket.off('data', onData);
        resolve(statuses);
      }
    };
    socket.on('data', onData);
    socket.write(request.repeat(count));
  });
}

describe('the API key check on a connection', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  it('asks whether keys changed once per read of pipelined requests, and refuses a revoked key on the next read', { timeout: 15_000 }, async () => {
    const tmp = tempDir();
    const engine = openEngine({ path: join(tmp.dir, 'keys.db') });
    const app = createApp({ engine, requireApiKey: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const key = engine.createApiKey();
    const socket = connect((app.server.address() as AddressInfo).port, '127.0.0.1');
    cleanup = async () => {
      socket.destroy();
      await app.close();
      engine.close();
      tmp.cleanup();
    };
    await new Promise((resolve) => socket.once('connect', resolve));
    const asked = vi.spyOn(engine, 'apiKeysEpoch');
    expect(await pipelined(socket, key, 10)).toEqual(Array(10).fill(200));
    // One read carried the ten requests (loopback, one small write): one check, not ten.
    expect(asked.mock.calls.length).toBeLessThanOrEqual(2);
    expect(await pipelined(socket, key, 1)).toEqual([200]);
    engine.revokeApiKey(key);
    expect(await pipelined(socket, key, 3)).toEqual([401, 401, 401]);
  });
});
