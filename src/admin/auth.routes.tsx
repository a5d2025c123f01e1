import { z } from 'zod';
import { enforceRateLimit, hitRateLimit, LIMITS } from '../auth/rate-limits.service.js';
import { endSession, SESSION_TTL_MS, startSession } from '../auth/sessions.service.js';
import { Invalid } from '../lib/errors.js';
import { safeRedirectPath } from '../lib/header-values.js';
import { clientAddress, COOKIE_PATHS, COOKIES, cookieOptions } from '../lib/request-security.js';
import { emailKey } from '../members/members.js';
import { checkPasswordLink, mailPasswordReset, setPasswordWithLink, signInWithPassword } from '../staff/staff.service.js';
import { openRoute, type AdminContext, type AdminRoute } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { ErrorSummary, failedStatus, Form, formErrorsOf, TextField, type FormErrors } from './forms.js';
import { PASSWORD_MIN } from '../staff/staff.js';

const loginForm = z.object({ email: z.string().default(''), password: z.string().default(''), next: z.string().default('/admin') });
const emailForm = z.object({ email: z.string().default('') });
const passwordForm = z.object({ password: z.string().default(''), confirmation: z.string().default('') });
const tokenParams = z.object({ token: z.string().max(100) });

/** Only paths inside the desk are followed after sign-in, and only those the one redirect rule allows. */
function safeNext(next: unknown): string {
  const path = safeRedirectPath(next, '/admin');
  return /^\/admin(\/|\?|$)/.test(path) ? path : '/admin';
}

function LoginPage({ ctx, values, errors }: { ctx: AdminContext; values: { email: string; next: string }; errors?: FormErrors }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Sign in" csrf={ctx.csrf} flash={ctx.flash}>
      <div class="narrow">
        <h1>Sign in to the desk</h1>
        <ErrorSummary errors={errors} />
        <Form action="/admin/login" csrf={ctx.csrf}>
          <input type="hidden" name="next" value={values.next} />
          <TextField name="email" label="Email" type="email" autocomplete="username" value={values.email} required errors={errors} />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" required errors={errors} />
          <button type="submit" class="button">
            Sign in
          </button>
        </Form>
        <p>
          <a href="/admin/forgot">Forgot your password, or never set one?</a>
        </p>
      </div>
    </AdminLayout>
  );
}

function startStaffSession(ctx: AdminContext, token: string): void {
  void ctx.reply.setCookie(COOKIES.staff, token, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.staff, SESSION_TTL_MS.staff / 1000));
}

function PasswordPage({ ctx, email, token, errors }: { ctx: AdminContext; email: string; token: string; errors?: FormErrors }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Set your password" csrf={ctx.csrf}>
      <div class="narrow">
        <h1>Set your password</h1>
        <p>For the staff account {email}.</p>
        <ErrorSummary errors={errors} />
        <Form action={`/admin/password/${token}`} csrf={ctx.csrf}>
          <input type="text" name="username" value={email} autoComplete="username" hidden readOnly />
          <TextField name="password" label="New password" type="password" autocomplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} required errors={errors} />
          <TextField name="confirmation" label="The same password again" type="password" autocomplete="new-password" required errors={errors} />
          <button type="submit" class="button">
            Set password and sign in
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

function ForgotPage({ ctx, email, errors }: { ctx: AdminContext; email: string; errors?: FormErrors }) {
  return (
    <NoticePage ctx={ctx} title="Set a new password">
      <p>Enter your staff email address. If it belongs to an active account, we send a link to set a new password; it works once, for 24 hours.</p>
      <ErrorSummary errors={errors} />
      <Form action="/admin/forgot" csrf={ctx.csrf}>
        <TextField name="email" label="Email" type="email" autocomplete="username" value={email} required errors={errors} />
        <button type="submit" class="button">
          Send the link
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
      await enforceRateLimit(db, clock, `staff-sign-in:ip:${clientAddress(ctx.request)}`, LIMITS.staffSignInPerIp, (seconds) => `Too many sign-in attempts from your network. Wait ${Math.ceil(seconds / 60)} minutes and try again.`);
      const staff = await signInWithPassword(db, clock, form.email, form.password);
      startStaffSession(ctx, await startSession(db, clock, { kind: 'staff', staffId: staff.id }));
      return ctx.redirect(next);
    } catch (error) {
      return ctx.page(<LoginPage ctx={ctx} values={{ email: form.email, next }} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  openRoute('POST', '/admin/logout', async (ctx) => {
    const token = ctx.request.cookies[COOKIES.staff];
    if (token) await endSession(ctx.deps.db, token);
    void ctx.reply.clearCookie(COOKIES.staff, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.staff));
    return ctx.redirect('/admin/login', 'You are signed out.');
  }),

  openRoute('GET', '/admin/password/:token', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      const staff = await checkPasswordLink(ctx.deps.db, ctx.deps.clock, token);
      return ctx.page(<PasswordPage ctx={ctx} email={staff.email} token={token} />);
    } catch (error) {
      const { message } = formErrorsOf(error);
      return ctx.page(
        <NoticePage ctx={ctx} title="This link cannot be used">
          <p>{message}</p>
          <p>
            <a href="/admin/forgot">Send me a new link</a>
          </p>
        </NoticePage>,
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
      return ctx.redirect('/admin', 'Your password is set. Welcome to the desk.');
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!email) {
        return ctx.page(
          <NoticePage ctx={ctx} title="This link cannot be used">
            <p>{errors.message}</p>
            <p>
              <a href="/admin/forgot">Send me a new link</a>
            </p>
          </NoticePage>,
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
    const address = await hitRateLimit(db, clock, `password-link:email:${emailKey(form.email)}`, LIMITS.passwordResetPerAddress);
    try {
      await enforceRateLimit(db, clock, `password-link:ip:${clientAddress(ctx.request)}`, LIMITS.signInLinkPerIp, () => 'Too many requests from your network. Wait an hour and try again.');
    } catch (error) {
      return ctx.page(<ForgotPage ctx={ctx} email={form.email} errors={formErrorsOf(error)} />, failedStatus(error));
    }
    // The answer is the same whether or not the address has an account.
    if (address.allowed) await mailPasswordReset(db, clock, site, form.email);
    return ctx.page(
      <NoticePage ctx={ctx} title="Check your email">
        <p>If {form.email || 'that address'} belongs to an active staff account, a link to set a new password is on its way. It works once, for 24 hours.</p>
      </NoticePage>,
    );
  }),
];
