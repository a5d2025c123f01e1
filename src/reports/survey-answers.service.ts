import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../lib/errors.js';
import { isMember, type ContactIdentity } from '../members/members.js';
import { findReportsByIds, reportIdsBySlug } from './reports.queries.js';
import type { Report } from './reports.js';
import { checkAnswers, COLLECTED_SEGMENT_COLUMN, companyRespondent, industrySegmentValue, surveyOpen } from './survey-answers.js';
import { hasRespondent, insertRespondent } from './survey.queries.js';

// A member company's answer to a survey collected on the site (docs/reports.md).

/** A report whose survey is collected on the site, or NotFound. */
export async function getCollectedSurvey(db: Database, slug: string): Promise<Report & { survey: NonNullable<Report['survey']> }> {
  const id = (await reportIdsBySlug(db, [slug])).get(slug);
  const report = id === undefined ? undefined : (await findReportsByIds(db, [id])).get(id);
  if (!report?.survey || report.survey.collectUntil === null) throw new NotFound('There is no survey at this address.');
  return report as Report & { survey: NonNullable<Report['survey']> };
}

/** Whether the contact's company has answered the survey already. */
export async function hasCompanyAnswered(db: Database, report: Report, contact: ContactIdentity): Promise<boolean> {
  return contact.company !== null && hasRespondent(db, report.id, companyRespondent(contact.company.id));
}

/**
 * Stores the answer of the contact's member company: once per company, while the survey is open,
 * from a contact of an active member company whose industry is on record.
 */
export async function answerSurvey(db: Database, clock: Clock, slug: string, contact: ContactIdentity, submitted: Readonly<Record<string, readonly string[]>>, actor: Actor): Promise<void> {
  const report = await getCollectedSurvey(db, slug);
  const company = contact.company;
  if (!company || !isMember(contact)) throw new Forbidden('This survey is for member companies. Your address is not linked to an active member company.');
  if (!surveyOpen(report.survey, clock.now())) throw new Conflict('This survey has closed.');
  const industry = industrySegmentValue(company.industry);
  if (!industry) throw new Conflict('Your company has no industry on record, which the survey needs. Please ask the chamber to add it.');
  const { answers, problems } = checkAnswers(report.survey, submitted);
  if (problems.length > 0) throw new Invalid('Please check your answers.', problems);
  const respondent = companyRespondent(company.id);
  if (await hasRespondent(db, report.id, respondent)) throw new Conflict('Your company has already answered this survey.');
  const now = clock.now().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      await insertRespondent(trx, report.id, { respondent, line: 0, segments: { [COLLECTED_SEGMENT_COLUMN]: industry }, answers }, now);
      await bumpContentVersion(trx, now);
      await recordActivity(trx, clock, actor, 'report.survey.answer', { type: 'report', id: report.id, label: report.slug }, `answer of ${company.name}`);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('Your company has already answered this survey.');
    throw error;
  }
}
