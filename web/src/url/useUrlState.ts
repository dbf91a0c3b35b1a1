// The URL holds the whole state of each page: this hook reads it and writes changes back.

import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";

/** A change of URL parameters: a string or list sets it, null (or an empty list) removes it. */
export type UrlChanges = Record<string, string | string[] | null>;

export function applyChanges(params: URLSearchParams, changes: UrlChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    next.delete(name);
    for (const single of value === null ? [] : Array.isArray(value) ? value : [value]) {
      if (single !== "") next.append(name, single);
    }
  }
  return next;
}

const ATTRIBUTE_PREFIX = "attr.";

/** The attr.<key>=<value> filters held in the URL. */
export function readAttributes(params: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  params.forEach((value, name) => {
    if (name.startsWith(ATTRIBUTE_PREFIX)) attributes[name.slice(ATTRIBUTE_PREFIX.length)] = value;
  });
  return attributes;
}

export function attributeParam(key: string): string {
  return ATTRIBUTE_PREFIX + key;
}

/** Values of a repeatable and/or comma-separated parameter (`level=WARN&level=ERROR,FATAL`). */
export function readList(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: UrlChanges, options: { replace?: boolean } = {}) =>
      setParams((current) => applyChanges(current, changes), { replace: options.replace }),
    [setParams],
  );
  return { params, update };
}
