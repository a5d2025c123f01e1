import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { emailImages, externalImages, leadImageView, mediaWidths, parseMediaPath } from './media-urls.js';

// Media addresses: the widths an address implies, srcset in web bodies, one fixed width in email,
// and external images found for the desk's warning.

const HASH = '0123456789abcdef';

describe('media addresses', () => {
  it('derives the served widths from the largest one', () => {
    expect(mediaWidths(1600)).toEqual([320, 640, 960, 1280, 1600]);
    expect(mediaWidths(1000)).toEqual([320, 640, 960, 1000]);
    expect(mediaWidths(4000)).toEqual([320, 640, 960, 1280, 1600]);
    expect(mediaWidths(200)).toEqual([200]);
    expect(parseMediaPath(`/media/${HASH}-1000.jpg`)).toEqual({ hash: HASH, width: 1000, ext: 'jpg' });
    // A width the image cannot have, another folder, another type, an absolute URL: not ours.
    expect(parseMediaPath(`/media/${HASH}-1700.jpg`)).toBeUndefined();
    expect(parseMediaPath(`/media/${HASH}-640.svg`)).toBeUndefined();
    expect(parseMediaPath(`https://evil.example/media/${HASH}-640.jpg`)).toBeUndefined();
  });

  it('renders a media image with srcset, a titled one alone as a figure with its caption (escaped)', () => {
    const html = renderMarkdown(`![A <b>cat</b>](/media/${HASH}-960.jpg "Cat <script>x</script> · Photo: Ann")\n\nText ![dog](/media/${HASH}-320.png) more.`);
    expect(html).toContain(`srcset="/media/${HASH}-320.jpg 320w, /media/${HASH}-640.jpg 640w, /media/${HASH}-960.jpg 960w"`);
    expect(html).toContain('<figure><img');
    expect(html).toContain('<figcaption>Cat &lt;script&gt;x&lt;/script&gt; · Photo: Ann</figcaption></figure>');
    expect(html).not.toContain('<script');
    expect(html).toContain(`<p>Text <img src="/media/${HASH}-320.png" alt="dog" srcset="/media/${HASH}-320.png 320w"`);
  });

  it('shows images in email at one fixed width, absolute, without srcset', () => {
    const html = emailImages(renderMarkdown(`![A cat](/media/${HASH}-1600.jpg)\n\n![Small](/media/${HASH}-300.png)\n\n![Far](https://example.org/a.png)`), 'https://insights.example');
    expect(html).toContain(`<img src="https://insights.example/media/${HASH}-640.jpg" alt="A cat" width="560"`);
    expect(html).toContain(`<img src="https://insights.example/media/${HASH}-300.png" alt="Small" width="300"`);
    expect(html).not.toContain('srcset');
    expect(html).toContain('src="https://example.org/a.png"');
  });

  it('finds external images, and lead images only at media paths', () => {
    expect(externalImages(`![a](https://cdn.example/a.jpg) ![b](/media/${HASH}-320.jpg) ![c](http://x.example/c.png "t") ![a2](https://cdn.example/a.jpg)`)).toEqual(['https://cdn.example/a.jpg', 'http://x.example/c.png']);
    expect(leadImageView({ path: `/media/${HASH}-1280.jpg`, alt: 'Alt', caption: 'Cap', credit: 'Photo: B' })).toMatchObject({ caption: 'Cap · Photo: B', emailSrc: `/media/${HASH}-640.jpg` });
    expect(leadImageView({ path: 'https://evil.example/x.jpg', alt: 'Alt', caption: '', credit: '' })).toBeNull();
  });
});
