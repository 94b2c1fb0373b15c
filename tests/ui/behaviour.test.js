// Behaviour: escaping of backend strings, the single-key shortcuts rule
// (WCAG 2.2 SC 2.1.4), Ctrl+R, virtualisation with 100,000 findings,
// errors in words, dialogs returning focus, sortable columns, tabs, events.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {focused, launch} from './lib/browser.js';

let app;
before(async () => { app = await launch(); });
after(async () => app?.close());

const XSS = '<img src=x onerror=alert(1)>';
const statusText = (page) => page.locator('#status').textContent();

test('an injected file name and HTML in messages render as text', async () => {
  const page = await app.open('#/project/2/findings');
  try {
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');
    await page.locator('#findings-filter').fill('onerror');
    await page.waitForFunction(() => /^1 finding/.test(document.querySelector('.findings-summary').textContent));
    const cell = page.locator('tr.finding-row td.col-path').first();
    assert.equal(await cell.textContent(), `web/${XSS}.html`);
    await page.locator('tr.finding-row').first().press('Enter');
    await page.waitForSelector('.detail-pane .rule-doc');
    assert.match(await page.locator('.detail-pane h2').textContent(), /A11Y001 in web\/<img src=x onerror=alert\(1\)>\.html, line/);

    await page.locator('#findings-filter').fill('bold');
    await page.waitForFunction(() => /<b>bold/.test(document.querySelector('tr.finding-row td.col-message')?.textContent));
    assert.match(await page.locator('tr.finding-row td.col-message').first().textContent(), /<b>bold<\/b> <script>/);

    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"], main img:not(.chart-image)').length,
      scripts: document.querySelectorAll('main script, main b').length,
    }));
    assert.deepEqual(injected, {images: 0, scripts: 0});
    await page.waitForTimeout(200);
    assert.deepEqual(page.dialogs, [], 'no alert() ran');
    assert.deepEqual(page.errors.map(String), []);
  } finally {
    await page.close();
  }
});

test('/ focuses the filter and ? shows the shortcuts, but not while typing', async () => {
  const page = await app.open('#/project/1/findings');
  try {
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');
    await page.locator('main h1').focus();
    await page.keyboard.press('/');
    assert.equal((await focused(page)).id, 'findings-filter');
    await page.keyboard.type('acme/?x/');
    assert.equal(await page.inputValue('#findings-filter'), 'acme/?x/');
    assert.equal(await page.locator('dialog[open]').count(), 0);
    assert.equal((await focused(page)).id, 'findings-filter');

    // In a select (not a text box for typing, but still a text-entry control) too.
    await page.locator('main select').first().focus();
    await page.keyboard.press('?');
    assert.equal(await page.locator('dialog[open]').count(), 0);

    // From a row, ? opens the dialog; Esc closes it and focus returns.
    await page.locator('main h1').focus();
    await page.keyboard.press('?');
    await page.waitForSelector('dialog[open]');
    assert.equal(await page.locator('dialog[open] h2').textContent(), 'Keyboard shortcuts');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog'));
    assert.equal((await focused(page)).tag, 'h1');

    // From another view, / goes to the findings and focuses the filter.
    await page.locator('#tab-overview').click();
    await page.waitForSelector('table.checklist');
    await page.locator('main h1').focus();
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.id === 'findings-filter');
  } finally {
    await page.close();
  }
});

test('with single-key shortcuts off in Settings, / and ? do nothing', async () => {
  const page = await app.open('#/settings');
  try {
    await page.waitForSelector('form.settings-form');
    await page.getByLabel(/Single-key shortcuts/).uncheck();
    await page.getByRole('button', {name: 'Save settings'}).click();
    await page.waitForFunction(() => /Settings saved/.test(document.getElementById('status').textContent));
    assert.equal(await page.evaluate(() => window.__TENET_MOCK__.settings.single_key_shortcuts), false);

    await page.evaluate(() => { location.hash = '#/project/1/findings'; });
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');
    await page.locator('main h1').focus();
    await page.keyboard.press('/');
    await page.keyboard.press('?');
    assert.equal((await focused(page)).tag, 'h1');
    assert.equal(await page.locator('dialog[open]').count(), 0);
    // Ctrl shortcuts still work.
    await page.keyboard.press('Control+e');
    await page.waitForSelector('dialog[open]');
    await page.keyboard.press('Escape');
  } finally {
    await page.close();
  }
});

