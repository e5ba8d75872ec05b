import type { Language } from '../api/fields';
import { Details } from './Details';
import { PRINT_LABELS } from './labels';
import type { PrintParty } from './model';

/** Who the document is for: "Customer: name", then code, phone, tax number, address. */
export function PartyBlock({ party, language, full }: { party: PrintParty; language: Language; full: boolean }) {
  const l = PRINT_LABELS[language];
  return (
    <div className="party">
      <div>
        {l.partyLabel[party.kind]}: <span className="name">{party.name}</span>
      </div>
      <Details
        items={
          full
            ? [
                [l.code, party.code],
                [l.phone, party.phone],
                [l.taxNumber, party.taxNumber],
                [null, party.address],
              ]
            : [[l.code, party.code]]
        }
      />
    </div>
  );
}
