// Nothing is lost on delete (product.md §4): filter, mark three, delete them behind the confirm,
// read the per-connector results, then `u` re-creates them from the backups kcx saved first — with
// exactly the configs they had — and the audit log records both halves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Config,
  CONTEXT,
  eventually,
  readAudit,
  rowShows,
  Session,
  sinkConfig,
  sourceConfig,
  statusOf,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

/** Distinct configs, so that a mix-up between two restored connectors would show. */
const CONNECTORS: Record<string, Config> = {
  'demo-a': sinkConfig('demo-a-topic'),
  'demo-b': { ...sinkConfig('demo-b-topic', 2), 'demo.api.password': 'hunter2-not-masked-in-backups' },
  'demo-c': { ...sourceConfig('demo-c-topic'), 'batch.size': '512' },
  'demo-d': sinkConfig('demo-d-topic'),
  'demo-e': sourceConfig('demo-e-topic'),
  'orders-sink': sinkConfig('orders'),
  'zeta-source': sourceConfig('zeta'),
};
const DELETED = ['demo-a', 'demo-b', 'demo-c'];

/** The filter line: `/demo  5 matches, 3 marked`. */
const filterLine = (screen: string) => screen.split('\n').find((l) => l.startsWith('/demo')) ?? '';

describe('delete and undo', { timeout: TEST_TIMEOUT }, () => {
  it('filter, mark three, delete, see the results, undo, and they are back with the same config', async () => {
    const emu = await session.cluster(CONNECTORS);
    const stateDir = session.tempDir('kcx-e2e-state-');
    // Wide enough that the confirm's backup line is not cut at the border.
    const kcx = session.kcx(emu.url, { cols: 120, env: { KCX_STATE_DIR: stateDir } });
    await kcx.waitFor(rowShows('zeta-source', 'RUNNING'), WAIT);

    // `/demo` + Enter keeps the filter: the five demo connectors, the others hidden.
    await typeQuery(kcx, '/demo');
    kcx.press('enter');
    const filtered = await kcx.waitFor((s) => filterLine(s).includes('5 matches'), WAIT);
    for (const name of Object.keys(CONNECTORS)) {
      if (name.startsWith('demo-')) expect(filtered).toSatisfy(rowShows(name, 'RUNNING'));
      else expect(filtered).not.toContain(name);
    }
    expect(kcx.highlighted().some((l) => l.startsWith('demo-a '))).toBe(true);

    // Space marks the row and moves down: three presses mark demo-a, demo-b, demo-c.
    for (let i = 1; i <= 3; i++) {
      kcx.press('space');
      await kcx.waitFor((s) => filterLine(s).includes(`${i} marked`), WAIT);
    }
    const marked = kcx.screen();
    for (const name of DELETED) expect(marked).toMatch(new RegExp(`^✓ ${name}\\s`, 'm'));
    expect(marked).not.toMatch(/^✓ demo-[de]\s/m);

    // Ctrl-D: the confirm lists the three with their states, says the configs are saved, starts on Cancel.
    kcx.press('ctrlD');
    const confirm = await kcx.waitFor(`Delete 3 connectors on ${CONTEXT}?`, WAIT);
    for (const name of DELETED) expect(confirm).toMatch(new RegExp(`│\\s+${name}\\s+RUNNING\\s`));
    expect(confirm).not.toMatch(/│\s+demo-[de]\s/);
    expect(confirm).toContain(`Each config is saved to ${join(stateDir, 'backups')} first`);
    expect(kcx.highlighted()).toContain('Cancel');
    kcx.press('right');
    await kcx.waitFor(() => kcx.highlighted().includes('Delete'), WAIT);
    kcx.press('enter');

    // The results dialog: one ✓ per connector.
    const results = await kcx.waitFor(`deleted 3/3 — ${CONTEXT}`, WAIT);
    for (const name of DELETED) expect(results).toMatch(new RegExp(`│ ✓ ${name}\\s`));
    expect(results).not.toMatch(/[✗–] demo-/);
    await eventually('the three are deleted on the cluster', () => DELETED.every((n) => !emu.cluster.has(n)));
    for (const name of DELETED) expect(await statusOf(emu, name)).toBeUndefined();
    expect(emu.cluster.names().sort()).toEqual(['demo-d', 'demo-e', 'orders-sink', 'zeta-source']);

    kcx.press('enter');
    const afterDelete = await kcx.waitFor(
      (s) => !s.includes('Enter or Esc closes') && filterLine(s).includes('2 matches'),
      WAIT,
    );
    expect(afterDelete).toSatisfy(rowShows('demo-d', 'RUNNING'));
    expect(afterDelete).toSatisfy(rowShows('demo-e', 'RUNNING'));
    for (const name of DELETED) expect(afterDelete).not.toMatch(new RegExp(`^..${name}\\s`, 'm'));
    const batchId = /u undoes \(batch ([\w-]+)\)/.exec(afterDelete)?.[1];
    expect(batchId, afterDelete).toBeDefined();

    // The backup batch: batch.json and one file per connector, holding the real config.
    const backups = join(stateDir, 'backups');
    expect(readdirSync(backups)).toEqual([batchId]);
    const batchDir = join(backups, batchId!);
    expect(readdirSync(batchDir).sort()).toEqual([
      '0001-demo-a.json',
      '0002-demo-b.json',
      '0003-demo-c.json',
      'batch.json',
    ]);
    const batch = JSON.parse(readFileSync(join(batchDir, 'batch.json'), 'utf8')) as Record<string, unknown>;
    expect(batch).toMatchObject({
      id: batchId,
      action: 'delete',
      context: CONTEXT,
      url: emu.url,
      results: { 'demo-a': 'deleted', 'demo-b': 'deleted', 'demo-c': 'deleted' },
    });
    DELETED.forEach((name, i) => {
      const saved = JSON.parse(readFileSync(join(batchDir, `000${i + 1}-${name}.json`), 'utf8')) as {
        name: string;
        config: Config;
      };
      expect(saved.name).toBe(name);
      expect(saved.config).toEqual({ ...CONNECTORS[name], name });
    });

    // `u`: the confirm names the batch's connectors and starts on Cancel; → Enter re-creates them.
    kcx.write('u');
    const undo = await kcx.waitFor(/Re-create 3 connector\(s\) deleted .* on e2e\?/, WAIT);
    for (const name of DELETED) expect(undo).toMatch(new RegExp(`│\\s+${name}\\s`));
    expect(kcx.highlighted()).toContain('Cancel');
    kcx.press('right');
    await kcx.waitFor(() => kcx.highlighted().includes('Re-create'), WAIT);
    kcx.press('enter');
    const recreated = await kcx.waitFor(`re-created 3/3 — batch ${batchId}`, WAIT);
    for (const name of DELETED) expect(recreated).toMatch(new RegExp(`│ ✓ ${name}\\s`));

    // Back on the cluster with exactly the configs they were created with (Connect adds `name`).
    for (const name of DELETED) {
      expect(emu.cluster.has(name)).toBe(true);
      expect(emu.cluster.config(name)).toEqual({ ...CONNECTORS[name], name });
    }
    // The untouched ones are untouched.
    for (const name of ['demo-d', 'demo-e', 'orders-sink', 'zeta-source'])
      expect(emu.cluster.config(name)).toEqual({ ...CONNECTORS[name], name });

    // And on screen, running again under the kept filter.
    kcx.press('enter');
    const back = await kcx.waitFor(
      (s) =>
        !s.includes('Enter or Esc closes') &&
        filterLine(s).includes('5 matches') &&
        DELETED.every((n) => rowShows(n, 'RUNNING')(s)),
      WAIT,
    );
    expect(back).toSatisfy(rowShows('demo-b', 'RUNNING', '2/2'));
    for (const name of DELETED) expect((await statusOf(emu, name))?.connector).toBe('RUNNING');

    // The audit log: three DELETEs, each naming its backup file, then three POSTs.
    await eventually('the audit log has the re-creates', () => readAudit(stateDir).length >= 6);
    const audit = readAudit(stateDir);
    const deletes = audit.filter((l) => l.method === 'DELETE');
    const posts = audit.filter((l) => l.method === 'POST');
    expect(audit).toHaveLength(6);
    expect(deletes.map((l) => l.path).sort()).toEqual(DELETED.map((n) => `/connectors/${n}`));
    for (const line of deletes) {
      const name = line.path.split('/').at(-1)!;
      expect(line).toMatchObject({ status: 204, context: CONTEXT, url: emu.url });
      expect(line.backup).toBe(join(batchDir, `000${DELETED.indexOf(name) + 1}-${name}.json`));
      expect(existsSync(line.backup!)).toBe(true);
    }
    expect(posts).toHaveLength(3);
    for (const line of posts) {
      expect(line).toMatchObject({ path: '/connectors', status: 201, context: CONTEXT, url: emu.url });
      expect(line.backup).toBeUndefined();
    }
    // Deletes first, then the re-creates.
    expect(audit.findIndex((l) => l.method === 'POST')).toBe(3);
    // No config bodies (nor the secret) in the log.
    expect(readFileSync(join(stateDir, 'audit.jsonl'), 'utf8')).not.toContain('hunter2');
  });
});
