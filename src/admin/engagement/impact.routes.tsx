import { z } from 'zod';
import { impactCsv, impactOf, IMPACT_FIGURES, parseQuarter, quarterName, recentQuarters, type ImpactReport, type Quarter } from '../../engagement/impact.service.js';
import { attachmentDisposition } from '../../lib/header-values.js';
import { formErrorsOf } from '../../lib/form-errors.js';
import { findingChartSvg } from '../../reports/finding-chart.js';
import { AdminLayout } from '../admin-layout.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { ErrorSummary, type FormErrors } from '../forms.js';
import { ListTable } from '../page-parts.js';

// The quarter's impact (desk, `view_impact`; docs/engagement.md): the department's figures for a
// chosen quarter, bar charts with the same figures as tables, and a CSV export.

const query = z.object({ quarter: z.string().max(10).optional().catch(undefined) });

function bars(title: string, rows: readonly { label: string; value: number }[], id: string): string | null {
  const shown = rows.filter((row) => row.value > 0).slice(0, 12);
  if (shown.length === 0) return null;
  const max = Math.max(...shown.map((row) => row.value));
  return findingChartSvg(
    {
      bars: shown.map((row) => ({ label: `${row.label}: ${row.value}`, share: row.value / max, low: row.value / max, high: row.value / max, emphasis: false })),
      alt: `${title}: ${shown.map((row) => `${row.label} ${row.value}`).join('; ')}`,
      ticks: ['0', String(Math.round(max / 2)), String(max)],
    },
    id,
  );
}

function Chart({ svg }: { svg: string | null }) {
  return svg ? <figure class="chart" dangerouslySetInnerHTML={{ __html: svg }} /> : null;
}

function ImpactPage({ ctx, report, chosen, errors }: { ctx: StaffContext; report: ImpactReport; chosen: string; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const noTopic = t('deskEngagement.impact.noTopic');
  const quarters = recentQuarters(ctx.deps.clock.now());
  if (!quarters.includes(report.quarter)) quarters.unshift(report.quarter);
  const figures = IMPACT_FIGURES.map((key) => ({ key, label: t(`deskEngagement.impact.f.${key}`), value: report.figures[key] }));
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskEngagement.impact.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/impact">
      <h1>{t('deskEngagement.impact.title')}</h1>
      <p>{t('deskEngagement.impact.intro')}</p>
      <ErrorSummary errors={errors} />
      <form method="get" action="/admin/impact" class="form form--inline">
        <div class="field">
          <label for="field-quarter">{t('deskEngagement.impact.quarter')}</label>
          <select id="field-quarter" name="quarter">
            {quarters.map((q) => (
              <option key={q} value={q} selected={q === chosen}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--quiet">
          {t('deskEngagement.impact.show')}
        </button>
      </form>
      <p>
        {t('deskEngagement.impact.range', { from: report.from.slice(0, 10), to: new Date(Date.parse(report.to) - 86_400_000).toISOString().slice(0, 10) })} ·{' '}
        <a href={`/admin/impact.csv?quarter=${encodeURIComponent(report.quarter)}`}>{t('deskEngagement.impact.csv')}</a>
      </p>
      <h2>{t('deskEngagement.impact.figures')}</h2>
      <ListTable
        headings={[t('deskEngagement.impact.figure'), t('deskEngagement.impact.value')]}
        items={figures}
        empty=""
        row={(f) => (
          <tr key={f.key} data-figure={f.key}>
            <td>{f.label}</td>
            <td>{f.value}</td>
          </tr>
        )}
      />
      <h2>{t('deskEngagement.impact.storiesPerTopic')}</h2>
      <Chart svg={bars(t('deskEngagement.impact.storiesPerTopic'), report.storiesPerTopic.map((r) => ({ label: r.topic ?? noTopic, value: r.stories })), 'impact-stories')} />
      <ListTable
        headings={[t('deskEngagement.impact.topic'), t('deskEngagement.impact.stories')]}
        items={report.storiesPerTopic}
        empty={t('deskEngagement.none')}
        row={(r) => (
          <tr key={r.topic ?? ''} data-topic-stories={r.topic ?? ''}>
            <td>{r.topic ?? noTopic}</td>
            <td>{r.stories}</td>
          </tr>
        )}
      />
      <h2>{t('deskEngagement.impact.clicksPerStory')}</h2>
      <Chart svg={bars(t('deskEngagement.impact.clicksPerStory'), report.clicksPerStory.map((r) => ({ label: r.title, value: r.human })), 'impact-story-clicks')} />
      <ListTable
        headings={[t('deskEngagement.impact.story'), t('deskEngagement.col.human')]}
        items={report.clicksPerStory}
        empty={t('deskEngagement.none')}
        row={(r) => (
          <tr key={r.slug} data-story-clicks={r.slug}>
            <td>
              <a href={`/admin/stories/${r.slug}/edit`}>{r.title}</a>
            </td>
            <td>{r.human}</td>
          </tr>
        )}
      />
      <h2>{t('deskEngagement.impact.clicksPerTopic')}</h2>
      <Chart svg={bars(t('deskEngagement.impact.clicksPerTopic'), report.clicksPerTopic.map((r) => ({ label: r.topic ?? noTopic, value: r.human })), 'impact-topic-clicks')} />
      <ListTable
        headings={[t('deskEngagement.impact.topic'), t('deskEngagement.col.human')]}
        items={report.clicksPerTopic}
        empty={t('deskEngagement.none')}
        row={(r) => (
          <tr key={r.topic ?? ''} data-topic-clicks={r.topic ?? ''}>
            <td>{r.topic ?? noTopic}</td>
            <td>{r.human}</td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

/** The quarter asked for, or the current one with the error when the text is not a quarter. */
function quarterOf(ctx: StaffContext): { quarter: Quarter; errors?: FormErrors } {
  const { quarter } = query.parse(ctx.request.query ?? {});
  try {
    return { quarter: parseQuarter(quarter, ctx.deps.clock.now()) };
  } catch (error) {
    const errors = formErrorsOf(error);
    return { quarter: parseQuarter(undefined, ctx.deps.clock.now()), errors: { ...errors, message: ctx.locale.t('deskEngagement.impact.badQuarter') } };
  }
}

export const impactRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/impact', 'view_impact', async (ctx) => {
    const { quarter, errors } = quarterOf(ctx);
    const report = await impactOf(ctx.deps.db, quarter);
    return ctx.page(<ImpactPage ctx={ctx} report={report} chosen={quarterName(quarter)} errors={errors} />, errors ? 400 : 200);
  }),

  staffRoute('GET', '/admin/impact.csv', 'view_impact', async (ctx) => {
    const { quarter, errors } = quarterOf(ctx);
    if (errors) return ctx.page(<ImpactPage ctx={ctx} report={await impactOf(ctx.deps.db, quarter)} chosen={quarterName(quarter)} errors={errors} />, 400);
    const report = await impactOf(ctx.deps.db, quarter);
    return ctx.reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`impact-${report.quarter}.csv`))
      .header('cache-control', 'no-store')
      .send(`\uFEFF${impactCsv(report, ctx.locale.t('deskEngagement.impact.noTopic'))}`);
  }),
];
