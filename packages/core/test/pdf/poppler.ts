import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, name)));
}

/**
 * Why poppler-based tests cannot run here, or false. Locally they skip with this
 * message; in CI (`CI` set) they must run, so the reason becomes a failure.
 */
export const popplerMissing: string | false = hasTool('pdftotext') && hasTool('pdfinfo') ? false : 'poppler-utils is not installed (apt-get install poppler-utils)';
if (popplerMissing && process.env.CI) throw new Error(`PDF tests need ${popplerMissing}`);

/** A CJK font from Debian's fonts-wqy-microhei (a TrueType collection), or the override. */
export const CJK_FONT_PATH = process.env.PAUZ_TEST_CJK_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const cjkFontMissing: string | false = existsSync(CJK_FONT_PATH) ? false : `no CJK font at ${CJK_FONT_PATH} (apt-get install fonts-wqy-microhei)`;
if (cjkFontMissing && process.env.CI) throw new Error(`PDF tests need ${cjkFontMissing}`);

async function withFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pauz-pdf-test-'));
  try {
    const path = join(dir, 'doc.pdf');
    await writeFile(path, bytes);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF as `pdftotext` reads it (reading order), pages separated by form feeds. */
export function pdftotext(bytes: Uint8Array, ...args: string[]): Promise<string> {
  return withFile(bytes, async (path) => (await run('pdftotext', ['-enc', 'UTF-8', ...args, path, '-'], { maxBuffer: 64 << 20 })).stdout);
}

/** `pdfinfo` fields (Title, Author, Pages, CreationDate, …), dates as ISO with `-isodates`. */
export function pdfinfo(bytes: Uint8Array): Promise<Record<string, string>> {
  return withFile(bytes, async (path) => {
    const { stdout } = await run('pdfinfo', ['-isodates', '-enc', 'UTF-8', path]);
    const fields: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return fields;
  });
}

/** Every word `pdftotext -bbox` finds, with its box in points (origin top left). */
export function pdfWords(bytes: Uint8Array): Promise<Array<{ page: number; text: string; xMin: number; xMax: number; yMin: number; yMax: number }>> {
  return withFile(bytes, async (path) => {
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { maxBuffer: 64 << 20 });
    const words = [];
    let page = 0;
    for (const line of stdout.split('\n')) {
      if (line.includes('<page ')) page += 1;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (m === null) continue;
      const text = m[5]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      words.push({ page, text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
    }
    return words;
  });
}
