// Messages of the desk's delivery, matching and registration pages.
export const deskSending = {} as const;
