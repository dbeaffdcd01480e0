// POST /api/units/import (office): a CSV or XLSX file as the body; dryRun validates only.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '../../../../../shared/schemas/index.js';
import { request } from '../../../shared/api/http.js';
import { reportsKey, unitKeys } from './keys.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type to send a chosen file with, or null when it is neither CSV nor XLSX. */
export function importContentType(file: { name: string; type: string }): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE;
  return null;
}

/** The server's answer: counts, and for the check the per-unit changes, warnings and ignored columns. */
export type ImportAnswer = ImportResult;

/** The template files the import reads (office only). */
export const TEMPLATE_URLS = { csv: '/api/units/import/template.csv', xlsx: '/api/units/import/template.xlsx' } as const;

export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, contentType, dryRun }: { file: Blob; contentType: string; dryRun: boolean }) =>
      request<ImportAnswer>(`/api/units/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: file, contentType }),
    onSuccess: (_answer, { dryRun }) => {
      if (dryRun) return;
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
    },
  });
}
