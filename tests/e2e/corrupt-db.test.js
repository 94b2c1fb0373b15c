// A TENET_DB file that is not SQLite: the app still starts, with a fresh
// database, tells the reviewer it moved the damaged one aside, and keeps the
// damaged file beside it as <db>.corrupt-*.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {evaluate, pageProblems, startApp, waitFor} from './lib/app.js';

const GARBAGE = 'this is not an SQLite database\n'.repeat(200);

let app;
before(async () => {
  app = await startApp({prepare: (paths) => writeFile(paths.db, GARBAGE)});
});
after(async () => app?.close());

test('a database that is not SQLite is moved aside and the app starts', {timeout: 60000}, async () => {
  const {driver, paths} = app;
  // The empty state: a fresh database has no projects.
  await waitFor(driver, () => /Add a folder to review/.test(document.querySelector('#view h1')?.textContent ?? ''),
    {message: 'the empty state'});
  const notice = await waitFor(driver, () => document.getElementById('alert').textContent, {message: 'a notice'});
  assert.match(notice, /^Note: /);
  assert.match(notice, /damaged/);
  assert.match(notice, /moved it to .*\.corrupt-/);
  assert.ok(notice.includes(paths.db), `the notice names ${paths.db}: ${notice}`);

  const aside = (await readdir(dirname(paths.db))).filter((name) => name.startsWith(`${basename(paths.db)}.corrupt-`));
  assert.equal(aside.length, 1, `one moved-aside file: ${aside}`);
  assert.ok(notice.includes(join(dirname(paths.db), aside[0])), 'the notice names the moved-aside file');
  assert.equal(await readFile(join(dirname(paths.db), aside[0]), 'utf8'), GARBAGE, 'the damaged file is kept as it was');
  // And a new, working database is in its place.
  const header = (await readFile(paths.db)).subarray(0, 16).toString('latin1');
  assert.equal(header, 'SQLite format 3\0');
  assert.deepEqual(await pageProblems(driver), {errors: [], alerts: []});
});
