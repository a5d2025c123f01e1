import { z } from 'zod';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages.js';
import type { MessageKey } from '../i18n/messages.js';
import { contrastRatio, formatRatio, isHexColour } from '../lib/contrast.js';
import { findBadDomainLimit } from '../lib/domain-limits.js';
import { Invalid } from '../lib/errors.js';
import { listMedia, mediaPath } from '../media/media.service.js';
import type { MediaItem } from '../media/media.js';
import { getSiteSettings, saveSiteSettings } from '../settings/settings.service.js';
import { SETTING_KEYS, SETTINGS, type SettingKey, type SiteSettings } from '../settings/settings.js';
import { staffRoute, type AdminRoute, type StaffContext } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { Checkbox, ErrorSummary, failedStatus, Form, formErrorsOf, SelectField, TextArea, TextField, type FormErrors } from './forms.js';

// The site settings (manage_site: owner and admin): the organisation behind the site, the
// imprint and privacy texts in each language, the privacy switches and the retention ages.

/** The form as typed: text per field, checkboxes as "1". */
type SettingsInput = Readonly<Record<SettingKey, string>>;

const settingsForm = z.object(Object.fromEntries(SETTING_KEYS.map((key) => [key, z.string().catch('')])) as Record<SettingKey, z.ZodCatch<z.ZodString>>);

function inputOf(settings: SiteSettings): SettingsInput {
  return Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const value = settings.values[key];
      return [key, typeof value === 'boolean' ? (value ? '1' : '') : String(value)];
    }),
  ) as SettingsInput;
}

/** The problems of a failed save, each in the desk's language, by the kind of setting. */
function translatedErrors(ctx: StaffContext, error: unknown, input: SettingsInput): FormErrors {
  const errors = formErrorsOf(error);
  if (!(error instanceof Invalid)) return errors;
  const { t } = ctx.locale;
  const fields: Record<string, string[]> = {};
  for (const key of Object.keys(errors.fields)) {
    const kind = SETTINGS[key as SettingKey];
    if (kind === 'colour') {
      // Says which ratio the colour got, and that 4.5:1 is needed.
      const typed = String(input.accentColor ?? '').trim();
      fields[key] = [isHexColour(typed) ? t('deskMedia.contrastTooLow', { ratio: formatRatio(contrastRatio(typed, '#ffffff')) }) : t('deskMedia.colorFormat')];
    } else if (kind === 'media') fields[key] = [t('deskMedia.logoUnknown')];
    else if (kind === 'domainLimits') fields[key] = [t('deskDeliveryAlarms.settings.badLimit', { part: (findBadDomainLimit(String(input.sendDomainLimits ?? '')) ?? '').slice(0, 80) })];
    else fields[key] = [kind ? t(`deskSettings.error.${kind}` as MessageKey) : errors.fields[key]!.join(' ')];
  }
  return { message: t('deskSettings.invalid'), fields };
}

const RETENTION_KEYS = ['retainSnapshotsDays', 'retainErrorsDays', 'retainUserAgentsDays', 'retainClicksDays', 'retainRateLimitsDays'] as const;
const LANGUAGE_SUFFIX = { en: 'En', de: 'De', zh: 'Zh' } as const;

/** The images a logo can be chosen from (the newest 200). */
async function logoChoices(ctx: StaffContext): Promise<MediaItem[]> {
  return (await listMedia(ctx.deps.db, { limit: 200, offset: 0 })).items;
}

