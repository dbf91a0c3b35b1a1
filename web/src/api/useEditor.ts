// The state every saved-thing editor has (a rule, a derived metric): the form, the last saved
// version, the action in progress and the API's last refusal, with the input a 400 names.

import { useEffect, useState } from "react";
import type { ApiError } from "./client";
import { asApiError } from "./useApi";

export interface Editor<F, S> {
  form: F;
  set: <K extends keyof F>(key: K, value: F[K]) => void;
  saved: S | null;
  setSaved: (saved: S) => void;
  /** The last action's refusal; cleared when the form changes or another action starts. */
  error: ApiError | null;
  /** The input a 400 named (`detail.field` mapped by `inputOfField`), else null. */
  badInput: keyof F | null;
  /** What is in progress ("Saving", ...), to disable the buttons and say so; else null. */
  busy: string | null;
  /** Runs one action, keeping `busy` and `error` up to date. */
  run: (what: string, action: () => Promise<void>) => Promise<void>;
}

export function useEditor<F, S>(
  initialForm: F,
  initialSaved: S | null,
  inputOfField: (field: string | undefined) => keyof F | null,
): Editor<F, S> {
  const [form, setForm] = useState<F>(initialForm);
  const [saved, setSaved] = useState<S | null>(initialSaved);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => setError(null), [form]);

  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function run(what: string, action: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  }

  const badInput = error?.status === 400 ? inputOfField(error.field) : null;
  return { form, set, saved, setSaved, error, badInput, busy, run };
}
