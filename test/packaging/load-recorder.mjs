// Preloaded with `node --import` by lazy-loading.test.ts: appends the URL of every module Node loads
// to the file named by KCX_LOAD_LOG, so the test can see which bundle chunks a command pulled in.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env.KCX_LOAD_LOG;
if (log === undefined) throw new Error('load-recorder: set KCX_LOAD_LOG');

registerHooks({
  load(url, context, nextLoad) {
    appendFileSync(log, `${url}\n`);
    return nextLoad(url, context);
  },
});
