import { Option, type Command } from 'commander';
import { linkAddress, loadConfig, type Config } from '../config.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { ROLES, type Role } from '../auth/permissions.js';
import { systemClock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { createSignInLink } from '../members/sign-in.service.js';
import { addStaff, issuePasswordLink, listStaff } from '../staff/staff.service.js';
import { withDatabase } from './database.js';

/** `insights staff add|reset|list` and `insights login-link`: links printed for whoever runs the command. */
export function addPeopleCommands(program: Command): void {
  const staff = program.command('staff').description('staff accounts of the desk');

  staff
    .command('add')
    .description('create a staff account and print a one-time link (24 h) to set its password')
    .argument('<email>', 'the staff member\'s email address')
    .addOption(new Option('--role <role>', 'owner, admin, editor or contributor').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'the name shown in the desk', '')
    .action(async (email: string, options: { role: Role; name: string }) => {
      const siteUrl = linkBase(loadConfig());
      const { staff: added, token } = await withDatabase((db) => addStaff(db, systemClock, { email, name: options.name, role: options.role }, SYSTEM_ACTOR));
      process.stdout.write(`added ${added.email} as ${added.role}\nset the password within 24 hours at:\n${siteUrl}/admin/password/${token}\n`);
    });

  staff
    .command('reset')
    .description('print a new one-time link (24 h) to set the password of an existing staff account')
    .argument('<email>', 'the staff member\'s email address')
    .action(async (email: string) => {
      const siteUrl = linkBase(loadConfig());
      const issued = await withDatabase((db) => issuePasswordLink(db, systemClock, email));
      if (!issued) throw new NotFound(`No active staff account has the address ${email}. Add it with: insights staff add ${email} --role editor`);
      process.stdout.write(`set the password of ${issued.staff.email} within 24 hours at:\n${siteUrl}/admin/password/${issued.token}\n`);
    });

  staff
    .command('list')
    .description('list staff accounts')
    .action(async () => {
      const all = await withDatabase((db) => listStaff(db));
      for (const member of all) {
        const state = !member.active ? 'deactivated' : member.hasPassword ? 'active' : 'invited';
        process.stdout.write(`${member.email}\t${member.role}\t${state}\n`);
      }
      if (all.length === 0) process.stdout.write('no staff accounts yet; add one with: insights staff add <email> --role owner\n');
    });

  program
    .command('login-link')
    .description('print a one-time member sign-in link (15 minutes) for a contact, for support staff to pass on')
    .argument('<email>', 'the contact\'s email address')
    .action(async (email: string) => {
      const config = loadConfig();
      const siteUrl = linkBase(config);
      const { contact, url } = await withDatabase((db) => createSignInLink(db, systemClock, { name: config.siteName, url: siteUrl }, email));
      process.stdout.write(`sign-in link for ${contact.email} (works once, within 15 minutes):\n${url}\n`);
    });
}

/**
 * The address printed links start with: SITE_URL, http://HOST:PORT, or the running server's
 * recorded address (config.ts `linkAddress`); a note on stderr says when it is only the default.
 */
function linkBase(config: Config): string {
  const { url, source, file } = linkAddress(config);
  if (source === 'default') {
    process.stderr.write(`note: neither SITE_URL nor PORT is set and no running server is recorded in ${file}, so the link assumes ${url}; set SITE_URL to the address people open\n`);
  }
  return url;
}
