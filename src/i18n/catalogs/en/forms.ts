// Messages of the forms and personal pages: sign-in, subscribe, account, unsubscribe, contact, event and program registration, calls for proposals.
export const forms = {} as const;
