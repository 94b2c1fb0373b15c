// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every view and dialog, in the
// light, dark and high-contrast themes; screenshots of each in light.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import {ARTIFACTS, axeViolations, describeViolations, launch} from './lib/browser.js';
import {mockConfig, THEMES, VIEWS} from './lib/views.js';

let app;
before(async () => {
  app = await launch();
  await mkdir(ARTIFACTS, {recursive: true});
});
after(async () => app?.close());

for (const theme of THEMES) {
  describe(`axe, ${theme} theme`, () => {
    for (const view of VIEWS) {
      test(view.name, async () => {
        const page = await app.open(view.hash, mockConfig(view, theme));
        try {
          await page.waitForSelector(view.ready);
          if (view.open) await view.open(page);
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
          if (theme === 'light') {
            await page.screenshot({path: `${ARTIFACTS}${view.name}.png`, fullPage: false});
          }
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, describeViolations(violations));
          assert.deepEqual(page.errors.map(String), []);
        } finally {
          await page.close();
        }
      });
    }
  });
}
