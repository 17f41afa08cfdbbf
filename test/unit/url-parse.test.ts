import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDatabaseUrl, redactUrl } from '../../src/config/parse-url.js';
import { ConfigError } from '../../src/errors.js';

const base = '/projects/app';

describe('parseDatabaseUrl: SQLite', () => {
  test('three slashes is a path relative to the config folder, four an absolute path', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:///data/app.db', base), {
      dialect: 'sqlite',
      filename: '/projects/app/data/app.db',
    });
    assert.deepEqual(parseDatabaseUrl('sqlite:////var/db/app.db', base), { dialect: 'sqlite', filename: '/var/db/app.db' });
  });

  test('sqlite://, sqlite:/// and sqlite:///:memory: are in memory', () => {
    for (const url of ['sqlite://', 'sqlite:///', 'sqlite:///:memory:']) {
      assert.deepEqual(parseDatabaseUrl(url, base), { dialect: 'sqlite', filename: ':memory:' }, url);
    }
  });

  test('a driver suffix is accepted and dropped', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite+pysqlite:///app.db', base), {
      dialect: 'sqlite',
      filename: '/projects/app/app.db',
    });
  });

  test('a host or a query in a SQLite URL is an error', () => {
    assert.throws(() => parseDatabaseUrl('sqlite://host/app.db', base), { code: 'E_URL_INVALID' });
    assert.throws(() => parseDatabaseUrl('sqlite:///app.db?mode=ro', base), { code: 'E_URL_INVALID' });
  });
});

describe('parseDatabaseUrl: PostgreSQL', () => {
  test('reads user, password, host, port and database', () => {
    assert.deepEqual(parseDatabaseUrl('postgresql://app:secret@db.example.com:6543/shop', base), {
      dialect: 'postgresql',
      host: 'db.example.com',
      port: 6543,
      user: 'app',
      password: 'secret',
      database: 'shop',
      params: {},
    });
  });

  test('postgres:// and driver suffixes mean postgresql', () => {
    for (const scheme of ['postgres', 'postgresql+psycopg2', 'postgresql+asyncpg', 'postgres+pg']) {
      const url = parseDatabaseUrl(`${scheme}://u@h/d`, base);
      assert.equal(url.dialect, 'postgresql', scheme);
    }
  });

  test('host defaults to localhost, port to 5432, user, password and database to null', () => {
    assert.deepEqual(parseDatabaseUrl('postgresql://', base), {
      dialect: 'postgresql',
      host: 'localhost',
      port: 5432,
      user: null,
      password: null,
      database: null,
      params: {},
    });
  });

  test('user and password are percent-decoded; a raw @ in the password still parses', () => {
    const encoded = parseDatabaseUrl('postgresql://us%40er:p%40ss%3Aw%2Fd@h/d', base);
    assert.equal(encoded.dialect === 'postgresql' && encoded.user, 'us@er');
    assert.equal(encoded.dialect === 'postgresql' && encoded.password, 'p@ss:w/d');
    const raw = parseDatabaseUrl('postgresql://app:p@ss:w@rd@h:5433/d', base);
    assert.deepEqual(raw.dialect === 'postgresql' && [raw.user, raw.password, raw.host, raw.port, raw.database], [
      'app',
      'p@ss:w@rd',
      'h',
      5433,
      'd',
    ]);
  });

  test('user info comes from the authority only: an @ in the query is data (as make_url)', () => {
    const url = parseDatabaseUrl('postgresql://u:p@host/db?application_name=me@host', base);
    assert.deepEqual(url.dialect === 'postgresql' && [url.user, url.password, url.host, url.port, url.database, url.params], [
      'u',
      'p',
      'host',
      5432,
      'db',
      { application_name: 'me@host' },
    ]);
    const noUser = parseDatabaseUrl('postgresql://host:6543/db?application_name=a@b', base);
    assert.deepEqual(noUser.dialect === 'postgresql' && [noUser.user, noUser.host, noUser.port], [null, 'host', 6543]);
    assert.equal(
      redactUrl('postgresql://u:p@host/db?application_name=me@host'),
      'postgresql://u:***@host/db?application_name=me@host',
    );
  });

  test('query parameters are decoded into params', () => {
    const url = parseDatabaseUrl('postgresql://u@h/d?sslmode=require&options=-csearch_path%3Dapp', base);
    assert.deepEqual(url.dialect === 'postgresql' && url.params, { sslmode: 'require', options: '-csearch_path=app' });
  });

  test('an IPv6 host is written in brackets; a socket folder may be given as ?host=', () => {
    const v6 = parseDatabaseUrl('postgresql://u@[::1]:5433/d', base);
    assert.deepEqual(v6.dialect === 'postgresql' && [v6.host, v6.port], ['::1', 5433]);
    const socket = parseDatabaseUrl('postgresql:///d?host=/var/run/postgresql', base);
    assert.deepEqual(socket.dialect === 'postgresql' && [socket.host, socket.database], ['/var/run/postgresql', 'd']);
  });

  test('a bad port is an error', () => {
    for (const url of ['postgresql://u@h:abc/d', 'postgresql://u@h:0/d', 'postgresql://u@h:70000/d']) {
      assert.throws(() => parseDatabaseUrl(url, base), { code: 'E_URL_INVALID' }, url);
    }
  });
});

