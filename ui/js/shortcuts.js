// Keyboard shortcuts. Ctrl/Cmd+O, +R, +E work anywhere. The single-key
// ones (/ and ?) act only outside text fields and only while Settings has
// them on (WCAG 2.2 SC 2.1.4).
import {byId, h, isTextEntry} from './dom.js';
import {openDialog, dialogActions} from './dialogs.js';
import {currentProject, state} from './state.js';
import {go, projectHash} from './router.js';
import {addFolder} from './views/projects.js';
import {openExport} from './views/export.js';
import {FILTER_ID, focusFilterOnRender} from './views/findings.js';
import {modKey} from './views/common.js';
import {startScan} from './scan.js';

export function installShortcuts() {
  document.addEventListener('keydown', onKeyDown);
}

function dialogOpen() {
  return Boolean(document.querySelector('dialog[open]'));
}

function onKeyDown(event) {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && !event.shiftKey) {
    const key = event.key.toLowerCase();
    // Ctrl+R would reload the webview: it always means "rescan" here.
    if (key === 'r') {
      event.preventDefault();
      if (!dialogOpen()) startScan(currentProject());
    } else if (key === 'o') {
      event.preventDefault();
      if (!dialogOpen()) addFolder();
    } else if (key === 'e') {
      event.preventDefault();
      if (!dialogOpen()) openExport(currentProject());
    }
    return;
  }
  if (event.altKey || mod || event.defaultPrevented) return;
  if (state.settings?.single_key_shortcuts === false) return;
  if (isTextEntry(event.target) || dialogOpen()) return;
  if (event.key === '/') {
    event.preventDefault();
    focusFilter();
  } else if (event.key === '?') {
    event.preventDefault();
    showShortcuts();
  }
}

function focusFilter() {
  const filter = byId(FILTER_ID);
  if (filter) {
    filter.focus();
    filter.select();
    return;
  }
  const project = currentProject();
  if (!project) return;
  focusFilterOnRender();
  go(projectHash(project.id, 'findings'), {moveFocus: false});
}

export function showShortcuts() {
  const mod = modKey();
  const keys = [
    [['Tab'], 'Move between regions and controls (Shift+Tab: back)'],
    [['←', '→', 'Home', 'End'], 'Move between the views’ tabs'],
    [['↑', '↓'], 'Move in the projects list and the findings table'],
    [['Enter'], 'Open the chosen project or finding'],
    [[`${mod}+O`], 'Add a folder'],
    [[`${mod}+R`], 'Scan the open project again'],
    [[`${mod}+E`], 'Export a report'],
    [['/'], 'Go to the findings filter'],
    [['Esc'], 'Close a dialog or the finding detail'],
    [['?'], 'Show these shortcuts'],
  ];
  openDialog({
    title: 'Keyboard shortcuts',
    className: 'dialog-wide',
    build(body, close) {
      body.append(
        h('table', {class: 'data-table compact'},
          h('caption', {class: 'visually-hidden'}, 'Keyboard shortcuts'),
          h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Keys'), h('th', {scope: 'col'}, 'Does'))),
          h('tbody', {}, keys.map(([combo, does]) => h('tr', {},
            h('td', {}, combo.map((key, index) => [index ? ' ' : null, h('kbd', {}, key)])),
            h('td', {}, does))))),
        h('p', {class: 'muted small'}, state.settings?.single_key_shortcuts === false
          ? '/ and ? are off; turn them on in Settings.'
          : '/ and ? act only outside text fields; Settings can turn them off.'),
        dialogActions(h('button', {type: 'button', class: 'button button-primary', onClick: () => close()}, 'Close')));
    },
  });
}
