// `npm run admin -- <command> [flags]`: IT and scheduled-job access to a kiosk's data
// without the UI. Each command lives in commands/<name>.ts and is registered below.
// Exit codes: 0 success, 1 the command ran but reports a problem, 2 bad usage or input.
import { capYoungGeneration } from '../services/memory-bounds';
import { COMMANDS } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const list = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n');
    process.stderr.write(`Usage: npm run admin -- <command> [flags]\n\nCommands:\n${list}\n`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  return command.run(rest);
}

// `sync` may drain a long queue, as the kiosk's own uploader does.
capYoungGeneration();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
