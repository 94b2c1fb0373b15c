// The only module that touches window.__TAURI__ (see ui/API.md). Every other
// module imports these functions, so a mock backend can stand in for Tauri.

function tauri() {
  const bridge = window.__TAURI__;
  if (!bridge || !bridge.core) {
    throw {kind: 'internal', message: 'The app backend is not available: Tenet’s window was opened outside the app.'};
  }
  return bridge;
}

/** Every rejection becomes {kind, message} so callers can show it in words. */
function asAppError(error) {
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    return {kind: typeof error.kind === 'string' ? error.kind : 'internal', message: error.message};
  }
  if (typeof error === 'string') return {kind: 'internal', message: error};
  return {kind: 'internal', message: 'Something went wrong in the app backend.'};
}

async function invoke(command, args) {
  try {
    return await tauri().core.invoke(command, args);
  } catch (error) {
    throw asAppError(error);
  }
}

export const appInfo = () => invoke('app_info');
export const getSettings = () => invoke('get_settings');
export const saveSettings = (settings) => invoke('save_settings', {settings});

export const listProjects = () => invoke('list_projects');
export const addProject = () => invoke('add_project');
export const addSampleProject = () => invoke('add_sample_project');
export const removeProject = (projectId, keepHistory) =>
  invoke('remove_project', {projectId, keepHistory});
export const projectOverview = (projectId) => invoke('project_overview', {projectId});
/** `look` asks for charts drawn for the page's theme and pixel density. */
export const projectCharts = (projectId, look = {}) =>
  invoke('project_charts', {projectId, chartTheme: look.theme ?? null, chartScale: look.scale ?? null});

export const queryFindings = (projectId, scanId, query) =>
  invoke('query_findings', {projectId, scanId, query});
export const findingDetail = (projectId, findingId) =>
  invoke('finding_detail', {projectId, findingId});
export const openInEditor = (projectId, findingId) =>
  invoke('open_in_editor', {projectId, findingId});

export const recordReview = (projectId, itemId, verdict, note) =>
  invoke('record_review', {projectId, itemId, verdict, note});
export const listReviews = (projectId) => invoke('list_reviews', {projectId});

export const listScans = (projectId) => invoke('list_scans', {projectId});
export const compareScans = (projectId, from, to) => invoke('compare_scans', {projectId, from, to});

export const listRules = () => invoke('list_rules');
export const ruleDoc = (code) => invoke('rule_doc', {code});

export const listExportFormats = () => invoke('list_export_formats');
export const exportReport = (projectId, scanId, format) =>
  invoke('export_report', {projectId, scanId, format});

/** Invokes `command` with `args` and a progress Channel whose messages go to `onMessage`. */
function invokeWithProgress(command, args, onMessage) {
  let onProgress;
  try {
    onProgress = new (tauri().core.Channel)();
  } catch (error) {
    return Promise.reject(asAppError(error));
  }
  onProgress.onmessage = onMessage;
  return invoke(command, {...args, onProgress});
}

/** Starts a scan; `onMessage` receives each progress message of the channel. */
export const startScan = (projectId, onMessage) => invokeWithProgress('start_scan', {projectId}, onMessage);
export const cancelScan = (projectId) => invoke('cancel_scan', {projectId});

/** What building the trend from git history would add, or null. */
export const backfillOffer = (projectId) => invoke('backfill_offer', {projectId});
/** Starts a backfill; `onMessage` receives each message (one per commit). Cancel with cancelScan. */
export const startBackfill = (projectId, commits, onMessage) =>
  invokeWithProgress('start_backfill', {projectId, commits}, onMessage);

/** Listens to a backend event; resolves to a function that stops listening. */
export async function listen(event, handler) {
  try {
    return await tauri().event.listen(event, (message) => handler(message.payload));
  } catch (error) {
    throw asAppError(error);
  }
}
