import type { ComponentChildren } from 'preact';
import { Prose, Time } from '../layout.js';
import { formatInteger } from '../../i18n/format.js';
import { useLocale } from '../locale.js';
import { sentence } from './sentence.js';
import type { EventView } from '../../events/event-view.js';
import type { ItemView } from '../../issues/issue-view.js';
import type { ProgramView } from '../../programs/program-view.js';
import type { ReportView } from '../../reports/report-view.js';
import type { StoryView } from '../../stories/story-view.js';

// The pieces an issue is made of, shared by the issue page, the story page and the events pages.

/** "Sources: Author, Outlet, Date / …" with links where a source has a URL. */
export function SourcesLine({ story }: { story: StoryView }) {
  const { t } = useLocale();
  if (story.sourceLinks.length === 0) return null;
  return (
    <p class="sources">
      <span class="sources__label">{t('reading.sources.label', { count: story.sourceLinks.length })}</span>
      {story.sourceLinks.map((source, index) => (
        <>
          {index > 0 ? ' / ' : null}
          {source.url ? (
            <a href={source.url} rel="noopener noreferrer">
              {source.text}
            </a>
          ) : (
            source.text
          )}
        </>
      ))}
    </p>
  );
}

/** The one-line note under an item whose members-only part is left out. */
function WithheldNote({ href, what }: { href: string | null; what: 'story' | 'event' | 'program' | 'report' }) {
  const { t, path } = useLocale();
  const link = (text: string) => (href ? <a href={path(href)}>{text}</a> : text);
  if (what === 'story') return <p class="withheld">{sentence(t, 'reading.withheld.story', { link: link(t('reading.withheld.storyLink')) })}</p>;
  return <p class="withheld">{sentence(t, 'reading.withheld.other', { link: link(t('reading.withheld.otherLink', { what })) })}</p>;
}

function Kicker({ label, kicker }: { label: string | null; kicker: string | null }) {
  if (!label && !kicker) return null;
  return (
    <p class="kicker">
      {label ? <span class="kicker__label">{label}</span> : null}
      {label && kicker ? <span aria-hidden="true"> · </span> : null}
      {kicker ? <span class="kicker__kind">{kicker}</span> : null}
    </p>
  );
}

export function StoryItem({ story }: { story: StoryView }) {
  const { path } = useLocale();
  if (story.kind === 'announcement') {
    return (
      <article class="item item--announcement">
        <Prose html={story.body.html} />
      </article>
    );
  }
  return (
    <article class={`item item--story item--${story.kind}`}>
      <Kicker label={story.label} kicker={story.kicker} />
      <h3 class="item__title">
        <a href={path(`/stories/${story.slug}`)}>{story.title}</a>
      </h3>
      <Prose html={story.body.html} />
      <SourcesLine story={story} />
      {story.body.withheld ? <WithheldNote href={`/stories/${story.slug}`} what="story" /> : null}
    </article>
  );
}

/** One row of a facts list; renders nothing when there is no value. */
export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** When, where and by whom. */
export function EventFacts({ event }: { event: EventView }) {
  const { t } = useLocale();
  return (
    <dl class="facts">
      <Fact term={t('reading.event.time')}>
        <Time datetime={event.datetime}>{event.when}</Time>
      </Fact>
      <Fact term={t('reading.event.location')}>{event.place}</Fact>
      <Fact term={t('reading.event.organiser')}>{event.organiserName}</Fact>
    </dl>
  );
}

export function EventItem({ event }: { event: EventView }) {
  const { t, path } = useLocale();
  return (
    <article class={`item item--event${event.own ? ' item--own-event' : ''}`}>
      <Kicker label={event.label} kicker={event.own ? t('reading.kicker.ownEvent') : null} />
      <h3 class="item__title">
        <a href={path(`/events/${event.slug}`)}>{event.title}</a>
      </h3>
      <EventFacts event={event} />
      <Prose html={event.body.html} />
      {event.body.withheld ? <WithheldNote href={`/events/${event.slug}`} what="event" /> : null}
    </article>
  );
}

