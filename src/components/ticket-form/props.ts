// The ticket form's props, built at build time for the page's language: its UI strings, the product
// catalogue (content/support/products.yaml, newest version first) and how to ask the Pagefind index
// for knowledge-base articles. What depends on the customer (organisation, programme, quota) the form
// reads from the backend once they are signed in.
import { compareVersions } from '#shared/products.ts';
import { catalog } from '../../lib/programme-data.ts';
import { labelsFor } from '../../lib/labels.ts';
import { filterKeys } from '../../lib/search-keys.ts';
import type { T } from '../../lib/t.ts';
import { TICKET_FORM_LABELS } from '../../islands/ticket-form/labels.ts';
import type { TicketFormProps } from '../../islands/ticket-form/types.ts';

export function ticketFormProps(t: T, lang: string): Omit<TicketFormProps, 'article' | 'headingLevel' | 'untitled'> {
	return {
		labels: labelsFor(t, 'mostrador.ticketForm', TICKET_FORM_LABELS),
		lang: lang.startsWith('en') ? 'en' : 'es',
		products: catalog.products.map((p) => ({
			id: p.id,
			name: p.name,
			versions: p.versions.map((v) => v.version).sort((a, b) => compareVersions(b, a)),
		})),
		suggest: { kbLabel: t('mostrador.type.kb'), keys: filterKeys(t), base: import.meta.env.BASE_URL },
	};
}
