// The form's build-time props (its labels, the product catalogue, how to ask Pagefind) as JSON beside
// the new-ticket page (src/pages/soporte/nuevo/formulario.json.ts): the launcher on an article
// fetches them with the form's chunk, so an article's HTML carries only the launcher's few labels.
import { localePath } from '../shared/use-session.ts';
import type { TicketFormProps } from './types.ts';

export type TicketFormData = Omit<TicketFormProps, 'article' | 'headingLevel' | 'untitled'>;

export const formDataPath = (lang: 'es' | 'en'): string => localePath('/soporte/nuevo/formulario.json', lang);

export async function loadFormData(lang: 'es' | 'en'): Promise<TicketFormData> {
	const response = await fetch(formDataPath(lang));
	if (!response.ok) throw new Error(`${formDataPath(lang)}: ${response.status}`);
	return (await response.json()) as TicketFormData;
}
