import type { VFileMessage } from 'vfile-message';
import { problem } from '../report/problem.js';
import { guessLanguage } from '../text/language-guess.js';
import type { Point } from './article.js';

/** The language a story is shown in when it sets none, and the warning that says it was guessed. */
export interface StoryLanguage {
  readonly lang: string | undefined;
  readonly messages: readonly VFileMessage[];
}

/**
 * A story's `lang`: the one it sets; else, when its headline and first paragraphs are plainly in
 * another script than the site's `language`, the language guessed from them (see `guessLanguage`),
 * with a `lang-guessed` warning at `place` (the headline) that names the guess; else none (the
 * site's language stands).
 */
export function storyLanguage(set: string | undefined, text: string, siteLanguage: string, displayPath: string, place: Point): StoryLanguage {
  if (set !== undefined) return { lang: set, messages: [] };
  const guess = guessLanguage(text, siteLanguage);
  if (!guess) return { lang: undefined, messages: [] };
  const script = new Intl.DisplayNames(['en'], { type: 'script' }).of(guess.script) ?? guess.script;
  const reason = `The story sets no \`lang\` and is written in ${script} script, not in the site's language (${siteLanguage}): it is shown as \`${guess.lang}\`, a guess, expected \`lang: ${guess.lang}\` (or the right tag) in its front matter`;
  return { lang: guess.lang, messages: [problem('lang-guessed', reason, displayPath, place)] };
}
