// Every demo ticket story, and the known problems they link to.
import type { ProblemStory, Story } from '../story.ts';
import { sanPedro } from './estandar-extendido.ts';
import { andina } from './implementacion.ts';
import { norte } from './soporte-nativo.ts';
import { alcala } from './membresia.ts';

export const STORIES: Story[] = [...sanPedro, ...andina, ...norte, ...alcala];

export const PROBLEMS: ProblemStory[] = [
	{
		key: 'indice',
		title: 'El índice de búsqueda conserva el formato anterior tras actualizar',
		description: 'Tras actualizar, el índice queda en el formato de la versión anterior y los documentos nuevos no se indexan hasta reconstruirlo.',
		daysAgo: 170,
		status: 'known_error',
		kbArticle: 'base-de-conocimiento/indice-desactualizado',
	},
	{
		key: 'ldap',
		title: 'La sincronización LDAP omite a los usuarios con ñ o acentos',
		description: 'El filtro LDAP escapa mal los caracteres UTF-8 del nombre; corregido en 4.2.4.',
		daysAgo: 141,
		status: 'resolved',
		kbArticle: 'base-de-conocimiento/ldap-omite-usuarios-con-enie',
		resolvedDaysAgo: 60,
	},
	{
		key: 'tsa',
		title: 'Firmas sin sello de tiempo tras la renovación del certificado de la TSA',
		description: 'Los servidores que confían en la cadena anterior de la autoridad de sellado firman sin sello de tiempo.',
		daysAgo: 119,
		status: 'known_error',
		kbArticle: 'base-de-conocimiento/firmas-sin-sello-de-tiempo',
	},
	{
		key: 'pdfa',
		title: 'La conversión a PDF/A agota el tiempo en documentos grandes',
		description: 'Con más de 300 páginas el conversor supera conversion.timeout; la corrección convierte por partes.',
		daysAgo: 80,
		status: 'known_error',
		kbArticle: 'base-de-conocimiento/conversion-pdfa-tiempo-agotado',
	},
	{
		key: 'cartera',
		title: 'Saldos duplicados de créditos reestructurados en el reporte de cartera',
		description: 'Los créditos reestructurados tras la migración tienen dos filas vigentes en la vista del reporte.',
		daysAgo: 83,
		status: 'open',
	},
];
