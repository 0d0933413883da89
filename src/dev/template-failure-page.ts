import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { TemplateFailure } from '../overrides/failure.js';
import { formatMessage } from '../report/format.js';

/**
 * The page the preview serves where a site's template failed to render it: the `template-error`
 * message, as a build prints it. The page is made again on each request, so a fixed template
 * (which restarts the engine) serves the real page at once.
 */
export function templateFailurePage(failure: TemplateFailure): string {
  const text = formatMessage(failure.toMessage());
  return `<!doctype html>${toHtml(
    h('html', { lang: 'en' }, [
      h('head', [h('meta', { charset: 'utf-8' }), h('title', 'Template error — wiredesk dev')]),
      h('body', [h('h1', 'A template failed on this page'), h('pre', { class: 'template-error' }, text), h('p', 'Fix the template and save: the preview renders again.')]),
    ]),
  )}`;
}
