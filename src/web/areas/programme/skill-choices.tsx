import { Checkbox } from "@fluentui/react-components";
import type { CatalogSkill } from "../../api/programme-types.js";
import { ChoiceGroup } from "../../components/choice-group.js";
import type { FieldValidationProps } from "../../components/field-validation.js";

export interface SkillChoicesProps extends FieldValidationProps {
  legend: string;
  catalog: readonly CatalogSkill[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** The curated catalog as checkboxes, one group per category (so matching compares like with like). */
export function SkillChoices({ legend, catalog, selected, onChange, ...validation }: SkillChoicesProps) {
  const categories = [...new Set(catalog.map((s) => s.category))];
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <ChoiceGroup legend={legend} hint="Pick any from the list; add anything else under Other skills or topics." stacked {...validation}>
      {categories.map((category) => (
        <ChoiceGroup key={category} legend={category}>
          {catalog
            .filter((s) => s.category === category)
            .map((s) => (
              <Checkbox key={s.id} label={s.label} checked={selected.includes(s.id)} onChange={(_, d) => toggle(s.id, d.checked === true)} />
            ))}
        </ChoiceGroup>
      ))}
    </ChoiceGroup>
  );
}
