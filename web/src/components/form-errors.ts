/**
 * A refused input's fields (`details.fields` of the server's 400, src/server/field-messages.ts) shown on the
 * form: each field the form has is highlighted with its message, and the first is scrolled to. The toast keeps
 * the whole message, which names each field by its Chinese label.
 */
import type { FormInstance } from 'antd';
import type { FieldError } from '../../../src/server/field-messages';
import { ApiError } from '../api';

type Path = (string | number)[];

/** The fields a refusal names, or none when it is not a refusal of fields. */
export const fieldErrorsOf = (e: unknown): FieldError[] =>
  e instanceof ApiError ? ((e.details as { fields?: FieldError[] } | undefined)?.fields ?? []) : [];

/** `contacts.0.idNumber` → ['contacts', 0, 'idNumber'], as Form names a field of a list. */
const toPath = (path: string): Path => (path ? path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)) : []);

/**
 * Highlights the fields of a refusal. `nameOf` maps a server path to the form's name for it where the form is
 * shaped otherwise (the trajectory editor's rows, a list the form sends as one row); undefined skips a field.
 */
export function showFieldErrors(form: FormInstance, e: unknown, nameOf: (path: Path) => Path | undefined = (p) => p) {
  const byName = new Map<string, { name: Path; errors: string[] }>();
  for (const f of fieldErrorsOf(e)) {
    if (f.in !== 'body') continue;
    const name = nameOf(toPath(f.path));
    if (!name?.length) continue;
    const key = JSON.stringify(name);
    const field = byName.get(key) ?? { name, errors: [] };
    field.errors.push(f.zh);
    byName.set(key, field);
  }
  const fields = [...byName.values()];
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name);
}
