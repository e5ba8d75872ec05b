import { Fragment } from 'react';

/** "label: value · label: value", each value isolated so numbers and Latin text keep their order in Arabic. */
export function Details({
  items,
  className = 'details',
}: {
  items: [label: string | null, value: string][];
  className?: string;
}) {
  const shown = items.filter(([, value]) => value);
  if (shown.length === 0) return null;
  return (
    <div className={className}>
      {shown.map(([label, value], i) => (
        <Fragment key={i}>
          {i > 0 && ' · '}
          {label && `${label}: `}
          <bdi>{value}</bdi>
        </Fragment>
      ))}
    </div>
  );
}
