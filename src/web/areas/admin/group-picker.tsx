// The cohort editor's Entra group picker (eligibility rules name groups by id): search as you type (debounced)
// through GET /api/admin/groups, chosen groups as removable tags showing their names (ids resolved with
// ?ids=), and the server's 400 about `eligibility.<role>.groups[i]` next to it. Fluent's TagPicker gives the
// combobox keyboard model: arrows and Enter pick, Backspace or a tag's button removes.
import { useEffect, useState } from "react";
import { Field, Tag, TagPicker, TagPickerControl, TagPickerGroup, TagPickerInput, TagPickerList, TagPickerOption, type TagPickerProps } from "@fluentui/react-components";
import { decodeGroupPage } from "../../api/admin-decoders.js";
import type { GroupSummary } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { fieldValidation } from "../../components/field-validation.js";
import { useSession } from "../../session/session.js";
import { groupTag, pickableGroups, searchStatus, unresolvedGroupIds, withGroups, type GroupSearch, type KnownGroups } from "./group-picker-model.js";

/** Wait this long after the last key before searching, so typing "finance" is one request, not seven. */
const SEARCH_DELAY_MS = 250;
const SEARCH_LIMIT = 10;
/** The value of the list's status line ("Searching…", "No group…"): an option that picks nothing. */
const STATUS_OPTION = "__status__";

export interface GroupPickerProps {
  label: string;
  /** The server's name for the list, e.g. "eligibility.mentor.groups"; its items' errors show here too. */
  path: string;
  /** Chosen group ids. */
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error: Error | null;
  hint?: string;
}

/** Names of the chosen ids, asked once per id (groups deleted since are shown as "Group not found"). */
function useKnownGroups(chosen: readonly string[]): [KnownGroups, (found: readonly GroupSummary[]) => void] {
  const { api } = useSession();
  const [known, setKnown] = useState<KnownGroups>(() => new Map());
  const missing = unresolvedGroupIds(chosen, known).join(",");
  useEffect(() => {
    if (missing === "") return;
    const asked = missing.split(",");
    const controller = new AbortController();
    api
      .get(adminEndpoints.groupsByIds(asked), decodeGroupPage, { signal: controller.signal })
      .then((page) => setKnown((k) => withGroups(k, page.items, asked)))
      // Without names the tags keep showing ids; saving still works, and the server checks the ids.
      .catch(() => undefined);
    return () => controller.abort();
  }, [api, missing]);
  return [known, (found) => setKnown((k) => withGroups(k, found))];
}

/** Debounced search while the list is open; an empty box lists groups by name. */
function useGroupSearch(query: string, open: boolean): GroupSearch {
  const { api } = useSession();
  const [search, setSearch] = useState<GroupSearch>({ state: "idle" });
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearch({ state: "loading" });
      api
        .get(adminEndpoints.searchGroups(query.trim(), SEARCH_LIMIT), decodeGroupPage, { signal: controller.signal })
        .then((page) => setSearch({ state: "done", items: page.items }))
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setSearch({ state: "failed", message: e instanceof Error ? e.message : String(e) });
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query, open]);
  return search;
}

export function GroupPicker({ label, path, value, onChange, error, hint }: GroupPickerProps) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [known, addKnown] = useKnownGroups(value);
  const search = useGroupSearch(query, open);
  const options = search.state === "done" ? pickableGroups(search.items, value) : [];
  const status = searchStatus(search, query, options.length);

  const select: TagPickerProps["onOptionSelect"] = (_, data) => {
    if (data.value === STATUS_OPTION) return;
    if (search.state === "done") addKnown(search.items);
    onChange(data.selectedOptions.filter((id) => id !== STATUS_OPTION));
    setQuery("");
  };

  return (
    <Field label={label} hint={hint} {...fieldValidation(error, path)}>
      <TagPicker selectedOptions={[...value]} onOptionSelect={select} onOpenChange={(_, d) => setOpen(d.open)}>
        <TagPickerControl data-field={path}>
          {/* A listbox of the chosen groups: Delete, Backspace or a click removes one. */}
          <TagPickerGroup aria-label={`Chosen groups (${label})`}>
            {value.map((id) => {
              const tag = groupTag(id, known);
              return (
                <Tag key={id} value={id} shape="rounded" secondaryText={tag.secondary ?? undefined} data-group={id}>
                  {tag.text}
                </Tag>
              );
            })}
          </TagPickerGroup>
          <TagPickerInput value={query} onChange={(e) => setQuery(e.target.value)} placeholder={value.length === 0 ? "Type part of a group's name" : undefined} />
        </TagPickerControl>
        <TagPickerList>
          {status ? (
            <TagPickerOption value={STATUS_OPTION} text={status}>
              {status}
            </TagPickerOption>
          ) : null}
          {options.map((g) => (
            <TagPickerOption key={g.id} value={g.id} text={g.displayName} secondaryContent={g.description ?? undefined}>
              {g.displayName}
            </TagPickerOption>
          ))}
        </TagPickerList>
      </TagPicker>
    </Field>
  );
}
