// `npm run admin -- hash-pin [--pin DIGITS]`: prints the scrypt hash to put in the config's
// admin.pinHash. Reads the PIN from stdin unless --pin is given (scripts); stdin keeps it
// out of the shell history and the process list.
import { hashPin, isValidPin } from '../../services/admin/pin-hash';
import { parseFlags, UsageError } from '../../services/command-line';
import { runCommand } from './report-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- hash-pin [--pin DIGITS]   (or: echo 123456 | npm run admin -- hash-pin)';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('PIN (4-12 digits), then Enter: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    // At a terminal, stop at the first line instead of waiting for Ctrl-D.
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(0x0a)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export const hashPinCommand: AdminCommand = {
  name: 'hash-pin',
  summary: 'print the scrypt hash of a PIN for admin.pinHash (PIN from stdin, or --pin)',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const flags = parseFlags(argv, { pin: { type: 'string' } });
      const pin = (flags.pin ?? (await readStdin())).trim();
      if (!isValidPin(pin)) throw new UsageError('the PIN must be 4 to 12 digits');
      process.stdout.write(`${await hashPin(pin)}\n`);
      return 0;
    }),
};
