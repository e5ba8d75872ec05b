import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useRestoreFocus } from '../common/useRestoreFocus';
import { useTranslation } from 'react-i18next';

export type SaveChoice = 'save' | 'print' | 'email' | 'cancel';
const CHOICES: SaveChoice[] = ['save', 'print', 'email', 'cancel'];
// Digits 1–4, the same in every language (in Arabic three choices start with "ح": first letters cannot work).
const KEYS: Record<string, SaveChoice> = {
  '1': 'save',
  '2': 'print',
  '3': 'email',
  '4': 'cancel',
  '١': 'save',
  '٢': 'print',
  '٣': 'email',
  '٤': 'cancel',
};

/** Save, Save and print, Save and email, Cancel — by mouse, number key, or arrows and Enter. */
export function SaveOptionsDialog({
  onChoose,
  canEmail = true,
}: {
  onChoose(choice: SaveChoice): void;
  canEmail?: boolean;
}) {
  const { t } = useTranslation();
  // Without the permission to send email, that choice is not offered at all.
  const choices = CHOICES.filter((c) => c !== 'email' || canEmail);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  useRestoreFocus();
  useEffect(() => buttons.current[active]?.focus(), [active]);

  const keys = (e: KeyboardEvent) => {
    const direct = KEYS[e.key];
    if (direct && choices.includes(direct)) {
      e.preventDefault();
      onChoose(direct);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      e.preventDefault();
      const forward = e.key === 'ArrowDown' || (e.key === 'ArrowLeft') === (document.documentElement.dir === 'rtl');
      setActive((i) => (i + (forward ? 1 : choices.length - 1)) % choices.length);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onChoose('cancel');
    }
  };
  const label: Record<SaveChoice, string> = {
    save: t('mail.saveOnly'),
    print: t('mail.saveAndPrint'),
    email: t('mail.saveAndEmail'),
    cancel: t('common.cancel'),
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal save-options"
        role="dialog"
        aria-modal="true"
        aria-label={t('mail.saveOptions')}
        onKeyDown={keys}
      >
        <header>
          <h2>{t('mail.saveOptions')}</h2>
        </header>
        <div className="modal-body">
          {choices.map((choice, i) => (
            <button
              key={choice}
              ref={(el) => void (buttons.current[i] = el)}
              type="button"
              className={choice === 'cancel' ? undefined : i === 0 ? 'primary' : undefined}
              onClick={() => onChoose(choice)}
            >
              <kbd>{CHOICES.indexOf(choice) + 1}</kbd> {label[choice]}
            </button>
          ))}
          <p className="hint">{t('mail.saveKeys')}</p>
        </div>
      </div>
    </div>
  );
}
