import { viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatComparison, formatDate, formatDateRange, formatInteger, formatPercent } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import { computeFinding, type ComputedFinding } from './findings.js';
import type { Report } from './reports.js';

// A report as an audience may see it, every finding computed from its counts.

export interface FindingView {
  readonly title: string;
  readonly figures: string;
  readonly statement: string;
  readonly bases: string;
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

/** "55% vs. 34% (+21 pp)" (decimals chosen so the gap agrees with the shown shares), or "70%" alone. */
function figuresOf(language: Language, computed: ComputedFinding): string {
  return computed.comparison ? formatComparison(language, computed.primary.share, computed.comparison.share) : formatPercent(language, computed.primary.share);
}

/** A report as pages show it to `audience` in `language`, with every finding computed from its counts. */
export function viewReport(report: Report, audience: Audience, language: Language, label: string | null = null): ReportView {
  const t = translator(language);
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
    findings: report.findings.map((finding) => {
      const computed = computeFinding(finding, report.segments);
      const bases = [computed.primary, computed.comparison]
        .filter((share) => share !== null)
        .map((share) => t('reading.report.base', { name: share.segment.name, respondents: formatInteger(language, share.segment.respondents) }))
        .join(t('reading.report.baseSeparator'));
      return { title: finding.title, figures: figuresOf(language, computed), statement: finding.statement, bases };
    }),
    body: viewBody(report.body, audience),
    label,
  };
}
