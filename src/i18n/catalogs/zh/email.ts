import type { email as source } from '../en/email.js';

export const email: Record<keyof typeof source, string> = {};
