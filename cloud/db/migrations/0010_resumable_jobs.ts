export default /* sql */ `
-- Daily jobs run in keyset batches (services/jobs/run-job.ts): each batch commits its writes
-- together with the cursor it reached, under a lease that the running instance renews per
-- batch, so a run that dies is continued from its cursor by whichever instance comes next.
alter table job_runs
  add column cursor jsonb,
  add column batches integer not null default 0,
  add column rows_done bigint not null default 0,
  add column claimed_by text,
  add column claimed_until timestamptz,
  add column progressed_at timestamptz,
  add column failed_at timestamptz,
  add column last_error text;
`;
