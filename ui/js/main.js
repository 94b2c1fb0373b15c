// Starts the app: loads settings and projects, renders the view the URL hash
// names, and keeps the nav, header and view in step.
import * as api from './api.js';
import {byId, clear} from './dom.js';
import {applyTheme} from './theme.js';
import {focusHeading} from './views/common.js';
import {parse, takeMoveFocus} from './router.js';
import {announce, clearError, showError} from './status.js';
import {currentProject, findProject, on, refreshProjects, state} from './state.js';
import {addFolder, projectAdded, renderHome, renderNav} from './views/projects.js';
import {renderProject} from './views/project.js';
import {renderSettings} from './views/settings.js';
import {openExport} from './views/export.js';
import {startScan} from './scan.js';
import {installShortcuts} from './shortcuts.js';

let renderCount = 0;

/**
 * Renders the route in the hash; `moveFocus` puts focus on the view's h1.
 * Each finished render leaves a performance mark, which bench/app times.
 */
async function renderRoute(options) {
  await renderRouteNow(options);
  performance.mark('tenet:rendered', {detail: location.hash});
}

async function renderRouteNow({moveFocus, keepAlert = false}) {
  const route = parse(location.hash);
  const previous = state.route;
  state.route = route;
  renderCount += 1;
  const thisRender = renderCount;
  const isCurrent = () => thisRender === renderCount;
  if (!keepAlert) clearError();
  updateHeader();
  renderNav();

  const view = byId('view');
  // Inside one project a tab change keeps the tabs (and focus) where they are.
  if (route.name === 'project' && previous.name === 'project' && previous.projectId === route.projectId
      && view.dataset.projectId === String(route.projectId)) {
    await renderProject(view, route, {isCurrent, moveFocus, reuse: true});
    return;
  }
  clear(view);
  delete view.dataset.projectId;
  if (route.name === 'settings') {
    document.title = 'Settings — Tenet';
    const done = renderSettings(view, {isCurrent});
    focusHeading(moveFocus);
    await done;
  } else if (route.name === 'project') {
    view.dataset.projectId = String(route.projectId);
    await renderProject(view, route, {isCurrent, moveFocus, reuse: false});
  } else {
    document.title = 'Projects — Tenet';
    renderHome(view);
    focusHeading(moveFocus);
  }
}


function updateHeader() {
  const project = currentProject();
  byId('crumb-project').textContent = project ? project.name : '';
  byId('crumb-project').previousElementSibling.hidden = !project;
  byId('scan-button').hidden = !project;
  byId('export-button').hidden = !project?.last_scan;
}

async function boot() {
  byId('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    byId('main').focus();
  });
  byId('scan-button').addEventListener('click', () => startScan(currentProject()));
  byId('export-button').addEventListener('click', () => openExport(currentProject()));
  byId('add-folder-button').addEventListener('click', addFolder);

  try {
    [state.settings, state.info] = await Promise.all([api.getSettings(), api.appInfo()]);
    applyTheme(state.settings.theme);
    await refreshProjects();
  } catch (error) {
    applyTheme('system');
    showError(error);
    announce('Tenet could not load its settings or projects.');
  }

  on('projects', () => {
    renderNav();
    updateHeader();
  });
  window.addEventListener('hashchange', () => {
    // The skip link and other in-page anchors are not routes.
    if (location.hash === '' || location.hash.startsWith('#/')) renderRoute({moveFocus: takeMoveFocus()});
  });
  on('scan-finished', (projectId) => {
    const route = state.route;
    if (route.name === 'project' && String(route.projectId) === String(projectId)
        && ['overview', 'history'].includes(route.tab)) {
      // Re-rendering replaces the view; keep focus in it if it was there.
      renderRoute({moveFocus: byId('view').contains(document.activeElement), keepAlert: true});
    }
  });
  installShortcuts();

  api.listen('tenet://project-added', projectAdded).catch(() => {});
  api.listen('tenet://notice', (notice) => {
    showError(notice);
    announce(notice.message);
  }).catch(() => {});

  // A folder named on the command line (`tenet-app FOLDER`, `make run`)
  // opens at start, and is scanned if it never was.
  const startup = findProject(state.info?.startup_project);
  if (startup && (location.hash === '' || location.hash === '#/')) {
    history.replaceState(null, '', `#/project/${startup.id}/overview`);
  }
  await renderRoute({moveFocus: false});
  const notices = state.info?.notices ?? [];
  if (notices.length > 0) showError({kind: 'notice', message: notices.join(' ')});
  if (startup && !startup.last_scan && !startup.scanning) startScan(startup);
  document.documentElement.dataset.ready = 'true';
}

boot();
