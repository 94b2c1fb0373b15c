// The finding detail pane: where it is, the source around it with the
// finding's lines marked, its suppression, the rule's doc, and "Open in
// editor". Esc closes it and focus goes back to the row.
import * as api from '../api.js';
import {h, uid} from '../dom.js';
import {projectHash} from '../router.js';
import {announce, errorSlot, showError} from '../status.js';
import {ruleDocBlocks} from '../ruledoc.js';
import {loading, severityBadge} from './common.js';

export function createDetailPane({project, onOpen, onClose}) {
  const headingId = uid('detail');
  const element = h('section', {class: 'detail-pane', 'aria-labelledby': headingId, hidden: true});
  let openIndex = null;
  let requests = 0;

  function close() {
    if (element.hidden) return;
    element.hidden = true;
    element.replaceChildren();
    onClose(openIndex);
  }

  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });

  async function open(findingId, index, {moveFocus = true} = {}) {
    requests += 1;
    const thisRequest = requests;
    openIndex = index;
    const errors = errorSlot();
    // The heading stays in place while the rest fills in, so focus on it survives.
    const heading = h('h2', {id: headingId, tabIndex: -1}, 'Finding');
    const body = h('div', {class: 'detail-body'}, errors, loading('the finding'));
    element.replaceChildren(heading, body);
    element.hidden = false;
    onOpen(findingId);
    if (moveFocus) heading.focus();
    let detail;
    try {
      detail = await api.findingDetail(project.id, findingId);
    } catch (error) {
      if (thisRequest !== requests) return;
      body.replaceChildren(errors, closeButton());
      showError(error, errors);
      return;
    }
    if (thisRequest !== requests) return;
    // finding_detail's `rule` is the RuleDoc (it replaces FindingRow's code).
    const doc = typeof detail.rule === 'object' && detail.rule ? detail.rule : null;
    const code = doc?.code ?? detail.rule;
    heading.textContent = `${code} in ${detail.path}, line ${detail.line}`;
    body.replaceChildren(errors,
      h('p', {class: 'detail-message'}, detail.message),
      facts(detail),
      h('div', {class: 'button-row'},
        h('button', {type: 'button', class: 'button button-primary', async onClick() {
          try {
            await api.openInEditor(project.id, findingId);
            announce(`Opened ${detail.path} at line ${detail.line} in the editor.`);
          } catch (error) {
            showError(error, errors);
          }
        }}, 'Open in editor'),
        closeButton()),
      source(detail),
      doc ? ruleSection(doc) : null);
  }

  function closeButton() {
    return h('button', {type: 'button', class: 'button', onClick: close, 'aria-keyshortcuts': 'Escape'},
      'Close', h('span', {class: 'muted small'}, ' (Esc)'));
  }

  function facts(detail) {
    const suppression = detail.suppressed
      ? ['Suppressed', detail.suppression_reason ? `: ${detail.suppression_reason}` : ' (no reason given)']
      : ['Not suppressed'];
    const rows = [
      ['Severity', severityBadge(detail.severity)],
      ['Where', `${detail.path}:${detail.line}:${detail.column} to ${detail.end_line}:${detail.end_column}`],
      ['Checklist item', detail.item_title ?? detail.item ?? 'None'],
      ['Suppression', suppression],
    ];
    return h('dl', {class: 'detail-facts'},
      rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
  }

  function source(detail) {
    const id = uid('source');
    if (!detail.source) {
      return h('section', {'aria-labelledby': id}, h('h3', {id}, 'Source'),
        h('p', {class: 'muted'}, detail.source_note ?? 'The source is not available.'));
    }
    const {first_line: firstLine, lines, start_line: start, end_line: end} = detail.source;
    const list = h('ol', {class: 'source', start: firstLine},
      lines.map((text, offset) => {
        const number = firstLine + offset;
        const marked = number >= start && number <= end;
        return h('li', {class: marked ? 'source-line is-marked' : 'source-line'},
          marked
            ? h('mark', {}, h('span', {class: 'visually-hidden'}, 'Finding: '), h('code', {}, text || ' '))
            : h('code', {}, text || ' '));
      }));
    return h('section', {'aria-labelledby': id},
      h('h3', {id}, 'Source'),
      h('p', {class: 'muted small'}, `Lines ${firstLine} to ${firstLine + lines.length - 1}; the finding’s lines are marked.`),
      h('div', {class: 'source-scroll', tabIndex: 0, role: 'region', 'aria-label': `Source of ${detail.path}`}, list),
      detail.source_note ? h('p', {class: 'muted small'}, detail.source_note) : null);
  }

  function ruleSection(doc) {
    const id = uid('rule');
    return h('section', {class: 'rule-doc', 'aria-labelledby': id},
      h('h3', {id}, `${doc.code}: ${doc.name}`),
      h('p', {class: 'lead-small'}, doc.summary),
      ruleDocBlocks(doc, 3),
      h('p', {}, h('a', {href: projectHash(project.id, 'rules', doc.code)}, `${doc.code} in the rules list`)));
  }

  return {element, open, close, get isOpen() { return !element.hidden; }};
}
