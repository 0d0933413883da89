import { toHtml } from 'hast-util-to-html';

/**
 * Plain text as the HTML that shows it (`<` and `&` escaped), for the RSS fields readers parse as
 * HTML: a summary `<Sedio N.V.>` then reads as written instead of vanishing as an unknown tag.
 */
export function htmlOfText(text: string): string {
  return toHtml({ type: 'text', value: text });
}
