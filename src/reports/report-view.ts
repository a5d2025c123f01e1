import { viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatComparison, formatDate, formatDateRange, formatDecimal, formatInteger, formatPercent, formatPointGap } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { translator, type Translate } from '../i18n/messages.js';
import { findingChartSvg, type ChartBar } from './finding-chart.js';
import { computeReportFigures, type FindingFigures } from './report-figures.js';
import type { Report } from './reports.js';
import type { Interval } from './statistics.js';

// A report as an audience may see it, every finding computed (docs/reports.md): the seed's
// headline ("55% vs. 34% (+21 pp)") with its base sizes for everyone; for members also the
// statistics line (intervals, the test against the rest, Holm-adjusted). A finding marked
// members_only is left out of the public view entirely.

/** A finding's chart: inline SVG (escaped where it is written) and its text alternative. */
export interface ChartView {
  readonly svg: string;
  readonly alt: string;
}

export interface FindingView {
  readonly title: string;
  readonly figures: string;
  readonly statement: string;
  readonly bases: string;
  /** Members only: intervals and the test, in one line; null for the public. */
  readonly footnote: string | null;
  readonly chart: ChartView | null;
  readonly membersOnly: boolean;
}

export interface ReportView {
  readonly title: string;
  readonly subtitle: string | null;
  readonly publisher: string | null;
  readonly partner: string | null;
  readonly survey: string | null;
  readonly segments: readonly string[];
  readonly findings: readonly FindingView[];
  readonly body: BodyView;
  readonly label: string | null;
}

function pValue(language: Language, t: Translate, p: number): string {
  return p < 0.001 ? t('survey.p.below', { limit: formatDecimal(language, 0.001, 3) }) : t('survey.p.value', { p: formatDecimal(language, p, 3) });
}

const pct = (language: Language, share: number) => formatPercent(language, share, 1);
const pp = (language: Language, interval: Interval) => [formatPointGap(language, interval.low * 100, 1), formatPointGap(language, interval.high * 100, 1)] as const;

function footnoteOf(language: Language, t: Translate, f: FindingFigures, tested: number): string {
  const lines: string[] = [];
  if (f.compared) {
    lines.push(
      t('survey.footnote.intervals', {
        segment: f.segment.name, segmentLow: pct(language, f.segment.interval.low), segmentHigh: pct(language, f.segment.interval.high),
        compared: f.compared.name, comparedLow: pct(language, f.compared.interval.low), comparedHigh: pct(language, f.compared.interval.high),
      }),
    );
  } else {
    lines.push(t('survey.chart.altBar', { name: f.segment.name, share: pct(language, f.segment.share), low: pct(language, f.segment.interval.low), high: pct(language, f.segment.interval.high), base: formatInteger(language, f.segment.base) }));
  }
  if (f.rest && f.test && f.restDifference && f.gapVsRest !== null && f.adjustedP !== null) {
    const [low, high] = pp(language, f.restDifference);
    lines.push(
      t('survey.footnote.rest', {
        rest: t('survey.rest'), restShare: pct(language, f.rest.share), restBase: formatInteger(language, f.rest.base),
        gap: formatPointGap(language, f.gapVsRest, 1), low, high,
        z: formatDecimal(language, f.test.z, 2), p: pValue(language, t, f.test.p), count: tested, adjusted: pValue(language, t, f.adjustedP),
      }),
    );
    if (f.allDifference && f.gap !== null) {
      const [allLow, allHigh] = pp(language, f.allDifference);
      lines.push(t('survey.footnote.allGap', { gap: formatPointGap(language, f.gap, 1), low: allLow, high: allHigh }));
    }
  } else if (f.compared) {
    lines.push(t('survey.footnote.noTest'));
  }
  if (f.smallBase) lines.push(t('survey.footnote.smallBase'));
  return lines.join(' ');
}

function chartOf(language: Language, t: Translate, f: FindingFigures, id: string): ChartView {
  const groups = [
    { name: f.segment.name, estimate: f.segment, emphasis: true },
    ...(f.compared ? [{ name: f.compared.name, estimate: f.compared, emphasis: false }] : []),
    ...(f.rest ? [{ name: t('survey.rest'), estimate: f.rest, emphasis: false }] : []),
  ];
  const bars: ChartBar[] = groups.map((g) => ({
    label: t('survey.chart.bar', { name: g.name, share: formatPercent(language, g.estimate.share), base: formatInteger(language, g.estimate.base) }),
    share: g.estimate.share,
    low: g.estimate.interval.low,
    high: g.estimate.interval.high,
    emphasis: g.emphasis,
  }));
  const alt = t('survey.chart.alt', {
    title: f.title,
    bars: groups
      .map((g) => t('survey.chart.altBar', { name: g.name, share: formatPercent(language, g.estimate.share), low: formatPercent(language, g.estimate.interval.low), high: formatPercent(language, g.estimate.interval.high), base: formatInteger(language, g.estimate.base) }))
      .join(t('survey.chart.separator')),
  });
  const ticks = [formatPercent(language, 0), formatPercent(language, 0.5), formatPercent(language, 1)] as const;
  return { svg: findingChartSvg({ bars, alt, ticks }, id), alt };
}

/** A report as pages show it to `audience` in `language`, with every finding computed. */
export function viewReport(report: Report, audience: Audience, language: Language, label: string | null = null): ReportView {
  const t = translator(language);
  const figures = computeReportFigures(report);
  const tested = figures.filter((f) => f.test !== null).length;
  return {
    title: report.title,
    subtitle: report.subtitle,
    publisher: report.publisher,
    partner: report.partner,
    survey:
      report.surveyStart && report.surveyEnd
        ? formatDateRange(language, report.surveyStart, report.surveyEnd)
        : report.surveyStart
          ? t('reading.report.surveyFrom', { date: formatDate(language, report.surveyStart) })
          : null,
    segments: report.segments.map((s) => t('reading.report.segment', { name: s.name, count: s.respondents, respondents: formatInteger(language, s.respondents) })),
    findings: figures.flatMap((f, index): FindingView[] => {
      // THE INVARIANT: a members-only finding never reaches the public view.
      if (f.membersOnly && audience !== 'member') return [];
      const title = f.title;
      if (f.empty) return [{ title, figures: t('survey.empty'), statement: f.statement, bases: '', footnote: null, chart: null, membersOnly: f.membersOnly }];
      const bases = [f.segment, f.compared]
        .filter((share) => share !== null)
        .map((share) => t('reading.report.base', { name: share.name, respondents: formatInteger(language, share.base) }))
        .join(t('reading.report.baseSeparator'));
      return [
        {
          title,
          figures: f.compared ? formatComparison(language, f.segment.share, f.compared.share) : formatPercent(language, f.segment.share),
          statement: f.statement,
          bases,
          footnote: audience === 'member' ? footnoteOf(language, t, f, tested) : null,
          chart: chartOf(language, t, f, `chart-${report.slug}-${index + 1}`),
          membersOnly: f.membersOnly,
        },
      ];
    }),
    body: viewBody(report.body, audience),
    label,
  };
}
