import { describe, expect, it } from 'bun:test';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('serves build/ of the checkout unless APP_DIR names another built app', () => {
    expect(loadConfig({}).appDir).toBe(resolve(import.meta.dir, '..', '..', 'build') + '/');
    expect(loadConfig({ APP_DIR: '  /srv/carnet-app ' }).appDir).toBe('/srv/carnet-app');
    expect(loadConfig({ APP_DIR: 'relative/app' }).appDir).toBe(resolve('relative/app'));
  });

  it('refuses a PUBLIC_URL that is not http(s), saying what is expected', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://example.com' })).toThrow(/https:\/\/crm.example.com/);
  });
});
