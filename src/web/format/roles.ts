import type { Role } from "../api/types.js";

export const ROLE_LABELS: Record<Role, string> = {
  employee: "Employee",
  executive: "Executive",
  admin: "Program admin",
};
