// The shape of one demo ticket's story: who opens it, when (counted back from the load), and what
// happens after, step by step, in hours after the opening. The stories themselves are in stories/.
import type { OrgKey } from './cast.ts';

/** The organisation's people, by role, and the support team. */
export type Customer = 'coordinator' | 'contact' | 'member';
export type Staff = 'agent' | 'specialist' | 'lead';

export type Step = { at: number } & (
	| { by: Staff; do: 'reply' | 'note' | 'ask' | 'resolve'; body: string }
	| { by: Customer; do: 'reply' | 'reopen'; body: string }
	| { by: Customer; do: 'confirm' }
	| { by: Staff; do: 'close' }
	| { by: Staff; do: 'assign'; to: Staff }
	| { by: Staff; do: 'level'; to: 1 | 2 }
	| { by: Staff; do: 'severity'; to: string }
	| { by: Staff; do: 'problem'; problem: string }
);

export interface Story {
	/** Unique and stable: the ticket's idempotency key is demo-<key>. */
	key: string;
	org: OrgKey;
	by: Customer;
	/** daysAgo at a local time ('HH:MM', moved back to a working day), or hours before the load. */
	opened: { daysAgo: number; at: string } | { hoursAgo: number };
	severity: string;
	product?: [string, string] | [string];
	channel?: 'web' | 'email' | 'phone' | 'chat';
	environment?: 'production' | 'test';
	sourceArticle?: string;
	subject: string;
	description: string;
	impact?: string;
	steps: Step[];
}

/** A known problem that tickets link to (by key). */
export interface ProblemStory {
	key: string;
	title: string;
	description: string;
	daysAgo: number;
	status: 'open' | 'known_error' | 'resolved';
	kbArticle?: string;
	/** Days ago it was resolved (status resolved). */
	resolvedDaysAgo?: number;
}
