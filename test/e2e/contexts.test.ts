// `:ctx NAME` (product.md §3): the running console switches to another context of the contexts
// file — its cluster, its name in the header — and an unknown name is refused with a message.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTEXT, Session, sinkConfig, TEST_TIMEOUT, typeQuery, WAIT } from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

describe(':ctx', { timeout: TEST_TIMEOUT }, () => {
  it('switches the console to another context of the contexts file, and refuses an unknown one', async () => {
    const here = await session.cluster({ 'local-sink': sinkConfig('a') });
    const there = await session.cluster({ 'remote-sink': sinkConfig('b') });
    const configDir = session.tempDir();
    writeFileSync(
      join(configDir, 'contexts.yaml'),
      `contexts:\n  staging:\n    url: ${there.url}\n    production: true\n`,
    );
    const kcx = session.kcx(here.url, { env: { KCX_CONFIG_DIR: configDir } });
    await kcx.waitFor('local-sink', WAIT);

    await typeQuery(kcx, ':ctx nope');
    kcx.press('enter');
    const refused = await kcx.waitFor('cannot switch to nope', WAIT);
    expect(refused).toContain('staging');
    expect(refused).toContain(`${CONTEXT} › connectors`);

    await typeQuery(kcx, ':ctx st');
    kcx.press('tab');
    await kcx.waitFor(/^:ctx staging/m, WAIT);
    kcx.press('enter');
    const switched = await kcx.waitFor('remote-sink', WAIT);
    expect(switched).toContain('staging (production)');
    expect(switched).toContain(there.url);
    expect(switched).not.toContain('local-sink');
  });
});
