// Lighthouse 12 (desktop preset, accessibility only) on every view, light
// and dark. Lighthouse can only load a URL, so it loads the test server's
// /mock.html (the app with the mock backend by <script src>) with the view
// in the hash and the mock's settings in the query string.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import lighthouse, {desktopConfig} from 'lighthouse';
import {CHROMIUM, FLAGS, launch} from './lib/browser.js';
import {startServer} from './lib/server.js';
import {VIEWS} from './lib/views.js';

let server;
let checker;
let chrome;
let profile;
let port;

async function devToolsPort(dir) {
  for (let i = 0; i < 200; i += 1) {
    try {
      const text = await readFile(join(dir, 'DevToolsActivePort'), 'utf8');
      const [value] = text.split('\n');
      if (value) return Number(value);
    } catch {
      // Not written yet.
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('Chromium did not open its debugging port');
}

before(async () => {
  server = await startServer();
  checker = await launch();
  profile = await mkdtemp(join(tmpdir(), 'tenet-lighthouse-'));
  chrome = spawn(CHROMIUM, [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    {stdio: 'ignore'});
  // Do not leave Chromium behind if the run is cut short.
  process.once('exit', () => chrome.kill());
  port = await devToolsPort(profile);
});

after(async () => {
  chrome?.kill();
  await new Promise((done) => (chrome && chrome.exitCode === null ? chrome.once('exit', done) : done()));
  await server?.close();
  await checker?.close();
  await rm(profile, {recursive: true, force: true});
});

for (const theme of ['light', 'dark']) {
  describe(`Lighthouse accessibility, ${theme} theme`, () => {
    for (const view of VIEWS.filter((entry) => !entry.dialog)) {
      test(view.name, async () => {
        const query = new URLSearchParams({theme, ...(view.query ?? {})});
        const url = `${server.origin}/mock.html?${query}${view.hash}`;
        // The page Lighthouse will load must render the view with the mock
        // loaded: an app without its backend would audit as a near-empty shell.
        const page = await checker.context.newPage();
        try {
          await page.goto(url);
          await page.waitForSelector(view.ready);
          assert.equal(await page.locator('#alert').textContent(), '');
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
        } finally {
          await page.close();
        }
        const result = await lighthouse(url, {port, output: 'json', logLevel: 'error', onlyCategories: ['accessibility']}, desktopConfig);
        const category = result.lhr.categories.accessibility;
        const failing = category.auditRefs
          .map((ref) => result.lhr.audits[ref.id])
          .filter((audit) => audit.score !== null && audit.score < 1)
          .map((audit) => `${audit.id}: ${audit.title} ${JSON.stringify(audit.details?.items?.slice(0, 3)?.map((item) => item.node?.snippet))}`);
        assert.equal(result.lhr.runtimeError, undefined, JSON.stringify(result.lhr.runtimeError));
        assert.equal(category.score, 1, `score ${category.score * 100}: ${failing.join('\n')}`);
      });
    }
  });
}
