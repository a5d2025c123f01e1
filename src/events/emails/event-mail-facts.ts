// The props every registration email of an event takes (event-mail.ts builds them).

/** What every registration email shows: who, which event, its facts, its page. */
export interface EventMailFacts {
  readonly name: string;
  readonly eventTitle: string;
  readonly eventUrl: string;
  /** "When: …", "Where: …", "Online: …" (the online link only goes to confirmed registrants). */
  readonly facts: readonly string[];
  readonly siteName: string;
}
