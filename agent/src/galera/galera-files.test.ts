import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../test/helpers/fixtures';
import { markSafeToBootstrap, parseGrastate, readGrastate, removeGrastate } from './grastate';
import { parseRecoveredPosition } from './position';

const UUID = '82e53bb8-e9db-11f1-a4b8-1700583c31d3';
const GRASTATE = `# GALERA saved state\nversion: 2.1\nuuid:    ${UUID}\nseqno:   -1\nsafe_to_bootstrap: 0\n`;

describe('grastate.dat', () => {
  it('parses the states GALERA.md §5 shows', () => {
    assert.deepEqual(parseGrastate(GRASTATE), { uuid: UUID, seqno: -1, safeToBootstrap: false });
    assert.deepEqual(parseGrastate(GRASTATE.replace('seqno:   -1', 'seqno:   54').replace('bootstrap: 0', 'bootstrap: 1')), { uuid: UUID, seqno: 54, safeToBootstrap: true });
    assert.equal(parseGrastate('# nothing here\n'), undefined);
  });

  it('sets safe_to_bootstrap in place and deletes the file for a forced SST', async () => {
    const { path, remove } = await tempDir();
    try {
      await writeFile(join(path, 'grastate.dat'), GRASTATE);
      await markSafeToBootstrap(path);
      assert.equal((await readGrastate(path))?.safeToBootstrap, true);
      assert.equal(await readFile(join(path, 'grastate.dat'), 'utf8'), GRASTATE.replace('safe_to_bootstrap: 0', 'safe_to_bootstrap: 1'));
      assert.equal(await removeGrastate(path), true);
      assert.equal(await readGrastate(path), undefined);
      assert.equal(await removeGrastate(path), false);
    } finally {
      await remove();
    }
  });
});

describe('recovered position', () => {
  it("reads mariadbd's log line, galera_recovery's option and the lab CLI's bare line", () => {
    const want = { uuid: UUID, seqno: 54 };
    assert.deepEqual(parseRecoveredPosition(`[Note] InnoDB: Starting crash recovery\n[Note] WSREP: Recovered position: ${UUID}:54\n`), want);
    assert.deepEqual(parseRecoveredPosition(`WSREP: Recovered position ${UUID}:54\n--wsrep_start_position=${UUID}:54\n`), want);
    assert.deepEqual(parseRecoveredPosition(`node1 recovered position: ${UUID.toUpperCase()}:54\n${UUID}:54\n`), want);
    assert.deepEqual(parseRecoveredPosition(`${UUID}:54,0-1-12\n`), want);
    assert.equal(parseRecoveredPosition('WSREP: Position recovery skipped.\n'), undefined);
  });
});
