import postgres from 'postgres';

/** `tsx scripts/ci-database.ts create|drop <admin-url> <name>`: CI's fresh database, without psql. */
const [action, url, name] = process.argv.slice(2);
if (!action || !url || !name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: ci-database.ts create|drop <admin-url> <name>');
  process.exit(2);
}
const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
try {
  if (action === 'create') await sql.unsafe(`create database "${name}"`);
  else await sql.unsafe(`drop database if exists "${name}" with (force)`);
} catch (err) {
  console.error(`PostgreSQL at ${url} is not usable: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await sql.end();
}
