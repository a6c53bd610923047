/** A staff member as this subgraph resolves the reference: the person behind it, never shown. */
export interface StaffMemberView {
  id: string;
  personId: string;
}

/** An employer's staff by colour, suppressed as on dashboards. */
export interface StaffColorCounts {
  id: string;
  green: number | null;
  yellow: number | null;
  red: number | null;
}
