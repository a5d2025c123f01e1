import type { deskSending as source } from '../en/desk-sending.js';

export const deskSending: Record<keyof typeof source, string> = {};
