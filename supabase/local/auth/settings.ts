// The auth settings StackConfig does not carry, read from supabase/config.toml the way the Supabase CLI
// reads them: [auth] minimum_password_length and the [auth.email.template.<name>] entries (subject and
// content_path, relative to the project root).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readToml, SUPABASE_DIR } from '../config.ts';

export const PROJECT_ROOT = resolve(SUPABASE_DIR, '..');

export type TemplateName = 'confirmation' | 'magic_link' | 'recovery' | 'invite';

export interface MailTemplate {
	subject: string;
	html: string;
}

// GoTrue's built-in templates (internal/mailer/templatemailer), used where config.toml sets none.
const DEFAULT_TEMPLATES: Record<TemplateName, MailTemplate> = {
	confirmation: {
		subject: 'Confirm Your Signup',
		html: '<h2>Confirm your signup</h2>\n\n<p>Follow this link to confirm your user:</p>\n<p><a href="{{ .ConfirmationURL }}">Confirm your mail</a></p>',
	},
	magic_link: {
		subject: 'Your Magic Link',
		html: '<h2>Magic Link</h2>\n\n<p>Follow this link to login:</p>\n<p><a href="{{ .ConfirmationURL }}">Log In</a></p>',
	},
	recovery: {
		subject: 'Reset Your Password',
		html: '<h2>Reset Password</h2>\n\n<p>Follow this link to reset the password for your user:</p>\n<p><a href="{{ .ConfirmationURL }}">Reset Password</a></p>',
	},
	invite: {
		subject: 'You have been invited',
		html: '<h2>You have been invited</h2>\n\n<p>You have been invited to create a user on {{ .SiteURL }}. Follow this link to accept the invite:</p>\n<p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p>',
	},
};

export interface AuthSettings {
	minimumPasswordLength: number;
	templates: Record<TemplateName, MailTemplate>;
}

export function loadAuthSettings(toml: Record<string, any> = readToml()): AuthSettings {
	const configured = toml.auth?.email?.template ?? {};
	const templates = {} as Record<TemplateName, MailTemplate>;
	for (const name of Object.keys(DEFAULT_TEMPLATES) as TemplateName[]) {
		const entry = configured[name] ?? {};
		templates[name] = {
			subject: typeof entry.subject === 'string' ? entry.subject : DEFAULT_TEMPLATES[name].subject,
			html: typeof entry.content_path === 'string' ? readFileSync(resolve(PROJECT_ROOT, entry.content_path), 'utf8') : DEFAULT_TEMPLATES[name].html,
		};
	}
	return { minimumPasswordLength: Number(toml.auth?.minimum_password_length ?? 6), templates };
}
