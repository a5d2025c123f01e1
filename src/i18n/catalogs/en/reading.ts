// Messages of the reading pages: issues, the archive, stories, events, programs, reports, feeds.
export const reading = {} as const;
