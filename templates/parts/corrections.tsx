import type { Element } from 'hast';
import type { Correction } from '../../src/model/article.js';
import { label } from '../../src/labels/fill.js';
import type { LabelSet } from '../../src/labels/select.js';
import type { TimeStyle } from '../dates.js';
import { timeFull } from './time.js';
import { asElement } from './tree.js';

/** The corrections at the foot of a story, each with its time, in the order written; nothing when none. */
export function correctionsList(corrections: readonly Correction[], labels: LabelSet, dates: { readonly language: string; readonly style: TimeStyle }): Element | null {
  if (corrections.length === 0) return null;
  return asElement(
    <section class="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{label(labels, corrections.length === 1 ? 'correction' : 'corrections')}</h2>
      <ul>
        {corrections.map((correction) => (
          <li>
            {timeFull(correction.date, dates.language, dates.style)}
            {': '}
            {correction.text}
          </li>
        ))}
      </ul>
    </section>,
  );
}
