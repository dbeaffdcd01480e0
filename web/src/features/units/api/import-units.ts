// POST /api/units/import (office): a CSV or XLSX file as the body; dryRun validates only.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unitsApi, XLSX_TYPE } from '../../../../../shared/api/units.js';
import { call, urlOf } from '../../../shared/api/call.js';
import { reportsKey, unitKeys } from './keys.js';

export { XLSX_TYPE };

/** The content type to send a chosen file with, or null when it is neither CSV nor XLSX. */
export function importContentType(file: { name: string; type: string }): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE;
  return null;
}

/** The template files the import reads (office only). */
export const TEMPLATE_URLS = { csv: urlOf(unitsApi.importTemplateCsv), xlsx: urlOf(unitsApi.importTemplateXlsx) } as const;

export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    // confirmNames: the rows whose second unit of a name the clerk confirmed (docs/import.md)
    mutationFn: ({ file, contentType, dryRun, confirmNames = [] }: { file: Blob; contentType: string; dryRun: boolean; confirmNames?: number[] }) =>
      call(unitsApi.import, {
        query: { ...(dryRun ? { dryRun: 'true' as const } : {}), ...(confirmNames.length ? { confirmNames: confirmNames.join(',') } : {}) },
        file,
        contentType,
      }),
    onSuccess: (_answer, { dryRun }) => {
      if (dryRun) return;
      void queryClient.invalidateQueries({ queryKey: unitKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
    },
  });
}
