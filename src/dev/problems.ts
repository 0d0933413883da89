import type { VFileMessage } from 'vfile-message';
import { formatMessage, sortMessages } from '../report/format.js';
import type { DevProblem } from './site-source.js';

/**
 * Turn build messages into the plain values the dev server sends to pages, as printed: the
 * stories' first (by file and position), then those of the settings file `settingsFile`
 * (its display path, e.g. `site.yaml`), which an editor at work on a story reads last.
 */
export function toDevProblems(messages: readonly VFileMessage[], settingsFile: string): DevProblem[] {
  const ofSettings = (message: VFileMessage) => (message.file === settingsFile ? 1 : 0);
  return sortMessages(messages)
    .sort((a, b) => ofSettings(a) - ofSettings(b))
    .map((message) => ({
      text: formatMessage(message),
      file: message.file ?? '',
      ...(message.line ? { line: message.line } : {}),
      ...(message.column ? { column: message.column } : {}),
      severity: message.fatal === true ? 'error' : 'warning',
      ruleId: message.ruleId ?? '',
    }));
}
