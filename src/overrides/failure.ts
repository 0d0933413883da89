import type { VFileMessage } from 'vfile-message';
import { problem } from '../report/problem.js';

/** A template failure as plain data, to cross from a render thread. */
export interface PlainTemplateFailure {
  /** The template's name in the table (`article`, `storyCard`…). */
  readonly template: string;
  /** The override's file as messages name it (`templates/article.tsx`). */
  readonly displayPath: string;
  /** What was thrown, or what was wrong with what the template returned. */
  readonly reason: string;
  /** The site path of the page being rendered, once known. */
  readonly page?: string | undefined;
}

/** A site's template override that threw while rendering, or returned something other than a tree. */
export class TemplateFailure extends Error {
  override readonly name = 'TemplateFailure';
  readonly failure: PlainTemplateFailure;

  constructor(failure: PlainTemplateFailure) {
    super(`${failure.displayPath}: the template "${failure.template}" failed${failure.page === undefined ? '' : ` on page "${failure.page}"`}: ${failure.reason}`);
    this.failure = failure;
  }

  /** The same failure, naming the page it happened on (the innermost page named stays). */
  onPage(page: string): TemplateFailure {
    return this.failure.page === undefined ? new TemplateFailure({ ...this.failure, page }) : this;
  }

  /** The `template-error` message a build reports for it. */
  toMessage(): VFileMessage {
    const { template, displayPath, reason, page } = this.failure;
    const where = page === undefined ? '' : ` while rendering the page "${page === '' ? '/' : page}"`;
    return problem('template-error', `The template \`${template}\` failed${where} (${reason}), expected it to return a hast tree; fix the template or remove the file to use the default`, displayPath);
  }
}

/** Render a page, naming it in a template failure that rendering it raised. */
export function renderNamingPage<T>(pagePath: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    throw error instanceof TemplateFailure ? error.onPage(pagePath) : error;
  }
}

/** What a thrown value says, in one line. */
export function thrownText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
