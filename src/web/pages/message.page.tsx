import type { ComponentChildren } from 'preact';
import { Layout, type Site } from '../layout.js';

/** A short page with a heading and a message: errors, not-found, notices. */
export function MessagePage({
  site,
  title,
  path,
  children,
}: {
  site: Site;
  title: string;
  path: string;
  children: ComponentChildren;
}) {
  return (
    <Layout site={site} meta={{ title, description: title, path, noindex: true }}>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      <div class="message">{children}</div>
    </Layout>
  );
}
