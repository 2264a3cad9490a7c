// Alert notifications: the organisations to choose from (staff read them all), the notices already
// sent (alert_notices, staff only), and sending one (publish_alert_notification queues the
// alert_published e-mail for every member of the organisations concerned, once per person and state).
import type { SupabaseClient } from '../../../lib/supabase.ts';
import { call, type Result } from '../../shared/backend.ts';
import type { AlertArticle } from '../props.ts';

export interface OrganisationOption {
	id: string;
	name: string;
}

export interface AlertNotice {
	id: string;
	article_slug: string;
	state: 'published' | 'resolved';
	audience: 'chosen' | 'affected';
	organisation_ids: string[];
	recipients: number;
	sent_at: string;
}

export function listOrganisations(client: SupabaseClient): Promise<Result<OrganisationOption[]>> {
	return call(() => client.from('organisations').select('id, name').order('name'));
}

export function listNotices(client: SupabaseClient): Promise<Result<AlertNotice[]>> {
	// The generated types read a text column with a check constraint as string; the constraint makes the narrowing true.
	return call(() =>
		client.from('alert_notices').select('id, article_slug, state, audience, organisation_ids, recipients, sent_at').order('sent_at', { ascending: false }).limit(20),
	) as Promise<Result<AlertNotice[]>>;
}

export interface SendRequest {
	alert: AlertArticle;
	resolved: boolean;
	/** null: the organisations the alert's product and versions concern. */
	organisations: string[] | null;
}

export function sendNotice(client: SupabaseClient, { alert, resolved, organisations }: SendRequest): Promise<Result<AlertNotice>> {
	return call(() =>
		client.rpc('publish_alert_notification', {
			article: alert.slug,
			title: alert.title,
			title_en: alert.titleEn ?? undefined,
			severity: alert.severity,
			product: alert.product ?? undefined,
			versions: alert.versions ?? undefined,
			organisation_ids: organisations ?? undefined,
			resolved,
		}),
	) as Promise<Result<AlertNotice>>;
}
