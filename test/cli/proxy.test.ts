// The binary honours the proxy variables a bastion exports, and `kcx ctx show` says which proxy a
// context uses. The worker's name is made up: only the test proxy can reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { type ForwardProxy, startForwardProxy } from '../support/forward-proxy.js';
import { type KcxEnv, kcxEnv, runKcx, shown } from './helpers.js';

const WORKER = 'connect.kcx-cli-proxy.invalid';
let env: KcxEnv;
let emu: Emulator;
let proxy: ForwardProxy;

/** Only these proxy variables, whatever the test runner's environment holds. */
const proxyVars = (vars: Record<string, string>) => ({
  http_proxy: '',
  https_proxy: '',
  no_proxy: '',
  HTTP_PROXY: '',
  HTTPS_PROXY: '',
  NO_PROXY: '',
  ...vars,
});

beforeAll(async () => {
  env = kcxEnv();
  emu = await startEmulator({ port: 0, connectors: 0 });
  emu.cluster.create(
    'orders-sink',
    { 'connector.class': 'FileStreamSink', topics: 'orders' },
    'RUNNING',
    true,
  );
  proxy = await startForwardProxy({ hosts: { [WORKER]: `127.0.0.1:${emu.port}` } });
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
  env.cleanup();
});

describe('proxies from the environment', () => {
  it('reaches the worker through HTTP_PROXY; with NO_PROXY matching it goes direct (and cannot)', async () => {
    const url = `http://${WORKER}:8083`;
    const via = await runKcx(env, ['get', 'connectors', '-o', 'name', '--url', url], {
      extraEnv: proxyVars({ HTTP_PROXY: proxy.url }),
    });
    expect(via.code, shown(via)).toBe(0);
    expect(via.stdout).toBe('orders-sink\n');
    const forwarded = proxy.seen.length;
    expect(forwarded).toBeGreaterThan(0);
    expect(proxy.seen.every((r) => r.startsWith(`GET http://${WORKER}:8083/`))).toBe(true);

    const direct = await runKcx(env, ['get', 'connectors', '--url', url], {
      extraEnv: proxyVars({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1,.invalid' }),
    });
    expect(direct.code).toBe(1);
    expect(direct.stderr).toContain(`cannot resolve ${WORKER}`);
    expect(proxy.seen).toHaveLength(forwarded);
  });

  it('kcx ctx show names the proxy a context uses and where it is set', async () => {
    const add = await runKcx(env, ['ctx', 'add', 'dc2', '--url', `http://${WORKER}:8083`]);
    expect(add.code, shown(add)).toBe(0);
    const fromEnv = await runKcx(env, ['ctx', 'show', 'dc2'], {
      extraEnv: proxyVars({ HTTP_PROXY: 'http://ops:secret@proxy.corp:3128' }),
    });
    expect(fromEnv.stdout).toMatch(/^proxy:\s+http:\/\/proxy\.corp:3128 \(\$HTTP_PROXY\)$/m);
    expect(fromEnv.stdout).not.toContain('secret');

    const pinned = await runKcx(env, [
      'ctx',
      'add',
      'dc3',
      '--url',
      `http://${WORKER}:8083`,
      '--proxy',
      proxy.url,
    ]);
    expect(pinned.code, shown(pinned)).toBe(0);
    const show = await runKcx(env, ['ctx', 'show', 'dc3'], { extraEnv: proxyVars({}) });
    expect(show.stdout).toMatch(
      new RegExp(`^proxy:\\s+${proxy.url.replaceAll('.', '\\.')} \\(the context\\)$`, 'm'),
    );
    const names = await runKcx(env, ['get', 'connectors', '-o', 'name', '--context', 'dc3'], {
      extraEnv: proxyVars({}),
    });
    expect(names.stdout, shown(names)).toBe('orders-sink\n');
  });

  it('kcx ctx list never prints the credentials of a context proxy', async () => {
    const add = await runKcx(env, [
      'ctx',
      'add',
      'dc4',
      '--url',
      `http://${WORKER}:8083`,
      '--proxy',
      'http://ops:s3cret-pw@proxy.corp:3128',
    ]);
    expect(add.code, shown(add)).toBe(0);
    for (const format of ['json', 'yaml']) {
      const list = await runKcx(env, ['ctx', 'list', '-o', format]);
      expect(list.code, shown(list)).toBe(0);
      expect(list.stdout).toContain('proxy.corp:3128');
      expect(list.stdout).not.toContain('s3cret-pw');
    }
  });
});
