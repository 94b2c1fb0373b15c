// The projects list in the nav, the portfolio view (#/), the empty state,
// adding folders and removing projects.
import * as api from '../api.js';
import {byId, clear, fmtNumber, h, srOnly, timeEl} from '../dom.js';
import {openDialog, dialogActions} from '../dialogs.js';
import {sparkline, trendText} from '../charts.js';
import {projectHash, go} from '../router.js';
import {announce, showError} from '../status.js';
import {refreshProjects, sameId, state, upsertProject} from '../state.js';
import {gateBadge, modKey, viewHeading} from './common.js';
import {offerBackfill} from '../backfill.js';

/** Opens the native folder dialog (in Rust) and goes to the new project. */
export async function addFolder() {
  try {
    announce('Choose a folder to review…');
    const card = await api.addProject();
    if (!card) {
      announce('No folder added.');
      return;
    }
    projectAdded(card);
  } catch (error) {
    showError(error);
    announce(`Could not add the folder: ${error.message}`);
  }
}

export async function addSample() {
  try {
    projectAdded(await api.addSampleProject());
  } catch (error) {
    showError(error);
  }
}

/** A project arrived (dialog, sample or a dropped folder): list it and open it. */
export function projectAdded(card) {
  upsertProject(card);
  announce(`Added ${card.name}.`);
  go(projectHash(card.id));
  offerBackfill(card);
}

function scoreText(card) {
  const score = card.last_scan?.score;
  return score === null || score === undefined ? '—' : String(score);
}

/** The nav's list of projects: ↑/↓ move between them, Enter opens one. */
export function renderNav() {
  const list = clear(byId('project-list'));
  const openId = state.route.name === 'project' ? state.route.projectId : null;
  const focusable = state.projects.find((card) => sameId(card.id, openId)) ?? state.projects[0];
  for (const card of state.projects) {
    const scan = card.last_scan;
    const link = h('a', {
      href: projectHash(card.id), class: 'project-link',
      tabIndex: card === focusable ? 0 : -1,
      'aria-current': sameId(card.id, openId) ? 'page' : null,
    },
    h('span', {class: 'project-line'},
      h('span', {class: 'project-name'}, card.name),
      h('span', {class: 'project-score'}, srOnly('score '), scoreText(card))),
    h('span', {class: 'project-line project-meta'},
      card.scanning ? h('span', {}, 'Scanning…')
        : scan ? [srOnly('gate '), gateBadge(scan.gate)] : h('span', {}, 'Not scanned'),
      scan ? h('span', {}, srOnly(', last scanned '), timeEl(scan.at, {short: true})) : null),
    h('span', {class: 'project-trend'}, sparkline(card.trend), srOnly(`, ${trendText(card.trend)}`)));
    list.append(h('li', {}, link));
  }
  if (!list.dataset.keys) {
    list.dataset.keys = 'on';
    list.addEventListener('keydown', moveInList);
  }
}

function moveInList(event) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const links = [...byId('project-list').querySelectorAll('a')];
  const index = links.indexOf(document.activeElement);
  if (index < 0) return;
  event.preventDefault();
  const next = {
    ArrowDown: Math.min(index + 1, links.length - 1),
    ArrowUp: Math.max(index - 1, 0),
    Home: 0,
    End: links.length - 1,
  }[event.key];
  links.forEach((link, i) => { link.tabIndex = i === next ? 0 : -1; });
  links[next].focus();
}

