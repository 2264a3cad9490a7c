// Expiry of e-mail codes and links, checked on the auth stand-in's own matching with a given clock:
// neither the local stack nor a hosted project lets a test move a code's age, and waiting otp_expiry
// (an hour) is not an option. The same function decides every /verify on the local stack.
import { describe, expect, it } from 'vitest';
import { isOtpExpired, matchOtpChallenge, tokenHash, type StoredToken } from '../../supabase/local/auth/otp.ts';

const EXPIRY = 3600;
const sentAt = new Date('2026-01-01T10:00:00Z');
const later = (s: number) => new Date(sentAt.getTime() + s * 1000);
const hash = tokenHash('ana@example.test', '123456');
const stored: StoredToken[] = [{ user_id: 'u', token_type: 'recovery_token', token_hash: hash, created_at: sentAt }];

describe('OTP expiry', () => {
	it('hashes like GoTrue: hex sha224 of address + code', () => {
		expect(hash).toBe('600d1ef714e230d0335d86e0ef553cbb3bbb8cfa9e33e58c4306b884');
		expect(tokenHash('ana@example.test', '123457')).not.toBe(hash);
	});

	it('accepts a code up to otp_expiry seconds after it was sent', () => {
		expect(matchOtpChallenge(stored, hash, ['confirmation_token', 'recovery_token'], EXPIRY, later(EXPIRY))).toBe('recovery_token');
		expect(isOtpExpired(sentAt, EXPIRY, later(EXPIRY - 1))).toBe(false);
	});

	it('refuses it one second later', () => {
		expect(isOtpExpired(sentAt, EXPIRY, later(EXPIRY + 1))).toBe(true);
		expect(matchOtpChallenge(stored, hash, ['confirmation_token', 'recovery_token'], EXPIRY, later(EXPIRY + 1))).toBeUndefined();
	});

	it('only matches the kinds the verify type allows', () => {
		expect(matchOtpChallenge(stored, hash, ['confirmation_token'], EXPIRY, later(1))).toBeUndefined();
	});
});
