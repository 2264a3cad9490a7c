// Everything one run of notify reads from its environment, checked before anything is claimed: its own
// settings (settings.ts), the mail provider (../_shared/mailer/from-env.ts) and the e-mail channel
// (../_shared/email/channel.ts). A mistake in the first two stops the run (SettingsError,
// MailerConfigError, ChannelConfigError for SITE_NAME/SITE_URL); a missing SUPPORT_ADDRESS does not:
// mails then go out unthreaded and unanswerable, and `warnings` says so once per run.
import { mailerFromEnv, type MailerDeps } from '../_shared/mailer/from-env.ts';
import type { Mailer } from '../_shared/mailer/types.ts';
import { outgoingChannel, sendsAsSupport } from '../_shared/email/channel.ts';
import type { SupportAddress } from '../_shared/email/addresses.ts';
import { notifySettings, type NotifySettings } from './settings.ts';

export interface NotifySetup {
	settings: NotifySettings;
	mailer: Mailer;
	/** Set: mails about a ticket are threaded (and answerable when for a customer). */
	support?: SupportAddress;
	fromName?: string;
	/** To log once per run. */
	warnings: string[];
}

export function notifySetup(env: (name: string) => string | undefined, deps: MailerDeps = {}): NotifySetup {
	const settings = notifySettings(env);
	const channel = outgoingChannel(env);
	const mailer = mailerFromEnv(env, deps);
	const warnings = [...channel.warnings];
	if (channel.support && mailer.sender && sendsAsSupport(channel.support, mailer.sender)) {
		warnings.push(
			`mail goes out from the support address (${mailer.sender}): staff mails carry no Reply-To, so a staff member who answers one writes to the support address, which takes no staff mail; set MAIL_FROM (or SMTP_FROM) to a no-reply address`,
		);
	}
	return { settings, mailer, support: channel.support, fromName: channel.siteName, warnings };
}
