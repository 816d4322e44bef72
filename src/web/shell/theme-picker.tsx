import { useId } from "react";
import { Label, Select, makeStyles, tokens } from "@fluentui/react-components";
import { THEME_LABELS, THEME_NAMES, isThemeName, type ThemeName } from "../theme/theme-name.js";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** Outside a Microsoft 365 host (dev sign-in) the person picks the theme; inside, the host decides. */
export function ThemePicker({ theme, onChange }: { theme: ThemeName; onChange: (theme: ThemeName) => void }) {
  const styles = useStyles();
  const id = useId();
  return (
    <div className={styles.root}>
      <Label htmlFor={id}>Theme</Label>
      <Select
        id={id}
        size="small"
        value={theme}
        onChange={(_, data) => {
          if (isThemeName(data.value)) onChange(data.value);
        }}
      >
        {THEME_NAMES.map((name) => (
          <option key={name} value={name}>
            {THEME_LABELS[name]}
          </option>
        ))}
      </Select>
    </div>
  );
}
