// The UI strings the article widgets take (keys under mostrador.feedback.* and mostrador.comments.*
// in src/content/i18n), listed once for the slot that builds them and the island that reads them.
import type { Labels } from '../shared/labels.ts';

export const FEEDBACK_KEYS = ['question', 'yes', 'no', 'reason', 'reasonHint', 'reasonTooLong', 'send', 'sending', 'cancel', 'thanks', 'summary', 'already', 'rateLimited', 'unavailable', 'failed'] as const;
export type FeedbackLabels = Labels<(typeof FEEDBACK_KEYS)[number]>;

export const COMMENT_KEYS = [
	'loading',
	'empty',
	'unavailable',
	'signIn',
	'body',
	'bodyHint',
	'post',
	'posting',
	'posted',
	'bodyEmpty',
	'bodyTooLong',
	'edit',
	'editLabel',
	'save',
	'saving',
	'saved',
	'cancel',
	'edited',
	'hide',
	'unhide',
	'hidden',
	'hiddenNote',
	'staff',
	'reader',
	'you',
	'editWindowClosed',
	'sessionEnded',
	'failed',
] as const;
export type CommentLabels = Labels<(typeof COMMENT_KEYS)[number]>;