test('the same holds when the backend says single-key shortcuts are off', async () => {
  const page = await app.open('#/project/2/overview', {shortcuts: false});
  try {
    await page.waitForSelector('table.checklist');
    await page.locator('main h1').focus();
    await page.keyboard.press('?');
    await page.keyboard.press('/');
    assert.equal(await page.locator('dialog[open]').count(), 0);
    assert.equal((await focused(page)).tag, 'h1');
  } finally {
    await page.close();
  }
});

test('Ctrl+R scans instead of reloading, and the scan can be cancelled', async () => {
  const page = await app.open('#/project/2/overview', {scanStepMs: 300});
  try {
    await page.waitForSelector('table.checklist');
    await page.evaluate(() => { window.notReloaded = true; });
    await page.keyboard.press('Control+r');
    await page.waitForSelector('.scan-panel progress');
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.match(await statusText(page), /Scan of web-ui started/);
    assert.ok(await page.evaluate(() => window.__TENET_MOCK__.calls.some((call) => call.command === 'start_scan' && call.args.projectId === 2)));
    // The UI stays usable during the scan.
    await page.locator('#tab-findings').click();
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');
    await page.getByRole('button', {name: 'Cancel scan'}).click();
    await page.waitForFunction(() => /cancelled/.test(document.getElementById('status').textContent));
    assert.equal(await page.locator('.scan-panel').count(), 0);
    assert.equal((await focused(page)).id, 'scan-button');
  } finally {
    await page.close();
  }
});

test('the live region announces the start, quarters and end of a scan, not every file', async () => {
  const page = await app.open('#/project/2/overview', {scanStepMs: 40});
  try {
    await page.waitForSelector('table.checklist');
    await page.evaluate(() => {
      window.announcements = [];
      new MutationObserver(() => window.announcements.push(document.getElementById('status').textContent))
        .observe(document.getElementById('status'), {childList: true, characterData: true, subtree: true});
    });
    await page.keyboard.press('Control+r');
    await page.waitForFunction(() => /Scanned web-ui/.test(document.getElementById('status').textContent));
    const said = await page.evaluate(() => window.announcements);
    assert.ok(said.length <= 5, `too many announcements: ${said.join(' | ')}`);
    assert.match(said.join(' | '), /started.*A quarter.*Half.*Three quarters.*Scanned web-ui/);
  } finally {
    await page.close();
  }
});

test('100,000 findings: fewer than 200 rows in the DOM, and the end is reachable', async () => {
  const page = await app.open('#/project/1/findings');
  try {
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');
    await page.locator('label:has-text("Suppressed findings") + select').selectOption('show');
    await page.waitForFunction(() => /^100,000 findings/.test(document.querySelector('.findings-summary').textContent));
    const rowCount = () => page.locator('table.findings-table tbody tr').count();
    assert.ok(await rowCount() < 200, `rows in DOM: ${await rowCount()}`);
    assert.equal(await page.getAttribute('table.findings-table', 'aria-rowcount'), '100001');

    await page.evaluate(() => {
      const scroller = document.querySelector('.findings-scroller');
      scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(() => document.querySelector('tr.finding-row[aria-rowindex="100001"][data-loaded="true"]'));
    assert.ok(await rowCount() < 200, `rows in DOM after scrolling: ${await rowCount()}`);
    const last = await page.evaluate(() => window.__TAURI__.core.invoke('query_findings', {
      projectId: 1, scanId: null,
      query: {severity: [], rules: [], item: null, text: '', suppressed: 'show', group_by: 'item',
        sort: {key: 'severity', direction: 'ascending'}, offset: 99999, limit: 1}}));
    const lastRow = page.locator('tr.finding-row[aria-rowindex="100001"]');
    assert.equal(await lastRow.locator('td.col-path').textContent(), last.rows[0].path);
    assert.ok(await lastRow.isVisible());

    // Keyboard: Home and End move the active row across the whole set.
    await lastRow.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '2');
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '100001');
    assert.ok(await rowCount() < 200);
  } finally {
    await page.close();
  }
});

