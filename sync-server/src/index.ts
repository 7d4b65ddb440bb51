// Relay entry point: reads the configuration, listens, prints the URL and stops cleanly
// on SIGTERM/SIGINT. Startup failures (bad PORT, port in use) print one line and exit 1.
import { createRelay } from './app.ts';
import { loadConfig } from './config.ts';
import { stopOnSignals } from './lifecycle/shutdown.ts';

function main(): void {
  const config = loadConfig(process.env);
  const relay = createRelay(config);
  // Installed before listening, so a signal sent as soon as the URL is printed is handled.
  stopOnSignals(
    async () => {
      if (relay.server) await relay.stop();
    },
    (line) => console.log(line),
  );

  // reusePort: false, so a second relay on the same port fails instead of sharing it.
  relay.listen({ port: config.port, reusePort: false });

  const port = relay.server?.port ?? config.port;
  console.log(`Carnet relay ${config.version} listening on http://localhost:${port}`);
}

try {
  main();
} catch (error) {
  console.error(`Carnet relay failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
