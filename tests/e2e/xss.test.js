// A file name is data, never markup: a file named
// `<img src=x onerror=alert(1)>.py` with a finding in it shows its name as
// text in the findings table and the detail pane; no img element is made and
// no alert runs.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {evaluate, goTo, pageProblems, startApp, tempDir, waitFor} from './lib/app.js';

const NAME = '<img src=x onerror=alert(1)>.py';

let app;
let dir;
before(async () => {
  dir = await tempDir('xss');
  const project = join(dir, 'xss');
  await mkdir(project);
  await writeFile(join(project, 'pyproject.toml'), '[project]\nname = "xss"\nversion = "0.1.0"\n');
  await writeFile(join(project, NAME), 'import torch\n');
  app = await startApp({args: [project]});
});
after(async () => {
  await app?.close();
  if (dir) await rm(dir, {recursive: true, force: true});
});

test('a file named like markup renders as text in the findings table and detail', {timeout: 60000}, async () => {
  const {driver} = app;
  await waitFor(driver, () => /Scanned xss/.test(document.getElementById('status').textContent),
    {timeout: 30000, message: 'the automatic scan'});
  await goTo(driver, '#/project/1/findings', 'tr.finding-row[data-loaded="true"], .findings-empty:not([hidden])');
  const cells = await evaluate(driver, () => [...document.querySelectorAll('tr.finding-row td.col-path')]
    .map((td) => ({text: td.textContent, title: td.getAttribute('title'), children: td.children.length})));
  assert.ok(cells.length >= 1, 'the file has a finding');
  const cell = cells.find((entry) => entry.text === '<img src=x onerror=alert(1)>.py');
  assert.ok(cell, `the path shows as text: ${JSON.stringify(cells)}`);
  assert.equal(cell.children, 0);
  assert.equal(cell.title, '<img src=x onerror=alert(1)>.py');
  assert.equal(await evaluate(driver, () => document.querySelectorAll('#view img').length), 0, 'no img element in the findings view');

  // The detail pane names it as text too.
  await evaluate(driver, () => document.querySelector('tr.finding-row[data-loaded="true"] td.col-path').click());
  await waitFor(driver, () => /line 1$/.test(document.querySelector('.detail-pane:not([hidden]) h2')?.textContent ?? ''),
    {message: 'the detail heading'});
  const heading = await evaluate(driver, () => document.querySelector('.detail-pane h2').textContent);
  assert.match(heading, /^[A-Z]+\d+ in <img src=x onerror=alert\(1\)>\.py, line 1$/);
  assert.equal(await evaluate(driver, () => document.querySelectorAll('.detail-pane img, #view img').length), 0);

  // The overview and History (hotspots, comparison) keep it text as well.
  await goTo(driver, '#/project/1/overview', 'table.checklist tbody tr');
  assert.equal(await evaluate(driver, () => document.querySelectorAll('#view img:not(.chart-image):not([src^="data:"])').length), 0);
  assert.deepEqual(await pageProblems(driver), {errors: [], alerts: []});
});
