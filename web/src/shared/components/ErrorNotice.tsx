import { useTranslation } from 'react-i18next';
import { describeError } from '../api/describe-error.js';

/** An inline, announced error for a failed action. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, lines } = describeError(error, t);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      {lines.length > 0 && (
        <ul>
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SuccessNotice({ children }: { children: string | null | undefined }) {
  if (!children) return null;
  return (
    <p className="notice notice--ok" role="status">
      {children}
    </p>
  );
}
