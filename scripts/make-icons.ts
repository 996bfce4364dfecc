// Draws the site's PNG icons from public/favicon.svg in Debian's Chromium: the home-screen icons
// (192 and 512 px, corners rounded as in the SVG), a full-bleed 512 px one whose cube keeps to
// the middle that Android's masks never cut (purpose "maskable"), and the full-bleed 180 px one
// iOS rounds itself (apple-touch-icon). Run after changing the SVG: npx tsx scripts/make-icons.ts

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../e2e/support.js';

const PUBLIC = join(import.meta.dirname, '..', 'public');
const svg = readFileSync(join(PUBLIC, 'favicon.svg'), 'utf8');
/** The same drawing on a square without rounded corners, the cube scaled about the middle. */
const fullBleed = (scale: number) =>
  svg
    .replace(/rx="\d+"/, 'rx="0"')
    .replace(/(<path[\s\S]*<\/path>|<path[\s\S]*\/>)/, `<g transform="translate(32 32) scale(${scale}) translate(-32 -32)">$1</g>`);

const icons: { file: string; size: number; source: string }[] = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  // The safe zone of a maskable icon is the middle circle of 80% of its width.
  { file: 'icon-maskable-512.png', size: 512, source: fullBleed(0.8) },
  { file: 'apple-touch-icon.png', size: 180, source: fullBleed(0.9) },
];

const browser = await launchChromium();
try {
  for (const { file, size, source } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const data = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${data}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: join(PUBLIC, file), omitBackground: true });
    await page.close();
    console.log(`public/${file}: ${size}×${size}`);
  }
} finally {
  await browser.close();
}
