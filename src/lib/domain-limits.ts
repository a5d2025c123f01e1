// Fixed sending limits per receiving domain (SEND_DOMAIN_LIMITS, the site setting): see docs/delivery.md.

/**
 * Parses per-domain limits: `qq.com=4000/h,163.com=1000/h` (per `s`, `m`, `h` or `d`) into
 * messages per hour by domain. Throws a message naming what is wrong.
 */
export function parseDomainLimits(text: string): Map<string, number> {
  const limits = new Map<string, number>();
  const perHour = { s: 3600, m: 60, h: 1, d: 1 / 24 } as const;
  for (const part of text.split(/[,\n]/).map((item) => item.trim()).filter(Boolean)) {
    const match = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)\s*=\s*(\d+(?:\.\d+)?)\s*\/\s*([smhd])$/i.exec(part);
    if (!match || !match[1]!.includes('.')) throw new Error(`"${part.slice(0, 80)}" is not a limit like qq.com=4000/h`);
    const count = Number(match[2]);
    if (!(count > 0)) throw new Error(`"${part.slice(0, 80)}": the limit must be more than 0`);
    limits.set(match[1]!.toLowerCase(), count * perHour[match[3]!.toLowerCase() as keyof typeof perHour]);
  }
  return limits;
}
