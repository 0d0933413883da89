import type { VFileMessage } from 'vfile-message';
import { terminalText } from './terminal-text.js';

/** Sort messages by file, then line, then column, then rule id: the order they are printed in. */
export function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return [...messages].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.ruleId ?? '', b.ruleId ?? '') || compareText(a.reason, b.reason),
  );
}

/**
 * One message as one line: `stories/x.md:7:3  error  Unexpected …  invalid-date`; control
 * characters in the file name or the reason (a story's own text) are shown escaped (`terminalText`).
 */
export function formatMessage(message: VFileMessage): string {
  const where = [terminalText(message.file ?? ''), message.line ?? undefined, message.column ?? undefined].filter((part) => part !== undefined && part !== '').join(':');
  const severity = message.fatal === true ? 'error' : 'warning';
  return `${where}  ${severity}  ${terminalText(message.reason)}  ${message.ruleId ?? ''}`.trimEnd();
}

/** The whole report: every message sorted, one per line, then a count line; empty when no messages. */
export function formatReport(messages: readonly VFileMessage[]): string {
  if (messages.length === 0) return '';
  const sorted = sortMessages(messages);
  const errors = sorted.filter((message) => message.fatal === true).length;
  const warnings = sorted.length - errors;
  const count = [plural(errors, 'error'), plural(warnings, 'warning')].join(', ');
  return [...sorted.map(formatMessage), count].join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
