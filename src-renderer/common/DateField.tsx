import { DayButton, DayPicker, type DayButtonProps } from '@daypicker/react';
import { ar, enGB } from '@daypicker/react/locale';
import '@daypicker/react/style.css';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayMonthYear, parseDayMonthYear } from '../../src-shared/dates/day-month-year';
import { todayIso } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';

export interface DateFieldProps {
  value: string;
  onChange(iso: string): void;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A day of the calendar: a plain button, so choosing a day inside a form never submits the form. */
const CalendarDay = (props: DayButtonProps) => <DayButton {...props} type="button" />;

const toDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return iso ? new Date(y!, m! - 1, d!) : undefined;
};

/**
 * The one date field: shows and takes day/month/year in the interface's language and digits,
 * whatever the browser's or system's locale ("1/11", "١/١١/٢٠٢٦"), with a calendar in the
 * app's language and direction (Alt+↓ or the button opens it; Esc closes it).
 */
export function DateField({ value, onChange, disabled, ...aria }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [text, setText] = useState(() => formatDayMonthYear(value, language));
  const [shown, setShown] = useState({ value, language });
  const [bad, setBad] = useState(false);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // The value or the language changed from outside: show it afresh (derived state, set while rendering).
  if (shown.value !== value || shown.language !== language) {
    setShown({ value, language });
    // What is typed stands for '' while it is not (yet) a date: only a real change from outside replaces it.
    if ((parseDayMonthYear(text, todayIso()) ?? '') !== value || shown.language !== language) {
      setText(formatDayMonthYear(value, language));
      setBad(false);
    }
  }

  const typed = (next: string) => {
    setText(next);
    const iso = parseDayMonthYear(next, todayIso());
    if (iso) setBad(false);
    // Not a date (yet): the form holds no date, so saving now is refused rather than keeping the old one.
    if ((iso ?? '') !== value) onChange(iso ?? '');
  };
  const settle = () => {
    if (!text.trim()) return setBad(false);
    const iso = parseDayMonthYear(text, todayIso());
    if (iso) setText(formatDayMonthYear(iso, language));
    setBad(!iso);
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.altKey && e.key === 'ArrowDown') || e.key === 'F4') {
      e.preventDefault();
      setOpen(true);
    }
  };
  const close = () => {
    setOpen(false);
    input.current?.focus();
  };

  return (
    <span className="date-field">
      <span className="date-field-row">
        <input
          {...aria}
          ref={input}
          dir="ltr"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dates.placeholder')}
          value={text}
          disabled={disabled}
          aria-invalid={bad || aria['aria-invalid']}
          aria-describedby={[aria['aria-describedby'], bad ? errorId : null].filter(Boolean).join(' ') || undefined}
          onChange={(e) => typed(e.target.value)}
          onBlur={settle}
          onKeyDown={keys}
        />
        <button
          type="button"
          className="date-field-open"
          // Out of the Tab order: the keyboard opens the calendar with Alt+↓ in the field.
          tabIndex={-1}
          aria-label={t('dates.openCalendar')}
          aria-expanded={open}
          disabled={disabled}
          onClick={() => setOpen((o) => !o)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
            <path d="M4 9h2v2H4zM7 9h2v2H7zM10 9h2v2h-2z" fill="currentColor" />
          </svg>
        </button>
      </span>
      {bad && (
        <span id={errorId} className="error" role="alert">
          {t('dates.invalid')}
        </span>
      )}
      {open && (
        <div
          className="date-popover"
          role="dialog"
          aria-label={t('dates.calendar')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // Closes the calendar only, not the form around it.
              e.stopPropagation();
              e.preventDefault();
              close();
            }
          }}
        >
          <DayPicker
            mode="single"
            autoFocus
            selected={toDate(value)}
            defaultMonth={toDate(value) ?? toDate(todayIso())}
            onSelect={(day) => {
              if (day) {
                const iso = day.toLocaleDateString('en-CA');
                onChange(iso);
                setText(formatDayMonthYear(iso, language));
                setBad(false);
              }
              close();
            }}
            locale={language === 'ar' ? ar : enGB}
            dir={language === 'ar' ? 'rtl' : 'ltr'}
            numerals={language === 'ar' ? 'arab' : 'latn'}
            components={{ DayButton: CalendarDay }}
          />
        </div>
      )}
    </span>
  );
}
