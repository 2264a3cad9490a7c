// Joining the support team from the invitation mail, in Chromium against the built site and the local
// stack, for someone with no account yet: the link (/cuenta/?equipo=<token>) asks them to sign in; the
// sign-in mail's magic link brings them back to the same address, token and all; they confirm, and
// are staff with the invited role. Someone who signed up with a password on the invited address
// (sign-ups are confirmed at once) is not staff for it and cannot use a link they never got; when the
// address's owner accepts, signed in by e-mail into that account, the stranger's password and session end.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { admin, anon, latestMail, person, signInAs, staff, type Person } from './backend.ts';

async function serious(page: Page) {
	const { violations } = await new AxeBuilder({ page }).include('.account').analyze();
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The newest mail to `to` with this subject, once the outbox has been drained (by the notify function or its cron job). */
async function mailWithSubject(to: string, subject: string) {
	await expect
		.poll(
			async () => {
				await admin().functions.invoke('notify', { body: {} });
				return (await latestMail(to))?.subject;
			},
			{ timeout: 20_000 },
		)
		.toBe(subject);
	return (await latestMail(to))!;
}

test('someone with no account opens the mailed link, signs in by e-mail, accepts and is staff', async ({ page }) => {
	test.setTimeout(90_000);
	const boss = await person('Admin Invita');
	await staff(boss, 'admin', 2);
	const newcomer = `equipo-${randomUUID().slice(0, 8)}@example.test`;
	const { error } = await boss.client.rpc('invite_staff', { email: newcomer, role: 'lead', level: 2 });
	expect(error).toBeNull();

	const invitation = await mailWithSubject(newcomer, 'Invitación al equipo de soporte (responsable de equipo)');
	const url = /https?:\/\/\S+?\/cuenta\/\?equipo=([0-9a-f]{48})/.exec(invitation.text);
	expect(url, invitation.text).not.toBeNull();
	const token = url![1];
	const link = `/cuenta/?equipo=${token}`;

	// Signed out: told why to sign in, with the usual e-mail sign-in.
	await page.goto(link);
	await expect(page.getByText('Tienes una invitación al equipo de soporte: entra con la dirección de correo a la que te llegó para aceptarla.')).toBeVisible();
	await page.getByLabel('Correo electrónico').fill(newcomer);
	await page.getByRole('button', { name: 'Enviarme el enlace' }).click();
	await expect(page.getByText(`Te enviamos un correo a ${newcomer}`)).toBeVisible();

	// The sign-in mail's magic link comes back to the invitation's address, token kept.
	await expect.poll(async () => (await latestMail(newcomer))?.text ?? '', { timeout: 15_000 }).toContain('/auth/v1/verify');
	const signIn = (await latestMail(newcomer))!;
	const verify = /https?:\/\/\S+\/auth\/v1\/verify\S+/.exec(signIn.text)![0];
	expect(decodeURIComponent(new URL(verify).searchParams.get('redirect_to') ?? '')).toContain(`/cuenta/?equipo=${token}`);
	await page.goto(verify);
	await expect(page.getByText(`Sesión iniciada como ${newcomer}.`)).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/cuenta/\\?equipo=${token}#?$`));

	const section = page.getByRole('region', { name: 'Invitación al equipo de soporte' });
	await expect(section).toContainText('Te han invitado al equipo de soporte como líder, nivel 2.');
	expect(await serious(page)).toEqual([]);
	const { data: who } = await admin().from('profiles').select('id').eq('email', newcomer).single();
	expect((await admin().from('staff').select('user_id').eq('user_id', who!.id)).data).toEqual([]);
	await section.getByRole('button', { name: 'Aceptar la invitación al equipo de soporte como líder' }).click();
	await expect(section.getByRole('status')).toContainText('Listo: ya formas parte del equipo de soporte como líder, nivel 2.');
	await expect(section.getByRole('link', { name: 'Ir a la consola de agentes' })).toHaveAttribute('href', '/agente/');
	await expect(page).toHaveURL(/\/cuenta\/#?$/);
	expect((await admin().from('staff').select('role, level').eq('user_id', who!.id).single()).data).toEqual({ role: 'lead', level: 2 });
	expect(await serious(page)).toEqual([]);
});

test('signing up with a password on an invited address gives no staff access, a guessed link is refused, and the owner accepting ends the stranger\'s password and session', async ({ page }) => {
	test.setTimeout(60_000);
	const boss = await person('Admin Invita Dos');
	await staff(boss, 'admin', 2);
	const target = `objetivo-${randomUUID().slice(0, 8)}@example.test`;
	expect((await boss.client.rpc('invite_staff', { email: target, role: 'admin', level: 2 })).error).toBeNull();

	// An attacker signs up with the invited address; with confirmations off the account is theirs at once.
	const attacker = anon();
	const password = `pw-${randomUUID()}`;
	const { data: signedUp, error } = await attacker.auth.signUp({ email: target, password });
	expect(error).toBeNull();
	expect(signedUp.session).not.toBeNull();
	expect((await admin().from('staff').select('user_id').eq('user_id', signedUp.user!.id)).data).toEqual([]);
	// A guessed token is refused like any other bad link, through the API …
	const guess = await attacker.rpc('accept_staff_invitation', { token: 'f'.repeat(48) });
	expect(guess.error?.message).toBe('staff_invitation_invalid');
	// … and on the page.
	await signInAs(page, { session: signedUp.session! } as Person);
	await page.goto(`/cuenta/?equipo=${'f'.repeat(48)}`);
	await expect(page.getByRole('region', { name: 'Invitación al equipo de soporte' })).toContainText('Este enlace de invitación al equipo no es válido');
	expect((await admin().from('staff').select('user_id').eq('user_id', signedUp.user!.id)).data).toEqual([]);

	// The address's owner gets the mail, signs in by e-mail code (into the account the attacker made)
	// and accepts: the attacker's password and session end with it.
	const invitation = await mailWithSubject(target, 'Invitación al equipo de soporte (administrador)');
	const token = /\/cuenta\/\?equipo=([0-9a-f]{48})/.exec(invitation.text)![1];
	const owner = await page.context().browser()!.newContext();
	const ownerPage = await owner.newPage();
	await ownerPage.goto(`/cuenta/?equipo=${token}`);
	await ownerPage.getByLabel('Correo electrónico').fill(target);
	await ownerPage.getByRole('button', { name: 'Enviarme el enlace' }).click();
	await expect.poll(async () => (await latestMail(target))?.text ?? '', { timeout: 15_000 }).toContain('/auth/v1/verify');
	const code = /\b(\d{6})\b/.exec((await latestMail(target))!.text)![1];
	await ownerPage.getByLabel('Código de 6 dígitos').fill(code);
	await ownerPage.getByRole('button', { name: 'Entrar' }).click();
	const section = ownerPage.getByRole('region', { name: 'Invitación al equipo de soporte' });
	await section.getByRole('button', { name: 'Aceptar la invitación al equipo de soporte como administrador' }).click();
	await expect(section.getByRole('status')).toContainText('ya formas parte del equipo de soporte como administrador');
	expect((await admin().from('staff').select('role').eq('user_id', signedUp.user!.id).single()).data).toEqual({ role: 'admin' });
	expect((await anon().auth.signInWithPassword({ email: target, password })).error).not.toBeNull();
	expect((await attacker.auth.refreshSession()).error).not.toBeNull();
	// The owner's own session goes on.
	await ownerPage.reload();
	await expect(ownerPage.getByText(`Sesión iniciada como ${target}.`)).toBeVisible();
	await owner.close();
});
