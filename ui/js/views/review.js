// Review: a person's verdict (pass / fail / not applicable) and note on the
// items that need one, overruling automated results with a reason, and the
// log of who decided what and when.
import * as api from '../api.js';
import {clear, h, timeEl, uid} from '../dom.js';
import {announce, errorSlot, showError} from '../status.js';
import {loading, statusBadge, statusWord, viewHeading} from './common.js';

const VERDICTS = [['pass', 'Pass'], ['fail', 'Fail'], ['not_applicable', 'Not applicable']];
const verdictWord = (verdict) => (VERDICTS.find(([value]) => value === verdict) ?? [verdict, verdict])[1];

export async function render(panel, context) {
  const {project} = context;
  const body = h('div', {class: 'stack-l'}, loading('the reviews'));
  const errors = errorSlot();
  panel.append(viewHeading('Review', project.name), errors, body);
  await fill(body, errors, context, null);
}

async function fill(body, errors, context, confirmation) {
  const {project, route, isCurrent} = context;
  let overview;
  let log;
  try {
    [overview, log] = await Promise.all([api.projectOverview(project.id), api.listReviews(project.id)]);
  } catch (error) {
    clear(body);
    showError(error, errors);
    return;
  }
  if (!isCurrent()) return;
  clear(body);
  if (confirmation) body.append(confirmation);
  if (!overview.scan) {
    body.append(h('p', {}, 'Scan the project first: reviews sit beside the results of a scan.'), reviewLog(log));
    return;
  }
  const reload = (message) => {
    const note = h('div', {class: 'notice notice-success', tabIndex: -1}, h('p', {}, message));
    fill(body, errors, context, note).then(() => note.focus());
  };
  const needing = overview.checklist.filter((item) => item.review_part && (!item.review || item.review.stale));
  const automated = overview.checklist.filter((item) => item.status === 'pass' || item.status === 'fail');
  const focusItem = route.params.item;
  needing.sort((a, b) => (b.id === focusItem) - (a.id === focusItem));

  body.append(
    section('Needs a person', needing.length
      ? needing.map((item) => needsReviewCard(project, item, reload))
      : [h('p', {}, 'Nothing needs a person’s verdict in the latest scan.')]),
    section('Overrule or confirm an automated result', [
      h('p', {}, 'A verdict sits beside the automated result and is shown with it; it never hides a failure from the gate. Say why in the note.'),
      overruleForm(project, automated, focusItem, reload)]),
    reviewLog(log));
}

function section(title, content) {
  const id = uid('section');
  return h('section', {class: 'section', 'aria-labelledby': id}, h('h2', {id}, title), ...content);
}

function needsReviewCard(project, item, reload) {
  const id = uid('item');
  return h('section', {class: 'card', 'aria-labelledby': id},
    h('h3', {id}, item.title, ' ', statusBadge(item.status)),
    item.review_part ? h('p', {}, h('strong', {}, 'To decide: '), item.review_part) : null,
    item.review_hint ? h('p', {}, h('strong', {}, 'What the scan found: '), item.review_hint) : null,
    item.review?.stale
      ? h('p', {class: 'notice'}, h('strong', {}, 'Stale: '),
        `${verdictWord(item.review.verdict)} by ${item.review.reviewer} on `, timeEl(item.review.at),
        ', before the evidence changed. Decide again.')
      : null,
    reviewForm({project, items: [item], overruling: false, reload}));
}

function overruleForm(project, items, focusItem, reload) {
  if (!items.length) return h('p', {}, 'No automated results to overrule yet.');
  return reviewForm({project, items, overruling: true, reload, selected: focusItem});
}

