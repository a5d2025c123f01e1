import { formatInteger } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import type { FigureCount } from '../introductions/introductions.js';
import type { PlatformFigures } from './issues.js';

// What an "Innovation platform" section of an issue shows, in a language: the platform's
// sentence, the innovator introductions' figures of the issue's quarter (counts below 3 as
// "fewer than 3", never a person, a company or a message) and links to the directory and the
// services. The web edition and both email editions render this one view, so they say the same.

/** One figure as shown: its label and its value ("12", "fewer than 3"). */
export interface PlatformFigureView {
  readonly label: string;
  readonly value: string;
}

export interface PlatformView {
  readonly intro: string;
  /** "Introductions in the quarter 2026 Q3:" */
  readonly figuresHeading: string;
  readonly figures: readonly PlatformFigureView[];
  /** "Mobility (fewer than 3), Energy (4)", or null when the quarter has no requests. */
  readonly sectors: string | null;
  /** Site paths (the caller puts them in the reader's language) with their link texts. */
  readonly links: readonly { readonly path: '/innovators' | '/services'; readonly text: string }[];
}

/** The section's view in `language`. */
export function viewPlatform(figures: PlatformFigures, language: Language): PlatformView {
  const t = translator(language);
  const count = (value: FigureCount) => ('exact' in value ? formatInteger(language, value.exact) : t('innovationPlatform.fewerThan', { count: value.fewerThan }));
  const [year = '', quarter = ''] = figures.quarter.split('-Q');
  return {
    intro: t('innovationPlatform.intro'),
    figuresHeading: t('innovationPlatform.figuresHeading', { year, quarter }),
    figures: [
      { label: t('innovationPlatform.requested'), value: count(figures.requested) },
      { label: t('innovationPlatform.made'), value: count(figures.made) },
      { label: t('innovationPlatform.declined'), value: count(figures.declined) },
    ],
    sectors: figures.sectors.length === 0 ? null : t('innovationPlatform.sectors', { sectors: figures.sectors.map((sector) => `${sector.name} (${count(sector.count)})`).join(', ') }),
    links: [
      { path: '/innovators', text: t('innovationPlatform.toInnovators') },
      { path: '/services', text: t('innovationPlatform.toServices') },
    ],
  };
}
