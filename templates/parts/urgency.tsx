import type { Element } from 'hast';
import type { Article } from '../../src/model/article.js';
import { label } from '../../src/labels/fill.js';
import type { LabelSet } from '../../src/labels/select.js';
import { asElement } from './tree.js';

/** IPTC urgencies that pages flag: 1 (flash) and 2 (urgent). */
const flaggedUrgency = 2;

/** Whether a story is flagged as urgent (IPTC urgency 1 or 2). */
export function isUrgent(article: Pick<Article, 'urgency'>): boolean {
  return article.urgency !== undefined && article.urgency <= flaggedUrgency;
}

/** The "Urgent" label ("Flash" for urgency 1, in the page's language) of an urgent story, else nothing. */
export function urgencyLabel(article: Pick<Article, 'urgency'>, labels: LabelSet): Element | null {
  if (!isUrgent(article)) return null;
  return asElement(<strong class="urgency">{label(labels, article.urgency === 1 ? 'flash' : 'urgent')}</strong>);
}
