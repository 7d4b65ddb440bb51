// Graceful shutdown: on SIGTERM or SIGINT, stop accepting connections, then exit 0, so
// supervisors (systemd, Docker, tests) see a clean stop.
export function stopOnSignals(stop: () => Promise<unknown>, log: (line: string) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`Received ${signal}, stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Error while stopping', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
