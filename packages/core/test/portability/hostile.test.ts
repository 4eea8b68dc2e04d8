import { crc32, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { expectPauzError, makeAudioSample } from '../../src/testing/index.js';
import { asStream, exportZip, fullAccount, openWorld, type PortabilityWorld, snapshot, unzip } from './fixtures.js';

/**
 * A zip of one deflated entry of `size` zero bytes: local header, data, central
 * directory, end record (zlib deflates zeros in a fraction of a second; fflate takes 20).
 */
function zerosZip(name: string, size: number): Uint8Array {
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const crc = crc32(Buffer.alloc(size));
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.byteLength, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(file.byteLength, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.byteLength, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(file.byteLength, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + file.byteLength, 12);
  end.writeUInt32LE(30 + file.byteLength + data.byteLength, 16);
  return new Uint8Array(Buffer.concat([local, file, data, central, file, end]));
}

describe('hostile archives', () => {
  let world: PortabilityWorld;
  afterEach(async () => {
    await world.close();
  });

  it('stops a realistic zip bomb (one entry of 300 MB of zeros, a few hundred KB zipped) at the default entry limit', async () => {
    world = await openWorld();
    const { user } = await world.pauz.accounts.register({ email: 'bomb@example.com', password: 'correct horse battery' });
    const bomb = zerosZip('pauz-export.json', 300 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const before = await snapshot(world);
    const error = await expectPauzError(world.pauz.portability.import(user.id, asStream(bomb, 64 * 1024)), 'PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/expands to more than/);
    expect(await snapshot(world)).toEqual(before);
  });

  it('enforces each configured limit: entry, total expansion, entries, archive size; all or nothing, audio already put removed', async () => {
    world = await openWorld({ importEntryBytes: 64 * 1024, importExpandedBytes: 256 * 1024, importEntries: 10, importBytes: 200 * 1024 });
    const source = await fullAccount(world, 'lim');
    const zip = await exportZip(world, source.id);
    const files = unzip(zip);
    const { user } = await world.pauz.accounts.register({ email: 'limits@example.com', password: 'correct horse battery' });
    const before = await snapshot(world);
    const audioName = Object.keys(files).find((n) => n.startsWith('audio/')) as string;
    const cases: Array<[string, Uint8Array]> = [
      ['an entry past importEntryBytes', zerosZip('notes.txt', 65 * 1024)],
      // Audio first, so that some is put before the total is passed.
      ['a total past importExpandedBytes', zipSync({ [audioName]: files[audioName] as Uint8Array, a: new Uint8Array(60_000), b: new Uint8Array(60_000), c: new Uint8Array(60_000), d: new Uint8Array(60_000), e: new Uint8Array(60_000), 'pauz-export.json': files['pauz-export.json'] as Uint8Array })],
      ['more entries than importEntries', zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`e${i}`, new Uint8Array(0)])))],
      ['an archive past importBytes', zipSync({ [audioName]: [crypto.getRandomValues(new Uint8Array(60_000)), { level: 0 }], x: [crypto.getRandomValues(new Uint8Array(60_000)), { level: 0 }], y: [crypto.getRandomValues(new Uint8Array(60_000)), { level: 0 }], z: [crypto.getRandomValues(new Uint8Array(60_000)), { level: 0 }] })],
    ];
    for (const [what, archive] of cases) {
      await expectPauzError(world.pauz.portability.import(user.id, asStream(archive)), 'PAYLOAD_TOO_LARGE');
      expect(await snapshot(world), what).toEqual(before);
    }
  });

  it('refuses a document failing validation with its first problems only, importing nothing', async () => {
    world = await openWorld();
    const source = await fullAccount(world, 'bad');
    const files = unzip(await exportZip(world, source.id));
    const doc = JSON.parse(new TextDecoder().decode(files['pauz-export.json']));
    doc.flowers = Array.from({ length: 5000 }, (_, i) => ({ ...doc.flowers[0], id: `f${i}`, mood: 'furious' }));
    const { user } = await world.pauz.accounts.register({ email: 'bad@example.com', password: 'correct horse battery' });
    const before = await snapshot(world);
    const error = await expectPauzError(
      world.pauz.portability.import(user.id, asStream(zipSync({ ...files, 'pauz-export.json': strToU8(JSON.stringify(doc)) }))),
      'VALIDATION_FAILED',
    );
    expect(error.errors).toHaveLength(20);
    expect(error.errors[0]?.field).toBe('pauz-export.json:flowers.0.mood');
    expect(error.message).toMatch(/and 4980 more/);
    expect(await snapshot(world)).toEqual(before);
  });

  it('refuses unsafe paths before reading their bytes', async () => {
    world = await openWorld();
    const { user } = await world.pauz.accounts.register({ email: 'paths@example.com', password: 'correct horse battery' });
    const before = await snapshot(world);
    for (const name of ['../evil', 'a/../../evil', '/abs', 'C:\\x', 'C:/x', 'audio\\x.wav', 'a//b', './x']) {
      const error = await expectPauzError(world.pauz.portability.import(user.id, asStream(zipSync({ [name]: strToU8('x') }))), 'VALIDATION_FAILED');
      expect(error.message, name).toMatch(/path|name/);
    }
    expect(await snapshot(world)).toEqual(before);
  });

  it('removes the objects it put when the final batch fails, and reconcile() removes what a crash leaves', async () => {
    world = await openWorld();
    const source = await fullAccount(world, 'crash');
    const zip = await exportZip(world, source.id);
    const { user } = await world.pauz.accounts.register({ email: 'crash@example.com', password: 'correct horse battery' });
    const before = await snapshot(world);
    // The database refuses the batch (a constraint the import does not expect).
    await world.db.schema.createTable('pauz_block').addColumn('x', 'integer').execute();
    await world.db.executeQuery({ sql: `create trigger pauz_block_flowers before insert on pauz_flowers begin select raise(abort, 'blocked'); end`, parameters: [], query: { kind: 'RawNode' } } as never);
    await expect(world.pauz.portability.import(user.id, asStream(zip))).rejects.toThrow(/blocked/);
    expect(await snapshot(world)).toEqual(before);
    // A crash between the puts and the batch: objects without rows, which reconcile() removes after its grace period.
    await world.buckets.audio.put(`users/${user.id}/audio_${crypto.randomUUID()}.wav`, makeAudioSample('wav'), { contentType: 'audio/wav' });
    world.clock.set(new Date(Date.now() + 60_000));
    const report = await world.pauz.reconcile({ graceSeconds: 0 });
    expect(report.orphanObjects.audio).toHaveLength(1);
  });
});
