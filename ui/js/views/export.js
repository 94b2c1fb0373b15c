// Export: choose a format; Rust opens the native save dialog, writes the
// report and opens it; the path is announced in the status line.
import * as api from '../api.js';
import {h} from '../dom.js';
import {openDialog, dialogActions} from '../dialogs.js';
import {announce, errorSlot, showError} from '../status.js';

let formats = null;

export async function openExport(project) {
  if (!project) {
    announce('Open a project to export its report.');
    return;
  }
  if (!project.last_scan) {
    announce(`${project.name} has no scan to export yet.`);
    return;
  }
  try {
    formats ??= await api.listExportFormats();
  } catch (error) {
    showError(error);
    return;
  }
  openDialog({
    title: `Export a report of ${project.name}`,
    build(body, close) {
      const errors = errorSlot();
      const radios = formats.map((format, index) => {
        const id = `export-format-${format.id}`;
        return h('div', {class: 'radio'},
          h('input', {type: 'radio', name: 'format', id, value: format.id, checked: index === 0}),
          h('label', {for: id}, format.label, h('span', {class: 'muted'}, ` (.${format.extension})`)));
      });
      const submit = h('button', {type: 'submit', class: 'button button-primary'}, 'Export…');
      const form = h('form', {class: 'stack'},
        h('p', {}, 'The report covers the latest scan. You choose where to save it next; it opens when it is written.'),
        h('fieldset', {class: 'radios'}, h('legend', {}, 'Format'), radios),
        errors,
        dialogActions(submit, h('button', {type: 'button', class: 'button', onClick: () => close()}, 'Cancel')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const format = form.querySelector('input[name=format]:checked')?.value;
        submit.disabled = true;
        announce('Choose where to save the report…');
        try {
          const result = await api.exportReport(project.id, null, format);
          if (!result) {
            announce('Export cancelled: no file was written.');
            submit.disabled = false;
            return;
          }
          close('exported');
          announce(`Report saved to ${result.path}`);
        } catch (error) {
          submit.disabled = false;
          showError(error, errors);
          announce(`Export failed: ${error.message}`);
        }
      });
      body.append(form);
    },
  });
}
