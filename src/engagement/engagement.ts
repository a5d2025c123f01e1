import { createHmac } from 'node:crypto';
import { safeEqual } from '../lib/tokens.js';
import type { Language } from '../i18n/languages.js';
import type { LinkItemKind, MachineReason } from '../db/tables/engagement.js';

// Engagement's types and pure rules (README.md explains the whole flow). A click token names a
// delivery, a ledger row (the recipient) and a link index, with an HMAC over the three under the
// tracking key (TRACKING_KEY, else a key generated once and kept in the database; never
// SECRET_KEY). Lower-case hex and digits only: `<delivery>-<row>-<index>-<mac>`.

export { ITEM_KINDS, MACHINE_REASONS, type LinkItemKind, type MachineReason } from '../db/tables/engagement.js';

/** One numbered link of a compiled edition (per delivery and language). */
export interface EditionLink {
  readonly index: number;
  readonly url: string;
  /** The issue item the link belongs to (its title or its body), or null for the edition's own links. */
  readonly itemKind: LinkItemKind | null;
  readonly itemSlug: string | null;
  readonly label: string;
}

/** What a valid token names. */
export interface ClickToken {
  readonly deliveryId: number;
  readonly recipientId: number;
  readonly index: number;
}

const MAC_LENGTH = 20;

function mac(key: string, deliveryId: number, recipientId: number, index: number): string {
  return createHmac('sha256', key).update(`click\n${deliveryId}:${recipientId}:${index}`).digest('hex').slice(0, MAC_LENGTH);
}

/** The token of one link for one recipient of one delivery. */
export function clickToken(key: string, token: ClickToken): string {
  return `${token.deliveryId}-${token.recipientId}-${token.index}-${mac(key, token.deliveryId, token.recipientId, token.index)}`;
}

/** Reads a token; null when it is malformed or its MAC does not match (a tampered token). */
export function readClickToken(key: string, token: string): ClickToken | null {
  const match = /^(\d{1,12})-(\d{1,12})-(\d{1,5})-([0-9a-f]{20})$/.exec(token);
  if (!match) return null;
  const deliveryId = Number(match[1]);
  const recipientId = Number(match[2]);
  const index = Number(match[3]);
  return safeEqual(match[4]!, mac(key, deliveryId, recipientId, index)) ? { deliveryId, recipientId, index } : null;
}

/** What a valid open token names: a delivery and a ledger row (the recipient). */
export interface OpenToken {
  readonly deliveryId: number;
  readonly recipientId: number;
}

function openMac(key: string, deliveryId: number, recipientId: number): string {
  return createHmac('sha256', key).update(`open\n${deliveryId}:${recipientId}`).digest('hex').slice(0, MAC_LENGTH);
}

/** The open pixel's token of one recipient of one delivery: `<delivery>-<row>-<mac>`. */
export function openToken(key: string, token: OpenToken): string {
  return `${token.deliveryId}-${token.recipientId}-${openMac(key, token.deliveryId, token.recipientId)}`;
}

/** Reads an open token; null when it is malformed or its MAC does not match. */
export function readOpenToken(key: string, token: string): OpenToken | null {
  const match = /^(\d{1,12})-(\d{1,12})-([0-9a-f]{20})$/.exec(token);
  if (!match) return null;
  const deliveryId = Number(match[1]);
  const recipientId = Number(match[2]);
  return safeEqual(match[3]!, openMac(key, deliveryId, recipientId)) ? { deliveryId, recipientId } : null;
}

/** The open pixel's answer, the same whatever happened: a transparent 1×1 GIF. */
export const OPEN_PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Seconds after the message was accepted within which a click is a scanner's (mail gateways fetch every link on arrival). */
export const EARLY_SECONDS = 10;
/** A burst: this many distinct links from one client address within BURST_SECONDS (a person has to come back to the mail program between two links). */
export const BURST_LINKS = 2;
export const BURST_SECONDS = 3;
/** One counted click per token and client address in this window. */
export const DEDUPE_SECONDS = 3600;
/** Flood bounds: at most this many counted clicks per client address per ten minutes, per token per hour. */
export const SOURCE_LIMIT = 60;
export const TOKEN_LIMIT = 20;

/** User agents of link scanners, previewers and scripts (mail security gateways, chat unfurlers, HTTP libraries). */
export const SCANNER_AGENTS =
  /bot\b|bot\/|crawl|spider|scan|preview|safelinks|barracuda|mimecast|proofpoint|symantec|messagelabs|fortinet|fortiguard|sophos|trendmicro|ironport|zscaler|forcepoint|googleimageproxy|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|java\/|okhttp|apache-httpclient|libwww|headlesschrome|phantomjs|slurp|facebookexternalhit|whatsapp|skypeuripreview|ms-office|microsoft office existence|node-fetch|axios\//i;

/** Why a request is a machine's, from what the request alone says; null when it may be a person. */
export function machineReason(request: { readonly method: string; readonly userAgent: string | null; readonly sentAt: string | null; readonly now: Date }): MachineReason | null {
  if (request.method === 'HEAD') return 'head';
  if (!request.userAgent || SCANNER_AGENTS.test(request.userAgent)) return 'scanner';
  if (request.sentAt && request.now.getTime() - Date.parse(request.sentAt) < EARLY_SECONDS * 1000) return 'early';
  return null;
}

/** A keyed hash (hex, 32) of a value under the tracking key, for click guards: never the value itself. */
export function guardHash(key: string, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${value}`).digest('hex').slice(0, 32);
}

/** Clicks counted for one link of a delivery. */
export interface LinkFigure {
  readonly language: Language;
  readonly index: number;
  readonly url: string;
  readonly itemKind: LinkItemKind | null;
  readonly itemSlug: string | null;
  readonly label: string;
  readonly human: number;
  readonly machine: number;
}

/** A delivery's click report. */
export interface DeliveryEngagement {
  readonly tracked: boolean;
  readonly human: number;
  readonly machine: number;
  readonly machineByReason: Readonly<Record<MachineReason, number>>;
  readonly links: readonly LinkFigure[];
  /** Human clicks per item (story, event…) in this delivery, by language. */
  readonly items: readonly { readonly itemKind: LinkItemKind; readonly itemSlug: string; readonly label: string; readonly language: Language; readonly human: number }[];
  /** Human and machine clicks per hour since the first. */
  readonly series: readonly { readonly hour: string; readonly human: number; readonly machine: number }[];
}

/** One send's clicks on a story. */
export interface StorySendFigure {
  readonly deliveryId: number;
  readonly issueSlug: string;
  readonly issueTitle: string;
  readonly edition: string;
  readonly language: Language;
  readonly human: number;
  readonly machine: number;
}

/** One click of a consenting contact. */
export interface ContactClick {
  readonly clickedAt: string;
  readonly deliveryId: number;
  readonly issueTitle: string;
  readonly url: string;
  readonly label: string;
  readonly itemSlug: string | null;
}