/** One verdict form: for a single item, or with a choice of items. */
function reviewForm({project, items, overruling, reload, selected}) {
  const formId = uid('review');
  const errors = errorSlot();
  const noteId = `${formId}-note`;
  const hintId = `${formId}-hint`;
  let select = null;
  const itemField = [];
  if (items.length > 1) {
    select = h('select', {id: `${formId}-item`, class: 'select', name: 'item'},
      items.map((item) => h('option', {value: item.id, selected: item.id === selected},
        `${item.title} (automated: ${statusWord(item.status).toLowerCase()})`)));
    itemField.push(h('div', {class: 'field'}, h('label', {for: select.id}, 'Checklist item'), select));
  }
  const radios = VERDICTS.map(([value, label]) => {
    const radioId = `${formId}-${value}`;
    return h('div', {class: 'radio'},
      h('input', {type: 'radio', name: `${formId}-verdict`, id: radioId, value}),
      h('label', {for: radioId}, label));
  });
  const note = h('textarea', {id: noteId, class: 'textarea', name: 'note', rows: 3,
    'aria-describedby': hintId, required: overruling});
  const form = h('form', {class: 'review-form stack', noValidate: true},
    itemField,
    h('fieldset', {class: 'radios radios-inline'}, h('legend', {}, 'Verdict'), radios),
    h('div', {class: 'field'},
      h('label', {for: noteId}, overruling ? 'Reason (required)' : 'Note'),
      h('span', {id: hintId, class: 'hint'}, overruling
        ? 'Why the automated result is wrong or right here: a reviewer will read this later.'
        : 'Optional: what you checked, so the next reviewer can follow.'),
      note),
    errors,
    h('div', {class: 'button-row'}, h('button', {type: 'submit', class: 'button button-primary'}, 'Record verdict')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const item = select ? items.find((entry) => entry.id === select.value) : items[0];
    const verdict = form.querySelector(`input[name="${formId}-verdict"]:checked`)?.value;
    if (!verdict) {
      showError({kind: 'invalid', message: 'Choose a verdict: pass, fail or not applicable.'}, errors);
      form.querySelector('input[type=radio]').focus();
      return;
    }
    if (overruling && !note.value.trim()) {
      showError({kind: 'invalid', message: 'Give a reason: a verdict on an automated result needs a note.'}, errors);
      note.setAttribute('aria-invalid', 'true');
      note.focus();
      return;
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      await api.recordReview(project.id, item.id, verdict, note.value.trim());
      const message = `Recorded: ${verdictWord(verdict)} for “${item.title}”.`;
      announce(message);
      reload(message);
    } catch (error) {
      submit.disabled = false;
      showError(error, errors);
    }
  });
  return form;
}

function reviewLog(log) {
  const id = uid('log');
  if (!log.length) {
    return h('section', {class: 'section', 'aria-labelledby': id}, h('h2', {id}, 'Review log'),
      h('p', {}, 'No verdicts recorded yet.'));
  }
  return h('section', {class: 'section', 'aria-labelledby': id}, h('h2', {id}, 'Review log'),
    h('div', {class: 'table-scroll'}, h('table', {class: 'data-table'},
      h('caption', {class: 'visually-hidden'}, 'Review log, newest first'),
      h('thead', {}, h('tr', {}, ['When', 'Item', 'Verdict', 'Reviewer', 'Note', 'State']
        .map((title) => h('th', {scope: 'col'}, title)))),
      h('tbody', {}, log.map((entry) => h('tr', {},
        h('td', {}, timeEl(entry.at)),
        h('th', {scope: 'row'}, entry.item_title ?? entry.item),
        h('td', {}, verdictWord(entry.verdict)),
        h('td', {}, entry.reviewer),
        h('td', {class: 'note-cell'}, entry.note || h('span', {class: 'muted'}, 'No note')),
        h('td', {}, entry.stale
          ? h('span', {class: 'badge badge-stale'}, h('span', {class: 'badge-icon', 'aria-hidden': 'true'}, '⟲'), ' Stale')
          : entry.current ? 'Current' : h('span', {class: 'muted'}, 'Replaced'))))))));
}
