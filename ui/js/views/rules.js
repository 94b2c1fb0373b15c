// Rules: every rule of the catalogue, and the chosen rule's doc (what, why,
// bad and good examples, how to fix). Findings link here by rule code.
import * as api from '../api.js';
import {clear, h, uid} from '../dom.js';
import {projectHash} from '../router.js';
import {loadRules} from '../state.js';
import {errorSlot, showError} from '../status.js';
import {ruleDocBlocks} from '../ruledoc.js';
import {loading, severityBadge, viewHeading} from './common.js';

export async function render(panel, {project, route, isCurrent, setRoute}) {
  const errors = errorSlot();
  const list = h('div', {class: 'rules-list'}, loading('the rules'));
  const doc = h('section', {class: 'rule-doc-panel', 'aria-label': 'Rule documentation'});
  panel.append(viewHeading('Rules', project.name), errors, h('div', {class: 'rules-layout'}, list, doc));
  let rules;
  try {
    rules = await loadRules();
  } catch (error) {
    clear(list);
    showError(error, errors);
    return;
  }
  if (!isCurrent()) return;
  const links = new Map();
  const show = async (code, moveFocus) => {
    for (const [linkCode, link] of links) {
      if (linkCode === code) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    await showDoc(doc, code, errors, moveFocus);
  };
  clear(list).append(h('div', {class: 'table-scroll'}, h('table', {class: 'data-table compact'},
    h('caption', {class: 'visually-hidden'}, 'Rules'),
    h('thead', {}, h('tr', {}, ['Rule', 'Severity', 'Checklist item'].map((title) => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, rules.map((rule) => {
      const link = h('a', {href: projectHash(project.id, 'rules', rule.code), onClick(event) {
        event.preventDefault();
        setRoute({arg: rule.code});
        show(rule.code, true);
      }}, h('span', {class: 'rule-code'}, rule.code), ' ', rule.name);
      links.set(rule.code, link);
      return h('tr', {},
        h('th', {scope: 'row'}, link),
        h('td', {}, severityBadge(rule.severity)),
        h('td', {}, rule.item_title ?? h('span', {class: 'muted'}, 'None')));
    })))));
  const chosen = rules.some((rule) => rule.code === route.arg) ? route.arg : rules[0]?.code;
  if (chosen) await show(chosen, false);
}

async function showDoc(panel, code, errors, moveFocus) {
  clear(errors);
  let doc;
  try {
    doc = await api.ruleDoc(code);
  } catch (error) {
    showError(error, errors);
    return;
  }
  const id = uid('doc');
  const heading = h('h2', {id, tabIndex: -1}, `${doc.code}: ${doc.name}`);
  panel.setAttribute('aria-labelledby', id);
  panel.removeAttribute('aria-label');
  clear(panel).append(heading,
    h('p', {class: 'doc-meta'}, severityBadge(doc.severity),
      doc.item_title ? [' · checklist item: ', doc.item_title] : null),
    h('p', {class: 'lead-small'}, doc.summary),
    ...ruleDocBlocks(doc, 2));
  if (moveFocus) heading.focus();
}
