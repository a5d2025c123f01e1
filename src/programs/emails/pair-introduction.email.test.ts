import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { mailtoHref } from '../../mail/simple-email.js';
import { render, renderText, subject, type PairIntroductionProps } from './pair-introduction.email.js';

// The pair introduction of a matched pair: one detail per line in both parts, the address a mailto
// link in HTML, everything the other person typed escaped.

const props: PairIntroductionProps = {
  role: 'mentee',
  name: 'Ana Example',
  other: {
    name: 'Xu Wei',
    company: 'Robo & Co <GmbH>',
    email: "xu.o'hara+mentor@example.cn",
    areas: ['Market entry', 'AI'],
    city: 'Shanghai',
    goals: 'Ten years of <b>R&D</b> in Suzhou.\nHappy to talk shop.',
  },
  programTitle: 'AHK Innovators Club',
  contactEmail: 'club@example.org',
  siteName: 'Innovation Insights',
};

describe('the pair introduction email', () => {
  it('keeps its plain-text part: one detail per line', () => {
    expect(subject(props, 'en')).toBe('AHK Innovators Club: meet your mentor, Xu Wei');
    expect(renderText(props, 'en')).toBe(
      [
        'Hello Ana Example,',
        '',
        'The organisers of AHK Innovators Club have paired you with your mentor:',
        '',
        'Xu Wei, Robo & Co <GmbH>',
        "Email: xu.o'hara+mentor@example.cn",
        'Can help with: Market entry; AI',
        'Based in: Shanghai',
        'In their words: Ten years of <b>R&D</b> in Suzhou.',
        'Happy to talk shop.',
        '',
        'Your mentor will write to you; you are welcome to write first. Both of you received this pair introduction.',
        '',
        'Questions about the program? Write to club@example.org.',
        '',
        '— Innovation Insights',
        '',
      ].join('\n'),
    );
  });

  it('shows one detail per line in HTML, the address as a mailto link, the other person\'s words escaped', async () => {
    const html = render(props, 'en');
    expect(html).toContain(
      '<p>Xu Wei, Robo &amp; Co &lt;GmbH><br/><span style="color:#4a5866;">Email: </span>' +
        '<a href="mailto:xu.o\'hara+mentor@example.cn" style="color:#0a5a8a;">xu.o\'hara+mentor@example.cn</a><br/>' +
        '<span style="color:#4a5866;">Can help with: </span>Market entry; AI<br/>' +
        '<span style="color:#4a5866;">Based in: </span>Shanghai<br/>' +
        '<span style="color:#4a5866;">In their words: </span>Ten years of &lt;b>R&amp;D&lt;/b> in Suzhou.<br/>Happy to talk shop.</p>',
    );
    expect(html).not.toContain('<b>R&D</b>');
    // As a mail client reads it: the lines are lines, the link is a link.
    const parsed = await simpleParser(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`);
    expect(parsed.text).toContain("Xu Wei, Robo & Co <GmbH>\nEmail: xu.o'hara+mentor@example.cn [xu.o'hara+mentor@example.cn]\nCan help with: Market entry; AI\nBased in: Shanghai\nIn their words: Ten years of <b>R&D</b> in Suzhou.\nHappy to talk shop.\n");
    expect(parsed.html).toContain('href="mailto:xu.o\'hara+mentor@example.cn"');
  });

  it('leaves out the lines it has nothing for, and writes a mailto that cannot be extended', () => {
    const bare = { ...props, role: 'mentor' as const, other: { name: 'Yan', company: null, email: 'yan@example.org', areas: [], city: null, goals: '' } };
    expect(renderText(bare, 'en')).toContain('your mentee:\n\nYan\nEmail: yan@example.org\n\nAs the mentor, please write first');
    expect(render(bare, 'en')).toContain('<p>Yan<br/><span style="color:#4a5866;">Email: </span><a href="mailto:yan@example.org"');
    expect(mailtoHref('a?cc=b@evil.example#x%y&z "q"@example.org')).toBe('mailto:a%3Fcc%3Db@evil.example%23x%25y%26z%20%22q%22@example.org');
  });
});