test('sortable columns: aria-sort on the sorted column only, toggling direction', async () => {
  const page = await app.open('#/project/2/findings');
  try {
    await page.waitForSelector('tr.finding-row[data-loaded="true"]');
    const sorted = () => page.$$eval('th[aria-sort]', (cells) => cells.map((cell) => [cell.textContent.trim(), cell.getAttribute('aria-sort')]));
    assert.deepEqual(await sorted(), [['Severity▲', 'ascending']]);
    await page.getByRole('button', {name: 'Line'}).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.textContent.startsWith('Line'));
    assert.deepEqual((await sorted()).map(([, direction]) => direction), ['ascending']);
    await page.getByRole('button', {name: 'Line'}).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');
    const query = await page.evaluate(() => window.__TENET_MOCK__.calls.filter((call) => call.command === 'query_findings').at(-1).args.query);
    assert.deepEqual(query.sort, {key: 'line', direction: 'descending'});
  } finally {
    await page.close();
  }
});

test('tabs follow the APG pattern: ←/→/Home/End with automatic activation', async () => {
  const page = await app.open('#/project/2/overview');
  try {
    await page.waitForSelector('table.checklist');
    await page.locator('#tab-overview').focus();
    for (const [key, expected] of [['ArrowRight', 'findings'], ['End', 'rules'], ['ArrowRight', 'overview'], ['ArrowLeft', 'rules'], ['Home', 'overview']]) {
      await page.keyboard.press(key);
      assert.equal((await focused(page)).id, `tab-${expected}`);
      assert.equal(await page.getAttribute(`#tab-${expected}`, 'aria-selected'), 'true');
      assert.equal(await page.getAttribute('#view-panel', 'aria-labelledby'), `tab-${expected}`);
      assert.match(page.url(), new RegExp(`#/project/2/${expected}`));
    }
    assert.equal(await page.locator('[role=tab][tabindex="0"]').count(), 1);
  } finally {
    await page.close();
  }
});

