// A throwaway PostgreSQL server for the tests (issue 5 item 1): `npm test` calls
// `startTestPostgres()` when MMREG_TEST_POSTGRES_URL is not already set. It uses the Debian server
// binaries (installing the `postgresql` package first when they are missing and we are root), makes
// a fresh cluster in a temporary directory, listens on 127.0.0.1 only on a free port, and removes
// everything on stop. initdb refuses to run as root, so as root the cluster belongs to `postgres`.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function findBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? null : join(base, versions[0], 'bin');
}

function run(command, args, what) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

function installPostgres(log) {
  if (!isRoot) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql and not running as root: ' +
        'install the Debian package `postgresql`, or set MMREG_TEST_POSTGRES_URL to a server of your own',
    );
  }
  log('installing the Debian package postgresql (not found)…');
  // Machines with an init system would start a default cluster on 5432: forbid it while installing.
  const policy = '/usr/sbin/policy-rc.d';
  const hadPolicy = existsSync(policy);
  if (!hadPolicy) spawnSync('sh', ['-c', `printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod +x ${policy}`]);
  try {
    run('apt-get', ['update', '-qq'], 'apt-get update');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
      encoding: 'utf8',
      env,
    });
    if (result.status !== 0) throw new Error(`apt-get install postgresql failed: ${result.stderr}`);
  } finally {
    if (!hadPolicy) rmSync(policy, { force: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * Starts a fresh cluster and returns its URL and a `stop()` that removes it.
 * @param {(line: string) => void} log
 */
export async function startTestPostgres(log = () => {}) {
  let binDir = findBinDir();
  if (binDir === null) {
    installPostgres(log);
    binDir = findBinDir();
    if (binDir === null) throw new Error('postgresql installed but initdb not found under /usr/lib/postgresql');
  }
  const dir = mkdtempSync(join(tmpdir(), 'mmreg-pg-'));
  const dataDir = join(dir, 'data');
  const asOwner = (command, args) =>
    isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  if (isRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(run('id', ['-u', 'postgres'], 'id -u postgres').trim());
    const gid = Number(run('id', ['-g', 'postgres'], 'id -g postgres').trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const started = Date.now();
  run(
    ...asOwner(join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']),
    'initdb',
  );
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c unix_socket_directories=${dir} -c max_connections=200`;
  run(
    ...asOwner(join(binDir, 'pg_ctl'), [
      '-D',
      dataDir,
      '-o',
      serverOptions,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
    ]),
    'pg_ctl start',
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const [command, args] = asOwner(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    spawnSync(command, args, { cwd: tmpdir() });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(
      ...asOwner(join(binDir, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'mmreg_test']),
      'createdb',
    );
  } catch (error) {
    stop();
    throw error;
  }
  log(`PostgreSQL ${binDir.split('/').at(-2)} on 127.0.0.1:${port} (${Date.now() - started} ms)`);
  return { url: `postgres://postgres@127.0.0.1:${port}/mmreg_test`, port, stop };
}
