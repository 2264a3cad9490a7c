// An organisation's activity over a period, as public.organisation_activity answers it (see the
// reports migration): the tickets opened and closed and the download versions published. Types only,
// so the report page can use them without zod; activity-schema.ts checks a row at run time.
import type { Title } from './content-changes.ts';

export interface OpenedTicket {
	number: number;
	subject: string;
	severity: string;
	severity_label: Title;
	status: string;
	product_id: string | null;
	created_at: string;
}

export interface ClosedTicket {
	number: number;
	subject: string;
	severity: string;
	severity_label: Title;
	close_reason: string;
	closed_at: string;
}

export interface PublishedVersion {
	/** The download item's slug. */
	item: string;
	name: string;
	kind: string;
	product_id: string | null;
	version: string;
	support_status: string;
	published_at: string;
}

export interface Activity {
	organisation: { id: string; name: string; programme_id: string; plan_id: string; timezone: string };
	from: string;
	to: string;
	opened: OpenedTicket[];
	closed: ClosedTicket[];
	downloads: PublishedVersion[];
}
