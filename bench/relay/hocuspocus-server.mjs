// The Hocuspocus peer of the relay bench: @hocuspocus/server (3.4.x, the last line whose
// engines allow Node 20) in memory, no persistence extension, a constant-time token check in
// onAuthenticate (Carnet checks a session at upgrade), quiet logging. Listens on 127.0.0.1:PORT
// and prints `HOCUSPOCUS_LISTENING <port>`. SIGTERM/SIGINT stop it (its own stopOnSignals).
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 0);
const token = process.env.HOCUSPOCUS_TOKEN ?? '';

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  // Default 30 s ping timeout; documents unload when their last client leaves.
  async onAuthenticate(data) {
    if (data.token !== token) throw new Error('bad token');
    return {};
  },
});

await server.listen();
console.log(`HOCUSPOCUS_LISTENING ${server.address.port}`);
