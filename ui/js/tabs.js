// The APG tabs pattern with automatic activation: ←/→ move between tabs and
// show the tab's panel at once; Home/End jump to the first/last tab.
import {h} from './dom.js';

/**
 * tabs: [{id, label}]. Returns {tablist, panel, select(id)}. `onSelect(id)`
 * runs whenever a tab becomes active by click or key.
 */
export function createTabs({label, tabs, active, onSelect}) {
  const panelId = 'view-panel';
  const buttons = tabs.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab.id}`, class: 'tab',
    'aria-controls': panelId, dataset: {tab: tab.id},
  }, tab.label));
  const tablist = h('div', {role: 'tablist', 'aria-label': label, class: 'tablist'}, buttons);
  const panel = h('div', {role: 'tabpanel', id: panelId, class: 'tabpanel'});

  function select(id) {
    for (const button of buttons) {
      const selected = button.dataset.tab === id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      if (selected) panel.setAttribute('aria-labelledby', button.id);
    }
  }

  function activate(button, moveFocus) {
    if (moveFocus) button.focus();
    if (button.getAttribute('aria-selected') === 'true') return;
    select(button.dataset.tab);
    onSelect(button.dataset.tab);
  }

  tablist.addEventListener('click', (event) => {
    const button = event.target.closest('[role=tab]');
    if (button) activate(button, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const last = buttons.length - 1;
    const target = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    activate(buttons[target], true);
  });

  select(active);
  return {tablist, panel, select};
}
