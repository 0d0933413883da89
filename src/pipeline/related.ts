import type { Article } from '../model/article.js';
import { byNewest } from '../model/site.js';

/** What computing related stories reads of an article. */
export type RelatedInput = Pick<Article, 'id' | 'date' | 'section' | 'topics' | 'tags' | 'related'>;

/** What a shared term adds to a candidate's score: a topic counts three tags, the section half a tag. */
export const relatedWeights = { topic: 3, tag: 1, section: 0.5 } as const;

/**
 * How many of the nearest-older stories of each of a story's topics and tags are candidates.
 * It keeps the cost per story flat however big a tag grows (a tag of 20,000 stories costs as much
 * as one of 40), at the price of never finding an old story that shares only big terms.
 */
export const relatedWindow = 32;

/**
 * Related stories for every story that names none (`related` absent), as ids, best first: up to
 * `count` live stories published before it (later in the default order: older, or as old with a
 * later id) that share a topic or a tag with it. A candidate scores the weights of every topic and
 * tag it shares, plus a bonus for the same section; ties go to the newer story, then the smaller
 * id. Candidates are the `window` nearest-older stories of each of the story's topics and tags.
 *
 * Pass the live stories only: a story left out here is never related. The result does not depend
 * on their order, and a story's list never changes when a newer one is published. Stories that
 * name their related stories are not in the result, nor, with `only`, the stories whose ids it lacks.
 */
export function computeRelated(articles: readonly RelatedInput[], count: number, window: number = relatedWindow, only?: ReadonlySet<string>): ReadonlyMap<string, readonly string[]> {
  const related = new Map<string, readonly string[]>();
  if (count <= 0 || window <= 0) return related;
  const ordered = inDefaultOrder(articles);
  const { termStart, termList, termRank, postings, weightOf } = indexTerms(ordered);
  // The weight of each of the current story's terms (0 for the others), and which story last saw each candidate.
  const shared = new Float64Array(weightOf.length);
  const seenBy = new Int32Array(ordered.length).fill(-1);
  const best = new BestList(count);
  for (let story = 0; story < ordered.length; story++) {
    const article = ordered[story] as RelatedInput;
    if (article.related !== undefined || (only && !only.has(article.id))) continue;
    const from = termStart[story] as number;
    const to = termStart[story + 1] as number;
    for (let k = from; k < to; k++) shared[termList[k] as number] = weightOf[termList[k] as number] as number;
    best.clear();
    for (let k = from; k < to; k++) {
      const posting = postings[termList[k] as number] as readonly number[];
      const first = (termRank[k] as number) + 1;
      const last = Math.min(posting.length, first + window);
      for (let j = first; j < last; j++) {
        const candidate = posting[j] as number;
        if (seenBy[candidate] === story) continue;
        seenBy[candidate] = story;
        let score = 0;
        const end = termStart[candidate + 1] as number;
        for (let m = termStart[candidate] as number; m < end; m++) score += shared[termList[m] as number] as number;
        best.offer(candidate, score);
      }
    }
    for (let k = from; k < to; k++) shared[termList[k] as number] = 0;
    related.set(article.id, best.ids(ordered));
  }
  return related;
}

/** The articles in the default order (newest first, then id): as given when they already are. */
function inDefaultOrder(articles: readonly RelatedInput[]): readonly RelatedInput[] {
  const sorted = articles.every((article, index) => index === 0 || byNewest(articles[index - 1] as RelatedInput, article) < 0);
  return sorted ? articles : [...articles].sort(byNewest);
}

/**
 * Sections, topics and tags as numbers: each story's distinct terms (flat), and where it stands in
 * each term's posting list. A section is a term with an empty posting list: sections are too broad
 * to find candidates by, they only add their bonus to a candidate found by a topic or a tag.
 */
interface TermIndex {
  /** Story `s`'s terms are `termList[termStart[s] .. termStart[s + 1]]`. */
  readonly termStart: Int32Array;
  readonly termList: Int32Array;
  /** Where the story stands in the posting list of the term at the same place in `termList` (-1 for a section). */
  readonly termRank: Int32Array;
  /** By term: the positions of its stories in the default order, ascending (newest first); none for a section. */
  readonly postings: readonly (readonly number[])[];
  /** By term: its weight. */
  readonly weightOf: Float64Array;
}

function indexTerms(ordered: readonly RelatedInput[]): TermIndex {
  const topicIds = new Map<string, number>();
  const tagIds = new Map<string, number>();
  const sectionIds = new Map<string, number>();
  const postings: number[][] = [];
  const weights: number[] = [];
  const termStart = new Int32Array(ordered.length + 1);
  let capacity = 0;
  for (const article of ordered) capacity += article.topics.length + article.tags.length + 1;
  const termList = new Int32Array(capacity);
  const termRank = new Int32Array(capacity);
  let length = 0;
  const termOf = (ids: Map<string, number>, slug: string, weight: number) => {
    let term = ids.get(slug);
    if (term === undefined) {
      term = postings.length;
      ids.set(slug, term);
      postings.push([]);
      weights.push(weight);
    }
    return term;
  };
  const add = (ids: Map<string, number>, slug: string, weight: number, story: number) => {
    const term = termOf(ids, slug, weight);
    const posting = postings[term] as number[];
    // A term written twice (or two spellings of one slug) counts once.
    if (posting[posting.length - 1] === story) return;
    termList[length] = term;
    termRank[length++] = posting.length;
    posting.push(story);
  };
  for (let story = 0; story < ordered.length; story++) {
    const article = ordered[story] as RelatedInput;
    termStart[story] = length;
    for (const topic of article.topics) add(topicIds, topic.slug, relatedWeights.topic, story);
    for (const tag of article.tags) add(tagIds, tag.slug, relatedWeights.tag, story);
    if (article.section) {
      termList[length] = termOf(sectionIds, article.section.slug, relatedWeights.section);
      termRank[length++] = -1;
    }
  }
  termStart[ordered.length] = length;
  return { termStart, termList, termRank, postings, weightOf: Float64Array.from(weights) };
}

/** The best `size` candidates seen so far: highest score first, then the smaller position (newer, then id). */
class BestList {
  private readonly positionAt: Int32Array;
  private readonly scoreAt: Float64Array;
  private length = 0;

  constructor(private readonly size: number) {
    this.positionAt = new Int32Array(size);
    this.scoreAt = new Float64Array(size);
  }

  /** Start again, empty. */
  clear(): void {
    this.length = 0;
  }

  offer(position: number, score: number): void {
    const { positionAt, scoreAt, size } = this;
    let at = this.length;
    if (at === size && !ahead(position, score, positionAt[at - 1] as number, scoreAt[at - 1] as number)) return;
    if (at === size) at--;
    while (at > 0 && ahead(position, score, positionAt[at - 1] as number, scoreAt[at - 1] as number)) {
      positionAt[at] = positionAt[at - 1] as number;
      scoreAt[at] = scoreAt[at - 1] as number;
      at--;
    }
    positionAt[at] = position;
    scoreAt[at] = score;
    if (this.length < size) this.length++;
  }

  /** The ids of the stories at the listed positions of `ordered`, best first. */
  ids(ordered: readonly RelatedInput[]): string[] {
    const ids: string[] = [];
    for (let at = 0; at < this.length; at++) ids.push((ordered[this.positionAt[at] as number] as RelatedInput).id);
    return ids;
  }
}

function ahead(position: number, score: number, otherPosition: number, otherScore: number): boolean {
  return score > otherScore || (score === otherScore && position < otherPosition);
}
