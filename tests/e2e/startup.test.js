// Startup with a folder argument: the app adds the folder, opens its
// overview and scans it by itself. A rescan after an edit shows "1 new";
// History lists both scans and their comparison shows the new MEM001.
// Then a screenshot of every view of this two-scan project goes to
// tests/e2e/artifacts/.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {appendFile, readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {By, Key, chord, copySample, evaluate, focused, goTo, pageProblems, screenshot, startApp, tempDir, waitFor} from './lib/app.js';

let app;
let dir;
let sample;
before(async () => {
  dir = await tempDir('startup');
  sample = await copySample(dir);
  app = await startApp({args: [sample], dialogAnswer: dir});
});
after(async () => {
  await app?.close();
  if (dir) await rm(dir, {recursive: true, force: true});
});

const viewText = (driver) => evaluate(driver, () => document.getElementById('view').textContent);

test('a folder on the command line opens and is scanned; a rescan shows the new finding', {timeout: 60000}, async () => {
  const {driver} = app;
  assert.match(await evaluate(driver, () => location.hash), /^#\/project\/1\/overview$/);
  assert.match(await evaluate(driver, () => document.querySelector('#view h1').textContent), /sample.*Overview/);
  await waitFor(driver, () => /Scanned sample: 11 files/.test(document.getElementById('status').textContent),
    {timeout: 30000, message: 'the automatic first scan'});
  assert.match(await evaluate(driver, () => document.getElementById('status').textContent),
    /29 findings · first scan · score 7/);
  await waitFor(driver, () => document.querySelector('table.checklist tbody tr') && /Latest scan/.test(document.getElementById('view').textContent),
    {message: 'the scanned overview'});
  const facts = await evaluate(driver, () => Object.fromEntries([...document.querySelectorAll('.fact')]
    .map((fact) => [fact.querySelector('dt').textContent, fact.querySelector('dd').textContent])));
  assert.match(facts.Score, /^7/);
  assert.match(facts.Gate, /Fail/);
  assert.match(facts.Findings, /^29/);
  assert.match(await viewText(driver), /This is the first scan/);
  const asyncRow = await evaluate(driver, () => [...document.querySelectorAll('table.checklist tbody tr')]
    .find((row) => /Async uses AnyIO TaskGroups/.test(row.textContent))?.textContent);
  assert.match(asyncRow, /Fail\s*5/);

  // Edit a file of the copy and scan again (Ctrl+R).
  const syncPy = join(sample, 'acme/sync.py');
  const before = (await readFile(syncPy, 'utf8')).split('\n').length - 1;
  await appendFile(syncPy, 'import collections\nq = collections.deque()\n');
  await chord(driver, Key.CONTROL, 'r');
  await waitFor(driver, () => /Scanned sample: .*30 findings · 1 new · 0 fixed/.test(document.getElementById('status').textContent),
    {timeout: 30000, message: 'the rescan (30 findings, 1 new)'});
  await waitFor(driver, () => /Changes since the previous scan/.test(document.getElementById('view').textContent)
    && document.querySelector('.change-counts'), {message: 'the changes section'});
  const changes = await evaluate(driver, () => [...document.querySelectorAll('.change-counts li')].map((li) => li.textContent.trim()));
  assert.deepEqual(changes, ['1 new', '0 fixed', '29 unchanged']);

  // History: two scans; comparing them lists the new MEM001 in acme/sync.py.
  await goTo(driver, '#/project/1/history', '.compare-form');
  assert.match(await viewText(driver), /All scans \(2\)/);
  const scanRows = await evaluate(driver, () => [...document.querySelectorAll('table caption')]
    .find((caption) => caption.textContent === 'Scans, newest first').closest('table').querySelectorAll('tbody tr').length);
  assert.equal(scanRows, 2);
  await driver.findElement(By.css('.compare-form button[type=submit]')).click();
  await waitFor(driver, () => /Scan 1 compared with scan 2/.test(document.querySelector('.comparison h2')?.textContent ?? ''),
    {message: 'the comparison'});
  assert.equal((await focused(driver)).text, 'Scan 1 compared with scan 2');
  assert.match(await evaluate(driver, () => location.hash), /history\/1\.\.2$/);
  const comparison = await evaluate(driver, () => {
    const section = document.querySelector('.comparison');
    const list = (title) => [...section.querySelectorAll('section')].find((s) => s.querySelector('h3')?.textContent.startsWith(title));
    return {
      counts: [...section.querySelectorAll('.change-counts li')].map((li) => li.textContent.trim()),
      added: [...(list('New findings')?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.cells].map((td) => td.textContent.trim())),
      fixed: list('Fixed findings')?.textContent,
    };
  });
  assert.deepEqual(comparison.counts, ['1 new', '0 fixed', '29 unchanged']);
  assert.equal(comparison.added.length, 1);
  const [severity, rule, path, line] = comparison.added[0];
  assert.match(severity, /error/);
  assert.equal(rule, 'MEM001');
  assert.equal(path, 'acme/sync.py');
  assert.equal(line, `${before + 2}:5`, 'the deque() on the second appended line');
  assert.match(comparison.fixed, /None\./);
  assert.deepEqual(await pageProblems(driver), {errors: [], alerts: []});
});

test('screenshots of every view', {timeout: 60000}, async () => {
  const {driver} = app;
  const shots = [];
  const shot = async (name) => shots.push(await screenshot(driver, name));

  await goTo(driver, '#/', 'table.data-table tbody tr');
  await shot('projects');

  await goTo(driver, '#/project/1/overview', 'table.checklist tbody tr');
  await waitFor(driver, () => [...document.querySelectorAll('.chart-grid img')].every((img) => img.complete),
    {message: 'the charts'});
  await shot('overview');
  await evaluate(driver, () => document.querySelector('.chart-grid').scrollIntoView({block: 'start'}));
  await shot('overview-charts');
  const charts = await evaluate(driver, () => [...document.querySelectorAll('.chart-grid img')]
    .map((img) => ({alt: img.alt, width: img.naturalWidth})));
  assert.equal(charts.length, 3, 'three charts');
  assert.ok(charts.every((chart) => chart.width > 0 && chart.alt), `charts drawn, with alt text: ${JSON.stringify(charts)}`);

  await goTo(driver, '#/project/1/findings', 'tr.finding-row[data-loaded="true"]');
  // WebKitWebDriver will not click a <tr>; a click on one of its cells opens it.
  await evaluate(driver, () => document.querySelector('tr.finding-row[data-loaded="true"] td.col-path').click());
  await waitFor(driver, () => document.querySelector('.detail-pane:not([hidden]) .rule-doc'), {message: 'the detail pane'});
  await shot('findings-detail');
  await waitFor(driver, () => document.querySelector('.detail-pane .source li.is-marked'), {message: 'the marked source'});
  await evaluate(driver, () => document.querySelector('.detail-pane .source').scrollIntoView({block: 'center'}));
  await shot('findings-detail-source');

  await goTo(driver, '#/project/1/review', 'form.review-form');
  await shot('review');

  await goTo(driver, '#/project/1/history/1..2', '.comparison h2');
  await shot('history-comparison');

  await goTo(driver, '#/project/1/rules/MEM001', '.rule-doc-panel h2');
  await shot('rules');

  await goTo(driver, '#/settings', 'form.settings-form');
  await shot('settings');

  await goTo(driver, '#/project/1/overview', 'table.checklist tbody tr');
  await evaluate(driver, () => document.querySelector('#view h1').focus());
  await chord(driver, Key.CONTROL, 'e');
  await waitFor(driver, () => document.querySelector('dialog[open] input[type=radio]'), {message: 'the export dialog'});
  await shot('export-dialog');
  await driver.actions().sendKeys(Key.ESCAPE).perform();
  await waitFor(driver, () => !document.querySelector('dialog[open]'), {message: 'the dialog to close'});

  assert.equal(shots.length, 10);
  assert.deepEqual(await pageProblems(driver), {errors: [], alerts: []});
});
