// Every view the audits visit: where it lives (URL hash + mock settings),
// what shows it has loaded, and for dialogs how to open it by keyboard.
export const VIEWS = [
  {name: 'empty-state', hash: '#/', query: {projects: 'none'}, ready: 'h1:has-text("Add a folder to review")'},
  {name: 'projects', hash: '#/', ready: 'table.data-table tbody tr'},
  {name: 'overview', hash: '#/project/1/overview', ready: 'table.checklist tbody tr'},
  {name: 'findings-detail', hash: '#/project/1/findings/p1-f5', ready: '.detail-pane .rule-doc'},
  {name: 'review', hash: '#/project/1/review', ready: 'form.review-form'},
  {name: 'history-comparison', hash: '#/project/1/history/1098..1100', ready: '.comparison h2'},
  {name: 'rules', hash: '#/project/1/rules/MEM001', ready: '.rule-doc-panel h2'},
  {name: 'settings', hash: '#/settings', ready: 'form.settings-form'},
  {name: 'export-dialog', hash: '#/project/2/overview', ready: 'table.checklist tbody tr', dialog: true,
    async open(page) {
      await page.keyboard.press('Control+e');
      await page.waitForSelector('dialog[open] input[type=radio]');
    }},
  {name: 'shortcuts-dialog', hash: '#/project/2/overview', ready: 'table.checklist tbody tr', dialog: true,
    async open(page) {
      await page.locator('main h1').focus();
      await page.keyboard.press('?');
      await page.waitForSelector('dialog[open] table');
    }},
  {name: 'scan-in-progress', hash: '#/project/2/overview', ready: 'table.checklist tbody tr', config: {scanStepMs: 5000}, dialog: true,
    async open(page) {
      await page.keyboard.press('Control+r');
      await page.waitForSelector('.scan-panel progress[value]');
    }},
  {name: 'backfill-offer', hash: '#/', ready: 'table.data-table tbody tr', config: {git: 12, scanStepMs: 5000}, dialog: true,
    async open(page) {
      await page.getByRole('button', {name: 'Add folder…'}).first().click();
      await page.waitForSelector('dialog[open] button.button-primary');
    }},
  {name: 'backfill-in-progress', hash: '#/', ready: 'table.data-table tbody tr', config: {git: 12, scanStepMs: 5000}, dialog: true,
    async open(page) {
      await page.getByRole('button', {name: 'Add folder…'}).first().click();
      await page.getByRole('button', {name: 'Build the trend'}).click();
      await page.waitForSelector('.scan-panel progress[value]');
    }},
  {name: 'remove-dialog', hash: '#/', ready: 'table.data-table tbody tr', dialog: true,
    async open(page) {
      await page.locator('table.data-table tbody tr button').first().click();
      await page.waitForSelector('dialog[open] input[type=radio]');
    }},
];

export const THEMES = ['light', 'dark', 'contrast'];

/** The mock configuration of a view in a theme. */
export const mockConfig = (view, theme) => ({
  theme,
  ...(view.query?.projects ? {projects: view.query.projects} : {}),
  ...(view.config ?? {}),
});
