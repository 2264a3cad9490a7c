// The page's sections, addressed as /admin/?seccion=<name> so each can be linked and reloaded. The
// organisations and team sections are for admins only; the rest for all support staff.
export const SECTIONS = ['descargas', 'alertas', 'comentarios', 'lagunas', 'organizaciones', 'equipo'] as const;
export type Section = (typeof SECTIONS)[number];

export function sectionFrom(search: string): Section {
	const wanted = new URLSearchParams(search).get('seccion');
	return (SECTIONS as readonly string[]).includes(wanted ?? '') ? (wanted as Section) : 'descargas';
}

export const ADMIN_ONLY: readonly Section[] = ['organizaciones', 'equipo'];
