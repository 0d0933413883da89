import { describe, expect, it } from 'vitest';
import { hostNameOf, hostPolicy, isHostAllowed, isLoopbackAddress, isSameOrigin } from '../../src/dev/http-host-check.js';

describe('isHostAllowed', () => {
  it('should take localhost and IP addresses, whatever the port, and nothing else by default', () => {
    const policy = hostPolicy('127.0.0.1', []);
    for (const host of ['localhost', 'localhost:4321', 'LocalHost:1', '127.0.0.1:4321', '[::1]:4321', '10.0.0.7', '0x7f.1']) expect(isHostAllowed(host, policy), host).toBe(true);
    for (const host of [undefined, '', 'evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', 'localhost.', 'a b', 'x@127.0.0.1', 'evil.example/x', '[::1']) {
      expect(isHostAllowed(host, policy), String(host)).toBe(false);
    }
  });

  it('should take the name the server was bound to and the allowed names, a leading dot covering the names below', () => {
    const policy = hostPolicy('desk.lan', ['Preview.Example', '.corp.example']);
    for (const host of ['desk.lan:4321', 'preview.example', 'corp.example', 'a.corp.example']) expect(isHostAllowed(host, policy), host).toBe(true);
    for (const host of ['evilcorp.example', 'a.preview.example', 'desk.lan.evil']) expect(isHostAllowed(host, policy), host).toBe(false);
  });

  it('should read the host name out of a Host header', () => {
    expect(hostNameOf('127.0.0.1:4321')).toBe('127.0.0.1');
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
    expect(hostNameOf('a\\b')).toBeUndefined();
  });
});

describe('isSameOrigin', () => {
  it("should accept no Origin or the server's own, and refuse any other", () => {
    expect(isSameOrigin(undefined, '127.0.0.1:4321')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4321', '127.0.0.1:4321')).toBe(true);
    for (const origin of ['http://evil.example', 'null', 'https://127.0.0.1:4321', 'http://127.0.0.1:4322', 'http://localhost:4321', '']) {
      expect(isSameOrigin(origin, '127.0.0.1:4321'), origin).toBe(false);
    }
    expect(isSameOrigin('http://127.0.0.1:4321', undefined)).toBe(false);
  });
});

describe('isLoopbackAddress', () => {
  it('should tell addresses reachable from this machine only from the others', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['0.0.0.0', '::', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1']) expect(isLoopbackAddress(address), address).toBe(false);
  });
});
