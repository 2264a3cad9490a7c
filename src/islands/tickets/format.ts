// Dates and sizes as the reader says them (Intl), in the ticket's organisation's time zone.
export { formatInstant, shortDate } from '../shared/dates.ts';
export { fileSize } from '../shared/file-size.ts';
