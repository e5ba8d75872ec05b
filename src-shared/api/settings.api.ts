import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { language, noInput } from './fields';

export const programProperties = z.object({
  language,
  showSaveOptions: z.boolean(),
});
export type ProgramProperties = z.infer<typeof programProperties>;

export const settingsApi = {
  'settings.get': defineCall({
    permission: 'anyone',
    summary: 'Program properties: interface language and the save-options toggle.',
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
