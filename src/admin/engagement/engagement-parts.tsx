import type { ContactClick, DeliveryEngagement, StorySendFigure } from '../../engagement/engagement.js';
import { LANGUAGE_NAMES } from '../../i18n/languages.js';
import { findingChartSvg } from '../../reports/finding-chart.js';
import { useLocale } from '../../web/locale.js';
import { formatInteger } from '../../i18n/format.js';
import { ListTable, utcTime } from '../page-parts.js';

// Engagement on the desk's pages (issue 20): a delivery's clicks (people and machines apart, per
// story, per link, per hour as an SVG chart with the same figures as a table), a story's clicks
// across sends, and what a consenting contact clicked. Machine clicks are shown, never mixed in.

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 44, right: 8, top: 10, bottom: 28 };
const HUMAN = '#2f6f4f';
const MACHINE = '#8d969e';

/** Human and machine clicks per hour, stacked (human below), drawn on the server. */
export function ClickChart({ series }: { series: DeliveryEngagement['series'] }) {
  const { t } = useLocale();
  if (series.length === 0) return <p>{t('deskEngagement.none')}</p>;
  const max = Math.max(1, ...series.map((s) => s.human + s.machine));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = plotW / series.length;
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const human = series.reduce((sum, s) => sum + s.human, 0);
  const machine = series.reduce((sum, s) => sum + s.machine, 0);
  const label = t('deskEngagement.chart.label', { hours: series.length, human, machine, max });
  return (
    <figure class="chart" data-click-chart="">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
        <title>{label}</title>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="#5b6670" />
        <text x={PAD.left - 6} y={PAD.top + 10} text-anchor="end" font-size="11" fill="#1b2733">
          {max}
        </text>
        {series.map((s, index) => {
          const x = PAD.left + index * barW + 1;
          const w = Math.max(1, barW - 2);
          return (
            <g key={s.hour}>
              <title>{t('deskEngagement.chart.hour', { hour: `${s.hour.replace('T', ' ')}:00 UTC`, human: s.human, machine: s.machine })}</title>
              {s.human > 0 ? <rect x={x} y={y(s.human)} width={w} height={y(0) - y(s.human)} fill={HUMAN} /> : null}
              {s.machine > 0 ? <rect x={x} y={y(s.human + s.machine)} width={w} height={y(s.human) - y(s.human + s.machine)} fill={MACHINE} /> : null}
            </g>
          );
        })}
        <text x={PAD.left} y={HEIGHT - 8} font-size="11" fill="#1b2733">
          {`${series[0]!.hour.replace('T', ' ')}:00 UTC`}
        </text>
      </svg>
      <figcaption>
        {label} {t('deskEngagement.chart.colours')}
      </figcaption>
    </figure>
  );
}

/** The "Clicks" section of a delivery's desk page. */
export function DeliveryEngagementSection({ engagement }: { engagement: DeliveryEngagement }) {
  const { t } = useLocale();
  if (!engagement.tracked) {
    return (
      <section aria-labelledby="clicks-heading" data-delivery-clicks="">
        <h2 id="clicks-heading">{t('deskEngagement.delivery.heading')}</h2>
        <p>{t('deskEngagement.delivery.untracked')}</p>
      </section>
    );
  }
  const r = engagement.machineByReason;
  return (
    <section aria-labelledby="clicks-heading" data-delivery-clicks="" data-human-clicks={String(engagement.human)} data-machine-clicks={String(engagement.machine)}>
      <h2 id="clicks-heading">{t('deskEngagement.delivery.heading')}</h2>
      <p>{t('deskEngagement.delivery.summary', { human: engagement.human, machine: engagement.machine, head: r.head, early: r.early, burst: r.burst, scanner: r.scanner })}</p>
      <h3>{t('deskEngagement.delivery.perItem')}</h3>
      <ListTable
        headings={[t('deskEngagement.col.item'), t('deskEngagement.col.language'), t('deskEngagement.col.human')]}
        items={engagement.items}
        empty={t('deskEngagement.none')}
        row={(item) => (
          <tr key={`${item.itemKind}:${item.itemSlug}:${item.language}`} data-item={item.itemSlug}>
            <td>{item.itemKind === 'story' ? <a href={`/admin/stories/${item.itemSlug}/edit`}>{item.label || item.itemSlug}</a> : item.label || item.itemSlug}</td>
            <td>{LANGUAGE_NAMES[item.language]}</td>
            <td>{item.human}</td>
          </tr>
        )}
      />
      <h3>{t('deskEngagement.delivery.overTime')}</h3>
      <ClickChart series={engagement.series} />
      {engagement.series.length > 0 ? (
        <details>
          <summary>{t('deskEngagement.chart.table')}</summary>
          <ListTable
            headings={[t('deskEngagement.col.hour'), t('deskEngagement.col.human'), t('deskEngagement.col.machine')]}
            items={engagement.series}
            empty={t('deskEngagement.none')}
            row={(s) => (
              <tr key={s.hour}>
                <td>{`${s.hour.replace('T', ' ')}:00`}</td>
                <td>{s.human}</td>
                <td>{s.machine}</td>
              </tr>
            )}
          />
        </details>
      ) : null}
      <h3>{t('deskEngagement.delivery.perLink')}</h3>
      <ListTable
        headings={[t('deskEngagement.col.link'), t('deskEngagement.col.language'), t('deskEngagement.col.human'), t('deskEngagement.col.machine')]}
        items={engagement.links}
        empty={t('deskEngagement.none')}
        row={(link) => (
          <tr key={`${link.language}:${link.index}`} data-link-human={String(link.human)}>
            <td>
              {link.label ? `${link.label} · ` : ''}
              <code>{link.url}</code>
            </td>
            <td>{LANGUAGE_NAMES[link.language]}</td>
            <td>{link.human}</td>
            <td>{link.machine}</td>
          </tr>
        )}
      />
    </section>
  );
}

