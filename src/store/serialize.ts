import type { VFileMessage } from 'vfile-message';
import type { Article } from '../model/article.js';
import type { ModelResult } from '../pipeline/model.js';
import type { StoryOutcome } from '../threads/story-job.js';
import { problem } from '../report/problem.js';
import type { RuleId } from '../report/rules.js';

/** A message as plain data, to cross a worker boundary or sit in the cache. */
export interface PlainMessage {
  readonly reason: string;
  readonly ruleId: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** A model result as plain data: the article is already plain; messages are flattened. */
export interface PlainModelResult {
  readonly article?: Article;
  readonly messages: readonly PlainMessage[];
}

/** Flatten a model result's messages to plain data. */
export function toPlainResult(result: ModelResult): PlainModelResult {
  const messages = result.messages.map(toPlainMessage);
  // Literals, not a spread followed by a field (`{ ...optional, messages }`), which in V8 gives each object a hidden class of its own.
  return result.article ? { article: result.article, messages } : { messages };
}

/** Turn a plain model result back into one with real messages. */
export function fromPlainResult(plain: PlainModelResult): ModelResult {
  const messages = plain.messages.map(fromPlainMessage);
  return plain.article ? { article: plain.article, messages } : { messages };
}

/** Flatten a message to plain data. */
export function toPlainMessage(message: VFileMessage): PlainMessage {
  return {
    reason: message.reason,
    ruleId: message.ruleId ?? '',
    file: message.file ?? '',
    ...(message.line ? { line: message.line } : {}),
    ...(message.column ? { column: message.column } : {}),
  };
}

/** Turn a plain message back into a real one. */
export function fromPlainMessage(plain: PlainMessage): VFileMessage {
  const place = plain.line ? { line: plain.line, column: plain.column ?? 1 } : undefined;
  return problem(plain.ruleId as RuleId, plain.reason, plain.file, place);
}

/** A story's outcome as plain data, to cross a worker boundary. */
export type PlainStoryOutcome =
  | { readonly kind: 'unreadable'; readonly message: PlainMessage }
  | { readonly kind: 'cached'; readonly digest: string }
  | { readonly kind: 'modelled'; readonly digest: string; readonly result: PlainModelResult; readonly shape?: string | undefined };

/** Flatten a story's outcome to plain data. */
export function toPlainOutcome(outcome: StoryOutcome): PlainStoryOutcome {
  if (outcome.kind === 'unreadable') return { kind: 'unreadable', message: toPlainMessage(outcome.message) };
  return outcome.kind === 'cached' ? outcome : { kind: 'modelled', digest: outcome.digest, result: toPlainResult(outcome.result), shape: outcome.shape };
}

/** Turn a plain story outcome back into one with real messages. */
export function fromPlainOutcome(plain: PlainStoryOutcome): StoryOutcome {
  if (plain.kind === 'unreadable') return { kind: 'unreadable', message: fromPlainMessage(plain.message) };
  return plain.kind === 'cached' ? plain : { kind: 'modelled', digest: plain.digest, result: fromPlainResult(plain.result), shape: plain.shape };
}
