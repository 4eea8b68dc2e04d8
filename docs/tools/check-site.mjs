// Checks the built documentation site (docs/api) the way a reader's browser would
// follow it: every relative link and asset of every page points at a file that
// exists, and every #fragment at an id on the target page. TypeDoc validates links
// between symbols; this also covers the Markdown links of the README and the guides
// (`[mounting](mounting.md#behind-a-proxy)`), which it rewrites but does not check.
// Run by `pnpm docs:build` after TypeDoc; exits 1 listing every broken link.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const site = resolve(dirname(fileURLToPath(import.meta.url)), '../api');
if (!existsSync(join(site, 'index.html'))) {
  console.error(`no site at ${site}: run typedoc first`);
  process.exit(1);
}
const pages = readdirSync(site, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.html'))
  .map((e) => join(e.parentPath, e.name));

const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return ids.get(file);
};

const broken = [];
let links = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const [, attr, value] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    if (/^(https?:|mailto:|data:|javascript:)/.test(value) || value === '') continue;
    links++;
    const [path, fragment] = value.replace(/&amp;/g, '&').split('#');
    const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path.split('?')[0]));
    const where = `${relative(site, page)}: ${attr}="${value}"`;
    if (!target.startsWith(site) || !existsSync(target)) broken.push(`${where} → no such file`);
    else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) broken.push(`${where} → no id "${fragment}" there`);
  }
}
// Markdown a reader would see raw: a guide's link TypeDoc did not rewrite to its page.
for (const page of pages) {
  for (const [, value] of readFileSync(page, 'utf8').matchAll(/href="([^"#]*\.md)(#[^"]*)?"/g)) broken.push(`${relative(site, page)}: links to the raw file ${value}`);
}
if (broken.length > 0) {
  console.error(`${broken.length} broken link(s) in ${site}:\n  ${[...new Set(broken)].join('\n  ')}`);
  process.exit(1);
}
console.log(`docs site: ${pages.length} pages, ${links} relative links, none broken`);
