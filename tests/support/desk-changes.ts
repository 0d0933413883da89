import { rm } from 'node:fs/promises';
import path from 'node:path';
import { storyText, type Draft, type OwnFile, type Settings, type Step } from './desk-drafts.js';
import type { FixtureSite } from './fixture-site.js';

// The changes a desk makes between builds, written into a site (see `Desk`): for property tests
// that drive a site through arbitrary sequences of them, drawn by `desk-drafts.ts`.

/** The desk's site: its stories as drafts by id, the clock and the settings, written into `built` at each step. */
export class Desk {
  readonly stories = new Map<string, Draft>();
  /** The folder of each story's file below `stories/` (`''`, or `desk/`). */
  readonly folders = new Map<string, string>();
  /** The stories each story links and names as related, as picked for what its draft says (see `write`). */
  /** The files written or removed since `takeTouched` was last asked (absolute paths). */
  private readonly touched = new Set<string>();
  /** The stories moved by the last changes: links to them are mended. */
  private readonly moved = new Set<string>();
  /** The stories whose own id the last changes changed: the related stories naming them are mended. */
  private readonly renamed = new Set<string>();
  private readonly picked = new Map<string, { links?: number | undefined; linked?: string | undefined; related?: readonly number[] | undefined; relatedIds?: readonly string[] | undefined }>();
  now = Date.parse('2018-05-05T12:00:00Z');
  private made = 0;

  constructor(readonly built: FixtureSite) {}

  /**
   * Mend what the last changes broke, as a desk does once the build says so: a broken story, an id
   * two stories took, and links and related stories naming a story deleted, moved or renamed since
   * (written again, they name the others as they are now).
   */
  async mend(): Promise<void> {
    const claimed = new Set<string>();
    for (const [id, made] of this.stories) {
      const picked = this.picked.get(id);
      const names = [...(picked?.linked === undefined ? [] : [picked.linked]), ...(picked?.relatedIds ?? [])];
      const renamed = (picked?.relatedIds ?? []).some((named) => this.renamed.has(named));
      // Of two stories that took the same id, the one published later gives it up.
      const taken = made.ownId !== undefined && claimed.has(made.ownId);
      if (made.ownId !== undefined) claimed.add(made.ownId);
      if (made.broken || renamed || taken || names.some((named) => !this.stories.has(named) || this.moved.has(named)))
        await this.write(id, { ...made, broken: false, ...(taken ? { ownId: undefined } : {}) });
    }
    this.moved.clear();
    this.renamed.clear();
  }

  /** Apply `step` to the desk and its files. */
  async apply(change: Step): Promise<void> {
    const ids = [...this.stories.keys()];
    const pick = (index: number) => ids[index % Math.max(1, ids.length)];
    if (change.kind === 'publish') await this.write(`s${this.made++}`, change.draft);
    else if (change.kind === 'clock') this.now += change.days * 86_400_000;
    else if (change.kind === 'settings') await this.settings(change.settings);
    else if (change.kind === 'own') await this.own(change.file, change.text);
    else {
      const id = pick(change.story);
      const was = id === undefined ? undefined : this.stories.get(id);
      if (id === undefined || was === undefined) return;
      if (change.kind === 'edit') await this.write(id, { ...was, ...change.change });
      else {
        await rm(this.storyFile(id));
        this.touched.add(this.storyFile(id));
        if (change.kind === 'delete') this.stories.delete(id);
        else {
          // Moved to the other folder as it is: a link to it from a story that names its old place breaks.
          this.folders.set(id, this.folders.get(id) === '' ? 'desk/' : '');
          this.moved.add(id);
          await this.write(id, was);
        }
      }
    }
  }

  /** Write a file of the site's own folders in its `text`th version, or remove it (`undefined`). */
  async own(file: OwnFile, text: number | undefined): Promise<void> {
    if (text === undefined) await rm(path.join(this.built.dir, file), { force: true });
    else if (file.startsWith('static/')) await this.built.write(file, `Notice ${text}.\n`);
    else await this.built.write(file, `---\ntitle: About ${text}\n${text === 2 ? 'updated: 2018-05-02T10:00:00+03:00\n' : ''}---\n\nWho we are, version ${text}.\n`);
  }

  /** Write the site's settings. */
  async settings({ pageSize, feedSize, search, relatedCount, menuSection, swap }: Settings): Promise<void> {
    const lines = ['title: Equivalence Wire', 'baseUrl: https://wire.example/', `pageSize: ${pageSize}`, `feedSize: ${feedSize}`, `search: ${search}`, `relatedCount: ${relatedCount}`];
    if (menuSection !== undefined) lines.push(`menu: [{ section: ${menuSection} }]`);
    if (swap) lines.push('output: { swap: true }');
    await this.built.write('site.yaml', `${lines.join('\n')}\n`);
  }

  /** The files written or removed since this was last asked (absolute paths), as a watcher tells them. */
  takeTouched(): string[] {
    const files = [...this.touched];
    this.touched.clear();
    return files;
  }

  /** The absolute path of the story `id`'s file. */
  private storyFile(id: string): string {
    return path.join(this.built.dir, 'stories', this.fileOf(id));
  }

  /** The file of the story `id`, relative to `stories/`. */
  private fileOf(id: string): string {
    return `${this.folders.get(id) ?? ''}${id}.md`;
  }

  /**
   * Write the story `id` as `made` says. The stories it links and names as related are picked
   * among the others when it first names them, and picked again only when `made` names others or
   * one picked is gone: a story published since does not change them.
   */
  private async write(id: string, made: Draft): Promise<void> {
    if (this.stories.get(id)?.ownId !== made.ownId) this.renamed.add(id);
    this.stories.set(id, made);
    if (!this.folders.has(id)) this.folders.set(id, '');
    const others = [...this.stories.keys()].filter((other) => other !== id);
    const other = (index: number) => others[index % others.length] ?? '';
    const was = this.picked.get(id);
    const gone = (ids: readonly string[]) => ids.some((picked) => !this.stories.has(picked));
    const linked = made.links === undefined || others.length === 0 ? undefined : was?.links === made.links && was.linked !== undefined && !gone([was.linked]) ? was.linked : other(made.links);
    const related =
      made.related === undefined || others.length === 0
        ? undefined
        : was?.related === made.related && was.relatedIds !== undefined && !gone(was.relatedIds)
          ? was.relatedIds
          : [...new Set(made.related.map(other))];
    this.picked.set(id, { links: made.links, linked, related: made.related, relatedIds: related });
    const target = linked === undefined ? undefined : path.posix.relative(this.folders.get(id) ?? '', this.fileOf(linked));
    // Named by the id each story has now: its own when it takes one.
    const relatedIds = related?.map((named) => this.stories.get(named)?.ownId ?? named);
    await this.built.write(`stories/${this.fileOf(id)}`, storyText(made, target, relatedIds));
    this.touched.add(this.storyFile(id));
  }
}
