/**
 * The keys of every interface word a page or feed shows, split by how they are filled: plain
 * texts (some with `{placeholders}`), and texts that say a count, with a form per plural category.
 */
export const textLabelKeys = [
  'skipToContent',
  'navigation',
  'sections',
  'topics',
  'tags',
  'section',
  'topic',
  'tag',
  'search',
  'latestStories',
  'archive',
  'archivePageTitle',
  'archivePageLine',
  'collectionArchivePageTitle',
  'collectionDescription',
  'sectionIndexDescription',
  'topicIndexDescription',
  'tagIndexDescription',
  'rssFeed',
  'noStories',
  'nothingFiled',
  'pages',
  'newer',
  'older',
  'latest',
  'byline',
  'updated',
  'related',
  'correction',
  'corrections',
  'flash',
  'urgent',
  'withheld',
  'embargoedUntil',
  'previewOnly',
  'pageNotFound',
  'notFoundDescription',
  'notFoundText',
  'frontPageLink',
  'withdrawn',
  'withdrawnTitle',
  'withdrawnHeading',
  'withdrawnAt',
  'withdrawnHeadline',
  'feeds',
  'feedsDescription',
  'feedDescription',
  'searchDescription',
  'searchNeedsJavaScript',
  'searchMissing',
  'browseBy',
  'browseSection',
  'browseTopic',
  'browseTag',
  'moreStories',
  'searchLabel',
  'searchSection',
  'searchAllSections',
  'searchSort',
  'searchBestMatch',
  'searchNewest',
  'searchNoResults',
  'searchMoreResults',
] as const;

/** The keys of texts that say a count (`{count}`), with a form per plural category of the language. */
export const pluralLabelKeys = ['storyCount', 'readingTime', 'searchResultCount'] as const;

/** A plain interface text's key. */
export type TextLabelKey = (typeof textLabelKeys)[number];

/** A counted interface text's key. */
export type PluralLabelKey = (typeof pluralLabelKeys)[number];

/** Any interface text's key. */
export type LabelKey = TextLabelKey | PluralLabelKey;

/** A counted text's forms by CLDR plural category (`Intl.PluralRules`); `other` is the one every language has. */
export type PluralText = { readonly other: string } & { readonly [Category in Exclude<Intl.LDMLPluralRule, 'other'>]?: string };

/** Every interface text of one language. */
export type Labels = { readonly [Key in TextLabelKey]: string } & { readonly [Key in PluralLabelKey]: PluralText };

/** Every label key, plain and counted. */
export const labelKeys: readonly LabelKey[] = [...textLabelKeys, ...pluralLabelKeys];
