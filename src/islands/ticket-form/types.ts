// What the page gives the ticket form (all of it known at build time) and what the form learns from
// the backend once the customer is signed in.
import type { FilterKeys } from '../../lib/search-keys.ts';
import type { Programme } from '#shared/programme.ts';
import type { TicketFormLabels } from './labels.ts';

/** A product of content/support/products.yaml and its versions, newest first. */
export interface ProductOption {
	id: string;
	name: string;
	versions: string[];
}

/** How the form asks Pagefind for knowledge-base articles in the page's language. */
export interface SuggestConfig {
	/** The type filter's value for knowledge-base articles ("Problema conocido"). */
	kbLabel: string;
	keys: FilterKeys;
	base: string;
}

/** The article a ticket is filed from: its slug becomes source_article, its product and version the defaults. */
export interface SourceArticle {
	slug: string;
	product: string;
	version: string;
}

export interface TicketFormProps {
	labels: TicketFormLabels;
	lang: 'es' | 'en';
	products: ProductOption[];
	suggest: SuggestConfig;
	article?: SourceArticle;
	/**
	 * The level of the form's title (2 in an article's widget area). On its own page the page's h1 is
	 * the title: level 1 with `untitled`, and the form's sections are h2.
	 */
	headingLevel?: 1 | 2 | 3;
	untitled?: boolean;
}

export interface Organisation {
	id: string;
	name: string;
	programme_id: string;
	plan_id: string;
	/** The customer's time zone: due times are told in it. */
	timezone: string;
	role: 'member' | 'authorized_contact' | 'coordinator';
}

export interface Quota {
	monthly_quota: number | null;
	used: number;
	remaining: number | null;
	renews_on: string;
}

/** An authorized contact or coordinator, by display name only. */
export interface Contact {
	name: string | null;
}

/** What the form knows about the chosen organisation. */
export interface OrganisationContext {
	organisation: Organisation;
	programme: Programme;
	/** null when the quota could not be read (the form still works; the server decides). */
	quota: Quota | null;
}

/** An uploaded file as the tickets function takes it. */
export interface UploadedAttachment {
	storage_path: string;
	file_name: string;
	mime_type: string;
	size_bytes: number;
}

export type TicketFields = {
	organisation_id: string;
	severity: string;
	subject: string;
	description: string;
	impact: string;
	environment: 'production' | 'test';
	product_id: string;
	version: string;
	steps: string;
	affected_user: string;
};

export type FieldName = keyof TicketFields | 'attachments';
