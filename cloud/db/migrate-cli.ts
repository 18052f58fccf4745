/**
 * `npm run migrate`, the deploy step: brings the schema of the configured database up to date —
 * DATABASE_URL, or else the embedded PGlite under DATA_DIR (default .data) that `npm start`
 * uses — and says which versions it applied, against which database, in how long.
 */
import { migrate, schemaStatus } from './migrate';
import { connectDatabase, describeDatabase, type OpenDbOptions } from './open';

async function main() {
  const options: OpenDbOptions = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || undefined, poolMax: 1 };
  const started = Date.now();
  console.log(`Migrating ${describeDatabase(options)}`);
  const db = await connectDatabase(options);
  try {
    const opened = Date.now();
    const before = await schemaStatus(db);
    const applied = await migrate(db);
    for (const m of applied) console.log(`  applied ${m.version} ${m.name} in ${m.ms} ms`);
    const after = await schemaStatus(db);
    const took = `${Date.now() - opened} ms (${Date.now() - started} ms with opening the database)`;
    console.log(
      applied.length
        ? `Schema at version ${after.current} (was ${before.current}): ${applied.length} applied in ${took}`
        : `Schema already at version ${after.current}: nothing to apply, checked in ${took}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: Error) => {
  // The migrations run in one transaction: a failure leaves the schema as it was.
  console.error(`Migration failed, nothing applied: ${err.message}`);
  process.exit(1);
});
