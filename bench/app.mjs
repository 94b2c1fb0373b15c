// Drives the release app through tauri-driver and reads the UI's own
// `tenet:rendered` performance marks (left after each view is on screen).
import {createRequire} from 'node:module';
import {spawn} from 'node:child_process';
import {mkdtempSync, copyFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const {Builder} = require('selenium-webdriver');
const [app, database, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText);
const scratch = mkdtempSync(path.join(tmpdir(), 'tenet-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function session(port) {
  // A copy per session, so every start opens the same database.
  const db = path.join(scratch, `tenet-${port}.db`);
  copyFileSync(database, db);
  const driver = spawn(`${process.env.HOME}/.cargo/bin/tauri-driver`,
    ['--port', String(port), '--native-port', String(port + 1)],
    {stdio: 'ignore', env: {...process.env, TENET_DB: db, TENET_SETTINGS: path.join(scratch, 'settings.json')}});
  await sleep(800);
  const started = performance.now();
  const browser = await new Builder().usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({browserName: 'wry', 'tauri:options': {application: app}}).build();
  await browser.wait(async () => (await browser.executeScript(
    'return document.documentElement.dataset.ready')) === 'true', 20000, 'the app did not start', 5);
  const wall = performance.now() - started;
  const inPage = await browser.executeScript(
    "return performance.getEntriesByName('tenet:rendered')[0].startTime");
  return {driver, browser, wall, inPage};
}

/**
 * Time from the hash change to the view's rendered mark, in the page's
 * clock; with `charts`, [view, charts drawn] (the overview's charts follow it).
 */
async function show(browser, hash, charts = false) {
  return browser.executeAsyncScript(`
    const [hash, charts, done] = arguments;
    performance.clearMarks('tenet:rendered');
    performance.clearMarks('tenet:charts');
    const start = performance.now();
    const poll = () => {
      const mark = performance.getEntriesByName('tenet:rendered').find((m) => m.detail === hash);
      const drawn = performance.getEntriesByName('tenet:charts')[0];
      if (mark && document.querySelector('#view table') && (!charts || drawn)) {
        done(charts ? [mark.startTime - start, drawn.startTime - start] : mark.startTime - start);
      } else setTimeout(poll, 2);
    };
    location.hash = hash;
    poll();`, hash, charts);
}

/** Process start to the projects served to the page, without WebDriver. */
async function bareStart(round) {
  const db = path.join(scratch, `bare-${round}.db`);
  copyFileSync(database, db);
  const child = spawn(app, [], {env: {...process.env, TENET_DB: db, TENET_TRACE_STARTUP: '1',
    TENET_SETTINGS: path.join(scratch, 'settings.json')}, stdio: ['ignore', 'ignore', 'pipe']});
  let text = '';
  const ms = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no start-up trace in 20 s')), 20000);
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const found = /projects listed (\d+) ms after start/.exec(text);
      if (found) { clearTimeout(timer); resolve(Number(found[1])); }
    });
  });
  child.kill();
  await new Promise((r) => child.on('exit', r));
  return ms;
}

const bare = [];
for (let i = 0; i < rounds; i += 1) bare.push(await bareStart(i));

const starts = [];
let last;
for (let i = 0; i < rounds; i += 1) {
  const s = await session(4470 + 2 * i);
  starts.push(s);
  if (i < rounds - 1) { await s.browser.quit(); s.driver.kill(); } else last = s;
}
const {browser} = last;
await browser.manage().setTimeouts({script: 30000});
const projects = await browser.executeAsyncScript(
  'window.__TAURI__.core.invoke("list_projects").then(arguments[0])');
const big = projects.find((p) => p.name === 'big');
const sample = projects.find((p) => p.name === 'sample');
const [firstBig, firstCharts] = await show(browser, `#/project/${big.id}/overview`, true);
const bigTimes = [];
const chartTimes = [];
const sampleTimes = [];
for (let i = 0; i < rounds; i += 1) {
  await show(browser, '#/');
  sampleTimes.push((await show(browser, `#/project/${sample.id}/overview`, true))[0]);
  await show(browser, '#/');
  const [view, drawn] = await show(browser, `#/project/${big.id}/overview`, true);
  bigTimes.push(view);
  chartTimes.push(drawn);
}
const findings = await browser.executeAsyncScript(
  `window.__TAURI__.core.invoke("list_scans", {projectId: ${big.id}}).then((s) => arguments[0]([s.length, s[0].findings]))`);
await browser.quit();
last.driver.kill();

const fmt = (ms) => `${Math.round(ms)} ms`;
console.log(`cold start, process start to projects served (no WebDriver), median of ${rounds}: ${fmt(median(bare))}  (target ≤ 1000 ms: ${(median(bare) / 1000).toFixed(2)}×)`);
console.log(`cold start, wall (WebDriver session to ready), median of ${rounds}: ${fmt(median(starts.map((s) => s.wall)))}  (target ≤ 1000 ms: ${(median(starts.map((s) => s.wall)) / 1000).toFixed(2)}×)`);
console.log(`cold start, in page (navigation to Projects rendered), median: ${fmt(median(starts.map((s) => s.inPage)))}`);
console.log(`project with ${findings[0]} scans, ${findings[1]} findings: first overview ${fmt(firstBig)} (${(firstBig / 300).toFixed(2)}× the 300 ms target), then median ${fmt(median(bigTimes))} (${(median(bigTimes) / 300).toFixed(2)}×)`);
console.log(`  its charts on screen: first ${fmt(firstCharts)}, then median ${fmt(median(chartTimes))}`);
console.log(`peer, the 11-file sample's overview: median ${fmt(median(sampleTimes))}  (big ÷ sample: ${(median(bigTimes) / median(sampleTimes)).toFixed(2)}×)`);
