// Messages of every email: newsletters' chrome and transactional mail.
export const email = {} as const;
