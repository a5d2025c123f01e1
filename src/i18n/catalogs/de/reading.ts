import type { reading as source } from '../en/reading.js';

export const reading: Record<keyof typeof source, string> = {};
