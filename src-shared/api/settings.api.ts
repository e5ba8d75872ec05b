import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { language, noInput } from './fields';

export const programProperties = z.object({
  language,
  showSaveOptions: z.boolean(),
  /** Saving a voucher whose total is above this many whole units of its currency asks first; 0 never asks. */
  confirmTotalAbove: z.int().min(0).max(1e12),
});
export type ProgramProperties = z.infer<typeof programProperties>;

export const settingsApi = {
  'settings.get': defineCall({
    permission: 'anyone',
    summary: 'Program properties: interface language, the save-options toggle, the total that asks before saving.',
    input: noInput,
    output: programProperties,
  }),
  'settings.save': defineCall({
    permission: 'signed-in',
    summary: 'Change some program properties; answers all of them.',
    input: programProperties.partial().strict(),
    output: programProperties,
  }),
};

export const settingsEvents = {
  'settings.changed': defineEvent({
    summary: 'Program properties changed (from any window).',
    payload: programProperties,
  }),
};
