/** A staff member as this subgraph resolves the reference: the person behind it, never shown. */
export interface StaffMemberView {
  id: string;
  personId: string;
}

/** Who of an employer's staff declared today, suppressed as on dashboards. */
export interface StaffDeclarationCounts {
  id: string;
  declaredToday: number | null;
  declaredTodayRate: number | null;
}