/** Deadline (as passed, when the page knows registration has closed), cohort, duration, roles and whom to ask. */
export function ProgramFacts({ program, closed = false }: { program: ProgramView; closed?: boolean }) {
  const { t, language } = useLocale();
  const months = program.durationMonths;
  const email = program.contactEmail ? <a href={`mailto:${program.contactEmail}`}>{program.contactEmail}</a> : null;
  return (
    <dl class="facts">
      <Fact term={closed ? t('reading.program.closed') : t('reading.program.registerBy')}>{program.deadline}</Fact>
      <Fact term={t('reading.program.cohort')}>{program.cohortStart}</Fact>
      <Fact term={t('reading.program.duration')}>{months ? t('reading.program.months', { count: months, months: formatInteger(language, months) }) : null}</Fact>
      <Fact term={t('reading.program.roles')}>{program.roles.map((role) => t('reading.program.role', { role })).join(t('reading.listSeparator'))}</Fact>
      <Fact term={t('reading.program.questions')}>{email && program.contactName ? sentence(t, 'reading.program.contact', { email }, { name: program.contactName }) : email}</Fact>
    </dl>
  );
}

export function ProgramItem({ program }: { program: ProgramView }) {
  const { t, path } = useLocale();
  return (
    <article class="item item--program">
      <Kicker label={program.label} kicker={t('reading.kicker.program')} />
      <h3 class="item__title">
        <a href={path(`/programs/${program.slug}`)}>{program.title}</a>
      </h3>
      <Prose html={program.body.html} />
      <ProgramFacts program={program} />
      {program.body.withheld ? <WithheldNote href={`/programs/${program.slug}`} what="program" /> : null}
    </article>
  );
}

export function ReportItem({ report }: { report: ReportView }) {
  const { t } = useLocale();
  return (
    <article class="item item--report">
      <Kicker label={report.label} kicker={t('reading.kicker.report')} />
      <h3 class="item__title">
        {report.title}
        {report.subtitle ? <span class="item__subtitle">{report.subtitle}</span> : null}
      </h3>
      <Prose html={report.body.html} />
      {report.findings.length > 0 ? (
        <>
          <h4 class="findings__heading">{t('reading.report.findings')}</h4>
          <ol class="findings">
            {report.findings.map((finding) => (
              <li class="finding">
                <p class="finding__title">{finding.title}</p>
                <p class="finding__figures">{finding.figures}</p>
                <p class="finding__statement">
                  {t('reading.report.statement', { statement: finding.statement })}
                  {finding.bases ? (
                    <>
                      {' '}
                      <span class="finding__bases">({finding.bases})</span>
                    </>
                  ) : null}
                </p>
                {/* The chart's SVG is written and escaped in reports/finding-chart.ts; its <title> is the alt text. */}
                {finding.chart ? <figure class="finding__chart" dangerouslySetInnerHTML={{ __html: finding.chart.svg }} /> : null}
                {finding.footnote ? <p class="finding__footnote">{finding.footnote}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <dl class="facts">
        <Fact term={t('reading.report.publishedBy')}>
          {report.publisher && report.partner ? t('reading.report.publisherWith', { publisher: report.publisher, partner: report.partner }) : report.publisher}
        </Fact>
        <Fact term={t('reading.report.survey')}>{report.survey}</Fact>
        <Fact term={t('reading.report.respondents')}>{report.segments.join(t('reading.report.segmentSeparator'))}</Fact>
      </dl>
      {report.body.withheld ? <WithheldNote href={null} what="report" /> : null}
    </article>
  );
}

export function Item({ item }: { item: ItemView }) {
  switch (item.type) {
    case 'story':
      return <StoryItem story={item.story} />;
    case 'event':
      return <EventItem event={item.event} />;
    case 'program':
      return <ProgramItem program={item.program} />;
    case 'report':
      return <ReportItem report={item.report} />;
  }
}
