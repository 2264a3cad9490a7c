// The e-mail channel's one configuration, read by every function that sends or receives ticket mail
// (`supabase secrets set` when hosted; the local stack gives these defaults when
// supabase/functions/.env does not set them, supabase/local/functions/env.ts):
//   SUPPORT_ADDRESS  the address customers write to, e.g. soporte@soporte.quetzal.example; its domain
//                    names the reply addresses (soporte+t<token>@…) and the message ids; required
//                    to receive (emailChannel), optional to send (outgoingChannel: without it mail
//                    goes out unthreaded and unanswerable)
//   SITE_NAME        the docs site's name (its Starlight title, e.g. "Centro de soporte Quetzal"),
//                    the name mails are sent under
//   SITE_URL         where mail links point (http://127.0.0.1:4321 when unset)
import { addressKind, supportAddress, type SupportAddress } from './addresses.ts';
import { siteUrl } from './links.ts';

export interface EmailChannel {
	support: SupportAddress;
	/** The name mails come from; undefined leaves the provider's configured sender name. */
	siteName?: string;
	siteUrl: string;
}

export class ChannelConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ChannelConfigError';
	}
}

interface ChannelReading {
	support?: SupportAddress;
	/** What is wrong with SUPPORT_ADDRESS (unset or not one plain address), when something is. */
	supportProblem?: 'unset' | 'invalid';
	address?: string;
	siteName?: string;
	siteUrl: string;
	/** Problems with SITE_NAME and SITE_URL. */
	problems: string[];
}

function readChannel(env: (name: string) => string | undefined): ChannelReading {
	const problems: string[] = [];
	let support: SupportAddress | undefined;
	let supportProblem: ChannelReading['supportProblem'];
	const address = env('SUPPORT_ADDRESS')?.trim();
	if (!address) supportProblem = 'unset';
	else {
		try {
			support = supportAddress(address);
		} catch {
			supportProblem = 'invalid';
		}
	}
	// One header line's worth of text: no line breaks or control characters.
	const name = env('SITE_NAME')?.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || undefined;
	if (name && name.length > 100) problems.push('SITE_NAME is longer than 100 characters');
	let site = '';
	try {
		site = siteUrl(env('SITE_URL'));
	} catch (e) {
		problems.push((e as Error).message);
	}
	return { support, supportProblem, address, siteName: name, siteUrl: site, problems };
}

/** Reads the channel's settings; every problem is reported at once, by name. */
export function emailChannel(env: (name: string) => string | undefined): EmailChannel {
	const r = readChannel(env);
	const problems: string[] = [];
	if (r.supportProblem === 'unset') problems.push('SUPPORT_ADDRESS is not set (the address customers write to, e.g. soporte@example.com)');
	if (r.supportProblem === 'invalid') problems.push(`SUPPORT_ADDRESS is not one plain address without a +tag: ${JSON.stringify(r.address)}`);
	problems.push(...r.problems);
	if (problems.length || !r.support) throw new ChannelConfigError(problems.join('; '));
	return { support: r.support, siteName: r.siteName, siteUrl: r.siteUrl };
}

/** The channel as the sending side reads it: mail still goes out when SUPPORT_ADDRESS is missing. */
export interface OutgoingChannel {
	/** Undefined: SUPPORT_ADDRESS is unset or unusable, and mail goes out unthreaded and unanswerable. */
	support?: SupportAddress;
	siteName?: string;
	siteUrl: string;
	/** What the sender should log once per run (the missing support address). */
	warnings: string[];
}

/**
 * Like emailChannel, for the notify function: a missing or unusable SUPPORT_ADDRESS is a warning, not an
 * error — notifications keep going out, without thread fields or Reply-To (an answer could not be routed
 * to its ticket anyway). SITE_URL and SITE_NAME problems still throw ChannelConfigError.
 */
export function outgoingChannel(env: (name: string) => string | undefined): OutgoingChannel {
	const r = readChannel(env);
	if (r.problems.length) throw new ChannelConfigError(r.problems.join('; '));
	const warnings: string[] = [];
	if (r.supportProblem === 'unset') warnings.push('SUPPORT_ADDRESS is not set: mails go out without threading or a reply address, so customers cannot answer them by e-mail');
	if (r.supportProblem === 'invalid') warnings.push(`SUPPORT_ADDRESS is not one plain address without a +tag (${JSON.stringify(r.address)}): mails go out without threading or a reply address`);
	return { support: r.support, siteName: r.siteName, siteUrl: r.siteUrl, warnings };
}

/**
 * Whether mail sent from `sender` would be answered into the support address (it is the support
 * address or one of its reply addresses): staff mails carry no Reply-To, so their answers would land
 * where staff mail is not taken.
 */
export function sendsAsSupport(support: SupportAddress, sender: string): boolean {
	return addressKind(support, sender).kind !== 'other';
}
