// Starts the real Tenet app through tauri-driver (which spawns
// WebKitWebDriver, which spawns the app) with a private database, settings
// file and runtime folder, and gives the tests small WebDriver helpers.
// tauri-driver passes its own environment to the app, so each app gets its
// own tauri-driver process with the TENET_* variables that scenario needs.
import {spawn} from 'node:child_process';
import {cp, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {createServer} from 'node:net';
import {homedir, tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Builder, By, Key, until} from 'selenium-webdriver';

export {By, Key, until};

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const REPO = resolve(HERE, '../../..');
export const APP = process.env.TENET_APP ?? join(REPO, 'target/debug/tenet-app');
export const TAURI_DRIVER = process.env.TAURI_DRIVER ?? join(homedir(), '.cargo/bin/tauri-driver');
export const SAMPLE = join(REPO, 'examples/sample');
export const ARTIFACTS = join(HERE, '../artifacts');

/** A fresh temp folder (removed by the caller's cleanup). */
export const tempDir = (prefix) => mkdtemp(join(tmpdir(), `tenet-e2e-${prefix}-`));

/** Copies the sample project to a new temp folder; returns its path. */
export async function copySample(parent, name = 'sample') {
  const target = join(parent, name);
  await cp(SAMPLE, target, {recursive: true});
  return target;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitForPort(port, child, output, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited (${child.exitCode}):\n${output.join('')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.status < 500) return;
    } catch { /* not listening yet */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`tauri-driver did not listen on ${port} in ${timeoutMs} ms:\n${output.join('')}`);
}

/**
 * Starts the app. `args`: the app's arguments (a folder); `dialogAnswer`:
 * TENET_DIALOG_ANSWER; `prepare(paths)` runs before start (e.g. to write a
 * broken database). Resolves to {driver, paths, output, close()} once the
 * UI has booted (html[data-ready=true]).
 */
export async function startApp({args = [], dialogAnswer = null, prepare = null, dir = null} = {}) {
  const root = dir ?? await tempDir('run');
  const runtime = join(root, 'xdg-runtime');
  await mkdir(runtime, {recursive: true, mode: 0o700});
  const paths = {root, db: join(root, 'tenet.db'), settings: join(root, 'settings.json'), runtime};
  if (prepare) await prepare(paths);

  const [port, nativePort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    TENET_DB: paths.db,
    TENET_SETTINGS: paths.settings,
    XDG_RUNTIME_DIR: runtime,
  };
  delete env.TENET_DIALOG_ANSWER;
  if (dialogAnswer) env.TENET_DIALOG_ANSWER = dialogAnswer;
  const output = [];
  // In a process group of its own, with WebKitWebDriver and the app it
  // starts: `close` ends all three. An app that outlived its session (a
  // fresh-debian run saw one, left by WebKitWebDriver when it was stopped)
  // held tauri-driver's output pipes open, and the test process waited for
  // them for ever.
  const child = spawn(TAURI_DRIVER, ['--port', String(port), '--native-port', String(nativePort)],
    {env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
  child.stdout.on('data', (chunk) => output.push(String(chunk)));
  child.stderr.on('data', (chunk) => output.push(String(chunk)));
  const signalGroup = (signal) => {
    try { process.kill(-child.pid, signal); } catch { /* the group is gone */ }
  };
  // If the test process dies, take tauri-driver, WebKitWebDriver and the app along.
  const onExit = () => signalGroup('SIGKILL');
  process.once('exit', onExit);

  let driver = null;
  const close = async () => {
    try { await driver?.quit(); } catch { /* the session may be gone */ }
    if (child.exitCode === null) {
      signalGroup('SIGTERM');
      await Promise.race([new Promise((ok) => child.once('exit', ok)), new Promise((ok) => setTimeout(ok, 3000))]);
    }
    // Whatever of the group is left (the app, if its session did not end it).
    signalGroup('SIGKILL');
    child.stdout.destroy();
    child.stderr.destroy();
    process.removeListener('exit', onExit);
    if (!dir) await rm(root, {recursive: true, force: true}).catch(() => {});
  };
  try {
    await waitForPort(port, child, output);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}/`)
      .withCapabilities({browserName: 'wry', 'tauri:options': {application: APP, args}})
      .build();
    await driver.manage().setTimeouts({implicit: 0, script: 20000});
    await waitFor(driver, () => document.documentElement.dataset.ready === 'true', {
      timeout: 20000, message: 'the UI never booted (html[data-ready])'});
    // Collect uncaught errors and alerts (an XSS would call alert()).
    await driver.executeScript(`
      window.__E2E__ = {errors: [], alerts: []};
      window.addEventListener('error', (e) => window.__E2E__.errors.push(String(e.message)));
      window.addEventListener('unhandledrejection', (e) => window.__E2E__.errors.push(String(e.reason?.message ?? e.reason)));
      window.alert = (m) => { window.__E2E__.alerts.push(String(m)); };
    `);
  } catch (error) {
    await close();
    error.message += `\n--- tauri-driver output ---\n${output.join('').slice(-4000)}`;
    throw error;
  }
  return {driver, paths, output, close};
}

/**
 * Waits until `fn` (run in the page, with `args`) returns something truthy;
 * resolves to that value. Polls; fails with `message` after `timeout` ms.
 */
export async function waitFor(driver, fn, {args = [], timeout = 10000, message = null, interval = 50} = {}) {
  const deadline = Date.now() + timeout;
  const source = `return (${fn.toString()}).apply(null, arguments);`;
  let last = null;
  while (Date.now() < deadline) {
    try {
      const value = await driver.executeScript(source, ...args);
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((ok) => setTimeout(ok, interval));
  }
  const state = await describePage(driver).catch(() => '(page unavailable)');
  throw new Error(`timed out after ${timeout} ms waiting for ${message ?? fn.toString()}${last ? ` (last error: ${last.message})` : ''}\n${state}`);
}

/** Evaluates `fn` in the page and returns its value. */
export const evaluate = (driver, fn, ...args) => driver.executeScript(`return (${fn.toString()}).apply(null, arguments);`, ...args);

/** What is on screen, for failure messages. */
export function describePage(driver) {
  return evaluate(driver, () => ({
    hash: location.hash,
    h1: document.querySelector('#view h1')?.textContent,
    status: document.getElementById('status')?.textContent,
    alert: document.getElementById('alert')?.textContent,
    focus: document.activeElement?.outerHTML?.slice(0, 200),
  })).then((value) => `page: ${JSON.stringify(value)}`);
}

/** The element that has focus, described for assertions (as tests/ui does). */
export function focused(driver) {
  return evaluate(driver, () => {
    const element = document.activeElement;
    if (!element) return null;
    return {
      tag: element.tagName.toLowerCase(), id: element.id, role: element.getAttribute('role'),
      text: (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 120),
      name: element.getAttribute('aria-label') ?? element.getAttribute('name'),
      className: typeof element.className === 'string' ? element.className : '',
      type: element.getAttribute('type'), value: element.value ?? null,
      rowIndex: element.getAttribute('aria-rowindex'),
      card: element.closest('section.card')?.querySelector('h3')?.textContent?.trim() ?? null,
      inDialog: Boolean(element.closest('dialog[open]')),
    };
  });
}

/** Presses keys through WebDriver actions (the keyboard only, no clicks). */
export async function press(driver, ...keys) {
  await driver.actions().sendKeys(...keys).perform();
}

/** Presses a key with Control held. */
export async function chord(driver, modifier, key) {
  await driver.actions().keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
}

/** Presses `key` until `match(focus)` holds; fails after `limit` presses. */
export async function tabTo(driver, match, {key = Key.TAB, shift = false, limit = 80} = {}) {
  for (let i = 0; i < limit; i += 1) {
    if (shift) await driver.actions().keyDown(Key.SHIFT).sendKeys(key).keyUp(Key.SHIFT).perform();
    else await press(driver, key);
    const focus = await focused(driver);
    if (focus && match(focus)) return focus;
  }
  throw new Error(`focus never reached the target; it is on ${JSON.stringify(await focused(driver))}`);
}

/** Goes to a view by URL hash and waits for `ready` (a CSS selector) to show. */
export async function goTo(driver, hash, ready, timeout = 15000) {
  await driver.executeScript('location.hash = arguments[0];', hash);
  await waitFor(driver, (selector) => Boolean(document.querySelector(selector)), {args: [ready], timeout, message: `${ready} at ${hash}`});
}

/** Saves a PNG of the window to tests/e2e/artifacts/NAME.png. */
export async function screenshot(driver, name) {
  await mkdir(ARTIFACTS, {recursive: true});
  // Let the last layout settle (two frames, or 500 ms at most).
  await evaluate(driver, () => new Promise((ok) => {
    setTimeout(ok, 500);
    requestAnimationFrame(() => requestAnimationFrame(ok));
  }));
  // A WebDriver command that never answers would hang the run: bound it.
  let timer;
  const png = await Promise.race([driver.takeScreenshot(), new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`screenshot ${name} took over 15 s`)), 15000);
  })]).finally(() => clearTimeout(timer));
  const path = join(ARTIFACTS, `${name}.png`);
  await writeFile(path, png, 'base64');
  return path;
}

/** The errors and alerts the page collected since start. */
export const pageProblems = (driver) => evaluate(driver, () => ({errors: window.__E2E__?.errors ?? [], alerts: window.__E2E__?.alerts ?? []}));

/** Whether a path exists (sync, for asserts). */
export const exists = (path) => existsSync(path);
