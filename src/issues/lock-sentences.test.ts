import { describe, expect, it } from 'vitest';
import { itemLock, lockSentences } from './publicity.service.js';
import type { Issue } from './issues.js';

// The desk words a lock in the staff member's language from the service's facts (lockSentences);
// in English the words are the refusal's.

const now = new Date('2026-11-28T12:00:00Z');
const issue = (title: string, status: Issue['status'], publishedAt: string | null) => ({ id: 1, slug: 'x', title, status, publishedAt }) as unknown as Issue;

describe('lockSentences', () => {
  const publicStory = itemLock('story', 'BYD tripled', { onItsOwn: undefined, issues: [issue('2027 Spring Issue', 'published', '2026-10-01T08:00:00.000Z')] }, now);
  const fair = itemLock('event', 'Fair', { onItsOwn: '/events/fair', issues: [issue('2027 Summer Issue', 'scheduled', '2027-07-01T08:00:00.000Z')] }, now);

  it('in English are the refusal\'s words', () => {
    expect(publicStory.why).toBe('“BYD tripled” is public: it is in the 2027 Spring Issue (published).');
    expect(fair.why).toBe('“Fair” is public: every event is, at /events/fair and in the calendar (/events.ics), and it is in the 2027 Summer Issue (scheduled for 1 July 2027, 08:00 UTC).');
    expect(fair.whatToDo).toBe('Only editors, admins or owners can change it: ask one of them to make your change.');
    for (const lock of [publicStory, fair]) expect(lockSentences('en', lock.facts)).toEqual({ why: lock.why, whatToDo: lock.whatToDo });
  });

  it('in German and Chinese, with the times in their own patterns', () => {
    expect(lockSentences('de', publicStory.facts)).toEqual({
      why: '„BYD tripled“ ist öffentlich: Es steht in 2027 Spring Issue (veröffentlicht).',
      whatToDo: 'Nur Redakteure, Administratoren oder Inhaber können es ändern: Bitten Sie eine dieser Personen, Ihre Änderung vorzunehmen.',
    });
    expect(lockSentences('de', fair.facts).why).toBe(
      '„Fair“ ist öffentlich: Jede Veranstaltung ist es, unter /events/fair und im Kalender (/events.ics), und es steht in 2027 Summer Issue (geplant für 1. Juli 2027, 08:00 Uhr (UTC)).',
    );
    expect(lockSentences('zh', publicStory.facts)).toEqual({
      why: '“BYD tripled”已公开：它收录在2027 Spring Issue（已发布）中。',
      whatToDo: '只有编辑、管理员或所有者可以修改：请他们中的一位为您修改。',
    });
  });
});
