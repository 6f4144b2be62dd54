import { parseArgs } from 'node:util';
import { ConfigError, parseLocalConfig } from './config';
import { readSigningKeyFile, retireSigningKeys, rotateSigningKey, signingKeyFilePath } from './signing-key-file';

// `npm run rotate-signing-key -w cloud [-- --retire-old | --retire KEY_ID | --list] [--data-dir DIR]`
// Rotation: a new key becomes active. Agents learn it on their next hello, through an
// update-signing-keys command signed by a key they already pin; retiring old keys afterwards makes
// agents forget them the same way. The data dir is QUORUM_DATA_DIR's (default .quorum/).
const USAGE = 'usage: rotate-signing-key [--data-dir DIR] [--list | --retire-old | --retire KEY_ID]';

let args;
try {
  args = parseArgs({
    options: { 'data-dir': { type: 'string' }, list: { type: 'boolean' }, 'retire-old': { type: 'boolean' }, retire: { type: 'string', multiple: true } },
    strict: true,
  }).values;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
let dataDir = args['data-dir'];
if (!dataDir) {
  try {
    dataDir = parseLocalConfig(process.env).dataDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

try {
  if (args.list) {
    // Ids and dates only: the file's private keys are never printed.
    for (const k of readSigningKeyFile(signingKeyFilePath(dataDir)).keys) {
      process.stdout.write(`${k.keyId}  created ${k.createdAt}${k.retiredAt ? `  retired ${k.retiredAt}` : ''}\n`);
    }
  } else if (args['retire-old'] || args.retire) {
    const retired = retireSigningKeys({ dataDir, ...(args.retire ? { keyIds: args.retire } : {}) });
    process.stdout.write(retired.length > 0 ? `retired ${retired.join(', ')}: agents forget them on their next hello\n` : 'nothing to retire\n');
  } else {
    const key = rotateSigningKey({ dataDir });
    process.stdout.write(`added signing key ${key.keyId} (now active): agents receive it on their next hello\n`);
  }
} catch (error) {
  process.stderr.write(`rotate-signing-key: ${(error as Error).message}\n`);
  process.exit(1);
}
