import type { Element } from 'hast';
import type { Correction } from '../../src/model/article.js';
import { timeFull } from './time.js';
import { asElement } from './tree.js';

/** The corrections at the foot of a story, each with its time, in the order written; nothing when none. */
export function correctionsList(corrections: readonly Correction[], language: string): Element | null {
  if (corrections.length === 0) return null;
  return asElement(
    <section class="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{corrections.length === 1 ? 'Correction' : 'Corrections'}</h2>
      <ul>
        {corrections.map((correction) => (
          <li>
            {timeFull(correction.date, language)}
            {': '}
            {correction.text}
          </li>
        ))}
      </ul>
    </section>,
  );
}
