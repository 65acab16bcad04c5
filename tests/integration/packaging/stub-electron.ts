// A stand-in for the Electron release electron-builder packages around the app, which it
// otherwise downloads (this machine cannot). electron-builder copies a folder given as
// `electronDist`, renames the binary and flips the fuses in it, so the stub binary carries
// what @electron/fuses looks for: the sentinel, then the fuse wire (version 1, its length,
// one ASCII '0'/'1' per fuse) with the states a real Electron 45 ships.
import fs from 'node:fs';
import path from 'node:path';

/** @electron/fuses' SENTINEL: the bytes that precede the fuse wire in every Electron binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron's defaults, in wire order (FuseV1Options): runAsNode on, cookie encryption off,
 * NODE_OPTIONS on, --inspect on, asar integrity off, only-load-from-asar off, browser V8
 * snapshot off, file:// privileges on. The test then sees each configured fuse change.
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export function fuseWire(states = ELECTRON_DEFAULT_FUSES): Buffer {
  return Buffer.concat([Buffer.from(FUSE_SENTINEL, 'ascii'), Buffer.from([1, states.length]), Buffer.from(states, 'ascii')]);
}

/** The fuse states in a binary, as the '0'/'1' string of fuseWire(). */
export function readFuses(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL, 0, 'ascii');
  if (at < 0) throw new Error('no fuse sentinel in the binary');
  const wire = at + FUSE_SENTINEL.length;
  return binary.toString('ascii', wire + 2, wire + 2 + binary[wire + 1]!);
}

/** An unpacked Linux Electron as electron-builder expects it: `electron`, LICENSE, resources/. */
export function writeStubLinuxElectron(dir: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([Buffer.from('\x7fELF stub Electron, never run\n', 'latin1'), fuseWire()]), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stub Electron for packaging tests.\n');
}
