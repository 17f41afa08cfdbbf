/**
 * Two loopback listeners for failures the test server cannot produce: it trusts every
 * connection from 127.0.0.1, so it never asks for a password, and it always answers.
 *
 * - `passwordRefusingServer` speaks just enough of the PostgreSQL protocol to ask for a
 *   password (cleartext, so the test can see which one was sent) and refuse it with the
 *   server's own error (SQLSTATE 28P01), optionally echoing the password in the message.
 * - `silentServer` accepts connections and never says a word (a wrong port, a hung proxy).
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface LoopbackServer {
  readonly port: number;
  /** The passwords clients sent. */
  readonly passwords: string[];
  close(): Promise<void>;
}

function errorResponse(fields: Readonly<Record<string, string>>): Buffer {
  const body = Buffer.concat([
    ...Object.entries(fields).map(([code, value]) => Buffer.from(`${code}${value}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const AUTH_CLEARTEXT = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

async function listen(server: Server, sockets: Set<Socket>, passwords: string[]): Promise<LoopbackServer> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    passwords,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads whole messages: the startup message has no type byte, every later one has. */
function onMessages(socket: Socket, handle: (type: string | null, body: Buffer) => void): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const offset = started ? 1 : 0;
      if (buffer.length < offset + 4) return;
      const length = buffer.readInt32BE(offset);
      if (buffer.length < offset + length) return;
      const type = started ? buffer.toString('latin1', 0, 1) : null;
      handle(type, buffer.subarray(offset + 4, offset + length));
      buffer = buffer.subarray(offset + length);
      started = true;
    }
  });
}

export function passwordRefusingServer(options: { readonly echoPassword?: boolean } = {}): Promise<LoopbackServer> {
  const passwords: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    let user = '';
    onMessages(socket, (type, body) => {
      if (type === null) {
        const params = body.subarray(4).toString('utf8').split('\0');
        user = params[params.indexOf('user') + 1] ?? '';
        socket.write(AUTH_CLEARTEXT);
      } else if (type === 'p') {
        const password = body.toString('utf8').replace(/\0$/, '');
        passwords.push(password);
        const detail = options.echoPassword ? ` (password "${password}" is wrong)` : '';
        socket.end(
          errorResponse({ S: 'FATAL', V: 'FATAL', C: '28P01', M: `password authentication failed for user "${user}"${detail}` }),
        );
      }
    });
  });
  return listen(server, sockets, passwords);
}

export function silentServer(): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  return listen(createServer(() => undefined), sockets, []);
}
