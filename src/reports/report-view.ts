import { viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatDate } from '../lib/local-time.js';
import { computeFinding, formatFigures } from './findings.js';
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

/** A report as pages show it to `audience`, with every finding computed from its counts. */
export function viewReport(report: Report, audience: Audience, label: string | null = null): ReportView {
  return {
    title: report.title,
    subtitle: report.subtitle,
    publisher: report.publisher,
    partner: report.partner,
    survey:
      report.surveyStart && report.surveyEnd
        ? `${formatDate(report.surveyStart)} – ${formatDate(report.surveyEnd)}`
        : report.surveyStart
          ? `from ${formatDate(report.surveyStart)}`
          : null,
    segments: report.segments.map((s) => `${s.name}: ${s.respondents} respondents`),
    findings: report.findings.map((finding) => {
      const computed = computeFinding(finding, report.segments);
      const bases = [computed.primary, computed.comparison]
        .filter((share) => share !== null)
        .map((share) => `${share.segment.name}, n = ${share.segment.respondents}`)
        .join('; ');
      return { title: finding.title, figures: formatFigures(computed), statement: finding.statement, bases };
    }),
    body: viewBody(report.body, audience),
    label,
  };
}
