import { VFileMessage } from 'vfile-message';
import type { Point } from '../model/article.js';

/** One story an importer made from wire copy: where it goes, its front matter and its Markdown body. */
export interface ImportedStory {
  /** The story id, made deterministically from the input: the file name without `.md`. */
  readonly id: string;
  /** The folder under the stories folder to write it in, POSIX, e.g. `2018/05` (`''` for the top). */
  readonly folder: string;
  /**
   * Front-matter fields in docs/stories.md's order, as plain YAML data (strings, numbers, lists, maps).
   * Dates are ISO 8601 strings with their offset.
   */
  readonly frontMatter: Readonly<Record<string, unknown>>;
  /** The body, as Markdown. */
  readonly body: string;
  /** For wire items with an identity (ninjs `uri`): the item and its version, to update an earlier import. */
  readonly wire?: { readonly uri: string; readonly version?: number };
}

/** A story already in the stories folder, as importers need to know it. */
export interface ExistingStory {
  readonly id: string;
  /** Path relative to the stories folder, POSIX. */
  readonly source: string;
  readonly title: string;
  readonly wire?: { readonly uri: string; readonly version?: number };
}

/** The stories an import can link to and update: those on disk plus those imported earlier in the run. */
export interface ExistingStories {
  /** The story with this headline (compared ignoring case, dash style, quotes and spacing), if exactly one. */
  byTitle(title: string): ExistingStory | undefined;
  byId(id: string): ExistingStory | undefined;
  byWireUri(uri: string): ExistingStory | undefined;
}

/** One input to import: its name as messages show it, and its text. */
export interface ImportInput {
  readonly name: string;
  readonly text: string;
}

/** What an importer made of one input: its stories (usually one) and the problems it met. */
export interface ImportResult {
  readonly stories: readonly ImportedStory[];
  readonly problems: readonly VFileMessage[];
}

/** What an import knows about the site besides its stories. */
export interface ImportSettings {
  /** IANA zone for times (and days) the input writes without a UTC offset: `--timezone`, else `site.yaml`'s `timezone`. */
  readonly timezone?: string | undefined;
}

/** An importer for one input format. */
export type Importer = (input: ImportInput, existing: ExistingStories, settings?: ImportSettings) => ImportResult;

/** The rules of import messages, by id, with their severity. */
export const importRules = {
  'import-unreadable': 'error',
  'import-malformed': 'error',
  'import-missing-field': 'error',
  'import-invalid-field': 'error',
  'import-unresolved-read-more': 'warning',
  'import-unresolved-related': 'warning',
  'import-dropped': 'warning',
  'import-story-exists': 'error',
} as const;

/** The id of an import rule. */
export type ImportRuleId = keyof typeof importRules;

/**
 * A positioned import message, `input:line:column  severity  reason  rule`. Name the field in the
 * reason (`` `headline` ``) and say what was expected, as build messages do.
 */
export function importProblem(rule: ImportRuleId, reason: string, input: string, place?: Point): VFileMessage {
  const message = new VFileMessage(reason, { ruleId: rule, source: 'wiredesk-import', ...(place ? { place } : {}) });
  message.file = input;
  message.fatal = importRules[rule] === 'error';
  return message;
}
