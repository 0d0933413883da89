import { VFileMessage } from 'vfile-message';
import type { Point } from '../model/article.js';
import { ruleOf, type RuleId } from './rules.js';

/** The source name every wiredesk message carries (as `eslint` or `remark-lint` do). */
export const messageSource = 'wiredesk';

/**
 * Create a positioned message for `rule`: `reason` says what happened and what was expected.
 * Errors are `fatal: true`, warnings `fatal: false`, as in vfile.
 */
export function problem(rule: RuleId, reason: string, file: string, place?: Point): VFileMessage {
  const message = new VFileMessage(reason, {
    ruleId: rule,
    source: messageSource,
    ...(place ? { place: { line: place.line, column: place.column } } : {}),
  });
  message.file = file;
  message.fatal = ruleOf(rule).severity === 'error';
  return message;
}

/** True when any message stops the build. */
export function hasErrors(messages: readonly VFileMessage[]): boolean {
  return messages.some((message) => message.fatal === true);
}
