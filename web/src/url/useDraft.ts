// The text of a form field that edits a URL value: typed freely, reset when the URL changes.

import { useEffect, useState } from "react";

export function useDraft(value: string): [string, (draft: string) => void] {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return [draft, setDraft];
}
