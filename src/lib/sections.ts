// The documentation's sections: one folder of content/docs each, in sidebar order. Labels here are
// the sidebar's group names (Starlight takes them per language from `translations`).
export interface Section {
	dir: string;
	label: string;
	translations: { en: string };
	collapsed?: boolean;
}

export const SECTIONS: Section[] = [
	{ dir: 'empezar', label: 'Primeros pasos', translations: { en: 'Getting started' } },
	{ dir: 'guias', label: 'Guías', translations: { en: 'Guides' } },
	{ dir: 'tutoriales', label: 'Tutoriales', translations: { en: 'Tutorials' } },
	{ dir: 'manual', label: 'Manual técnico', translations: { en: 'Technical manual' }, collapsed: true },
	{ dir: 'solucion-de-problemas', label: 'Solución de problemas', translations: { en: 'Troubleshooting' } },
	{ dir: 'mantenimiento', label: 'Mantenimiento', translations: { en: 'Maintenance' }, collapsed: true },
	{ dir: 'preguntas-frecuentes', label: 'Preguntas frecuentes', translations: { en: 'FAQ' } },
	{ dir: 'base-de-conocimiento', label: 'Base de conocimiento', translations: { en: 'Knowledge base' }, collapsed: true },
	{ dir: 'alertas', label: 'Alertas técnicas', translations: { en: 'Technical alerts' } },
	{ dir: 'notas-de-version', label: 'Notas de versión', translations: { en: 'Release notes' }, collapsed: true },
	{ dir: 'soporte', label: 'Soporte', translations: { en: 'Support' } },
];
