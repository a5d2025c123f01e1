// The newsletter's topics and sectors: what stories, events and contacts are tagged with.

/** A topic or a sector, as lists and tags show it. */
export interface Term {
  readonly slug: string;
  readonly name: string;
}

export interface Topic extends Term {
  readonly description: string;
  readonly position: number;
}

export interface Sector extends Term {
  readonly description: string;
}

export interface TopicInput {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly position: number;
}

export interface SectorInput {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
}
