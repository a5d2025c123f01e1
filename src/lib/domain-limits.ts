// Fixed sending limits per receiving domain (SEND_DOMAIN_LIMITS, the site setting): see docs/delivery.md.

/**
 * Parses per-domain limits: `qq.com=4000/h,163.com=1000/h` (per `s`, `m`, `h` or `d`) into
 * messages per hour by domain. Throws a message naming what is wrong.
 */
export function parseDomainLimits(text: string): Map<string, number> {
  const bad = findBadDomainLimit(text);
  if (bad !== null) throw new Error(LIMIT.exec(bad)?.[1]?.includes('.') ? `"${bad.slice(0, 80)}": the limit must be more than 0` : `"${bad.slice(0, 80)}" is not a limit like qq.com=4000/h`);
  return limitsOf(text);
}

const LIMIT = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)\s*=\s*(\d+(?:\.\d+)?)\s*\/\s*([smhd])$/i;

/** The first part of a limits text that is not a valid limit (as typed, trimmed), or null when all are. */
export function findBadDomainLimit(text: string): string | null {
  for (const part of text.split(/[,\n]/).map((item) => item.trim()).filter(Boolean)) {
    const match = LIMIT.exec(part);
    if (!match || !match[1]!.includes('.') || !(Number(match[2]) > 0)) return part;
  }
  return null;
}

function limitsOf(text: string): Map<string, number> {
  const limits = new Map<string, number>();
  const perHour = { s: 3600, m: 60, h: 1, d: 1 / 24 } as const;
  for (const part of text.split(/[,\n]/).map((item) => item.trim()).filter(Boolean)) {
    const match = LIMIT.exec(part)!;
    limits.set(match[1]!.toLowerCase(), Number(match[2]) * perHour[match[3]!.toLowerCase() as keyof typeof perHour]);
  }
  return limits;
}
