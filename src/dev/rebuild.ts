import { performance } from 'node:perf_hooks';
import type { VFileMessage } from 'vfile-message';
import type { Article } from '../model/article.js';
import type { DevAssemblyInputs } from './assemble.js';
import { fullRebuild } from './full-rebuild.js';
import { lightRebuild } from './light-rebuild.js';
import type { RebuildReport } from './rebuild-report.js';
import { elapsed, inputMessages, type DevSession } from './session.js';
import { readStoryChanges } from './story-changes.js';

/**
 * Assemble the site again (see `fullRebuild`; `extend`: stories added since the last good build
 * may extend its resolution) and render again the served pages whose reads changed.
 */
export function rebuildAll(session: DevSession, since: number, extend: boolean): RebuildReport {
  const { setup, state } = session;
  const failed = (messages: readonly VFileMessage[]): RebuildReport => {
    state.lastOk = false;
    return { ok: false, messages, leftOut: [], changed: [], removed: [], rendered: 0, pages: state.kept?.pages.size ?? 0, ms: elapsed(since), path: 'full' };
  };
  if (!setup.config || setup.templatesFailed) return failed(setup.settingsMessages);
  const messages = inputMessages(session);
  const outcome = fullRebuild(session.stories.entries, assemblyInputs(session, setup.config), {
    previous: state.kept,
    lastGood: state.lastGood,
    keepFrame: setup.incremental,
    extend: setup.incremental && extend && state.lastOk,
    storyMessages: new Set(messages),
    fieldsRead: session.served.fieldsRead(),
    listCountReaders: session.served.listCountReaders(),
  });
  if ('failed' in outcome) return failed(outcome.failed);
  const { kept, invalidation } = outcome;
  const rendered = session.served.refresh(kept, invalidation.changed, invalidation.removed);
  state.kept = kept;
  state.lastOk = true;
  state.lastGood = outcome.lastGood;
  return {
    ok: true,
    messages: outcome.messages,
    leftOut: kept.leftOut,
    changed: invalidation.changed,
    removed: invalidation.removed,
    rendered,
    pages: kept.pages.size,
    ms: elapsed(since),
    path: outcome.extended ? 'extended' : 'full',
  };
}

/** Swap edited stories into the last good build when each keeps its shape (see `lightRebuild`); undefined when the site must be assembled again. */
export function rebuildLight(session: DevSession, since: number, edited: ReadonlyMap<string, Article>): RebuildReport | undefined {
  const { setup, state } = session;
  if (!setup.incremental || !state.kept || !state.lastOk || edited.size === 0 || session.stories.unreadable.size > 0) return undefined;
  const light = lightRebuild(state.kept, edited, session.served.fieldsRead());
  if (!light) return undefined;
  for (const article of edited.values()) state.lastGood.set(article.source, article);
  const rendered = session.served.refresh(light.kept, light.changed, []);
  state.kept = light.kept;
  const { kept } = light;
  return {
    ok: true,
    messages: [...inputMessages(session), ...kept.siteMessages],
    leftOut: kept.leftOut,
    changed: [...light.changed, ...light.drafts],
    removed: [],
    rendered,
    pages: kept.pages.size,
    ms: elapsed(since),
    path: 'light',
  };
}

/** Apply changed, added or deleted files (absolute paths): the rebuild they need, from none to a full one. */
export async function applyChanges(session: DevSession, files: readonly string[]): Promise<RebuildReport> {
  const since = performance.now();
  const { setup, state, own } = session;
  if (!setup.config) return rebuildAll(session, since, false);
  // A page or static file changed: the folders are read again and the site resolved again; only
  // the pages whose reads changed (see `invalidatedPages`) are sent to reload, and the static files served anew.
  const ownChange = files.some((file) => own.contains(file)) ? await own.reread() : { changed: false, statics: [] };
  const folder = { storiesDir: setup.storiesDir, root: setup.storiesRoot, cwd: setup.cwd };
  const { edited, restructured, warningsChanged } = await readStoryChanges(
    files.filter((file) => !own.contains(file)),
    folder,
    session.stories,
    session.skipped,
  );
  if (!restructured && !ownChange.changed && edited.size === 0) {
    // Only a skipped file's warning changed: reported as it is, with nothing to resolve or render.
    if (warningsChanged && (!state.kept || !state.lastOk)) return rebuildAll(session, since, false);
    const messages = warningsChanged && state.kept ? [...inputMessages(session), ...state.kept.siteMessages] : inputMessages(session);
    const pages = state.kept?.pages.size ?? 0;
    return { ok: state.lastOk, messages, leftOut: state.kept?.leftOut ?? [], changed: [], removed: [], rendered: 0, pages, ms: elapsed(since), path: warningsChanged ? 'light' : 'unchanged' };
  }
  const report = (!restructured && !ownChange.changed && rebuildLight(session, since, edited)) || rebuildAll(session, since, !ownChange.changed);
  return ownChange.statics.length === 0 ? report : { ...report, changed: [...report.changed, ...ownChange.statics] };
}

function assemblyInputs(session: DevSession, config: NonNullable<DevSession['setup']['config']>): DevAssemblyInputs {
  const { setup, stories, skipped, own } = session;
  const extra = [...setup.settingsMessages, ...stories.unreadable.values(), ...skipped.messages(), ...own.messages()];
  const { storiesDir, cwd, templates, drafts } = setup;
  return { config, files: own.siteFiles(), templates, extra, unreadable: [...stories.unreadable.keys()], storiesDir, cwd, now: setup.now ?? Date.now(), drafts };
}
