// Messages of the desk's story and issue pages.
export const deskEditing = {} as const;
