/** The site path (under the base path) of the dev server's live-reload event stream. */
export const eventsSitePath = '__wiredesk/events';

/** The site path (under the base path) of the browser script the dev server injects into every HTML page. */
export const clientScriptSitePath = '__wiredesk/client.js';

/** The id of the problems overlay the browser script shows, for tests and styles. */
export const overlayId = 'wiredesk-overlay';

/**
 * The site path a browser location shows (`/news/2018/05/25/a/index.html` → `2018/05/25/a/` under `/news/`),
 * percent-decoded, or undefined when the location is outside the base path.
 * Embedded verbatim in the browser script, so it must stay self-contained plain JavaScript once types are stripped.
 */
export function sitePathOfLocation(pathname: string, basePath: string): string | undefined {
  let path = pathname;
  let base = basePath;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // A malformed location is compared as it is written.
  }
  try {
    base = decodeURIComponent(basePath);
  } catch {
    // Likewise for a malformed base path.
  }
  if (!base.endsWith('/')) base += '/';
  if (path + '/' === base) return '';
  if (!path.startsWith(base)) return undefined;
  const rest = path.slice(base.length);
  if (rest === 'index.html') return '';
  return rest.endsWith('/index.html') ? rest.slice(0, rest.length - 'index.html'.length) : rest;
}

/**
 * Whether a `reload` event for `paths` concerns the page at `currentSitePath`: always for `'all'`, otherwise when a path
 * names this page, with or without its trailing slash.
 * Embedded verbatim in the browser script, so it must stay self-contained plain JavaScript once types are stripped.
 */
export function reloadConcernsPage(paths: readonly string[] | 'all', currentSitePath: string | undefined): boolean {
  if (paths === 'all') return true;
  if (currentSitePath === undefined) return false;
  const current = currentSitePath.endsWith('/') ? currentSitePath.slice(0, -1) : currentSitePath;
  return paths.some((path) => (path.endsWith('/') ? path.slice(0, -1) : path) === current);
}

/** The `<script>` tag the dev server puts before `</body>` of every HTML response under `basePath`. */
export function clientScriptTag(basePath: string): string {
  return `<script type="module" src="${escapeAttribute(basePath + clientScriptSitePath)}"></script>`;
}

/** The browser script for a site under `basePath`: live reload over Server-Sent Events and the problems overlay. */
export function clientScriptSource(basePath: string): string {
  return `// wiredesk dev: live reload and the problems overlay. Served by \`wiredesk dev\` only, never built.
const basePath = ${JSON.stringify(basePath)};
const eventsUrl = basePath + ${JSON.stringify(eventsSitePath)};
const overlayId = ${JSON.stringify(overlayId)};
const sitePathOfLocation = ${sitePathOfLocation.toString()};
const reloadConcernsPage = ${reloadConcernsPage.toString()};
${browserRuntime}`;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

// The rest of the browser script. Problem texts are author text: they go in as textContent, never as markup.
const browserRuntime = String.raw`
let serverInstance = null;

function removeOverlay() {
  document.getElementById(overlayId)?.remove();
}

function element(tag, text, css) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (css !== undefined) node.style.cssText = css;
  return node;
}

function showOverlay(problems) {
  removeOverlay();
  if (!Array.isArray(problems) || problems.length === 0) return;
  const hasErrors = problems.some((problem) => problem.severity === 'error');
  const panel = element('div', undefined,
    'position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;' +
    'background:rgba(24,24,27,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;');
  panel.id = overlayId;
  panel.setAttribute('role', 'alert');
  const heading = element('h2', hasErrors
    ? 'wiredesk: errors \u2014 what they break shows its last good version, or is left out until fixed'
    : 'wiredesk: the last save has warnings', 'margin:0 0 1rem;font-size:1.1rem;color:#fca5a5;');
  const list = element('ul', undefined, 'margin:0 0 1.5rem;padding:0;list-style:none;');
  for (const problem of problems) {
    const color = problem.severity === 'error' ? '#fca5a5' : '#fde68a';
    list.append(element('li', String(problem.text), 'margin:0 0 .5rem;white-space:pre-wrap;color:' + color + ';'));
  }
  const dismiss = element('button', 'Dismiss', 'font:inherit;padding:.25rem .75rem;cursor:pointer;');
  dismiss.type = 'button';
  dismiss.addEventListener('click', removeOverlay);
  panel.append(heading, list, dismiss);
  (document.body ?? document.documentElement).append(panel);
}

function listen(name, handle) {
  source.addEventListener(name, (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    handle(data);
  });
}

let source;
function connect() {
  source = new EventSource(eventsUrl);
  listen('hello', (data) => {
    if (serverInstance !== null && data.instance !== serverInstance) location.reload();
    serverInstance = data.instance;
    // Tells tests (and the curious) that live reload is connected.
    if (document.documentElement?.dataset) document.documentElement.dataset.wiredeskLive = 'connected';
  });
  listen('reload', (data) => {
    if (reloadConcernsPage(data.paths, sitePathOfLocation(location.pathname, basePath))) location.reload();
  });
  listen('problems', (data) => showOverlay(data.problems));
  listen('ok', () => {
    removeOverlay();
    location.reload();
  });
  source.addEventListener('error', () => {
    // EventSource retries by itself unless the server answered with an error; then start over after a pause.
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
  });
}
connect();
`;
