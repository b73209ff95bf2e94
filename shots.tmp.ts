import { readFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
const names = process.argv.slice(2);
mkdirSync('/tmp/crops', { recursive: true });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const name of names) {
  const p = await b.newPage({ viewport: { width: 1200, height: 900 } });
  await p.setContent(readFileSync(`/tmp/commonweal-reports/${name}.html`, 'utf8'));
  const h = await p.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < h; y += 1200, i++) {
    await p.screenshot({ path: `/tmp/crops/${name}-${String(i).padStart(2, '0')}.png`, fullPage: true, clip: { x: 0, y, width: 1200, height: Math.min(1200, h - y) } });
  }
  console.log(name, h);
  await p.close();
}
await b.close();
