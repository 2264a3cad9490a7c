// Signing in against the local stack, in Chromium: the magic link is read from the stack's mailbox
// (/_mail) as a person would, and the 6-digit code from the same e-mail works too.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { STACK_URL } from './stack.ts';

const unique = (tag: string) => `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;

async function requestMail(page: Page, email: string) {
	await page.goto('/cuenta/');
	await page.getByLabel('Correo electrónico').fill(email);
	await page.getByRole('button', { name: 'Enviarme el enlace' }).click();
	await expect(page.getByText(`Te enviamos un correo a ${email}`)).toBeVisible();
}

test('signs in through the magic link found in the mailbox', async ({ page }) => {
	const email = unique('enlace');
	await requestMail(page, email);

	await page.goto(`${STACK_URL}/_mail`);
	await page.getByRole('row').filter({ hasText: email }).getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const link = page.getByRole('list').getByRole('link').filter({ hasText: '/auth/v1/verify' }).first();
	await link.click();

	// supabase-js has taken the session out of the fragment.
	await expect(page).toHaveURL(/\/cuenta\/#?$/);
	await expect(page.getByText(`Sesión iniciada como ${email}.`)).toBeVisible();
	// The session survives a reload (kept by supabase-js in localStorage).
	await page.reload();
	await expect(page.getByText(`Sesión iniciada como ${email}.`)).toBeVisible();
	await page.getByRole('button', { name: 'Cerrar sesión' }).click();
	await expect(page.getByLabel('Correo electrónico')).toBeVisible();
});

test('signs in with the 6-digit code; a wrong code is refused next to the field', async ({ page, request }) => {
	const email = unique('codigo');
	await requestMail(page, email);
	const mail = (await (await request.get(`${STACK_URL}/_mail?format=json&to=${encodeURIComponent(email)}`)).json())[0];
	const code = /\b(\d{6})\b/.exec(mail.text)![1];

	const wrong = code === '000000' ? '111111' : '000000';
	await page.getByLabel('Código de 6 dígitos').fill(wrong);
	await page.getByRole('button', { name: 'Entrar' }).click();
	await expect(page.getByText('El código no es válido o ya caducó')).toBeVisible();
	await expect(page.getByLabel('Código de 6 dígitos')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Código de 6 dígitos').fill(code);
	await page.getByRole('button', { name: 'Entrar' }).click();
	await expect(page.getByText(`Sesión iniciada como ${email}.`)).toBeVisible();
	const results = await new AxeBuilder({ page }).include('.account').analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('an invalid address is explained without a request', async ({ page }) => {
	await page.goto('/cuenta/');
	await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
	await page.getByRole('button', { name: 'Enviarme el enlace' }).click();
	await expect(page.getByText('Escribe un correo válido')).toBeVisible();
	const results = await new AxeBuilder({ page }).include('.account').analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
