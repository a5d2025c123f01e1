import type { ComponentChildren } from 'preact';
import type { MessageKey, MessageValues, Translate } from '../../i18n/messages.js';

// A translated sentence with links or other elements inside it ("Members find {link} in the email
// edition."): each element's placeholder is formatted as a marker, and the text is cut around the
// markers, so the words around an element keep the order each language gives them.

const MARK = '\u0000';

/** The text `format` makes from one marker per element, cut around the markers, each element put in its place. */
export function withElements(format: (markers: Readonly<Record<string, string>>) => string, elements: Readonly<Record<string, ComponentChildren>>): ComponentChildren[] {
  const markers = Object.fromEntries(Object.keys(elements).map((name) => [name, `${MARK}${name}${MARK}`]));
  return format(markers)
    .split(MARK)
    .map((piece, index) => (index % 2 === 1 ? elements[piece] : piece))
    .filter((piece) => piece !== '');
}

/** The message `key` with `elements` put where their placeholders are; `values` fill the others. */
export function sentence(t: Translate, key: MessageKey, elements: Readonly<Record<string, ComponentChildren>>, values: MessageValues = {}): ComponentChildren[] {
  return withElements((markers) => t(key, { ...values, ...markers }), elements);
}
