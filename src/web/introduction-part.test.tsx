import type { FastifyRequest } from 'fastify';
import { expect, it } from 'vitest';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact } from '../../test/support/people.js';
import { getContact } from '../members/contacts.service.js';
import { fixedClock } from '../lib/clock.js';
import { localeOf } from './locale.js';
import { IntroductionRequestPart } from './pages/introduction-request.js';
import { personalFillers } from './personal-fillers.js';
import { fillPersonalParts, parseTemplate, renderForViewer, renderTemplate } from './personal-parts.js';
import type { PublicDeps } from './public-route.js';
import { viewerOf } from './viewer.js';

// The introduction request part as the (cached) profile page holds it: the template keeps only a
// marker, which is filled per request for the viewer: a member gets the form with their own CSRF
// token, a non-member the members-only note; the public render invites to sign in.

const clock = fixedClock('2026-11-28T12:00:00Z');
const organization = { id: 0, slug: 'hyperpark', name: 'HyperPark' };
const site = { name: 'Innovation Insights', url: 'http://insights.test', stylesheet: '/assets/site.css', contactEmail: null };

forEachDialect('the introduction request part', ({ db }) => {
  it('is a marker in the cached template, filled for each viewer; in place for the public', async () => {
    await importContentFiles(db(), clock, { files: { 'innovators/hyperpark.md': '---\nname: HyperPark\ncountry: CN\n---\nA profile.\n' } });
    const member = await getContact(db(), await createContact(db(), 'ana@maschinen.example.com', { name: 'Ana Maschinen GmbH', membership: 'active' }));
    const lapsed = await getContact(db(), await createContact(db(), 'old@lapsed.example.com', { name: 'Old AG', membership: 'lapsed' }));
    const locale = localeOf('en');
    const template = renderTemplate(<IntroductionRequestPart site={site} organization={organization} />);
    expect(template).not.toContain('class="introduction-request"');
    expect(template).not.toContain('Sign in');
    const parsed = parseTemplate(template);
    expect(parsed.parts).toEqual([{ name: 'introduction-request', props: { slug: 'hyperpark' } }]);

    // The filler reads only the database and the site.
    const fillers = personalFillers({ db: db(), site } as unknown as PublicDeps, { query: {} } as FastifyRequest, locale);
    const forMember = (await fillPersonalParts(parsed, viewerOf(member, 'member-token'), fillers, locale)).toString();
    expect(forMember).toContain('name="purpose"');
    expect(forMember).toContain('value="member-token"');
    const forLapsed = (await fillPersonalParts(parsed, viewerOf(lapsed, 'lapsed-token'), fillers, locale)).toString();
    expect(forLapsed).toContain('Your address is not linked to an active member company.');
    expect(forLapsed).not.toContain('name="purpose"');

    const publicRender = renderForViewer(<IntroductionRequestPart site={site} organization={organization} />, undefined as never, locale).html;
    expect(publicRender).toContain('Sign in to ask for one.');
  });
});