/** #/ — the portfolio, or the empty state when there is nothing yet. */
export function renderHome(view) {
  if (state.projects.length === 0) return renderEmpty(view);
  const rows = state.projects.map((card) => {
    const scan = card.last_scan;
    return h('tr', {},
      h('th', {scope: 'row'}, h('a', {href: projectHash(card.id)}, card.name),
        h('span', {class: 'muted block small'}, card.root)),
      h('td', {class: 'num'}, scoreText(card)),
      h('td', {}, scan ? gateBadge(scan.gate) : 'Not scanned'),
      h('td', {class: 'num'}, scan ? fmtNumber(scan.findings) : '—'),
      h('td', {}, card.scanning ? 'Scanning…' : scan ? timeEl(scan.at) : '—'),
      h('td', {}, sparkline(card.trend, {width: 96, height: 24}), srOnly(trendText(card.trend))),
      h('td', {}, h('button', {type: 'button', class: 'button button-small', onClick: () => confirmRemove(card)},
        // One span: the button is a flex box, and its gap would split the words.
        h('span', {}, 'Remove', srOnly(` ${card.name}`), '…'))));
  });
  view.append(
    viewHeading('Projects'),
    h('p', {class: 'lead'}, `${state.projects.length === 1 ? 'One project' : `${fmtNumber(state.projects.length)} projects`}, most recently scanned first.`),
    h('div', {class: 'table-scroll'}, h('table', {class: 'data-table'},
      h('caption', {class: 'visually-hidden'}, 'Projects'),
      h('thead', {}, h('tr', {},
        ['Project', 'Score', 'Gate', 'Findings', 'Last scan', 'Trend', 'Actions'].map((title) =>
          h('th', {scope: 'col', class: ['Score', 'Findings'].includes(title) ? 'num' : ''}, title)))),
      h('tbody', {}, rows))),
    addButtons());
}

function addButtons() {
  return h('div', {class: 'button-row'},
    h('button', {type: 'button', class: 'button button-primary', onClick: addFolder}, 'Add folder…'),
    h('button', {type: 'button', class: 'button', onClick: addSample}, 'Add the sample project'));
}

function renderEmpty(view) {
  view.append(
    viewHeading('Add a folder to review'),
    h('p', {class: 'lead'}, 'Tenet reviews a project folder against your coding standard: a checklist of the standard with pass, fail or needs review per item, and the findings behind each item down to the line.'),
    h('p', {}, 'Choose ', h('strong', {}, 'Add folder…'), ' (', h('kbd', {}, modKey()), '+', h('kbd', {}, 'O'),
      '), or drop a folder on this window. Not sure yet? Try the bundled sample project.'),
    addButtons());
}

/** Asks plainly whether to keep the project's history, then removes it. */
export function confirmRemove(card) {
  let keptHistory = true;
  openDialog({
    title: `Remove ${card.name}?`,
    build(body, close) {
      const errors = h('div', {class: 'error-slot', role: 'alert'});
      const keep = h('input', {type: 'radio', name: 'history', value: 'keep', id: 'remove-keep', checked: true});
      const drop = h('input', {type: 'radio', name: 'history', value: 'delete', id: 'remove-delete'});
      const form = h('form', {method: 'dialog', class: 'stack'},
        h('p', {}, `Tenet will stop listing ${card.name}. The folder on disk is not touched.`),
        h('fieldset', {class: 'radios'},
          h('legend', {}, 'What should happen to its scans and reviews?'),
          h('div', {class: 'radio'}, keep, h('label', {for: 'remove-keep'}, 'Keep them (adding the folder again brings them back)')),
          h('div', {class: 'radio'}, drop, h('label', {for: 'remove-delete'}, 'Delete them for good'))),
        errors,
        dialogActions(
          h('button', {type: 'submit', class: 'button button-warning'}, 'Remove project'),
          h('button', {type: 'button', class: 'button', onClick: () => close()}, 'Cancel')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          keptHistory = keep.checked;
          await api.removeProject(card.id, keptHistory);
          close('removed');
        } catch (error) {
          showError(error, errors);
        }
      });
      body.append(form);
    },
    async onClose(result) {
      if (result !== 'removed') return;
      announce(`Removed ${card.name}; its history was ${keptHistory ? 'kept' : 'deleted'}.`);
      await refreshProjects();
      go('#/');
    },
  });
}
