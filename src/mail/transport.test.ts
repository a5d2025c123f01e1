import { describe, expect, it } from 'vitest';
import { classifyError, isHardBounce } from './transport.js';

// Reply classification. The error shapes are nodemailer's (smtp-connection sets `command`,
// `responseCode` and `response`); the MAIL FROM case against a real server is in
// engine/deliveries.test.ts.

const smtpError = (command: string, responseCode: number, response: string) => Object.assign(new Error(response), { code: command === 'AUTH PLAIN' ? 'EAUTH' : 'EENVELOPE', command, responseCode, response });

describe('classifyError and isHardBounce', () => {
  it('a 5.1.1 refusal at RCPT TO is a hard bounce of that recipient', () => {
    const outcome = classifyError(smtpError('RCPT TO', 550, '550 5.1.1 <x@example.org>: Recipient address rejected: User unknown'));
    expect(outcome).toMatchObject({ permanent: true, scope: 'recipient', code: 550, enhanced: '5.1.1' });
    expect(isHardBounce(outcome)).toBe(true);
    expect(isHardBounce(classifyError(smtpError('RCPT TO', 550, '550-5.1.10 null MX')))).toBe(true);
  });

  it('a refused envelope sender, a wrong password or a refused connection concern our side, never the recipient', () => {
    for (const [command, code, reply] of [
      ['MAIL FROM', 550, '550 5.1.0 <bounces+1x00@insights.test>: Sender address rejected'],
      ['MAIL FROM', 553, '553 5.1.8 Domain not found'],
      ['AUTH PLAIN', 535, '535 5.7.8 Authentication credentials invalid'],
      ['CONN', 554, '554 5.7.1 Client host rejected'],
    ] as const) {
      const outcome = classifyError(smtpError(command, code, reply));
      expect(outcome, reply).toMatchObject({ permanent: true, scope: 'sender' });
      expect(isHardBounce(outcome), reply).toBe(false);
    }
  });

  it('reads the enhanced code only at the start of the reply, and only the no-such-mailbox codes suppress', () => {
    const quoted = classifyError(smtpError('RCPT TO', 550, '550 5.7.1 Message refused, see 5.1.1 in our policy'));
    expect(quoted.enhanced).toBe('5.7.1');
    expect(isHardBounce(quoted)).toBe(false);
    expect(classifyError(smtpError('RCPT TO', 550, '550 Mailbox <user5.1.1@example.org> disabled')).enhanced).toBeNull();
    for (const status of ['5.1.7', '5.1.8', '5.1.0']) expect(isHardBounce(classifyError(smtpError('RCPT TO', 550, `550 ${status} sender problem`))), status).toBe(false);
  });

  it('a 4xx or a lost connection is temporary', () => {
    expect(classifyError(smtpError('RCPT TO', 451, '451 4.3.0 Try again later'))).toMatchObject({ permanent: false, scope: 'recipient', enhanced: '4.3.0' });
    expect(classifyError(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' }))).toMatchObject({ permanent: false, scope: 'sender', code: null });
  });
});
