// The ticket form's build-time props in Spanish, for the launcher on articles (src/islands/ticket-form/form-data.ts).
export { GET } from '../../../components/ticket-form/form-data-route.ts';
