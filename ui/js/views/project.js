// A project's views under the APG tabs: Overview | Findings | Review |
// History | Rules. Each tab's module renders into the one tab panel.
import {clear, h} from '../dom.js';
import {createTabs} from '../tabs.js';
import {format, go, projectHash, replace} from '../router.js';
import {findProject, refreshProjects, state} from '../state.js';
import {focusHeading, viewHeading} from './common.js';
import * as overview from './overview.js';
import * as findings from './findings.js';
import * as review from './review.js';
import * as historyView from './history.js';
import * as rules from './rules.js';

const VIEWS = {overview, findings, review, history: historyView, rules};
const LABELS = {overview: 'Overview', findings: 'Findings', review: 'Review', history: 'History', rules: 'Rules'};

let tabs = null;

export async function renderProject(view, route, {isCurrent, moveFocus, reuse}) {
  let project = findProject(route.projectId);
  if (!project) {
    await refreshProjects().catch(() => {});
    project = findProject(route.projectId);
  }
  if (!isCurrent()) return;
  if (!project) {
    clear(view);
    delete view.dataset.projectId;
    view.append(viewHeading('Project not found'),
      h('p', {}, 'This project is not in Tenet’s list any more. ', h('a', {href: '#/'}, 'See all projects'), '.'));
    focusHeading(moveFocus);
    return;
  }
  document.title = `${LABELS[route.tab]} — ${project.name} — Tenet`;

  if (!reuse || !tabs || !tabs.tablist.isConnected) {
    tabs = createTabs({
      label: `${project.name} views`,
      tabs: Object.entries(LABELS).map(([id, label]) => ({id, label})),
      active: route.tab,
      onSelect: (tab) => go(projectHash(project.id, tab), {moveFocus: false}),
    });
    view.append(tabs.tablist, tabs.panel);
  } else {
    tabs.select(route.tab);
  }
  const panel = clear(tabs.panel);
  panel.className = `tabpanel view-${route.tab}`;
  const done = VIEWS[route.tab].render(panel, {
    project, route, isCurrent,
    /** Records state inside the view in the URL, without rendering again. */
    setRoute(changes) {
      state.route = {...state.route, ...changes};
      replace(format(state.route));
    },
  });
  focusHeading(moveFocus);
  await done;
}
