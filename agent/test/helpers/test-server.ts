/**
 * The MariaDB server the agent's tests poll: the one `npm test` names in TEST_DATABASE_SERVER
 * (the machine's server on 127.0.0.1:3306 when root can log in there, otherwise a private server
 * the test runner started), or 127.0.0.1:3306 when a test file is run on its own.
 */
export function testServer(): { host: string; port: number; user: string; password: string } {
  const url = new URL(process.env.TEST_DATABASE_SERVER ?? 'mysql://root@127.0.0.1:3306');
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  };
}
