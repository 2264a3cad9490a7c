// Reads the dashboard's figures: public.sla_attainment (attainment and breaches per month, plan and
// severity) and public.ticket_volume (tickets per month, product and channel), both as the signed-in
// caller, so the database decides what they may see. Errors come back as the RPCs' stable codes.
import { SQL_NULL, type SupabaseClient } from '../../lib/supabase.ts';
import { call, failureCode } from '../shared/backend.ts';
import { firstDay, type Month } from './range.ts';

export interface AttainmentRow {
	month: string;
	organisation_id: string | null;
	programme_id: string;
	plan_id: string;
	severity_key: string;
	tickets: number;
	first_responses_measured: number;
	first_responses_on_time: number;
	first_response_rate: number | null;
	updates_measured: number;
	updates_on_time: number;
	update_rate: number | null;
	escalations_measured: number;
	escalations_on_time: number;
	escalation_rate: number | null;
	/** null: the programme states no commitment (its plans promise no times). */
	first_response_commitment: number | null;
	escalation_commitment: number | null;
	first_response_met: boolean | null;
	escalation_met: boolean | null;
	met: boolean | null;
}

export interface VolumeRow {
	month: string;
	organisation_id: string | null;
	product_id: string | null;
	channel: string;
	tickets: number;
}

export interface Query {
	/** An organisation id, or null for every organisation the caller may see. */
	organisation: string | null;
	from: Month;
	to: Month;
}

export type Figures = { status: 'ok'; attainment: AttainmentRow[]; volume: VolumeRow[] } | { status: 'error'; code: ErrorCode };

/** What the page explains differently; anything else is 'failed' (with a retry). */
export type ErrorCode = 'forbidden' | 'organisation_not_found' | 'invalid_range' | 'range_too_long' | 'unavailable' | 'failed';
const KNOWN = new Set(['forbidden', 'organisation_not_found', 'invalid_range', 'range_too_long']);

const NUMERIC = ['first_response_rate', 'update_rate', 'escalation_rate', 'first_response_commitment', 'escalation_commitment'] as const;

/** PostgREST sends numerics as JSON numbers; a stand-in might send strings. Either way, numbers. */
function numbers(row: AttainmentRow): AttainmentRow {
	const out = { ...row };
	for (const k of NUMERIC) out[k] = (row[k] === null ? null : Number(row[k])) as never;
	return out;
}

/** A failure as the page explains it: unavailable by the kit's one rule, a code it knows, or 'failed'. */
function codeOf(code: string): ErrorCode {
	return code === 'unavailable' || KNOWN.has(code) ? (code as ErrorCode) : 'failed';
}

export async function loadFigures(client: SupabaseClient, query: Query): Promise<Figures> {
	const args = { from_month: firstDay(query.from), to_month: firstDay(query.to), organisation: query.organisation ?? SQL_NULL };
	const [attainment, volume] = await Promise.all([
		call<AttainmentRow[]>(() => client.rpc('sla_attainment', args)),
		call<VolumeRow[]>(() => client.rpc('ticket_volume', args)),
	]);
	if (!attainment.ok) return { status: 'error', code: codeOf(failureCode(attainment)) };
	if (!volume.ok) return { status: 'error', code: codeOf(failureCode(volume)) };
	return { status: 'ok', attainment: (attainment.data ?? []).map(numbers), volume: volume.data ?? [] };
}
