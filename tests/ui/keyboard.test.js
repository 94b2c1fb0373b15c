// A keyboard-only walkthrough (page.keyboard only, no clicks): add a
// project through the (mock) folder dialog, scan it, open a failing
// checklist item's findings, open a finding, close it with Esc, record a
// review, export — checking where focus lands on the way.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {focused, launch} from './lib/browser.js';

let app;
before(async () => { app = await launch(); });
after(async () => app?.close());

/** Presses `key` until `match(focus)` holds; fails after `limit` presses. */
async function tabTo(page, match, {key = 'Tab', limit = 60} = {}) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    const focus = await focused(page);
    if (focus && match(focus)) return focus;
  }
  throw new Error(`focus never reached the target with ${key}; it is on ${JSON.stringify(await focused(page))}`);
}

const statusText = (page) => page.locator('#status').textContent();

test('keyboard-only: add a project, scan, open a failing item, a finding, review, export', async () => {
  const page = await app.open('#/', {projects: 'none'});
  try {
    // The skip link comes first and moves focus to main.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'main');

    // Ctrl+O opens the (mock) folder dialog; the new project opens, focus on its h1.
    await page.keyboard.press('Control+o');
    await page.waitForSelector('#view h1:has-text("Overview")');
    await page.waitForFunction(() => document.activeElement?.matches('#view h1'));
    assert.match((await focused(page)).text, /new-service.*Overview/);
    assert.match(await statusText(page), /Added new-service/);

    // Ctrl+R scans; progress shows "n of 7,981 files"; the end is announced.
    await page.keyboard.press('Control+r');
    await page.waitForSelector('.scan-panel progress');
    await page.waitForFunction(() => /of 7,981 files/.test(document.querySelector('.scan-panel')?.textContent ?? ''));
    await page.waitForFunction(() => /Scanned new-service/.test(document.getElementById('status').textContent), null, {timeout: 10000});
    assert.equal(await page.locator('.scan-panel').count(), 0);
    await page.waitForSelector('table.checklist tbody tr');
    await page.waitForFunction(() => document.activeElement?.matches('#view h1'));

    // Tab to the first failing item's link and open its findings.
    const item = await tabTo(page, (focus) => focus.tag === 'a' && focus.text === 'Buffers are bounded');
    assert.equal(item.text, 'Buffers are bounded');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view h1:has-text("Findings")');
    await page.waitForFunction(() => document.activeElement?.matches('#view h1'));
    assert.match(await page.locator('.item-filter').textContent(), /Buffers are bounded/);
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');

    // Tab into the table, move down a row, open it, close it with Esc.
    const firstRow = await tabTo(page, (focus) => focus.tag === 'tr');
    assert.match(firstRow.text, /MEM00\d/);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-rowindex')), '3');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.detail-pane .rule-doc');
    const detailFocus = await focused(page);
    assert.equal(detailFocus.tag, 'h2');
    assert.match(detailFocus.text, /MEM00\d in .+, line \d+/);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.detail-pane').isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-rowindex')), '3');

    // Back to the tabs, → to Review (automatic activation keeps focus on the tab).
    await tabTo(page, (focus) => focus.role === 'tab', {key: 'Shift+Tab'});
    await page.keyboard.press('ArrowRight');
    const reviewTab = await focused(page);
    assert.equal(reviewTab.text, 'Review');
    assert.equal(await page.getAttribute('#tab-review', 'aria-selected'), 'true');
    await page.waitForSelector('form.review-form');

    // Record a verdict on the first item that needs a person.
    const radio = await tabTo(page, (focus) => focus.type === 'radio');
    assert.equal(radio.value, 'pass');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).tag, 'textarea');
    await page.keyboard.type('Checked the hot paths in acme/core: each has a comment with its cost.');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Record verdict');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.classList.contains('notice-success'));
    assert.match((await focused(page)).text, /Recorded: Pass for “Performance impact comments”/);
    assert.match(await page.locator('section:has(h2:has-text("Review log")) tbody').textContent(), /Checked the hot paths/);

    // Ctrl+E: the export dialog takes focus; Enter exports; focus comes back.
    await page.keyboard.press('Control+e');
    await page.waitForSelector('dialog[open]');
    assert.equal(await page.evaluate(() => document.querySelector('dialog[open]').contains(document.activeElement)), true);
    await tabTo(page, (focus) => focus.text === 'Export…');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.waitForFunction(() => /Report saved to/.test(document.getElementById('status').textContent));
    assert.match(await statusText(page), /Report saved to \/home\/ana\/Documents\/new-service-report\.html/);
    assert.equal((await focused(page)).className, 'notice notice-success');

    const exportCall = await page.evaluate(() => window.__TENET_MOCK__.calls.find((call) => call.command === 'export_report'));
    assert.deepEqual(exportCall.args, {projectId: 5, scanId: null, format: 'html'});
    assert.deepEqual(page.errors.map(String), []);
  } finally {
    await page.close();
  }
});