test('an arrow key held down keeps focus on the tabs', async () => {
  const page = await app.open('#/project/2/overview');
  try {
    await page.waitForSelector('table.checklist');
    await page.locator('#tab-overview').focus();
    const rendered = () => page.evaluate(() => performance.getEntriesByName('tenet:rendered').length);
    const before = await rendered();
    // Two presses in one task, as auto-repeat can deliver them: both hash
    // changes are queued before either is handled.
    await page.evaluate(() => {
      for (let i = 0; i < 2; i += 1) {
        document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
      }
    });
    await page.waitForFunction((count) => performance.getEntriesByName('tenet:rendered').length >= count, before + 2);
    assert.match(page.url(), /#\/project\/2\/review/);
    assert.equal((await focused(page)).id, 'tab-review');
  } finally {
    await page.close();
  }
});

test('errors reach the reviewer in words, and the UI is not stuck', async () => {
  const page = await app.open('#/project/4/overview');
  try {
    await page.waitForSelector('table.checklist');
    await page.keyboard.press('Control+r');
    await page.waitForFunction(() => /failed/.test(document.getElementById('status').textContent));
    assert.match(await statusText(page), /Scan of broken-config failed: `tenet\.toml` line 12: unknown key `selectt`/);
    assert.match(await page.locator('#alert').textContent(), /Error: `tenet\.toml` line 12/);
    assert.equal(await page.locator('.scan-panel').count(), 0);

    // Open in editor fails: said in the detail pane, the pane still works.
    await page.evaluate(() => { location.hash = '#/project/4/findings/p4-f0'; });
    await page.waitForSelector('.detail-pane .rule-doc');
    await page.getByRole('button', {name: 'Open in editor'}).click();
    await page.waitForSelector('.detail-pane .error-message');
    assert.match(await page.locator('.detail-pane .error-message').textContent(), /Could not start the editor/);
    await page.getByRole('button', {name: /Close/}).click();
    assert.equal(await page.locator('.detail-pane').isHidden(), true);

    // An overruling verdict without a reason is refused with a sentence.
    await page.locator('#tab-review').click();
    const form = page.locator('form.review-form').last();
    await form.getByLabel('Fail').check();
    await form.getByRole('button', {name: 'Record verdict'}).click();
    assert.match(await form.locator('.error-message').textContent(), /Give a reason/);
    assert.equal((await focused(page)).tag, 'textarea');

    // A missing project is named plainly.
    await page.evaluate(() => { location.hash = '#/project/99/overview'; });
    await page.waitForSelector('h1:has-text("Project not found")');
    assert.deepEqual(page.dialogs, []);
  } finally {
    await page.close();
  }
});

test('remove a project: the dialog asks about history, Esc returns focus', async () => {
  const page = await app.open('#/');
  try {
    await page.waitForSelector('table.data-table tbody tr');
    const button = page.getByRole('button', {name: /^Remove web-ui/});
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open]');
    assert.equal(await page.locator('dialog[open] h2').textContent(), 'Remove web-ui?');
    assert.equal((await focused(page)).type, 'radio');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog'));
    assert.match((await focused(page)).text, /Remove web-ui/);

    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open]');
    await page.getByLabel('Delete them for good').check();
    await page.getByRole('button', {name: 'Remove project'}).click();
    await page.waitForFunction(() => /Removed web-ui; its history was deleted/.test(document.getElementById('status').textContent));
    const call = await page.evaluate(() => window.__TENET_MOCK__.calls.find((entry) => entry.command === 'remove_project'));
    assert.deepEqual(call.args, {projectId: 2, keepHistory: false});
    assert.equal(await page.locator('#project-list a:has-text("web-ui")').count(), 0);
    assert.equal((await focused(page)).tag, 'h1');
  } finally {
    await page.close();
  }
});