describe('parseDatabaseUrl: errors', () => {
  test('an unsupported scheme lists the supported ones', () => {
    for (const url of ['mysql://u:p@h/d', 'oracle://h/d']) {
      assert.throws(
        () => parseDatabaseUrl(url, base),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.code === 'E_URL_SCHEME' &&
          error.exitCode === 2 &&
          /^unsupported database URL scheme "(mysql|oracle)" \(supported: sqlite, postgresql, postgres\)$/.test(error.message),
      );
    }
  });

  test('a string that is no URL is an error with an example', () => {
    assert.throws(() => parseDatabaseUrl('app.db', base), {
      code: 'E_URL_INVALID',
      message: 'invalid database URL: expected <dialect>://... (e.g. sqlite:///app.db or postgresql://user:pass@localhost:5432/app)',
    });
  });

  test('no error message ever contains the password', () => {
    const password = 'Tr0ub4dor&3';
    const bad = [
      `mysql://app:${password}@h/d`,
      `postgresql://app:${password}@h:port/d`,
      `postgresql://app:${password}@h/d/extra`,
      `postgresql://app:${password}%zz@h/d`,
      `postgresql://app:${encodeURIComponent(password)}@h:99999/d`,
      `postgresql://app@h:x/d?password=${password}`,
      `${password}`,
      `postgres:/app:${password}@h/d`,
      // A password pasted raw with "/", "?" or "#" (it must be percent-encoded): never echoed.
      `postgresql://app:${password}/x@h/d`,
      `postgresql://app:${password}?x@h/d`,
      `postgresql://app:${password}#x@h/d`,
      `postgresql://app:a@${password}/x@h/d`,
      `postgresql://app:a@b/${password}@h`,
      `postgresql://app:a@b?${password}@h`,
      `postgresql://app:a@b#${password}@h`,
      `postgresql://app:12/${password}@h`,
      `postgresql://app:12?${password}@h`,
      `postgresql://app:12?${password}=1@h`,
      `postgresql://app:a@b?${password}=1@h/d`,
    ];
    for (const url of bad) {
      assert.throws(
        () => parseDatabaseUrl(url, base),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, url);
          assert.ok(!error.message.includes(password) && !error.message.includes(encodeURIComponent(password)), error.message);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    }
  });
});

describe('redactUrl', () => {
  test('replaces the password, and only the password, with ***', () => {
    assert.equal(redactUrl('postgresql://app:secret@h:5432/d?sslmode=require'), 'postgresql://app:***@h:5432/d?sslmode=require');
    assert.equal(redactUrl('postgresql://app:p@ss/w@h/d'), 'postgresql://app:***@h/d');
    assert.equal(redactUrl('postgresql://app:p@ss@h/d'), 'postgresql://app:***@h/d');
  });

  test('hides whatever any reading could take for a password, even in malformed URLs', () => {
    const secret = 'Tr0ub4dor';
    for (const url of [
      `postgresql://app:${secret}/x@h/d`,
      `postgresql://app:x/${secret}@h/d`,
      `postgresql://app:x?${secret}@h/d`,
      `postgresql://app:x#${secret}@h/d`,
      `postgresql://app:a@b/${secret}@h`,
      `postgresql://app:a@b?${secret}@h`,
      `postgresql://app:12/${secret}@h`,
      `postgresql://app:12?${secret}=1@h`,
      `postgresql://app:a@b?${secret}=1@h`,
      `postgresql://h/d?password=${secret}`,
    ]) {
      assert.ok(!redactUrl(url).includes(secret), `${url} -> ${redactUrl(url)}`);
    }
    assert.equal(redactUrl('postgresql://h/d?password=secret&sslmode=disable'), 'postgresql://h/d?password=***&sslmode=disable');
  });

  test('leaves URLs without a password unchanged', () => {
    for (const url of ['postgresql://app@h/d', 'postgresql://h/d', 'sqlite:///app.db', 'sqlite://']) {
      assert.equal(redactUrl(url), url);
    }
  });
});
