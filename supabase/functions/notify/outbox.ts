// The outbox as the drain sees it, over the service-role API: claim_notifications and
// finish_notification (migration 20261121000600_notify.sql) and a count of what is still due.
import type { SupabaseClient as UntypedClient } from 'npm:@supabase/supabase-js@2';
import type { Database } from '../_shared/database.types.ts';
import type { Outcome } from './retry.ts';

/** The client typed by the generated schema types. */
type SupabaseClient = UntypedClient<Database>;

/** A claimed row with its recipient resolved from their profile (address, name, language). */
export interface ClaimedNotification {
	id: string;
	template: string;
	locale: string;
	payload: unknown;
	/** Including the attempt this claim starts. */
	attempts: number;
	email: string | null;
	full_name: string | null;
}

export interface Outbox {
	claim(batch: number, maxAttempts: number, leaseSeconds: number): Promise<ClaimedNotification[]>;
	/** Records how the attempt ended; fails if the claim was lost (another run took the row over). */
	finish(n: ClaimedNotification, outcome: Outcome): Promise<void>;
	/** Rows due now that no run holds. */
	remaining(): Promise<number>;
}

export function supabaseOutbox(client: SupabaseClient): Outbox {
	return {
		async claim(batch, maxAttempts, leaseSeconds) {
			const { data, error } = await client.rpc('claim_notifications', { batch, max_attempts: maxAttempts, lease_seconds: leaseSeconds });
			if (error) throw new Error(`claim_notifications: ${error.message}`);
			return (data ?? []) as ClaimedNotification[];
		},
		async finish(n, outcome) {
			const { error } = await client.rpc('finish_notification', {
				notification: n.id,
				attempt: n.attempts,
				outcome: outcome.status,
				error: outcome.status === 'sent' ? undefined : outcome.error,
				retry_at: outcome.status === 'failed' ? outcome.retryAt.toISOString() : undefined,
			});
			if (error) throw new Error(`finish_notification: ${error.message}`);
		},
		async remaining() {
			const { count, error } = await client
				.from('notifications')
				.select('id', { count: 'exact', head: true })
				.in('status', ['queued', 'failed', 'sending'])
				.lte('next_attempt_at', new Date().toISOString());
			if (error) throw new Error(`counting due notifications: ${error.message}`);
			return count ?? 0;
		},
	};
}
