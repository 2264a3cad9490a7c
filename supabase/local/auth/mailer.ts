// Follows GoTrue v2.189's template mailer (internal/mailer/templatemailer): the configured subject and
// HTML with {{ .ConfirmationURL }}, {{ .Token }}, {{ .TokenHash }}, {{ .SiteURL }}, {{ .RedirectTo }},
// {{ .Email }} and {{ .Data.<key> }} substituted, the link pointing at <api>/auth/v1/verify. The mail
// goes to the stack's mailbox with a plain-text part that always carries the link and the code.
import type { Stack } from '../stack-types.ts';
import type { AuthSettings, TemplateName } from './settings.ts';
import type { EmailVerification } from './otp.ts';

const TEMPLATE_OF: Record<EmailVerification, TemplateName> = {
	signup: 'confirmation',
	magiclink: 'magic_link',
	recovery: 'recovery',
	invite: 'invite',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);

export function confirmationUrl(apiUrl: string, hash: string, type: EmailVerification, redirectTo: string): string {
	return `${apiUrl}/auth/v1/verify?token=${hash}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`;
}

export interface TemplateVars {
	ConfirmationURL: string;
	Token: string;
	TokenHash: string;
	SiteURL: string;
	RedirectTo: string;
	Email: string;
	Data: Record<string, unknown>;
}

/** Substitutes {{ .Name }} and {{ .Data.key }}; unknown names render empty, as Go templates do for missing map keys. */
export function renderTemplate(template: string, vars: TemplateVars, escape: (s: string) => string = escapeHtml): string {
	return template.replace(/\{\{-?\s*\.([A-Za-z]+)(?:\.([A-Za-z0-9_]+))?\s*-?\}\}/g, (_, name: string, key?: string) => {
		const value = name === 'Data' ? (key ? vars.Data[key] : undefined) : vars[name as keyof TemplateVars];
		return value == null || typeof value === 'object' ? '' : escape(String(value));
	});
}

/** A readable plain-text version of the HTML: links as "label: url", block ends as line breaks. */
export function htmlToText(html: string): string {
	return html
		.replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
		.replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, label: string) => {
			const text = label.replace(/<[^>]+>/g, '').trim();
			return text && text !== href ? `${text}: ${href}` : href;
		})
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|h[1-6]|div|li|tr|table)>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
		.replace(/&(amp|lt|gt|quot|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' })[e]!)
		.split('\n')
		.map((l) => l.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export interface AuthMail {
	type: EmailVerification;
	to: string;
	otp: string;
	hash: string;
	redirectTo: string;
	data?: Record<string, unknown>;
}

export async function sendAuthMail(stack: Stack, settings: AuthSettings, m: AuthMail): Promise<void> {
	const template = settings.templates[TEMPLATE_OF[m.type]];
	const link = confirmationUrl(stack.config.apiUrl, m.hash, m.type, m.redirectTo);
	const vars: TemplateVars = { ConfirmationURL: link, Token: m.otp, TokenHash: m.hash, SiteURL: stack.config.auth.siteUrl, RedirectTo: m.redirectTo, Email: m.to, Data: m.data ?? {} };
	const html = renderTemplate(template.html, vars);
	let text = htmlToText(html);
	if (!text.includes(link)) text += `\n\n${link}`;
	if (!text.includes(m.otp)) text += `\n\nCódigo / Code: ${m.otp}`;
	await stack.mail.send({
		to: m.to,
		subject: renderTemplate(template.subject, vars, (s) => s),
		text,
		html,
		kind: `auth.${m.type}`,
		data: { type: m.type, redirect_to: m.redirectTo },
	});
}
