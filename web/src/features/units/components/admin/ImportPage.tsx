// Office: import units from CSV or XLSX. A dry run lists every bad row before anything is written.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportUpdate } from '../../../../../../shared/schemas/index.js';
import { describeProblem, fieldLabel } from '../../../../shared/api/describe-error.js';
import { isApiError } from '../../../../shared/api/http.js';
import { ErrorNotice, SuccessNotice } from '../../../../shared/components/ErrorNotice.js';
import { Field } from '../../../../shared/components/Field.js';
import { Link } from '@tanstack/react-router';
import type { ImportResult } from '../../../../../../shared/schemas/index.js';
import { importContentType, TEMPLATE_URLS, useImportUnits } from '../../api/import-units.js';
import { ImportNames } from './ImportNames.js';
import { ImportRowTable, NOWRAP, unitColumn } from './ImportRowTable.js';

/** The bad rows of a 400, or null when the error is of another kind. */
export function importIssues(error: unknown): ImportIssue[] | null {
  if (!isApiError(error) || error.status !== 400 || !Array.isArray(error.details)) return null;
  return (error.details as Partial<ImportIssue>[]).map((d) => ({ row: Number(d.row ?? 0), field: String(d.field ?? ''), message: String(d.message ?? '') }));
}

export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [badType, setBadType] = useState(false);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  // the rows whose second unit of a name the clerk confirmed, one by one
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(new Set());
  const toggle = (row: number, on: boolean) =>
    setConfirmed((before) => {
      const next = new Set(before);
      if (on) next.add(row);
      else next.delete(row);
      return next;
    });
  const run = useImportUnits();
  const contentType = file ? importContentType(file) : null;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setBadType(Boolean(chosen && !importContentType(chosen)));
    setChecked(null);
    setDone(null);
    setConfirmed(new Set());
    run.reset();
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !contentType) return;
    setDone(null);
    setConfirmed(new Set());
    run.mutate({ file, contentType, dryRun: true }, { onSuccess: setChecked });
  };

  const commit = () => {
    if (!file || !contentType) return;
    run.mutate({ file, contentType, dryRun: false, confirmNames: [...confirmed] }, { onSuccess: (answer) => { setDone(answer); setChecked(null); } });
  };

  const issues = importIssues(run.error);
  const unconfirmed = (checked?.nameConfirmations ?? []).filter((c) => !confirmed.has(c.row)).length;

  return (
    <section>
      <p className="breadcrumb"><Link to="/units">← {t('app.back')}</Link></p>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <p>{t('import.blankRule')}</p>
      <p>
        {t('import.template')}
        <a href={TEMPLATE_URLS.csv} download>{t('import.templateCsv')}</a>
        {' · '}
        <a href={TEMPLATE_URLS.xlsx} download>{t('import.templateXlsx')}</a>
      </p>
      <form className="form" onSubmit={check} noValidate>
        <Field label={t('import.file')} required error={badType ? t('import.badType') : undefined}>
          {(p) => <input {...p} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => choose(e.target.files?.[0] ?? null)} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button--secondary" disabled={!contentType || run.isPending}>
            {run.isPending && !checked ? t('import.checking') : t('import.check')}
          </button>
        </div>
      </form>

      {checked && (
        <div className="panel">
          <SuccessNotice>{t('import.checkOk', { created: checked.created, updated: checked.updated })}</SuccessNotice>
          <CheckDetails answer={checked} />
          <ImportNames items={checked.nameConfirmations ?? []} confirmed={confirmed} onToggle={toggle} />
          <button type="button" className="button" onClick={commit} disabled={run.isPending || unconfirmed > 0}>
            {run.isPending ? t('import.importing') : t('import.confirm')}
          </button>
        </div>
      )}
      <SuccessNotice>{done && t('import.done', { created: done.created, updated: done.updated })}</SuccessNotice>

      {issues && issues.length > 0 ? (
        <div className="panel">
          <p className="notice notice--error" role="alert">{t('import.checkFailed', { count: issues.length })}</p>
          <IssueTable issues={issues} />
        </div>
      ) : (
        <ErrorNotice error={run.error} />
      )}
    </section>
  );
}

/** What the check found beside the counts: ignored columns, warnings, and the changes per unit. */
function CheckDetails({ answer }: { answer: ImportResult }) {
  const { t } = useTranslation();
  const ignored = answer.ignoredColumns ?? [];
  const warnings = answer.warnings ?? [];
  const changes = answer.changes ?? [];
  return (
    <>
      {answer.headerRow ? <p>{t(answer.headerRow > 1 ? 'codes.headerRowBelow' : 'codes.headerRow', { row: answer.headerRow })}</p> : null}
      {answer.unchanged ? <p>{t('import.unchanged', { count: answer.unchanged })}</p> : null}
      {ignored.length > 0 && <p className="notice notice--warn">{t('import.ignored', { columns: ignored.join(t('problem.separator')) })}</p>}
      {warnings.length > 0 && (
        <>
          <h2>{t('import.warningsTitle')}</h2>
          <IssueTable issues={warnings} />
          {answer.warningsOmitted ? <p className="muted">{t('import.warningsOmitted', { count: answer.warningsOmitted })}</p> : null}
        </>
      )}
      {changes.length > 0 && (
        <>
          <h2>{t('import.changesTitle')}</h2>
          <ChangeTable changes={changes} />
          {answer.changesOmitted ? <p className="muted">{t('import.changesOmitted', { count: answer.changesOmitted })}</p> : null}
        </>
      )}
    </>
  );
}

function IssueTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useTranslation();
  return (
    <ImportRowTable
      items={issues}
      columns={[
        { head: t('import.field'), cell: (issue) => fieldLabel(issue.field, t), style: NOWRAP },
        { head: t('import.message'), cell: (issue) => describeProblem(issue.message, t, issue.field) },
      ]}
    />
  );
}

/** One row per unit, its changes as lines "字段：原来 → 改为": readable at 1366 px and at 360 px alike. */
function ChangeTable({ changes }: { changes: ImportUpdate[] }) {
  const { t } = useTranslation();
  const shown = (v: string | null) => (v === null || v === '' ? <span className="muted">{t('import.empty')}</span> : <span>{v}</span>);
  const lines = (unit: ImportUpdate) => (
    <ul style={PLAIN_LIST}>
      {unit.changes.map((change) => (
        <li key={change.field} aria-label={t('import.changeLine', { field: fieldLabel(change.field, t), from: change.from ?? t('import.empty'), to: change.to ?? t('import.empty') })}>
          <span style={NOWRAP}>{fieldLabel(change.field, t)}</span>：{shown(change.from)} → {shown(change.to)}
        </li>
      ))}
    </ul>
  );
  return <ImportRowTable items={changes} columns={[unitColumn<ImportUpdate>(t('import.unit')), { head: t('import.changes'), cell: lines }]} />;
}

const PLAIN_LIST = { margin: 0, paddingInlineStart: 0, listStyle: 'none' } as const;
