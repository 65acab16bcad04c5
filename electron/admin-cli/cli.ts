// `npm run admin -- <command> [flags]`: IT and scheduled-job access to a kiosk's data
// without the UI. Each command lives in commands/<name>.ts and is registered below.
// Exit codes: 0 success, 1 the command ran but reports a problem, 2 bad usage or input.
import { COMMANDS } from './commands';

const LOCATION_NOTE =
  'Commands that read a kiosk take --data-dir DIR (or KIOSK_DATA_DIR; default ./.kiosk-data)\nand --config FILE (or KIOSK_CONFIG; default DIR/config.json); flags win.';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const asked = name === undefined || name === 'help' || name === '--help' || name === '-h';
    const list = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n');
    const complaint = asked ? '' : `unknown command "${name}"\n`;
    process.stderr.write(`${complaint}Usage: npm run admin -- <command> [flags]\n\nCommands:\n${list}\n\n${LOCATION_NOTE}\n`);
    return asked ? 0 : 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Commands turn bad arguments into 2 themselves; anything arriving here failed while running.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
