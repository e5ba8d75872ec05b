import { printApi } from '../../src-shared/api/print.api';
import type { DomainHandlers, Services } from '../registry';
import { printPdf, renderTarget } from './print.service';

export const printHandlers = (services: Services) =>
  ({
    'print.pdf': async ({ target }) => {
      const printed = await printPdf(services, target);
      return {
        fileName: printed.fileName,
        pdfBase64: Buffer.from(printed.pdf).toString('base64'),
        sha256: printed.sha256,
        bytes: printed.pdf.byteLength,
        revision: printed.revision,
      };
    },
    'print.send': async ({ target }) => {
      const { printer } = services.ports;
      if (!printer.print) return { handled: false };
      const { doc } = await renderTarget(services, target);
      await printer.print(doc.html);
      return { handled: true };
    },
    'print.html': async ({ target }) => {
      const { doc } = await renderTarget(services, target);
      return { html: doc.html, title: doc.title };
    },
  }) satisfies DomainHandlers<typeof printApi>;
