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
  const message = error.fieldMessage(field);
  return message === undefined ? {} : { validationState: "error", validationMessage: message };
}

/** Field errors about fields this form does not display: show them in the form-level message. */
export function unplacedFieldErrors(error: unknown, shownFields: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.filter((e) => !shownFields.includes(e.field));
}
