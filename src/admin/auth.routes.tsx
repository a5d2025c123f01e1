import { z } from 'zod';
import { enforceRateLimit, hitRateLimit, LIMITS } from '../auth/rate-limits.service.js';
import { endSession, SESSION_TTL_MS, startSession } from '../auth/sessions.service.js';
import { Invalid } from '../lib/errors.js';
import { safeRedirectPath } from '../lib/header-values.js';
import { addressRateKey, clientNetworkKey, COOKIE_PATHS, COOKIES, cookieOptions } from '../lib/request-security.js';
import { emailKey } from '../members/members.js';
import { checkPasswordLink, mailPasswordReset, setPasswordWithLink, signInWithPassword } from '../staff/staff.service.js';
import { openRoute, type AdminContext, type AdminRoute } from './admin-route.js';
import { currentStaff } from './register-admin.js';
import { AdminLayout } from './admin-layout.js';
import { ErrorSummary, failedStatus, Form, formErrorsOf, TextField, type FormErrors } from './forms.js';
import { PASSWORD_MIN } from '../staff/staff.js';
import { localeOf } from '../web/locale.js';

const loginForm = z.object({ email: z.string().default(''), password: z.string().default(''), next: z.string().default('/admin') });
const emailForm = z.object({ email: z.string().default('') });
const passwordForm = z.object({ password: z.string().default(''), confirmation: z.string().default('') });
const tokenParams = z.object({ token: z.string().max(100) });

