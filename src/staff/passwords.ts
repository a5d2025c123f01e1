import { hash, verify } from '@node-rs/argon2';
import { Invalid } from '../lib/errors.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './staff.js';

// argon2id with the library's defaults (m=19456 KiB, t=2, p=1: OWASP's minimum recommendation).

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when an address is unknown makes both answers take as long.
const DECOY = '$argon2id$v=19$m=19456,t=2,p=1$+CV4RXd5ROHGKNmlFDSOxA$SbvoKEcJaYSQ+xuayca90UoWlUVioAxvy2xLVfHR9mE';

/** Whether the password matches; with no hash, spends the same time and says no. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const matches = await verify(passwordHash ?? DECOY, password);
    return passwordHash !== null && matches;
  } catch {
    return false;
  }
}

/** Checks a new password; throws `Invalid` on the `password` field saying what to change. */
export function checkNewPassword(password: string, confirmation: string, email: string): void {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN) problems.push(`use at least ${PASSWORD_MIN} characters`);
  if ([...password].length > PASSWORD_MAX) problems.push(`use at most ${PASSWORD_MAX} characters`);
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) problems.push('do not use your email address');
  if (password !== confirmation) problems.push('the two passwords differ');
  if (problems.length > 0) {
    throw new Invalid(`Choose another password: ${problems.join('; ')}.`, problems.map((message) => ({ where: 'password', message })));
  }
}
