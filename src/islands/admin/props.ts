// What the admin page computes at build time and hands to the island: the alert articles (from the
// docs collection), the product catalogue with each version's support status under the programme's
// version policy, the programmes that take tickets with their plans, and the calendars' warnings. The island never loads the content files itself.
import type { Labels } from '../shared/labels.ts';
import type { AdminLabelKey } from './labels.ts';

export type SupportStatus = 'current' | 'supported' | 'retiring' | 'end-of-life';
export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface AlertArticle {
	/** The article's slug, e.g. alertas/rotacion-certificado-raiz-tsa. */
	slug: string;
	title: string;
	/** The English page's title, when there is one. */
	titleEn: string | null;
	severity: AlertSeverity;
	/** null: about no product in particular ('general'). */
	product: string | null;
	versions: string[];
	published: string;
	resolved: string | null;
}

export interface ProductInfo {
	id: string;
	name: string;
	versions: { version: string; status: SupportStatus; eol?: string }[];
}

export interface PlanInfo {
	id: string;
	name: string;
	/** null: unlimited. */
	authorizedContacts: number | null;
	/** Included for these months after go-live or the contract's start (may_open_ticket enforces it); null: no such limit. */
	includedMonths: number | null;
	includedAfter: 'go_live' | 'contract_start' | null;
}

/** A programme organisations can be placed on (one that takes customer tickets), with its plans. */
export interface ProgrammeInfo {
	id: string;
	name: string;
	timezone: string;
	plans: PlanInfo[];
}

export interface AdminProps {
	lang: 'es' | 'en';
	/** The repository the articles live in (MOSTRADOR_REPO_URL): the knowledge-gap report links to its new-file page. */
	repoUrl: string;
	/** The site's paths in the page's language. */
	paths: { account: string; downloads: string; admin: string; prefix: string };
	alerts: AlertArticle[];
	products: ProductInfo[];
	/** The active programme: the forms start on it. */
	programme: { id: string; timezone: string; plans: PlanInfo[] };
	/** Every programme that takes customer tickets, the active one first: organisations go on any of them. */
	programmes: ProgrammeInfo[];
	/** check:content's calendarWarnings() at build time: calendars whose holidays run out before next year. */
	calendarWarnings: string[];
	/** Every known programme's plan names in the page's language, keyed `<programme>/<plan>`. */
	planNames: Record<string, string>;
	labels: Labels<AdminLabelKey>;
	/** The version policy's words for each status (mostrador.versions.status.*). */
	statusLabels: Record<SupportStatus, string>;
	/** The alert severities' words (mostrador.alert.severity.*). */
	severityLabels: Record<AlertSeverity, string>;
}
