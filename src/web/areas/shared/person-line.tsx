import { Persona } from "@fluentui/react-components";
import type { PersonRef } from "../../api/programme-types.js";

export function PersonLine({ person, size = "medium" }: { person: PersonRef; size?: "medium" | "large" }) {
  return (
    <Persona
      name={person.displayName}
      secondaryText={[person.jobTitle, person.department].filter(Boolean).join(" · ") || undefined}
      size={size}
      avatar={{ color: "colorful" }}
    />
  );
}
