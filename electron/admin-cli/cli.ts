// `npm run admin -- <command> [flags]`: IT and scheduled-job access to a kiosk's data
// without the UI. Each command lives in commands/<name>.ts and is registered below.
// Exit codes (EXIT_CODES_NOTE): 0 success, 1 the command ran but reports a problem, 2 bad
// usage or input, 3 `sync` with uploads off.
import { COMMANDS } from './commands';

const LOCATION_NOTE = [
  'Commands that read a kiosk find it where the kiosk looks: --data-dir DIR (or KIOSK_DATA_DIR),',
  "else the kiosk on this machine that has a database (the web host's <project>/.kiosk-data or",
  "the Electron kiosk's userData); --config FILE (or KIOSK_CONFIG), else the config that kiosk",
  'reads (DIR/config.json; the Electron kiosk on Windows: %ProgramData%\\SatisfactionKiosk\\config.json).',
  'Flags win. A database written by another unit or kiosk than the config names is refused.',
].join('\n');

const EXIT_CODES_NOTE = 'Exit codes: 0 done, 1 ran but reports a problem, 2 bad arguments, 3 sync with uploads off (server.url empty).';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const asked = name === undefined || name === 'help' || name === '--help' || name === '-h';
    const list = COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n');
    const complaint = asked ? '' : `unknown command "${name}"\n`;
    process.stderr.write(`${complaint}Usage: npm run admin -- <command> [flags]\n\nCommands:\n${list}\n\n${LOCATION_NOTE}\n\n${EXIT_CODES_NOTE}\n`);
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
