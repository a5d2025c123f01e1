import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The issue composer's script (assets/composer.js), read once and served under a fingerprinted
// path (same origin, so the CSP's script-src 'self' allows it); only the issue edit page loads it.
export const COMPOSER_JS = readFileSync(new URL('./assets/composer.js', import.meta.url));
export const COMPOSER_SCRIPT = `/assets/composer.${createHash('sha1').update(COMPOSER_JS).digest('hex').slice(0, 10)}.js`;
