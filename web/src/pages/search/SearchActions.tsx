// Refresh, export (NDJSON/CSV) and permalink buttons of the Search page.

import { useState } from "react";
import { downloadExport } from "../../api/client";
import type { ExportFormat, SearchFilters } from "../../api/types";
import { asApiError } from "../../api/useApi";
import { applyChanges } from "../../url/useUrlState";

/** The current URL with the resolved instants instead of a relative range: it shows the same events later. */
export function permalink(filters: SearchFilters): string {
  const params = applyChanges(new URLSearchParams(window.location.search), {
    range: null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  });
  return `${window.location.origin}${window.location.pathname}?${params}`;
}

export function SearchActions({
  filters,
  onRefresh,
}: {
  filters: SearchFilters;
  onRefresh: () => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  async function exportAs(format: ExportFormat) {
    setExporting(format);
    setMessage(null);
    try {
      await downloadExport(filters, format);
    } catch (e) {
      setMessage(`Export failed: ${asApiError(e).message}`);
    } finally {
      setExporting(null);
    }
  }

  async function copyPermalink() {
    const url = permalink(filters);
    try {
      await navigator.clipboard.writeText(url);
      setMessage("Permalink copied.");
    } catch {
      // No clipboard (plain-HTTP origin or denied): show the link to copy by hand.
      setMessage(url);
    }
  }

  return (
    <div className="actions">
      <button type="button" onClick={onRefresh}>
        Refresh
      </button>
      <button type="button" onClick={() => exportAs("ndjson")} disabled={exporting !== null}>
        {exporting === "ndjson" ? "Exporting…" : "Export NDJSON"}
      </button>
      <button type="button" onClick={() => exportAs("csv")} disabled={exporting !== null}>
        {exporting === "csv" ? "Exporting…" : "Export CSV"}
      </button>
      <button type="button" onClick={copyPermalink}>
        Permalink
      </button>
      {message && (
        <output className="action-message" aria-live="polite">
          {message}
        </output>
      )}
    </div>
  );
}
