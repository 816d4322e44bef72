// Field errors from a 400 problem go next to the fields they name (Fluent <Field validationMessage>),
// and anything the form does not show as a field is listed in the form's error bar instead.
import { ApiError } from "../api/problem.js";
import type { FieldError } from "../api/types.js";

export interface FieldValidationProps {
  validationState?: "error";
  validationMessage?: string;
}

/** Spread onto a Fluent <Field>: `<Field label="Name" {...fieldValidation(error, "name")}>`. */
export function fieldValidation(error: unknown, field: string): FieldValidationProps {
  if (!(error instanceof ApiError)) return {};
  // A list or group field also shows its items' errors ("tags" shows "tags[1]", "preferences" "preferences.note").
  const message = error.fieldMessage(field) ?? error.fieldErrors.find((e) => isWithin(e.field, field))?.message;
  return message === undefined ? {} : { validationState: "error", validationMessage: message };
}

/** "tags[1]" and "preferences.note" are within "tags" and "preferences". */
function isWithin(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`);
}

/** Field errors about fields this form does not display: show them in the form-level message. */
export function unplacedFieldErrors(error: unknown, shownFields: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.filter((e) => !shownFields.some((shown) => isWithin(e.field, shown)));
}
