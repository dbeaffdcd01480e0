// A robot's answer as a clerk reads it: what went wrong and what to do, in words
// (shared/domain/robot-answer.ts names the cause), with the stored technical text below it.
import { useTranslation } from 'react-i18next';
import { robotCause } from '../../../../../shared/domain/robot-answer.js';

export function RobotAnswer({ answer }: { answer: string | null }) {
  const { t } = useTranslation();
  const cause = robotCause(answer);
  if (!cause) return <>—</>;
  return (
    <span className="robot-answer">
      <span className="robot-answer__cause">{t(`robotAnswer.${cause}`)}</span>
      {cause !== 'ok' && (
        <span className="muted robot-answer__detail"> {t('robotAnswer.detail')}<code className="audit__details">{answer}</code></span>
      )}
    </span>
  );
}
