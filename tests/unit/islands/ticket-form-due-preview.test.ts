import { describe, expect, it } from 'vitest';
import { firstResponsePreview } from '../../../src/islands/ticket-form/due-preview.ts';
import { programme } from '#shared/programme.ts';
import { shippedProgramme } from '../../fixtures/support.ts';
import { plain } from './fake-client.ts';

const standard = programme.parse(shippedProgramme('estandar-extendido'));
const cdmx = 'America/Mexico_City';

describe('firstResponsePreview', () => {
	it('Standard P1 sent Monday 09:00 in Mexico City: due at 13:00 the same day, 4 office hours', () => {
		const preview = firstResponsePreview(standard, 'estandar', 'P1', cdmx, 'es', new Date('2026-11-23T15:00:00Z'));
		expect(preview).not.toBeNull();
		expect(plain(preview!.dueText)).toBe('lunes, 23 de noviembre de 2026, 13:00 hora estándar central');
		expect(preview!.targetText).toBe('4 horas');
		expect(preview!.planName).toBe('Soporte estándar');
		expect(preview!.calendarName).toBe('Horario de oficina, Ciudad de México');
		expect(preview!.alwaysOpen).toBe(false);
	});

	it('sent Friday 17:00, the office-hours deadline moves over the weekend, told in the customer’s zone and language', () => {
		const preview = firstResponsePreview(standard, 'estandar', 'P1', 'America/Bogota', 'en', new Date('2026-11-27T23:00:00Z'));
		// One hour on Friday (17:00–18:00) and three on Monday (09:00–12:00 Mexico City = 10:00–13:00 Bogotá).
		expect(plain(preview!.dueText)).toBe('Monday, November 30, 2026 at 1:00 PM Colombia Standard Time');
		expect(preview!.targetText).toBe('4 hours');
		expect(preview!.calendarName).toBe('Office hours, Mexico City');
		expect(preview!.planName).toBe('Standard support');
	});

	it('gives nothing for a plan or severity the programme does not have', () => {
		expect(firstResponsePreview(standard, 'platino', 'P1', cdmx, 'es')).toBeNull();
		expect(firstResponsePreview(standard, 'estandar', 'P9', cdmx, 'es')).toBeNull();
	});
});
