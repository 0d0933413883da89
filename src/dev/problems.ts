import type { VFileMessage } from 'vfile-message';
import { formatMessage, sortMessages } from '../report/format.js';
import type { DevProblem } from './site-source.js';

/** Turn build messages into the plain values the dev server sends to pages (sorted, as printed). */
export function toDevProblems(messages: readonly VFileMessage[]): DevProblem[] {
  return sortMessages(messages).map((message) => ({
    text: formatMessage(message),
    file: message.file ?? '',
    ...(message.line ? { line: message.line } : {}),
    ...(message.column ? { column: message.column } : {}),
    severity: message.fatal === true ? 'error' : 'warning',
    ruleId: message.ruleId ?? '',
  }));
}
