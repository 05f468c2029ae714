// `sayso-collector users …`: accounts from the server's shell, for the first
// admin of a team, a forgotten password, or automation.
//   users add --email <e> --role <r> [--name <n>] [--password <p>]
//   users list
//   users set-role --email <e> --role <r>
//   users set-password --email <e> [--password <p>]
//   users disable --email <e> | users enable --email <e>
// Without --password, a terminal is asked (twice, without echo; an empty
// answer generates one), anything else gets a generated password printed.
// Changes are recorded in the activity log as made by "command line".
import { SaysoError } from '@sayso/core';
import { emailProblem } from './admin/json-body.js';
import { CLI_ACTOR } from './auth/first-run.js';
import { generatePassword, hashPassword, passwordProblem } from './auth/password.js';
import { ROLES, isRole, type Role } from './auth/roles.js';
import type { Storage } from './storage/types.js';

/** What the command prints to and asks from. */
export interface UsersIo {
  out(line: string): void;
  /** Asks for a password without echo; absent when there is no terminal. */
  askPassword?: (question: string) => Promise<string>;
}

export const USERS_HELP = `Usage: sayso-collector users <command> [options]

  add --email <e> --role <r> [--name <n>] [--password <p>]
  list
  set-role --email <e> --role <r>
  set-password --email <e> [--password <p>]
  disable --email <e>
  enable --email <e>

Roles: ${ROLES.join(' < ')}. Without --password a terminal is asked; otherwise a
password is generated and printed. Storage: --data-dir <dir> (PGlite, default
.sayso-data) or --database-url <url> (env SAYSO_DATA_DIR, DATABASE_URL).`;

function bad(path: string, message: string): never {
  throw new SaysoError('E_ARGUMENT_INVALID', message, { path });
}

function emailOf(value: string | undefined): string {
  if (value === undefined) bad('--email', 'is required');
  const problem = emailProblem(value);
  if (problem) bad('--email', problem);
  return value;
}

function roleOf(value: string | undefined): Role {
  if (!isRole(value)) bad('--role', `must be one of ${ROLES.join(', ')}`);
  return value;
}

/** The password to set: given, asked for, or generated (then printed). */
async function passwordOf(given: string | undefined, io: UsersIo): Promise<{ password: string; generated: boolean }> {
  let password = given;
  if (password === undefined && io.askPassword) {
    const first = await io.askPassword('Password (empty: generate one): ');
    if (first !== '') {
      if ((await io.askPassword('Again: ')) !== first) bad('--password', 'the two passwords differ');
      password = first;
    }
  }
  if (password === undefined) return { password: generatePassword(), generated: true };
  const problem = passwordProblem(password);
  if (problem) bad('--password', problem);
  return { password, generated: false };
}

async function find(storage: Storage, email: string) {
  const user = await storage.users.byEmail(email);
  if (!user) bad('--email', `no user has the email ${email}`);
  return user;
}

/** The options of a `users` command. */
export interface UsersOptions {
  email?: string | undefined;
  role?: string | undefined;
  name?: string | undefined;
  password?: string | undefined;
}

/** Runs one `users` command on `storage`. */
export async function usersCommand(command: string | undefined, values: UsersOptions, storage: Storage, io: UsersIo): Promise<void> {
  switch (command) {
    case 'add': {
      const email = emailOf(values.email);
      const role = roleOf(values.role);
      const { password, generated } = await passwordOf(values.password, io);
      const made = await storage.users.add({ email, name: values.name ?? '', role, passwordHash: await hashPassword(password) }, CLI_ACTOR);
      if (made === 'exists') bad('--email', `a user with the email ${email} exists`);
      io.out(`added ${made.email} (${made.role})${generated ? `, password: ${password}` : ''}`);
      return;
    }
    case 'list': {
      const users = await storage.users.list();
      if (users.length === 0) io.out('no users yet: `sayso-collector users add --email <e> --role admin`');
      for (const u of users) io.out(`${u.email}\t${u.role}${u.disabled ? '\tdisabled' : ''}\tlast sign-in: ${u.lastSignInAt ?? 'never'}`);
      return;
    }
    case 'set-role':
    case 'disable':
    case 'enable':
    case 'set-password': {
      const user = await find(storage, emailOf(values.email));
      let generatedPassword: string | undefined;
      const patch =
        command === 'set-role'
          ? { role: roleOf(values.role) }
          : command === 'set-password'
            ? await passwordOf(values.password, io).then(async ({ password, generated }) => {
                if (generated) generatedPassword = password;
                return { passwordHash: await hashPassword(password) };
              })
            : { disabled: command === 'disable' };
      const outcome = await storage.users.update(user.id, patch, CLI_ACTOR);
      if (outcome === 'not-found') bad('--email', `no user has the email ${user.email}`);
      if (outcome === 'last-admin') bad('--email', `${user.email} is the last active admin: make another user an admin first`);
      const what = command === 'set-role' ? `is now ${outcome.role}` : command === 'set-password' ? 'has a new password (signed out everywhere)' : command === 'disable' ? 'is disabled (signed out everywhere)' : 'is enabled';
      io.out(`${outcome.email} ${what}${generatedPassword ? `: ${generatedPassword}` : ''}`);
      return;
    }
    default:
      bad('users', `"${command ?? ''}" is not a users command (add, list, set-role, set-password, disable, enable)`);
  }
}
