// Cancelling a scan: a generated project of 3,000 Python files (about 230
// lines each, a few findings per file) takes several seconds to scan in a
// debug build. The app is started with it as its folder argument, so it
// scans it at once; Cancel is pressed as soon as progress shows. The UI says
// the scan was cancelled and History keeps it, marked interrupted.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {By, evaluate, goTo, pageProblems, screenshot, startApp, tempDir, waitFor} from './lib/app.js';

const FOLDERS = 30;
const FILES_PER_FOLDER = 100;
const HELPERS_PER_FILE = 20;

/** Writes the big project: each file has an unbounded deque, a threading lock and asyncio.gather. */
async function generate(root) {
  await writeFile(join(root, 'pyproject.toml'), '[project]\nname = "big"\nversion = "0.1.0"\n');
  const helpers = Array.from({length: HELPERS_PER_FILE}, (_, k) => `
def helper_${k}(values, scale=${k}):
    """Sum the scaled values."""
    total = 0
    for value in values:
        if value % 2:
            total += value * scale
        else:
            total -= value // (scale + 1)
    return total
`).join('');
  for (let folder = 0; folder < FOLDERS; folder += 1) {
    const path = join(root, 'pkg', `m${folder}`);
    await mkdir(path, {recursive: true});
    await Promise.all(Array.from({length: FILES_PER_FOLDER}, (_, file) => writeFile(join(path, `f${file}.py`),
      `import asyncio\nimport threading\nfrom collections import deque\n\n_q = deque()\n_lock = threading.Lock()\n\n
async def run_${file}(items):\n    await asyncio.gather(*(work(i) for i in items))\n${helpers}`)));
  }
}

let app;
let dir;
before(async () => {
  dir = await tempDir('cancel');
  const big = join(dir, 'big');
  await mkdir(big);
  await generate(big);
  app = await startApp({args: [big]});
});
after(async () => {
  await app?.close();
  if (dir) await rm(dir, {recursive: true, force: true});
});

test('Cancel stops a running scan; History shows it as interrupted', {timeout: 60000}, async (t) => {
  const {driver} = app;
  // The folder argument's first scan starts by itself. The engine scans files
  // while it lists them, so the panel says "Listing files: n found · m findings
  // so far" for most of the scan: cancel as soon as findings come in.
  const T0 = Date.now();
  const progress = await waitFor(driver, () => {
    const text = document.querySelector('.scan-panel')?.textContent ?? '';
    return /[1-9][\d,]* findings? so far/.test(text) && text;
  }, {timeout: 20000, interval: 20, message: 'scan progress (findings so far)'});
  assert.doesNotMatch(progress, /3,001 of 3,001 files/, 'the scan was still running');
  await driver.findElement(By.css('.scan-panel button')).click();
  const clicked = Date.now();

  // The UI says so, and the panel goes.
  await waitFor(driver, () => /Scan of big cancelled/.test(document.getElementById('status').textContent),
    {timeout: 20000, message: '"Scan of big cancelled"'});
  await waitFor(driver, () => !document.querySelector('.scan-panel'), {message: 'the scan panel to go'});
  const cancelled = Date.now();
  // The partial scan is kept, and the status line and overview say so.
  assert.match(await evaluate(driver, () => document.getElementById('status').textContent),
    /^Scan of big cancelled; what it checked is kept in History as an interrupted scan/);
  await waitFor(driver, () => /Interrupted: the scan started .* did not finish/.test(document.getElementById('view').textContent),
    {message: 'the overview to say the newest scan was interrupted'});

  // History lists the scan, marked Interrupted.
  await goTo(driver, '#/project/1/history', '.compare-form, #view p');
  await waitFor(driver, () => /All scans|No scans yet/.test(document.getElementById('view').textContent), {message: 'the history'});
  const rows = await evaluate(driver, () => {
    const table = [...document.querySelectorAll('table caption')]
      .find((caption) => caption.textContent === 'Scans, newest first')?.closest('table');
    return table ? [...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent) : [];
  });
  assert.equal(rows.length, 1, 'one scan in History');
  assert.match(rows[0], /Interrupted/);
  await screenshot(driver, 'history-interrupted');
  assert.deepEqual(await pageProblems(driver), {errors: [], alerts: []});
  console.error(`cancel: progress after ${clicked - T0} ms; cancelled ${cancelled - clicked} ms after the click; history ${Date.now() - cancelled} ms`);
});
