import type { LinkedArticle } from '../../src/model/site.js';
import { isUrgent } from './urgency.js';

/** How many stories follow the lead as cards on the first page of a list, before the river of headlines. */
export const secondaryCount = 4;

/** The first page of a list, laid out as a front page: its lead story, the stories that follow it as cards, and the river of headlines. */
export interface FrontPage {
  readonly lead?: LinkedArticle;
  readonly secondary: readonly LinkedArticle[];
  /** The other stories, newest first. */
  readonly river: readonly LinkedArticle[];
}

/**
 * The story that leads a page (`stories` newest first): the newest that is urgent (IPTC urgency 1
 * or 2) or that the editor marked `top: true`, else the newest with a picture, else the newest.
 */
export function leadStory(stories: readonly LinkedArticle[]): LinkedArticle | undefined {
  return stories.find((story) => isUrgent(story) || story.top === true) ?? stories.find((story) => story.image?.src !== undefined) ?? stories[0];
}

/** A page's stories (newest first) as a front page: the lead (see `leadStory`), the next `secondary` stories, the rest as a river, each newest first. */
export function frontPageLayout(stories: readonly LinkedArticle[], secondary: number = secondaryCount): FrontPage {
  const lead = leadStory(stories);
  const others = stories.filter((story) => story !== lead);
  return { ...(lead ? { lead } : {}), secondary: others.slice(0, secondary), river: others.slice(secondary) };
}
