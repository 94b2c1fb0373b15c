// Building the trend from git history: offered once when a repository is
// added ("Build the trend from the last 50 commits?"), then run like a
// scan: a panel with a <progress>, the commit being read and Cancel, with
// only the start, each quarter and the end announced.
import * as api from './api.js';
import {byId, fmtNumber, h, plural, uid} from './dom.js';
import {openDialog, dialogActions} from './dialogs.js';
import {announce, showError} from './status.js';
import {QUARTERS, cancelButton, finish, reload, runWithPanel} from './scan.js';

/** What the backend offers for `card`, or null (an offer that cannot be made is not worth an error). */
async function offerFor(card) {
  try {
    return await api.backfillOffer(card.id);
  } catch {
    return null;
  }
}

/**
 * For History: a line saying how many commits are not in the history yet,
 * with a button that asks as the add-folder offer does; null when none.
 */
export async function backfillHint(card) {
  const offer = await offerFor(card);
  if (!offer) return null;
  const left = offer.commits - offer.recorded;
  return h('p', {class: 'backfill-hint'},
    `${plural(left, 'recent commit')} of this repository ${left === 1 ? 'is' : 'are'} not in the history. `,
    h('button', {type: 'button', class: 'button button-small', onClick: () => askBackfill(card, offer)},
      'Build the trend from git…'));
}

/** Asks whether to build the trend, when the backend has something to offer. */
export async function offerBackfill(card) {
  const offer = await offerFor(card);
  if (offer) askBackfill(card, offer);
}

function askBackfill(card, offer) {
  const left = offer.commits - offer.recorded;
  openDialog({
    title: `Build the trend of ${card.name} from git?`,
    build(body, close) {
      body.append(
        h('p', {}, `${card.name} is a git repository. Tenet can scan its last ${plural(left, 'commit')} straight from git, `
          + 'so the trend starts with the project\u2019s history instead of today.'),
        h('p', {class: 'muted'}, 'Nothing is checked out and the folder is not changed. You can cancel at any time; commits already read are kept.'),
        dialogActions(
          h('button', {type: 'button', class: 'button button-primary', onClick: () => close('build')}, 'Build the trend'),
          h('button', {type: 'button', class: 'button', onClick: () => close('')}, 'Not now')));
    },
    onClose(result) {
      // The view behind may have been drawn while the dialog was open.
      if (document.activeElement === document.body) byId('view').querySelector('h1')?.focus();
      if (result === 'build') startBackfill(card, offer.commits);
      else announce(`No history read for ${card.name}.`);
    },
  });
}

export function startBackfill(project, commits) {
  return runWithPanel(project, {
    makeView: () => panel(project),
    started: `Reading the history of ${project.name}.`,
    failed: `Could not read the history of ${project.name}`,
    start: (view) => api.startBackfill(project.id, commits, (message) => onMessage(project, view, message)),
  });
}

function panel(project) {
  const headingId = uid('backfill');
  const progress = h('progress', {class: 'scan-progress', max: 1, 'aria-labelledby': headingId});
  const count = h('span', {}, 'Reading the history…');
  const current = h('span', {class: 'scan-current'});
  const cancel = cancelButton(project, 'Cancel');
  const element = h('section', {class: 'scan-panel', 'aria-labelledby': headingId},
    h('h2', {id: headingId, class: 'scan-title'}, `Building the trend of ${project.name}`),
    progress,
    h('p', {class: 'scan-facts'}, count),
    h('p', {class: 'scan-current-line'}, current),
    cancel);
  return {element, progress, count, current, cancel, quarter: 0};
}

function onMessage(project, view, message) {
  switch (message.event) {
    case 'started':
      view.progress.max = Math.max(1, message.total);
      view.progress.value = 0;
      view.count.textContent = `0 of ${plural(message.total, 'commit')}`;
      break;
    case 'commit': {
      view.progress.value = message.done;
      view.count.textContent = `${fmtNumber(message.done)} of ${plural(message.total, 'commit')}`;
      const what = message.skipped ? `skipped (${message.skipped})` : plural(message.findings ?? 0, 'finding');
      view.current.textContent = `${message.date} · ${message.subject} · ${what}`;
      const quarter = Math.min(3, Math.floor((message.done / message.total) * 4));
      if (quarter > view.quarter) {
        view.quarter = quarter;
        announce(`${QUARTERS[quarter]} of the history of ${project.name} read.`);
      }
      break;
    }
    case 'finished':
      finish(project, view);
      announce(`Built the trend of ${project.name}: ${plural(message.recorded, 'commit')} scanned`
        + (message.known ? `, ${fmtNumber(message.known)} already there` : '')
        + (message.skipped ? `, ${fmtNumber(message.skipped)} skipped for a broken configuration` : '')
        + (message.shallow ? '; the clone is shallow, so older history is missing' : '') + '.');
      reload(project);
      break;
    case 'cancelled':
      finish(project, view);
      announce(`Stopped reading the history of ${project.name}; ${plural(message.recorded, 'commit')} kept.`);
      reload(project);
      break;
    case 'failed':
      finish(project, view);
      showError(message.error);
      announce(`Could not read the history of ${project.name}: ${message.error?.message ?? 'unknown error'}`);
      reload(project);
      break;
    default:
      break;
  }
}
