import type { LeadImageView } from '../../lib/media-urls.js';

/** A story's or issue's lead image: every width as a srcset, its caption and credit beneath. */
export function LeadFigure({ image }: { image: LeadImageView | null }) {
  if (!image) return null;
  return (
    <figure class="lead-figure">
      <img src={image.src} srcset={image.srcset} sizes="(min-width: 48rem) 46rem, 100vw" alt={image.alt} />
      {image.caption ? <figcaption>{image.caption}</figcaption> : null}
    </figure>
  );
}
