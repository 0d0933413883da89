import type { Element } from 'hast';
import type { Article } from '../../src/model/article.js';
import { asElement } from './tree.js';

/** IPTC urgencies that pages flag: 1 (flash) and 2 (urgent). */
const flaggedUrgency = 2;

/** Whether a story is flagged as urgent (IPTC urgency 1 or 2). */
export function isUrgent(article: Pick<Article, 'urgency'>): boolean {
  return article.urgency !== undefined && article.urgency <= flaggedUrgency;
}

/** The "URGENT" label (`FLASH` for urgency 1) of an urgent story, else nothing. */
export function urgencyLabel(article: Pick<Article, 'urgency'>): Element | null {
  if (!isUrgent(article)) return null;
  return asElement(<strong class="urgency">{article.urgency === 1 ? 'Flash' : 'Urgent'}</strong>);
}
