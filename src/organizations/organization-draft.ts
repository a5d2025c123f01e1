import type { ZodIssue } from 'zod';
import { joinBody, splitBody } from '../content/body.js';
import { markerLineProblems, normaliseLines } from '../content/draft-fields.js';
import type { Problem } from '../lib/errors.js';
import { SLUG } from '../lib/slug.js';
import { organizationSchema } from './organization.schema.js';
import type { ContactPersonInput, OrganizationProfileInput } from './organizations.js';

// The desk's profile form → a checked OrganizationProfileInput, with the content folder's rules
// (organization.schema.ts). Lists are one entry per line; a contact person is one line
// `Name | Role | address | language | where we have the address from`. Problems name the form
// field they belong to, with the line for list fields.

/** The profile form's fields, as typed. */
export interface OrganizationDraft {
  readonly slug: string;
  readonly name: string;
  readonly nameZh: string;
  readonly country: string;
  readonly kind: string;
  readonly city: string;
  readonly founded: string;
  readonly website: string;
  readonly sectors: readonly string[];
  readonly technologies: string;
  readonly aliases: string;
  readonly contacts: string;
  readonly body: string;
}

const lines = (text: string) => normaliseLines(text).split('\n').map((line) => line.trim()).filter(Boolean);
const given = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The form's fields for a stored profile. */
export function draftOfProfile(input: OrganizationProfileInput): OrganizationDraft {
  return {
    slug: input.slug, name: input.name, nameZh: input.nameZh ?? '', country: input.country ?? '', kind: input.kind ?? '', city: input.city ?? '',
    founded: input.foundedYear === null ? '' : String(input.foundedYear), website: input.website ?? '', sectors: input.sectors,
    technologies: input.technologies.join('\n'), aliases: input.aliases.join('\n'),
    contacts: input.contacts.map((c) => [c.name, c.role ?? '', c.email, c.language, c.source].join(' | ')).join('\n'), body: input.body,
  };
}

/** An empty form (a new profile, or one for an organisation stories name). */
export function emptyOrganizationDraft(slug = '', name = ''): OrganizationDraft {
  return { slug, name, nameZh: '', country: '', kind: '', city: '', founded: '', website: '', sectors: [], technologies: '', aliases: '', contacts: '', body: '' };
}

function where(issue: ZodIssue, contactLine: (index: number) => number): Problem {
  const [key, index] = issue.path;
  const field = ({ name_zh: 'nameZh', founded: 'founded', contacts: 'contacts' } as Record<string, string>)[String(key)] ?? String(key);
  const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
  const message = missing ? 'is required' : issue.message;
  if (typeof index === 'number') return { where: field, line: key === 'contacts' ? contactLine(index) : index + 1, message };
  return { where: field, message };
}

/** Checks a draft without the database; the input in canonical form when there is no problem. */
export function checkOrganizationDraft(draft: OrganizationDraft): { input: OrganizationProfileInput | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const slug = draft.slug.trim();
  if (slug === '') problems.push({ where: 'slug', message: 'is required: lowercase letters, digits and single hyphens, e.g. hyperpark' });
  else if (!SLUG.test(slug)) problems.push({ where: 'slug', message: 'must be a slug: lowercase letters, digits and single hyphens (no spaces, no capitals)' });

  const contactRows = normaliseLines(draft.contacts).split('\n').map((text, index) => ({ text: text.trim(), line: index + 1 })).filter((row) => row.text !== '');
  const contacts: Record<string, unknown>[] = [];
  const contactLines: number[] = [];
  for (const row of contactRows) {
    const parts = row.text.split('|').map((part) => part.trim());
    if (parts.length !== 5) {
      problems.push({ where: 'contacts', line: row.line, message: 'write Name | Role | address | language (en, de or zh) | where we have the address from, with an empty role as "| |"' });
      continue;
    }
    const [name, role, email, language, source] = parts as [string, string, string, string, string];
    contacts.push({ name, ...(role ? { role } : {}), email, ...(language ? { language } : {}), source });
    contactLines.push(row.line);
  }
  const founded = given(draft.founded);
  if (founded !== undefined && !/^\d{4}$/.test(founded)) problems.push({ where: 'founded', message: 'must be a year of four digits, such as 2016' });
  const front = {
    name: draft.name.trim(),
    ...(given(draft.nameZh) ? { name_zh: given(draft.nameZh) } : {}),
    ...(given(draft.country) ? { country: given(draft.country)!.toUpperCase() } : {}),
    ...(given(draft.kind) ? { kind: given(draft.kind) } : {}),
    ...(given(draft.city) ? { city: given(draft.city) } : {}),
    ...(founded !== undefined && /^\d{4}$/.test(founded) ? { founded: Number(founded) } : {}),
    ...(given(draft.website) ? { website: given(draft.website) } : {}),
    sectors: [...draft.sectors],
    technologies: lines(draft.technologies),
    aliases: lines(draft.aliases),
    contacts,
  };
  const parsed = organizationSchema.safeParse(front);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => where(issue, (index) => contactLines[index] ?? index + 1)));
  const body = normaliseLines(draft.body);
  problems.push(...markerLineProblems(body));
  const emails = contacts.map((c) => String(c.email).toLowerCase());
  emails.forEach((address, index) => {
    if (emails.indexOf(address) !== index) problems.push({ where: 'contacts', line: contactLines[index], message: `${contacts[index]!.email} is listed twice` });
  });
  if (problems.length > 0 || !parsed.success) return { input: undefined, problems };
  const data = parsed.data;
  return {
    problems,
    input: {
      slug, name: data.name, nameZh: data.name_zh ?? null, country: data.country ?? null, kind: data.kind ?? null, city: data.city ?? null,
      foundedYear: data.founded ?? null, website: data.website ?? null, body: joinBody(splitBody(body)), sectors: data.sectors ?? [],
      technologies: data.technologies ?? [], aliases: data.aliases ?? [],
      contacts: (data.contacts ?? []).map((c): ContactPersonInput => ({ name: c.name, role: c.role ?? null, email: c.email, language: c.language ?? 'en', source: c.source })),
    },
  };
}
