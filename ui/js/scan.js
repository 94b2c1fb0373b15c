// Scanning: start a scan with a progress Channel, show it in a panel above
// the status line (a <progress>, files, the current file, findings so far,
// elapsed time, Cancel), and announce only its start, each quarter and its
// end. The rest of the app stays usable while it runs.
import * as api from './api.js';
import {byId, fmtDuration, fmtNumber, h, plural, uid} from './dom.js';
import {announce, showError} from './status.js';
import {emit, findProject, refreshProjects, upsertProject} from './state.js';

/** Projects with a scan or a backfill running, by id: one at a time each. */
const running = new Map();
/** How the live region names each quarter of a scan or a backfill. */
export const QUARTERS = ['', 'A quarter', 'Half', 'Three quarters'];

export const isScanning = (projectId) => running.has(String(projectId));

export async function startScan(project) {
  if (!project) {
    announce('Open a project first, then scan it.');
    return;
  }
  await runWithPanel(project, {
    makeView: () => scanPanel(project),
    started: `Scan of ${project.name} started.`,
    failed: `Could not start the scan of ${project.name}`,
    start: (view) => api.startScan(project.id, (message) => onMessage(project, view, message)),
  });
}

/**
 * Runs a scan or a backfill of `project` with its panel (from `makeView`)
 * above the status line: one at a time per project. `start(view)` starts
 * the work; its messages update the view and end with `finish`.
 */
export async function runWithPanel(project, {makeView, started, failed, start}) {
  const key = String(project.id);
  if (running.has(key)) {
    announce(`${project.name} is already being scanned.`);
    return;
  }
  const view = makeView();
  running.set(key, view);
  byId('scans').append(view.element);
  upsertProject({...project, scanning: true});
  announce(started);
  try {
    await start(view);
  } catch (error) {
    finish(project, view);
    showError(error);
    announce(`${failed}: ${error.message}`);
  }
}

/**
 * A panel's Cancel button. Not disabled while cancelling: a disabled button
 * would drop focus. `nothingRunning` runs when the backend had nothing to
 * cancel (the work ended meanwhile).
 */
export function cancelButton(project, label, nothingRunning = null) {
  let cancelling = false;
  const button = h('button', {type: 'button', class: 'button button-small', async onClick() {
    if (cancelling) return;
    cancelling = true;
    button.textContent = 'Cancelling…';
    try {
      const wasRunning = await api.cancelScan(project.id);
      if (!wasRunning) nothingRunning?.();
    } catch (error) {
      cancelling = false;
      button.textContent = label;
      showError(error);
    }
  }}, label);
  return button;
}

function scanPanel(project) {
  const headingId = uid('scan');
  let view = null;
  const progress = h('progress', {class: 'scan-progress', max: 1, 'aria-labelledby': headingId});
  const files = h('span', {}, 'Listing files…');
  const current = h('span', {class: 'scan-current'});
  const findings = h('span', {}, '0 findings so far');
  const elapsed = h('span', {}, '0.0 s');
  // Nothing was running (it ended meanwhile): no "cancelled" message will come.
  const cancel = cancelButton(project, 'Cancel scan', () => {
    if (running.get(String(project.id)) !== view) return;
    finish(project, view);
    announce(`The scan of ${project.name} had already ended.`);
    reload(project);
  });
  const element = h('section', {class: 'scan-panel', 'aria-labelledby': headingId},
    h('h2', {id: headingId, class: 'scan-title'}, `Scanning ${project.name}`),
    progress,
    h('p', {class: 'scan-facts'}, files, h('span', {'aria-hidden': 'true'}, ' · '), findings,
      h('span', {'aria-hidden': 'true'}, ' · '), elapsed),
    h('p', {class: 'scan-current-line'}, current),
    cancel);
  view = {element, progress, files, current, findings, elapsed, cancel, quarter: 0};
  return view;
}

function onMessage(project, view, message) {
  switch (message.event) {
    case 'started':
      break;
    case 'progress': {
      const total = message.files_total ?? 0;
      if (message.listing_done && total > 0) {
        view.progress.max = total;
        view.progress.value = message.files_done;
        view.files.textContent = `${fmtNumber(message.files_done)} of ${fmtNumber(total)} files`;
        const quarter = Math.min(3, Math.floor((message.files_done / total) * 4));
        if (quarter > view.quarter) {
          view.quarter = quarter;
          announce(`${QUARTERS[quarter]} of ${project.name} scanned: ${plural(message.findings, 'finding')} so far.`);
        }
      } else if (total > 0) {
        // The engine checks files while it is still listing them: the
        // total grows until the listing is done.
        view.progress.max = total;
        view.progress.value = message.files_done;
        view.files.textContent = `${fmtNumber(message.files_done)} of ${fmtNumber(total)}+ files (still listing)`;
      } else {
        view.progress.removeAttribute('value');
        view.files.textContent = 'Listing files…';
      }
      view.current.textContent = message.current ? `Now: ${message.current}` : '';
      view.findings.textContent = `${plural(message.findings, 'finding')} so far`;
      view.elapsed.textContent = fmtDuration(message.elapsed_ms ?? 0);
      break;
    }
    case 'finished':
      finish(project, view);
      announce(`Scanned ${project.name}: ${plural(message.files, 'file')} in ${fmtDuration(message.duration_ms)} · `
        + `${plural(message.findings, 'finding')} · `
        + (message.new == null ? 'first scan · ' : `${fmtNumber(message.new)} new · ${fmtNumber(message.fixed)} fixed · `)
        + `score ${message.score ?? '—'} · gate ${message.gate === 'pass' ? 'passed' : 'failed'}.`);
      reload(project);
      break;
    case 'cancelled':
      finish(project, view);
      announce(`Scan of ${project.name} cancelled; what it checked is kept in History as an interrupted scan.`);
      reload(project);
      break;
    case 'failed':
      finish(project, view);
      showError(message.error);
      announce(`Scan of ${project.name} failed: ${message.error?.message ?? 'unknown error'}`);
      reload(project);
      break;
    default:
      break;
  }
}

/** Removes the panel; focus in it goes to the Scan button, not into nowhere. */
export function finish(project, view) {
  running.delete(String(project.id));
  const hadFocus = view.element.contains(document.activeElement);
  view.element.remove();
  if (hadFocus) {
    const scanButton = byId('scan-button');
    (scanButton.hidden ? byId('main') : scanButton).focus();
  }
}

export async function reload(project) {
  try {
    await refreshProjects();
  } catch {
    const card = findProject(project.id);
    if (card) upsertProject({...card, scanning: false});
  }
  emit('scan-finished', project.id);
}
