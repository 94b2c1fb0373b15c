// The keyboard-only walkthrough of tests/ui/keyboard.test.js, against the
// real app and backend: WebDriver key actions only, no clicks. Add the
// sample (a temp copy) through the folder dialog (answered by
// TENET_DIALOG_ANSWER), scan it, open the failing "Async uses AnyIO
// TaskGroups" item's findings, open ASY001 in acme/sync.py, close it with
// Esc, record a review, export SARIF — checking where focus lands on the way.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, rm} from 'node:fs/promises';
import {dirname} from 'node:path';
import {Key, chord, copySample, evaluate, exists, focused, pageProblems, press, startApp, tabTo, tempDir, waitFor} from './lib/app.js';

let app;
let dir;
let sample;
before(async () => {
  dir = await tempDir('keyboard');
  sample = await copySample(dir);
  app = await startApp({dialogAnswer: sample});
});
after(async () => {
  await app?.close();
  if (dir) await rm(dir, {recursive: true, force: true});
});

const statusText = (driver) => evaluate(driver, () => document.getElementById('status').textContent);
const headingFocused = (driver) => waitFor(driver, () => document.activeElement?.matches('#view h1'),
  {message: 'focus on the view h1'});

test('keyboard-only: add a folder, scan, open a failing item, a finding, review, export SARIF', {timeout: 60000}, async () => {
  const {driver} = app;

  // No projects yet: the empty state.
  await waitFor(driver, () => /Add a folder to review/.test(document.querySelector('#view h1')?.textContent ?? ''),
    {message: 'the empty state'});

  // The skip link comes first and moves focus to main.
  await press(driver, Key.TAB);
  assert.equal((await focused(driver)).id, 'skip-link');
  await press(driver, Key.ENTER);
  assert.equal((await focused(driver)).id, 'main');

  // Ctrl+O: the folder dialog (answered) adds the copy; its overview opens, focus on the h1.
  await chord(driver, Key.CONTROL, 'o');
  await waitFor(driver, () => /Overview/.test(document.querySelector('#view h1')?.textContent ?? ''), {message: 'the overview'});
  await headingFocused(driver);
  assert.match((await focused(driver)).text, /sample.*Overview/);
  assert.match(await statusText(driver), /Added sample/);
  assert.match(await evaluate(driver, () => location.hash), /^#\/project\/\d+\/overview$/);
  // Added through the dialog, it is not scanned by itself.
  await waitFor(driver, () => /Not scanned yet/.test(document.getElementById('view').textContent), {message: '"Not scanned yet"'});

  // Ctrl+R scans: the progress panel shows, then goes, and the overview shows the gate.
  await evaluate(driver, () => {
    window.__E2E__.scanPanel = null;
    new MutationObserver(() => {
      const panel = document.querySelector('.scan-panel');
      if (panel && !window.__E2E__.scanPanel) {
        window.__E2E__.scanPanel = {progress: Boolean(panel.querySelector('progress')), title: panel.querySelector('h2')?.textContent};
      }
    }).observe(document.getElementById('scans'), {childList: true, subtree: true});
  });
  await chord(driver, Key.CONTROL, 'r');
  await waitFor(driver, () => /Scanned sample/.test(document.getElementById('status').textContent),
    {timeout: 30000, message: 'the end of the scan'});
  const panel = await evaluate(driver, () => window.__E2E__.scanPanel);
  assert.deepEqual(panel, {progress: true, title: 'Scanning sample'}, 'a progress panel showed while scanning');
  assert.match(await statusText(driver), /29 findings .* score 7 · gate failed/);
  await waitFor(driver, () => !document.querySelector('.scan-panel') && document.querySelector('table.checklist tbody tr')
    && /Latest scan/.test(document.getElementById('view').textContent), {message: 'the scanned overview'});
  const gate = await evaluate(driver, () => [...document.querySelectorAll('.fact')]
    .find((fact) => fact.querySelector('dt')?.textContent === 'Gate')?.querySelector('dd')?.textContent);
  assert.match(gate, /Fail/);
  // The overview was re-rendered with focus kept in the view, on its h1.
  await headingFocused(driver);

  // Tab to the failing item's link and open its findings.
  const item = await tabTo(driver, (focus) => focus.tag === 'a' && focus.text === 'Async uses AnyIO TaskGroups');
  assert.equal(item.text, 'Async uses AnyIO TaskGroups');
  await press(driver, Key.ENTER);
  await waitFor(driver, () => /Findings/.test(document.querySelector('#view h1')?.textContent ?? ''), {message: 'the findings view'});
  await headingFocused(driver);
  await waitFor(driver, () => /Async uses AnyIO TaskGroups/.test(document.querySelector('.item-filter')?.textContent ?? ''),
    {message: 'the item filter naming the item'});
  await waitFor(driver, () => document.querySelector('tr.finding-row[data-loaded="true"]'), {message: 'loaded rows'});
  assert.match(await evaluate(driver, () => document.querySelector('.findings-summary').textContent), /^5 findings/);

  // Tab into the table, ↓ to ASY001 in acme/sync.py line 14, open it.
  const firstRow = await tabTo(driver, (focus) => focus.tag === 'tr');
  assert.match(firstRow.text, /ASY00\d/);
  assert.equal(firstRow.rowIndex, '2');
  const target = (focus) => /ASY001/.test(focus.text) && /acme\/sync\.py\s*14:\d+/.test(focus.text);
  const row = target(firstRow) ? firstRow : await tabTo(driver, target, {key: Key.ARROW_DOWN, limit: 5});
  await press(driver, Key.ENTER);
  await waitFor(driver, () => document.querySelector('.detail-pane:not([hidden]) .rule-doc'), {message: 'the finding detail'});
  const detailFocus = await focused(driver);
  assert.equal(detailFocus.tag, 'h2');
  assert.equal(detailFocus.text, 'ASY001 in acme/sync.py, line 14');
  assert.match(await evaluate(driver, () => location.hash), /^#\/project\/\d+\/findings\/[^/?]+/);
  // The source shows line 14 marked, and it is the gather call.
  const marked = await evaluate(driver, () => [...document.querySelectorAll('.detail-pane .source li.is-marked')].map((li) => ({
    number: Number(li.parentElement.start) + [...li.parentElement.children].indexOf(li),
    text: li.querySelector('code').textContent,
  })));
  assert.ok(marked.length >= 1, 'a marked source line');
  assert.equal(marked[0].number, 14);
  assert.match(marked[0].text, /asyncio\.gather\(/);

  // Esc closes the pane and puts focus back on the row.
  await press(driver, Key.ESCAPE);
  assert.equal(await evaluate(driver, () => document.querySelector('.detail-pane').hidden), true);
  const back = await focused(driver);
  assert.equal(back.tag, 'tr');
  assert.equal(back.rowIndex, row.rowIndex);

  // Back to the tabs, → to Review (automatic activation keeps focus on the tab).
  await tabTo(driver, (focus) => focus.role === 'tab', {shift: true});
  assert.equal((await focused(driver)).text, 'Findings');
  await press(driver, Key.ARROW_RIGHT);
  const reviewTab = await focused(driver);
  assert.equal(reviewTab.text, 'Review');
  assert.equal(await evaluate(driver, () => document.getElementById('tab-review').getAttribute('aria-selected')), 'true');
  await waitFor(driver, () => document.querySelector('form.review-form'), {message: 'the review forms'});
  const needing = await evaluate(driver, () => [...document.querySelectorAll('section.card h3')].map((h3) => h3.textContent));
  // performance-comments and memory-limits need review (others with a review part are listed too).
  assert.ok(needing.some((title) => /Performance impact comments.*Needs review/.test(title)), `needing: ${needing}`);
  assert.ok(needing.some((title) => /Hard memory limits.*Needs review/.test(title)), `needing: ${needing}`);

  // Record a verdict with a note on "Performance impact comments".
  const radio = await tabTo(driver, (focus) => focus.type === 'radio' && /Performance impact comments/.test(focus.card ?? ''));
  assert.equal(radio.value, 'pass');
  await press(driver, Key.SPACE);
  assert.equal(await evaluate(driver, () => document.activeElement.checked), true);
  await press(driver, Key.TAB);
  assert.equal((await focused(driver)).tag, 'textarea');
  const note = 'Checked the hot paths in acme/core: each has a comment with its cost.';
  await press(driver, note);
  await press(driver, Key.TAB);
  assert.equal((await focused(driver)).text, 'Record verdict');
  await press(driver, Key.ENTER);
  await waitFor(driver, () => document.activeElement?.classList.contains('notice-success'), {message: 'focus on the confirmation'});
  assert.match((await focused(driver)).text, /Recorded: Pass for “Performance impact comments”/);
  const log = await evaluate(driver, () => [...document.querySelectorAll('section')]
    .find((section) => section.querySelector('h2')?.textContent === 'Review log')?.querySelector('tbody')?.textContent ?? '');
  assert.match(log, /Performance impact comments/);
  assert.match(log, /Checked the hot paths in acme\/core/);
  assert.match(log, /Pass/);

  // Ctrl+E: the export dialog takes focus; choose SARIF; Enter on Export… writes it.
  await chord(driver, Key.CONTROL, 'e');
  await waitFor(driver, () => document.querySelector('dialog[open] input[type=radio]'), {message: 'the export dialog'});
  let focus = await focused(driver);
  assert.equal(focus.inDialog, true, 'focus is in the dialog');
  if (focus.type !== 'radio') focus = await tabTo(driver, (f) => f.type === 'radio', {limit: 5});
  for (let i = 0; i < 6 && focus.value !== 'sarif'; i += 1) {
    await press(driver, Key.ARROW_DOWN);
    focus = await focused(driver);
  }
  assert.equal(focus.value, 'sarif');
  assert.equal(await evaluate(driver, () => document.querySelector('dialog[open] input[value=sarif]').checked), true);
  await tabTo(driver, (f) => f.text === 'Export…', {limit: 10});
  await press(driver, Key.ENTER);
  await waitFor(driver, () => !document.querySelector('dialog[open]'), {message: 'the dialog to close'});
  await waitFor(driver, () => /Report saved to/.test(document.getElementById('status').textContent), {message: '"Report saved to"'});
  // Focus went back to where Ctrl+E was pressed: the confirmation.
  assert.equal((await focused(driver)).className, 'notice notice-success');

  const saved = (await statusText(driver)).replace(/^Report saved to /, '').trim();
  assert.equal(dirname(saved), sample, 'saved in the folder the (answered) save dialog chose');
  assert.match(saved, /\/sample-scan-\d+\.sarif$/);
  assert.ok(exists(saved), `${saved} exists`);
  const sarif = JSON.parse(await readFile(saved, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(Array.isArray(sarif.runs) && sarif.runs.length >= 1);
  const results = sarif.runs.flatMap((run) => run.results ?? []);
  assert.equal(results.length, 29);
  assert.ok(results.some((result) => result.ruleId === 'ASY001'
    && JSON.stringify(result.locations).includes('acme/sync.py')));

  assert.deepEqual(await pageProblems(driver), {errors: [], alerts: []});
});