/** A story's clicks in every send that had it (the story's desk page). */
export function StoryEngagementSection({ sends }: { sends: readonly StorySendFigure[] }) {
  const { t } = useLocale();
  const charted = sends.filter((s) => s.human > 0);
  const max = Math.max(1, ...charted.map((s) => s.human));
  const svg =
    charted.length > 0
      ? findingChartSvg(
          {
            bars: charted.map((s) => ({ label: `#${s.deliveryId} ${s.issueTitle} (${s.edition}, ${s.language}): ${s.human}`, share: s.human / max, low: s.human / max, high: s.human / max, emphasis: false })),
            alt: charted.map((s) => `#${s.deliveryId} ${s.language} ${s.human}`).join('; '),
            ticks: ['0', String(Math.round(max / 2)), String(max)],
          },
          'story-clicks',
        )
      : null;
  return (
    <section aria-labelledby="story-clicks-heading" data-story-clicks="">
      <h2 id="story-clicks-heading">{t('deskEngagement.story.heading')}</h2>
      {svg ? <figure class="chart" dangerouslySetInnerHTML={{ __html: svg }} /> : null}
      <ListTable
        headings={[t('deskEngagement.col.send'), t('deskEngagement.col.edition'), t('deskEngagement.col.language'), t('deskEngagement.col.human'), t('deskEngagement.col.machine')]}
        items={sends}
        empty={t('deskEngagement.story.none')}
        row={(s) => (
          <tr key={`${s.deliveryId}:${s.language}`} data-story-send={String(s.deliveryId)} data-human={String(s.human)}>
            <td>
              <a href={`/admin/deliveries/${s.deliveryId}`}>{`#${s.deliveryId} ${s.issueTitle}`}</a>
            </td>
            <td>{s.edition}</td>
            <td>{LANGUAGE_NAMES[s.language]}</td>
            <td>{s.human}</td>
            <td>{s.machine}</td>
          </tr>
        )}
      />
    </section>
  );
}

/** What a consenting contact clicked (the contact's desk page, staff with `manage_people`). */
export function ContactEngagementSection({ consented, clicks }: { consented: boolean; clicks: readonly ContactClick[] }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="contact-clicks-heading" data-contact-clicks="">
      <h2 id="contact-clicks-heading">{t('deskEngagement.contact.heading')}</h2>
      {!consented && clicks.length === 0 ? (
        <p>{t('deskEngagement.contact.notConsented')}</p>
      ) : (
        <ListTable
          headings={[t('deskEngagement.col.when'), t('deskEngagement.col.issue'), t('deskEngagement.col.link')]}
          items={clicks}
          empty={t('deskEngagement.contact.none')}
          row={(click, index) => (
            <tr key={`${click.clickedAt}:${index}`}>
              <td>{utcTime(click.clickedAt)}</td>
              <td>
                <a href={`/admin/deliveries/${click.deliveryId}`}>{click.issueTitle}</a>
              </td>
              <td>{click.itemSlug ? <a href={`/admin/stories/${click.itemSlug}/edit`}>{click.label || click.itemSlug}</a> : click.label || click.url}</td>
            </tr>
          )}
        />
      )}
    </section>
  );
}

/** A delivery's opens (the optional pixel), shown only when the setting is or was on: the count and why it is unreliable. */
export function DeliveryOpensSection({ opens }: { opens: { readonly shown: boolean; readonly opens: number } }) {
  const { t, language } = useLocale();
  if (!opens.shown) return null;
  return (
    <section aria-labelledby="opens-heading" data-delivery-opens={String(opens.opens)}>
      <h2 id="opens-heading">{t('engagementOpens.delivery.heading')}</h2>
      <p>{t('engagementOpens.delivery.count', { count: formatInteger(language, opens.opens) })}</p>
      <p class="field__hint">{t('engagementOpens.delivery.explanation')}</p>
    </section>
  );
}
