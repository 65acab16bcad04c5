// Draws build/icon.png (256×256): a white smiling face on a rounded blue square, the
// kiosk's "satisfied" symbol, and build/icon.ico (the same face at the sizes Windows asks
// for, each entry a PNG as Windows Vista and later accept). Plain Node (zlib) so it runs
// offline with no image tools: with a ready .ico, electron-builder does not download its
// icon converter to build the Windows installer.
// Run: npx node build/make-icon.mjs
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 256;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const SAMPLES = 4; // supersampling per axis, for smooth edges
const BLUE = [0x0b, 0x5f, 0xa5];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf5, 0xb7, 0x01];

function roundedSquare(x, y) {
  const r = 48;
  const dx = Math.max(r - x, 0, x - (SIZE - r));
  const dy = Math.max(r - y, 0, y - (SIZE - r));
  return dx * dx + dy * dy <= r * r;
}

/** Colour of one sample point, or null for transparent. */
function colourAt(x, y) {
  if (!roundedSquare(x, y)) return null;
  const cx = 128;
  const cy = 120;
  const d = Math.hypot(x - cx, y - cy);
  if (d <= 84) {
    const eye = (ex) => Math.hypot(x - ex, y - 98) <= 11;
    if (eye(100) || eye(156)) return BLUE;
    // Smile: a thick arc below the centre.
    const ds = Math.hypot(x - cx, y - 118);
    if (y > 128 && ds >= 40 && ds <= 54) return BLUE;
    return WHITE;
  }
  // A gold underline bar: the rating row beneath the face.
  if (y >= 218 && y <= 230 && x >= 64 && x <= 192) return GOLD;
  return BLUE;
}

/** RGBA rows with PNG's filter byte, the 256-unit drawing scaled to `size` pixels. */
function raster(size) {
  const scale = SIZE / size;
  // Smaller icons need more samples per pixel to keep their edges smooth.
  const samples = SAMPLES * Math.max(1, Math.round(scale));
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((x + (sx + 0.5) / samples) * scale, (y + (sy + 0.5) / samples) * scale);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return raw;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raster(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO file whose entries are PNG images (ICONDIR, then one ICONDIRENTRY per image). */
function ico(images) {
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    dir[e] = size === 256 ? 0 : size; // 0 means 256
    dir[e + 1] = size === 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4); // colour planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([dir, ...images.map((i) => i.data)]);
}

const icon = png(SIZE);
const pngOut = fileURLToPath(new URL('./icon.png', import.meta.url));
fs.writeFileSync(pngOut, icon);
console.log(`wrote ${pngOut} (${icon.length} bytes)`);
const icoData = ico(ICO_SIZES.map((size) => ({ size, data: size === SIZE ? icon : png(size) })));
const icoOut = fileURLToPath(new URL('./icon.ico', import.meta.url));
fs.writeFileSync(icoOut, icoData);
console.log(`wrote ${icoOut} (${icoData.length} bytes)`);
