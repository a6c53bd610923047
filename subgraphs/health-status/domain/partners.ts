/**
 * Whether a partner's GREEN may lift a traveller's out-of-province cause: only when every arrival the
 * traveller declared lately came from that partner's province (a GREEN from Guangdong says nothing
 * of a trip from Guizhou). Arrivals declared without a province (before provinces were kept) do not
 * stand in the way.
 */
export function partnerGreenCovers(partnerCode: string, recentArrivals: readonly (readonly string[])[]): boolean {
  return recentArrivals.every((provinces) => provinces.every((p) => p === partnerCode));
}
