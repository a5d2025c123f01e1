import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A feed server on 127.0.0.1 for the curation tests, the journey and the bench: RSS 2.0, Atom
// and JSON Feed fixtures (the same launch reported by three outlets, near-duplicates), broken
// XML, a web page that is no feed, a feed that answers 304 to its ETag, a 500, a slow answer,
// redirects, a huge body, an article page with Open Graph and JSON-LD, and generated feeds
// (`/generated/<n>.xml?items=50`) for the bench. Nothing here reaches the internet.

const LAUNCH = 'Landspace Technology launched its methane-powered Zhuque-2 carrier rocket and sent satellites into orbit, the third flight of the rocket and the first successive launches of a Chinese commercial liquid carrier rocket';

/** The fixtures' texts, for assertions. */
export const FIXTURE = {
  launchTitle: 'Zhuque-2 methane rocket reaches orbit again',
  robotsTitle: 'China is betting on humanoid robots for the next breakthrough',
  articleTitle: 'China surpasses the EU in R&D investment',
  articleAuthor: 'Jessi Wu',
  articleOutlet: 'Technode',
} as const;

function rss(base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Interesting Engineering</title>
  <link>${base}/</link>
  <language>en-us</language>
  <item>
    <title>${FIXTURE.launchTitle}</title>
    <link>${base}/articles/zhuque-2?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">ie-zhuque-2</guid>
    <dc:creator>Can Emir</dc:creator>
    <pubDate>Tue, 12 Dec 2023 08:00:00 GMT</pubDate>
    <description>${LAUNCH}.</description>
    <content:encoded><![CDATA[<p>${LAUNCH}.</p><script>alert('feed')</script><p><a href="javascript:alert(1)">more</a> <img src="x" onerror="alert(2)"></p>]]></content:encoded>
  </item>
  <item>
    <title>${FIXTURE.robotsTitle}</title>
    <link>${base}/articles/humanoid-robots</link>
    <guid isPermaLink="false">ie-robots</guid>
    <dc:creator>Jessi Wu</dc:creator>
    <pubDate>Sun, 03 Nov 2024 09:00:00 GMT</pubDate>
    <description>The Ministry of Industry and Information Technology issued guidelines to promote humanoid robots, with an industrial supply chain by 2027.</description>
  </item>
</channel>
</rss>`;
}

function atom(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>SpaceNews</title>
  <link href="${base}/"/>
  <id>urn:spacenews</id>
  <updated>2023-12-11T00:00:00Z</updated>
  <entry>
    <title>Zhuque-2 methane rocket reaches orbit again for Landspace</title>
    <link href="${base}/spacenews/zhuque-2"/>
    <id>urn:spacenews:zhuque-2</id>
    <author><name>Andrew Jones</name></author>
    <updated>2023-12-11T10:00:00Z</updated>
    <summary>${LAUNCH}.</summary>
  </entry>
</feed>`;
}

function jsonFeed(base: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Technode',
    home_page_url: `${base}/`,
    language: 'en',
    items: [
      {
        id: 'technode-zhuque-2',
        url: `${base}/technode/zhuque-2?fbclid=abc`,
        title: 'Zhuque-2 methane rocket reaches orbit again',
        authors: [{ name: 'Jessi Wu' }],
        date_published: '2023-12-13T02:00:00Z',
        content_html: `<p>${LAUNCH}.</p>`,
      },
      {
        id: 'technode-rd',
        url: `${base}/technode/rd-scoreboard`,
        title: 'Chinese companies triple their number on the EU R&D scoreboard',
        authors: [{ name: 'Jessi Wu' }],
        date_published: '2023-12-21T02:00:00Z',
        content_text: 'The number of Chinese companies in the EU Industrial R&D Investment Scoreboard has more than tripled over the past decade.',
      },
    ],
  });
}

