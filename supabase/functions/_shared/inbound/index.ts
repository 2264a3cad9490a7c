// E-mail as a channel: the rules for mail customers send to the support address or in answer to our
// mails. Pure module (no I/O): the inbound-email function and the local stack's SMTP receiver call it.
//   parseMessage  raw RFC 5322 bytes → InboundMessage (postal-mime)
//   screen        accept, drop silently (machines, loops), unverified (no DMARC pass) or refuse with a reason
//   route         which ticket: reply address, thread root, new, or not for us
//   visibleReply  the new words of an answer, without quoted history and signature
export type { InboundAttachment, InboundLimits, InboundMessage } from './types.ts';
export { parseMessage, type ParseOptions } from './parse.ts';
export { DEFAULT_LIMITS, isStorable, screen, type DropReason, type RefuseReason, type Screen, type ScreenOptions, type UnverifiedReason } from './screen.ts';
export { route, threadIds, type Route, type RouteOptions } from './route.ts';
export { REPLY_SCAN_CHARS, visibleReply } from './reply.ts';
export { htmlToText } from './html-text.ts';
export { attachmentName } from './attachment-name.ts';
export type { SupportAddress } from '../email/addresses.ts';
