import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Site } from './layout.js';
import { MessagePage } from './pages/message.page.js';
import { renderTemplate } from './personal-parts.js';
import { ViewerContext, type Viewer } from './viewer.js';

/** Turns a page component tree into a complete HTML document, personal when a viewer is given. */
export function renderDocument(page: VNode, viewer?: Viewer): string {
  return `<!doctype html>\n${render(viewer ? <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider> : page)}`;
}

/** A complete HTML document of a page for an audience, its personal parts left open as markers (personal-parts.tsx). */
export function renderTemplateDocument(page: VNode): string {
  return `<!doctype html>\n${renderTemplate(page)}`;
}

/** The error page in the site's own layout. */
export function renderErrorPage(site: Site, status: number, message: string, path: string): string {
  const title = status === 404 ? 'Page not found' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return renderDocument(
    <MessagePage site={site} title={title} path={path}>
      <p>{message}</p>
      <p>
        <a href="/">Go to the latest issue</a> or <a href="/issues">browse the archive</a>.
      </p>
    </MessagePage>,
  );
}