function noGuidRss(base: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Caijing</title><link>${base}/</link><language>zh-cn</language>
<item><title>宁德时代发布新电池</title><link>${base}/go/catl</link><description>宁德时代发布了新一代电池。</description></item>
<item><title>No link at all</title><description>An item without a link or guid is known by its text.</description></item>
</channel></rss>`;
}

function article(base: string): string {
  return `<!doctype html><html lang="en"><head><title>Page title | Technode</title>
<meta property="og:title" content="${FIXTURE.articleTitle.replace('&', '&amp;')}">
<meta property="og:site_name" content="${FIXTURE.articleOutlet}">
<meta property="og:description" content="Huawei, TSMC and CATL are among the top ten in R&amp;D investment.">
<meta property="og:url" content="${base}/articles/rd-investment">
<meta property="article:published_time" content="2023-12-21T08:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${FIXTURE.articleTitle}","author":[{"@type":"Person","name":"${FIXTURE.articleAuthor}"}],"publisher":{"@type":"Organization","name":"${FIXTURE.articleOutlet}"},"datePublished":"2023-12-21T08:00:00Z"}</script>
</head><body><p>Article text.</p></body></html>`;
}

/** A generated feed of `count` items for source `n` (the bench): a few stories repeat across sources. */
export function generatedFeed(base: string, n: number, count: number): string {
  const topics = ['battery', 'rocket', 'robot', 'chip', 'drone', 'satellite', 'vehicle', 'solar', 'hydrogen', 'quantum'];
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    // Every tenth item is one of 20 shared stories, reported by many sources in nearly the same words.
    const shared = i % 10 === 0;
    const key = shared ? `shared-${(n + i) % 20}` : `s${n}-i${i}`;
    const topic = topics[(n * 7 + i) % topics.length]!;
    const text = shared
      ? `Shared story ${(n + i) % 20}: a ${topic} maker in Shenzhen announced a new ${topic} line with partners in Germany and raised funding from state investors`
      : `Source ${n} item ${i} reports that company ${n * 1000 + i} in city ${i % 37} released ${topic} product ${i} with ${n + i} features for market ${n % 13}`;
    items.push(`<item><title>${shared ? `Shared story ${(n + i) % 20} about ${topic}` : `Item ${i} of source ${n} on ${topic}`}</title><link>${base}/a/${key}</link><guid>${n}-${i}</guid><pubDate>${new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toUTCString()}</pubDate><description>${text}</description></item>`);
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Source ${n}</title><link>${base}/</link><language>en</language>${items.join('')}</channel></rss>`;
}

/** A running feed server and what it saw. */
export interface FeedServer {
  readonly base: string;
  /** Requests by path, in order. */
  readonly requests: string[];
  /** Conditional requests answered 304. */
  notModified: number;
  close(): Promise<void>;
}

/** A feed a test serves besides the fixtures (the XSS walk's payload feed): its content type and body, given the server's base address. */
export interface ExtraFeed {
  readonly type: string;
  body(base: string): string;
}

/** Starts the feed server on 127.0.0.1 and a free port; `extra` adds feeds by path. */
export async function startFeedServer(extra: Readonly<Record<string, ExtraFeed>> = {}): Promise<FeedServer> {
  let base = '';
  const state: FeedServer = { base: '', requests: [], notModified: 0, close: async () => undefined };
  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    state.requests.push(url.pathname);
    const generated = /^\/generated\/(\d+)\.xml$/.exec(url.pathname);
    if (generated) return send(res, 200, 'application/rss+xml', generatedFeed(base, Number(generated[1]), Number(url.searchParams.get('items') ?? 50)));
    const added = Object.hasOwn(extra, url.pathname) ? extra[url.pathname] : undefined;
    if (added) return send(res, 200, added.type, added.body(base));
    switch (url.pathname) {
      case '/rss.xml': return send(res, 200, 'application/rss+xml; charset=utf-8', rss(base));
      case '/atom.xml': return send(res, 200, 'application/atom+xml', atom(base));
      case '/feed.json': return send(res, 200, 'application/feed+json', jsonFeed(base));
      case '/noguid.xml': return send(res, 200, 'application/rss+xml', noGuidRss(base));
      case '/broken.xml': return send(res, 200, 'application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>half</title></channel>');
      case '/page.html': return send(res, 200, 'text/html', '<!doctype html><html><head><title>Not a feed</title></head><body>Hello</body></html>');
      case '/etag.xml':
        if (req.headers['if-none-match'] === '"rss-v1"') {
          state.notModified++;
          res.writeHead(304, { etag: '"rss-v1"' });
          return res.end();
        }
        return send(res, 200, 'application/rss+xml', rss(base), { etag: '"rss-v1"', 'last-modified': 'Tue, 12 Dec 2023 08:00:00 GMT' });
      case '/500.xml': return send(res, 500, 'text/plain', 'internal error');
      case '/slow.xml':
        setTimeout(() => !res.destroyed && send(res, 200, 'application/rss+xml', rss(base)), 30_000).unref();
        return;
      case '/moved.xml':
        res.writeHead(301, { location: '/rss.xml' });
        return res.end();
      case '/to-private.xml':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      case '/huge.xml': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = `<item><title>${'x'.repeat(1000)}</title></item>`;
        const write = (left: number) => {
          if (left === 0 || res.destroyed) return res.end();
          const ok = res.write(chunk.repeat(100));
          if (ok) setImmediate(() => write(left - 1));
          else res.once('drain', () => write(left - 1));
        };
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
        return write(80); // about 8 MB
      }
      case '/go/catl':
        res.writeHead(302, { location: '/articles/catl-battery?utm_campaign=feed' });
        return res.end();
      case '/article.html': return send(res, 200, 'text/html; charset=utf-8', article(base));
      case '/article-redirect':
        res.writeHead(301, { location: '/article.html?utm_source=newsletter' });
        return res.end();
      default:
        if (url.pathname.startsWith('/articles/') || url.pathname.startsWith('/a/')) return send(res, 200, 'text/html', '<!doctype html><title>article</title>');
        return send(res, 404, 'text/plain', 'not found');
    }
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    base,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