function SettingsPage({ ctx, input, settings, errors, images }: { ctx: StaffContext; input: SettingsInput; settings: SiteSettings; errors?: FormErrors; images: readonly MediaItem[] }) {
  const { t } = ctx.locale;
  const hint = (key: SettingKey, extra?: string) => [extra, t('deskSettings.source', { source: settings.sources[key] })].filter(Boolean).join(' ');
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskSettings.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/settings">
      <div class="narrow">
        <h1>{t('deskSettings.title')}</h1>
        <p>{t('deskSettings.intro')}</p>
        <ErrorSummary errors={errors} />
        <Form action="/admin/settings" csrf={ctx.csrf}>
          <fieldset class="fieldset">
            <legend>{t('deskSettings.organisation')}</legend>
            <TextField name="orgName" label={t('deskSettings.orgName')} value={input.orgName} hint={hint('orgName', t('deskSettings.orgNameHint'))} errors={errors} />
            <TextArea name="orgAddress" label={t('deskSettings.orgAddress')} value={input.orgAddress} rows={4} hint={hint('orgAddress', t('deskSettings.orgAddressHint'))} errors={errors} />
            <TextField name="orgEmail" type="email" label={t('deskSettings.orgEmail')} value={input.orgEmail} hint={hint('orgEmail')} errors={errors} />
            <TextField name="orgPhone" label={t('deskSettings.orgPhone')} value={input.orgPhone} hint={hint('orgPhone')} errors={errors} />
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('deskSettings.texts')}</legend>
            <p class="field__hint">{t('deskSettings.textsHint')}</p>
            {(['imprint', 'privacy'] as const).flatMap((which) =>
              LANGUAGES.map((language) => {
                const key = `${which}${LANGUAGE_SUFFIX[language]}` as SettingKey;
                return <TextArea key={key} name={key} label={t(`deskSettings.${which}`, { language: LANGUAGE_NAMES[language] })} value={input[key]} rows={8} errors={errors} />;
              }),
            )}
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('deskSettings.switches')}</legend>
            <Checkbox name="tracking" label={t('deskSettings.tracking')} checked={input.tracking === '1'} />
            <Checkbox name="clickTracking" label={t('deskEngagement.settings.clickTracking')} checked={input.clickTracking === '1'} />
            <Checkbox name="openTracking" label={t('engagementOpens.settings.label')} hint={t('engagementOpens.settings.hint')} checked={input.openTracking === '1'} />
            <Checkbox name="consentNetworkLog" label={t('deskSettings.consentNetworkLog')} checked={input.consentNetworkLog === '1'} />
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('deskSettings.retention')}</legend>
            <p class="field__hint">{t('deskSettings.retentionHint')}</p>
            {RETENTION_KEYS.map((key) => (
              <TextField key={key} name={key} type="number" min="1" max="3650" step="1" label={t(`deskSettings.${key}`)} value={input[key]} hint={hint(key)} errors={errors} />
            ))}
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('deskMedia.brandingHeading')}</legend>
            <SelectField
              name="logo"
              label={t('deskMedia.logo')}
              value={input.logo}
              hint={hint('logo', t('deskMedia.logoHint'))}
              options={[{ value: '', label: t('deskMedia.noLogo') }, ...logoOptions(images, input.logo)]}
              errors={errors}
            />
            <TextField name="accentColor" label={t('deskMedia.accentColor')} value={input.accentColor} hint={hint('accentColor', t('deskMedia.accentColorHint'))} errors={errors} />
            <TextField name="footerText" label={t('deskMedia.footerText')} value={input.footerText} hint={hint('footerText', t('deskMedia.footerTextHint'))} errors={errors} />
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('deskDeliveryAlarms.settings.legend')}</legend>
            <TextField name="sendDomainLimits" label={t('deskDeliveryAlarms.settings.domainLimits')} value={input.sendDomainLimits} hint={hint('sendDomainLimits', t('deskDeliveryAlarms.settings.domainLimitsHint'))} errors={errors} />
          </fieldset>
          <button type="submit" class="button">
            {t('deskSettings.save')}
          </button>
        </Form>
      </div>
    </AdminLayout>
  );
}

/** The logo's choices: each image by its alt text and address; a typed value that is not one of them stays selectable, so a refused form shows what was sent. */
function logoOptions(images: readonly MediaItem[], current: string): { value: string; label: string }[] {
  const options = images.map((item) => {
    const path = mediaPath(item);
    return { value: path, label: `${item.alt} (${path})` };
  });
  if (current !== '' && !options.some((option) => option.value === current)) options.push({ value: current, label: current });
  return options;
}

/** The desk's settings page. */
export const settingsRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/settings', 'manage_site', async (ctx) => {
    const settings = await getSiteSettings(ctx.deps.db, ctx.deps.site);
    return ctx.page(<SettingsPage ctx={ctx} input={inputOf(settings)} settings={settings} images={await logoChoices(ctx)} />);
  }),

  staffRoute('POST', '/admin/settings', 'manage_site', async (ctx) => {
    const input = settingsForm.parse(ctx.request.body ?? {});
    try {
      const changed = await saveSiteSettings(ctx.deps.db, ctx.deps.clock, ctx.deps.site, ctx.actor, input);
      if (changed.length > 0) ctx.deps.contentChanged?.();
      return ctx.redirect('/admin/settings', ctx.locale.t(changed.length > 0 ? 'deskSettings.saved' : 'deskSettings.unchanged'));
    } catch (error) {
      const settings = await getSiteSettings(ctx.deps.db, ctx.deps.site);
      return ctx.page(<SettingsPage ctx={ctx} input={input} settings={settings} errors={translatedErrors(ctx, error, input)} images={await logoChoices(ctx)} />, failedStatus(error));
    }
  }),
];
