import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSecret, secretKey, sign, signedHeaders } from './signing.js';

describe('Standard Webhooks signatures', () => {
  it('matches the test vector of the spec repository', () => {
    // standard-webhooks/standard-webhooks, libraries/go/webhook_test.go TestWebhookSign
    // (the same vector in the C#, Java and JavaScript libraries' tests).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('each part of the signed content counts: id, timestamp and body', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const base = sign(secret, 'msg_1', 1614265330, '{}');
    expect(sign(secret, 'msg_2', 1614265330, '{}')).not.toBe(base);
    expect(sign(secret, 'msg_1', 1614265331, '{}')).not.toBe(base);
    expect(sign(secret, 'msg_1', 1614265330, '{} ')).not.toBe(base);
  });

  it('new secrets are whsec_ + base64 of 32 random bytes, each different', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(a)).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });

  it('refuses secrets that are not whsec_ + base64', () => {
    for (const bad of ['', 'whsec_', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_MfKQ9r8G!YqrTwjUPD8ILPZIo2LaLaSw', 'whsec_abc']) {
      expect(() => secretKey(bad), bad).toThrow(TypeError);
    }
  });

  it('the standardwebhooks package verifies what we sign, with one secret and during a rotation', () => {
    const [oldSecret, current] = [newSecret(), newSecret()];
    const body = JSON.stringify({ type: 'response.created', timestamp: new Date().toISOString(), data: { id: 'x', comment: 'naïve – “quoted” 👍' } });
    const headers = signedHeaders([current, oldSecret], 'msg_abc', Math.floor(Date.now() / 1000), body);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [current, oldSecret]) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // A third secret verifies neither signature; a changed body fails too.
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(body.replace('x', 'y'), headers)).toThrow();
  });

  it('refuses an id with a dot, which would make the signed content ambiguous', () => {
    expect(() => signedHeaders([newSecret()], 'msg.1', 1, '{}')).toThrow(TypeError);
  });
});