test('projects list: ↑/↓ move, Enter opens; a dropped folder and a notice arrive as events', async () => {
  const page = await app.open('#/');
  try {
    await page.waitForSelector('#project-list a');
    await page.locator('#project-list a').first().focus();
    await page.keyboard.press('ArrowDown');
    assert.match((await focused(page)).text, /^web-ui/);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view h1:has-text("Overview")');
    assert.match(page.url(), /#\/project\/2\/overview/);
    assert.equal(await page.getAttribute('#project-list a[aria-current=page]', 'href'), '#/project/2/overview');

    await page.evaluate(() => window.__TENET_MOCK__.dropFolder());
    await page.waitForSelector('#project-list a:has-text("new-service")');
    await page.waitForFunction(() => location.hash === '#/project/5/overview');

    await page.evaluate(() => window.__TENET_MOCK__.emit('tenet://notice', {kind: 'invalid', message: 'notes.txt is a file, not a folder: drop a folder to review it.'}));
    assert.match(await page.locator('#alert').textContent(), /notes\.txt is a file, not a folder/);
  } finally {
    await page.close();
  }
});

test('the sample project can be added from the empty state', async () => {
  const page = await app.open('#/', {projects: 'none'});
  try {
    await page.getByRole('button', {name: 'Add the sample project'}).click();
    await page.waitForSelector('#view h1:has-text("Overview")');
    assert.match(await page.locator('#crumb-project').textContent(), /sample/);
  } finally {
    await page.close();
  }
});

test('layout reflows at 320 CSS pixels without horizontal scrolling of the page', async () => {
  for (const hash of ['#/', '#/project/1/overview', '#/project/1/review', '#/settings']) {
    const page = await app.open(hash, {}, {width: 320, height: 640});
    try {
      await page.waitForSelector('main h1');
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${hash} overflows by ${overflow}px at 320px`);
    } finally {
      await page.close();
    }
  }
});

test('a repository added is offered its history; the backfill shows progress, announces quarters and can be cancelled', async () => {
  const page = await app.open('#/', {git: 8, scanStepMs: 40});
  try {
    await page.waitForSelector('table.data-table tbody tr');
    await page.evaluate(() => {
      window.announcements = [];
      new MutationObserver(() => window.announcements.push(document.getElementById('status').textContent))
        .observe(document.getElementById('status'), {childList: true, characterData: true, subtree: true});
    });
    await page.getByRole('button', {name: 'Add folder…'}).first().click();
    await page.waitForSelector('dialog[open]');
    assert.equal(await page.locator('dialog[open] h2').textContent(), 'Build the trend of new-service from git?');
    assert.match(await page.locator('dialog[open]').textContent(), /last 8 commits/);
    await page.evaluate(() => { window.announcements = []; });
    await page.keyboard.press('Enter'); // the primary button has focus
    await page.waitForFunction(() => /Built the trend of new-service: 8 commits scanned/.test(document.getElementById('status').textContent));
    const said = await page.evaluate(() => window.announcements);
    assert.ok(said.length <= 5, `too many announcements: ${said.join(' | ')}`);
    assert.match(said.join(' | '), /Reading the history.*A quarter.*Half.*Three quarters.*Built the trend/);
    const call = await page.evaluate(() => window.__TENET_MOCK__.calls.find((entry) => entry.command === 'start_backfill'));
    assert.deepEqual(call.args, {projectId: 5, commits: 8});
    assert.equal(await page.locator('.scan-panel').count(), 0);
    // The commit subject came from the repository: shown as text, never markup.
    assert.equal(await page.locator('img[src=x]').count(), 0);
  } finally {
    await page.close();
  }

  const again = await app.open('#/', {git: 8, scanStepMs: 400});
  try {
    await again.waitForSelector('table.data-table tbody tr');
    await again.getByRole('button', {name: 'Add folder…'}).first().click();
    await again.getByRole('button', {name: 'Build the trend'}).click();
    await again.waitForSelector('.scan-panel progress[value]');
    await again.waitForFunction(() => /Release 1\.1/.test(document.querySelector('.scan-current')?.textContent ?? ''));
    await again.getByRole('button', {name: 'Cancel', exact: true}).click();
    await again.waitForFunction(() => /Stopped reading the history of new-service; \d+ commits? kept/.test(document.getElementById('status').textContent));
    assert.equal(await again.locator('.scan-panel').count(), 0);
  } finally {
    await again.close();
  }

  const declined = await app.open('#/', {git: 8});
  try {
    await declined.waitForSelector('table.data-table tbody tr');
    await declined.getByRole('button', {name: 'Add folder…'}).first().click();
    await declined.waitForSelector('dialog[open]');
    await declined.keyboard.press('Escape');
    await declined.waitForFunction(() => !document.querySelector('dialog'));
    assert.ok(!(await declined.evaluate(() => window.__TENET_MOCK__.calls.some((c) => c.command === 'start_backfill'))));
    assert.notEqual((await focused(declined)).tag, 'body', 'focus is not lost');
    // Declined now, still offered later from History.
    await declined.evaluate(() => { location.hash = '#/project/5/history'; });
    const hint = declined.locator('.backfill-hint');
    await hint.waitFor();
    assert.match(await hint.textContent(), /8 recent commits of this repository are not in the history/);
    await declined.getByRole('button', {name: 'Build the trend from git…'}).click();
    await declined.waitForSelector('dialog[open]');
    assert.equal(await declined.locator('dialog[open] h2').textContent(), 'Build the trend of new-service from git?');
  } finally {
    await declined.close();
  }
});
