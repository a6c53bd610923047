/**
 * A 12345 hotline work order number (工单号), as operators type it from their ticketing system: an
 * optional prefix of up to 4 capital letters (the hotline's centre, e.g. `GX`), an optional hyphen,
 * then 8 to 20 digits (the date and a sequence). Lowercase letters are read as capitals, spaces
 * ignored. Every look-up names one, so each read of a caller's data says which call it served.
 */
const TICKET = /^[A-Z]{0,4}-?\d{8,20}$/;

export function validateTicket(raw: string): { ok: true; ticket: string } | { ok: false; message: string } {
  const ticket = raw.replace(/\s+/g, '').toUpperCase();
  if (!TICKET.test(ticket)) return { ok: false, message: 'ticket must be a 12345 work order number: up to 4 letters, an optional hyphen, then 8-20 digits (e.g. GX20200306000123)' };
  return { ok: true, ticket };
}
