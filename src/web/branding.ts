import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Branding } from '../settings/settings.js';

// The site's branding (settings: logo, accent colour, footer line) for the public layout, given
// per render like the locale. No branding (an error page) shows the site's own look.

export const NO_BRANDING: Branding = { logo: null, accentColor: null, footerText: '' };

export const BrandingContext = createContext<Branding>(NO_BRANDING);

export function useBranding(): Branding {
  return useContext(BrandingContext);
}

/** The accent colour's stylesheet (the CSP allows no inline style): the colour in its address, so a change is a new address. */
export function brandStylesheetPath(accent: string): string {
  return `/brand.css?c=${accent.replace('#', '')}`;
}
