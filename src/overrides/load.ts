import { DamagedCacheError } from '../store/split-file.js';
import type { VFileMessage } from 'vfile-message';
import { defaultTemplates } from '../../templates/defaults.js';
import { type Template, type TemplateName, type Templates } from '../../templates/table.js';
import { problem } from '../report/problem.js';
import type { CompiledTemplate } from './compile.js';
import { TemplateFailure, thrownText } from './failure.js';
import { importEsm } from './import-esm.js';

/** The template table with a site's compiled overrides in place of the defaults, or why they could not be loaded. */
export interface LoadedTemplates {
  readonly templates: Templates;
  readonly messages: readonly VFileMessage[];
}

/**
 * Import compiled overrides (the same files on every thread) and put each module's default export
 * in the table, guarded so that one that throws, or returns no tree, is a `TemplateFailure` naming
 * it. A module that cannot be loaded, or has no default function, is a `template-error`.
 */
export async function loadOverrides(compiled: readonly CompiledTemplate[]): Promise<LoadedTemplates> {
  const messages: VFileMessage[] = [];
  const table: Partial<Record<TemplateName, Template<never, unknown>>> = {};
  for (const { name, url, displayPath } of compiled) {
    let module: Record<string, unknown>;
    try {
      module = await importEsm(url);
    } catch (error) {
      messages.push(problem('template-error', `The template could not be loaded (${thrownText(error)}), expected a module that runs`, displayPath));
      continue;
    }
    const render = module.default;
    if (typeof render !== 'function') {
      const names = Object.keys(module).filter((key) => key !== 'default');
      const found = render !== undefined ? `its default export is a ${typeof render}` : names.length === 0 ? 'it exports nothing' : `it exports ${names.map((key) => `\`${key}\``).join(', ')}`;
      messages.push(problem('template-error', `No default export to render with (${found}), expected \`export default function ${name}(view, templates)\``, displayPath));
      continue;
    }
    table[name] = guarded(name, displayPath, render as (view: unknown, templates: Templates) => unknown);
  }
  return { templates: { ...defaultTemplates, ...(table as Partial<Templates>) }, messages };
}

/** The templates that make a part of a page (one element), not a whole page or document (a root). */
const elementTemplates: ReadonlySet<TemplateName> = new Set<TemplateName>(['storyCard', 'header', 'footer']);

/** `render`, turning what it throws, or a result that is not a hast node, into a `TemplateFailure` that names the template. */
function guarded(name: TemplateName, displayPath: string, render: (view: unknown, templates: Templates) => unknown): Template<never, unknown> {
  return (view, templates) => {
    let tree: unknown;
    try {
      tree = render(view, templates);
    } catch (error) {
      // A damaged cache found while the template read a story is the build's to handle, not the template's fault.
      if (error instanceof TemplateFailure || error instanceof DamagedCacheError) throw error;
      throw new TemplateFailure({ template: name, displayPath, reason: `it threw ${thrownText(error)}` });
    }
    const type = typeof tree === 'object' && tree !== null && 'type' in tree ? tree.type : undefined;
    const returnsElement = elementTemplates.has(name);
    if (type !== (returnsElement ? 'element' : 'root')) {
      const wanted = returnsElement ? 'an element' : 'a root';
      throw new TemplateFailure({
        template: name,
        displayPath,
        reason: `it returned ${tree === null ? 'null' : typeof tree === 'object' ? `a node of type ${String(type)}` : typeof tree}, not ${wanted}`,
      });
    }
    return tree;
  };
}