/** A sign-in page's address in the page's language: English has none, others keep `?lang=` on every form and link. */
function inLanguage(ctx: AdminContext, path: string): string {
  return ctx.locale.language === 'en' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${ctx.locale.language}`;
}

/** Only paths inside the desk are followed after sign-in, and only those the one redirect rule allows. */
function safeNext(next: unknown): string {
  const path = safeRedirectPath(next, '/admin');
  return /^\/admin(\/|\?|$)/.test(path) ? path : '/admin';
}

function LoginPage({ ctx, values, errors }: { ctx: AdminContext; values: { email: string; next: string }; errors?: FormErrors }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.auth.signInTitle')} csrf={ctx.csrf} flash={ctx.flash}>
      <div class="narrow">
        <h1>{t('desk.auth.signInHeading')}</h1>
        <ErrorSummary errors={errors} />
        <Form action={inLanguage(ctx, '/admin/login')} csrf={ctx.csrf}>
          <input type="hidden" name="next" value={values.next} />
          <TextField name="email" label={t('desk.auth.email')} type="email" autocomplete="username" value={values.email} required errors={errors} />
          <TextField name="password" label={t('desk.auth.password')} type="password" autocomplete="current-password" required errors={errors} />
          <button type="submit" class="button">
            {t('desk.auth.signIn')}
          </button>
        </Form>
        <p>
          <a href={inLanguage(ctx, '/admin/forgot')}>{t('desk.auth.forgotLink')}</a>
        </p>
      </div>
    </AdminLayout>
  );
}

function startStaffSession(ctx: AdminContext, token: string): void {
  void ctx.reply.setCookie(COOKIES.staff, token, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.staff, SESSION_TTL_MS.staff / 1000));
}

function PasswordPage({ ctx, email, token, errors }: { ctx: AdminContext; email: string; token: string; errors?: FormErrors }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.auth.setPasswordTitle')} csrf={ctx.csrf}>
      <div class="narrow">
        <h1>{t('desk.auth.setPasswordTitle')}</h1>
        <p>{t('desk.auth.forAccount', { email })}</p>
        <ErrorSummary errors={errors} />
        <Form action={`/admin/password/${token}`} csrf={ctx.csrf}>
          <input type="text" name="username" value={email} autoComplete="username" hidden readOnly />
          <TextField name="password" label={t('desk.auth.newPassword')} type="password" autocomplete="new-password" hint={t('desk.auth.newPasswordHint', { min: PASSWORD_MIN })} required errors={errors} />
          <TextField name="confirmation" label={t('desk.auth.confirmation')} type="password" autocomplete="new-password" required errors={errors} />
          <button type="submit" class="button">
            {t('desk.auth.setAndSignIn')}
          </button>
        </Form>
      </div>
    </AdminLayout>
  );
}

function NoticePage({ ctx, title, children }: { ctx: AdminContext; title: string; children: preact.ComponentChildren }) {
  return (
    <AdminLayout site={ctx.deps.site} title={title} csrf={ctx.csrf}>
      <div class="narrow">
        <h1>{title}</h1>
        {children}
      </div>
    </AdminLayout>
  );
}

function LinkUnusablePage({ ctx, message }: { ctx: AdminContext; message: string }) {
  const { t } = ctx.locale;
  return (
    <NoticePage ctx={ctx} title={t('desk.auth.linkUnusable')}>
      <p>{message}</p>
      <p>
        <a href={inLanguage(ctx, '/admin/forgot')}>{t('desk.auth.sendNewLink')}</a>
      </p>
    </NoticePage>
  );
}

function ForgotPage({ ctx, email, errors }: { ctx: AdminContext; email: string; errors?: FormErrors }) {
  const { t } = ctx.locale;
  return (
    <NoticePage ctx={ctx} title={t('desk.auth.forgotTitle')}>
      <p>{t('desk.auth.forgotIntro')}</p>
      <ErrorSummary errors={errors} />
      <Form action={inLanguage(ctx, '/admin/forgot')} csrf={ctx.csrf}>
        <TextField name="email" label={t('desk.auth.email')} type="email" autocomplete="username" value={email} required errors={errors} />
        <button type="submit" class="button">
          {t('desk.auth.sendLink')}
        </button>
      </Form>
    </NoticePage>
  );
}

/** Sign-in, sign-out and password links for staff: the only desk routes open to anyone. */
export const authRoutes: readonly AdminRoute[] = [
  openRoute('GET', '/admin/login', async (ctx) => {
    const next = safeNext((ctx.request.query as Record<string, unknown>).next);
    return ctx.page(<LoginPage ctx={ctx} values={{ email: '', next }} />);
  }),

  openRoute('POST', '/admin/login', async (ctx) => {
    const form = loginForm.parse(ctx.request.body ?? {});
    const next = safeNext(form.next);
    const { db, clock } = ctx.deps;
    try {
      await enforceRateLimit(db, clock, `staff-sign-in:net:${clientNetworkKey(ctx.request, ctx.deps.secretKey)}`, LIMITS.staffSignInPerIp, (seconds) => ctx.locale.t('desk.auth.tooManyFromNetwork', { minutes: Math.ceil(seconds / 60) }));
      const staff = await signInWithPassword(db, clock, form.email, form.password);
      startStaffSession(ctx, await startSession(db, clock, { kind: 'staff', staffId: staff.id }));
      return ctx.redirect(next);
    } catch (error) {
      return ctx.page(<LoginPage ctx={ctx} values={{ email: form.email, next }} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  openRoute('POST', '/admin/logout', async (ctx) => {
    // The sign-in page after sign-out is in the language of the account that left.
    const staff = await currentStaff(ctx.deps, ctx.request);
    const locale = staff ? localeOf(staff.language) : ctx.locale;
    const token = ctx.request.cookies[COOKIES.staff];
    if (token) await endSession(ctx.deps.db, token);
    void ctx.reply.clearCookie(COOKIES.staff, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.staff));
    return ctx.redirect(locale.language === 'en' ? '/admin/login' : `/admin/login?lang=${locale.language}`, locale.t('desk.auth.signedOut'));
  }),

  openRoute('GET', '/admin/password/:token', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      const staff = await checkPasswordLink(ctx.deps.db, ctx.deps.clock, token);
      return ctx.page(<PasswordPage ctx={ctx} email={staff.email} token={token} />);
    } catch (error) {
      const { message } = formErrorsOf(error);
      return ctx.page(
        <LinkUnusablePage ctx={ctx} message={message} />,
        failedStatus(error),
      );
    }
  }),

  openRoute('POST', '/admin/password/:token', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    const form = passwordForm.parse(ctx.request.body ?? {});
    const { db, clock } = ctx.deps;
    let email = '';
    try {
      email = (await checkPasswordLink(db, clock, token)).email;
      const staff = await setPasswordWithLink(db, clock, token, form.password, form.confirmation);
      startStaffSession(ctx, await startSession(db, clock, { kind: 'staff', staffId: staff.id }));
      return ctx.redirect('/admin', localeOf(staff.language).t('desk.auth.passwordSet'));
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!email) {
        return ctx.page(
          <LinkUnusablePage ctx={ctx} message={errors.message} />,
          failedStatus(error),
        );
      }
      return ctx.page(<PasswordPage ctx={ctx} email={email} token={token} errors={errors} />, failedStatus(error));
    }
  }),

  openRoute('GET', '/admin/forgot', async (ctx) => ctx.page(<ForgotPage ctx={ctx} email="" />)),

  openRoute('POST', '/admin/forgot', async (ctx) => {
    const form = emailForm.parse(ctx.request.body ?? {});
    const { db, clock, site } = ctx.deps;
    const address = await hitRateLimit(db, clock, `password-link:email:${addressRateKey(ctx.deps.secretKey, form.email)}`, LIMITS.passwordResetPerAddress);
    try {
      await enforceRateLimit(db, clock, `password-link:net:${clientNetworkKey(ctx.request, ctx.deps.secretKey)}`, LIMITS.signInLinkPerIp, () => ctx.locale.t('desk.auth.tooManyRequests'));
    } catch (error) {
      return ctx.page(<ForgotPage ctx={ctx} email={form.email} errors={formErrorsOf(error)} />, failedStatus(error));
    }
    // The answer is the same whether or not the address has an account.
    if (address.allowed) await mailPasswordReset(db, clock, site, form.email);
    return ctx.page(
      <NoticePage ctx={ctx} title={ctx.locale.t('desk.auth.checkEmail')}>
        <p>{ctx.locale.t('desk.auth.checkEmailText', { email: form.email || ctx.locale.t('desk.auth.thatAddress') })}</p>
      </NoticePage>,
    );
  }),
];
