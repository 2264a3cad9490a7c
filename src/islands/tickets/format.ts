// Dates as the reader says them (Intl), in the ticket's organisation's time zone.
export { formatInstant, shortDate } from '../shared/dates.ts';
