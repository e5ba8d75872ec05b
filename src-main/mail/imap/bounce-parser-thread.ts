// The mail parser's thread: reads received messages as bounces, one at a time, off the main thread.
import { parentPort } from 'node:worker_threads';
import { parseBounceJob, type BounceJob, type ParserReply } from './bounce-parser';

parentPort!.postMessage({ ready: true }); // the budget of a message starts from here

parentPort!.on('message', ({ id, job }: { id: number; job: BounceJob }) => {
  parseBounceJob(job).then(
    (value) => parentPort!.postMessage({ id, ok: true, value } satisfies ParserReply),
    (error: unknown) =>
      parentPort!.postMessage({
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ParserReply),
  );
});
