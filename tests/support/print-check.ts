// Reading printed reports back the way a person sees them: a PDF through poppler (pdfinfo,
// pdftotext with word boxes), an .xlsx through LibreOffice's own PDF export, the way a
// clerk without Excel prints it. LibreOffice is not an npm package: .ci/run installs it, and
// a developer without it gets a failing test that names the Debian packages, never a skip.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What `.ci/run` installs; named in the failure a developer without them sees. */
export const LIBREOFFICE_PACKAGES = ['libreoffice-calc-nogui', 'fonts-croscore'] as const;
const INSTALL_HINT = `apt-get install --no-install-recommends ${LIBREOFFICE_PACKAGES.join(' ')}`;

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Throws, naming the Debian packages, unless LibreOffice and Tinos are installed. Tinos is
 * how LibreOffice prints "Times New Roman" here with Excel's line and page breaks (the same
 * metrics) and every Vietnamese letter.
 */
export function requireLibreOffice(): void {
  if (!onPath('soffice')) throw new Error(`LibreOffice (soffice) is not installed; the Excel print tests need it: ${INSTALL_HINT}`);
  const tinos = spawnSync('fc-list', [':family=Tinos', 'family'], { encoding: 'utf8' });
  if (tinos.status !== 0 || !tinos.stdout.includes('Tinos')) throw new Error(`The Tinos font is not installed; the Excel print tests need it: ${INSTALL_HINT}`);
}

/**
 * A LibreOffice profile of the test's own (a developer's open LibreOffice or another test's
 * conversion never shares it) whose font replacement table prints Times New Roman as Tinos,
 * so the result does not depend on which other serif fonts the machine has.
 */
export function libreOfficeProfile(): { url: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  fs.mkdirSync(path.join(dir, 'user'));
  fs.writeFileSync(
    path.join(dir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Font/Substitution"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs"><node oor:name="_0" oor:op="replace"><prop oor:name="Always" oor:op="fuse"><value>true</value></prop><prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop><prop oor:name="ReplaceFont" oor:op="fuse"><value>Times New Roman</value></prop><prop oor:name="SubstituteFont" oor:op="fuse"><value>Tinos</value></prop></node></item>
</oor:items>
`,
  );
  return { url: `file://${dir}`, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Converts a spreadsheet to PDF with headless LibreOffice; returns the PDF's path. */
export function convertToPdf(file: string, outDir: string, profileUrl: string): string {
  const run = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profileUrl}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  if (run.status !== 0 || !fs.existsSync(pdf)) {
    throw new Error(`LibreOffice could not convert ${file}: status ${run.status}\n${run.stdout}\n${run.stderr}`);
  }
  return pdf;
}

export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** Each page's text in reading layout (pdftotext -layout), NFC. */
export function pageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** A page's non-empty lines, trimmed. */
export const linesOf = (page: string): string[] =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of every page with its box in points from the page's top left (pdftotext -bbox). */
export function pageWords(file: string): Word[][] {
  const html = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: decode(m[5]!).normalize('NFC'),
      })),
    );
}

/** The names of the fonts a PDF embeds, subset prefixes removed (pdffonts). */
export function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name, type words…, encoding, emb, sub, uni, object id, generation
    return { name: cols[0]!.replace(/^[A-Z]{6}\+/, ''), embedded: cols.at(-5) === 'yes' };
  });
}

/** One entry of an .xlsx (a zip) as text, read with unzip. */
export function xlsxPart(file: string, part: string): string {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
