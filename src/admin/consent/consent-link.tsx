import { useLocale } from '../../web/locale.js';

/** The link from a contact's desk page to their consent proof. */
export function ConsentProofLink({ contactId }: { contactId: number }) {
  const { t } = useLocale();
  return (
    <p>
      <a href={`/admin/contacts/${contactId}/consent`}>{t('deskConsent.link')}</a>
    </p>
  );
}
