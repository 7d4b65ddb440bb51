// Entry point of `npm run carnet -- <command>` (see commands.ts for the commands).
import { runCli } from './commands.ts';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exit(code);
