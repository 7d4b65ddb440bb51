// Relay entry point: reads the configuration, opens the data directory, listens, prints the
// URL (and, on first start, how to create the owner account), and stops cleanly on
// SIGTERM/SIGINT. Startup failures (bad setting, port in use, data dir locked) print one line
// and exit 1.
import { createRelay } from './app.ts';
import { loadConfig } from './config.ts';
import { stopOnSignals } from './lifecycle/shutdown.ts';
import { openServices, type RelayServices } from './services.ts';

const log = (line: string) => console.log(line);

function main(): void {
  const config = loadConfig(process.env);
  let services: RelayServices | null = openServices(config, log);
  const { app: relay, hub, workspaceDoc } = createRelay(config, services);
  // Installed before listening, so a signal sent as soon as the URL is printed is handled.
  // Order: sockets get "going away" (1001) while storage is still open, then the server
  // stops accepting, then the database and the data-dir lock are released.
  stopOnSignals(async () => {
    await workspaceDoc.close();
    await hub.closeAll();
    hub.dispose();
    if (relay.server) await relay.stop();
    await services?.close();
    services = null;
  }, log);

  try {
    // reusePort: false, so a second relay on the same port fails instead of sharing it.
    relay.listen({ port: config.port, reusePort: false });
  } catch (error) {
    void services.close();
    throw error;
  }

  // Workspaces whose doc was never seeded (created before the relay kept it) or whose members
  // changed while an update could not be written.
  void workspaceDoc.reconcileAll();

  const port = relay.server?.port ?? config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  log(`Carnet relay ${config.version} listening on http://localhost:${port}`);
  if (services.auth.needsSetup()) {
    log('');
    log('First start: no account exists yet. Create the owner account and the first workspace:');
    log(`  open ${url}/ in a browser, or`);
    log(`  curl -X POST ${url}/api/setup -H 'content-type: application/json' \\`);
    log(`    -d '{"email":"you@example.com","name":"Your Name","password":"a long password","workspaceName":"My team"${config.setupToken ? ',"setupToken":"<SETUP_TOKEN>"' : ''}}'`);
    log('');
  }
  // Printed last: tests wait for this line to know startup output is complete.
  log(`Data: ${config.dataDir}`);
}

try {
  main();
} catch (error) {
  console.error(`Carnet relay failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
