import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server on 127.0.0.1 (port 0), for a command run against it. */
export interface LocalServer {
  server: Server;
  /** `http://127.0.0.1:<port>`: a profile's base URL (CREDYT_BASE_URL). */
  baseUrl: string;
  /** Drops kept-alive connections, then stops listening. */
  close(): Promise<void>;
}

/** Starts a server that hands each request to `onRequest` with its body read as UTF-8 text. */
export async function startLocalServer(onRequest: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<LocalServer> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    onRequest(req, res, Buffer.concat(chunks).toString('utf8'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
