import { settingsApi } from '../../src-shared/api/settings.api';
import type { DomainHandlers, Services } from '../registry';
import { writeSettings } from './settings.repo';
import { loadProperties } from './properties';

export const settingsHandlers = (services: Services) =>
  ({
    'settings.get': () => loadProperties(services),
    'settings.save': async (input) => {
      await writeSettings(services.book.db, input);
      const properties = await loadProperties(services);
      services.events.emit('settings.changed', properties);
      return properties;
    },
  }) satisfies DomainHandlers<typeof settingsApi>;
