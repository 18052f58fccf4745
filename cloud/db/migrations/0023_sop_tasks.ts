import { DEFAULT_SOP_PLANS } from '../../domain/sop-defaults';

// A fresh brand starts with the default plans (version 1 each); the demo seed attaches its coupons.
const defaultPlans = DEFAULT_SOP_PLANS.map(
  (plan) => `insert into sop_plans (name, enabled, version, steps, updated_at) values ($plan$${plan.name}$plan$, true, 1, $plan$${JSON.stringify(plan.steps)}$plan$::jsonb, now());`,
).join('\n');

export default /* sql */ `
-- SOP plans (1v1 follow-up by the member's guide, services/sop): the plan as it is now, and
-- every version it had — a task keeps the version it was made from, so an edit never rewrites a
-- task already done.
create table sop_plans (
  id bigserial primary key,
  name text not null,
  enabled boolean not null default true,
  version integer not null default 1 check (version >= 1),
  steps jsonb not null,
  updated_at timestamptz not null,
  updated_by bigint references members (id)
);
create table sop_plan_versions (
  plan_id bigint not null references sop_plans (id),
  version integer not null,
  name text not null,
  steps jsonb not null,
  created_at timestamptz not null,
  created_by bigint references members (id),
  primary key (plan_id, version)
);

-- A task: once per member, plan, step and occurrence (what made it due: the binding, the
-- holiday's date, the birthday's year, the silence, the order…), whatever the number of
-- generators running at once — the key decides.
create table sop_tasks (
  id bigserial primary key,
  member_id bigint not null references members (id),
  guide_id bigint not null references members (id),
  plan_id bigint not null references sop_plans (id),
  plan_version integer not null,
  step_key text not null,
  occurrence text not null,
  due_on date not null,
  due_at timestamptz not null,
  expires_on date not null,
  priority smallint not null default 0,
  status text not null default 'open' check (status in ('open', 'done', 'skipped')),
  done_at timestamptz,
  on_time boolean,
  skip_reason text,
  coupon_id bigint references coupons (id),
  created_at timestamptz not null,
  unique (member_id, plan_id, step_key, occurrence),
  foreign key (plan_id, plan_version) references sop_plan_versions (plan_id, version)
);
-- 今日任务: a guide's tasks due on a day, and the open ones still inside their window. The list
-- reads what it ranks and counts from the index alone (bench:sop, a guide with 5,000 members on a
-- holiday: 33 → 23 ms for the pick).
create index sop_tasks_guide_idx on sop_tasks (guide_id, due_on) include (id, member_id, status, expires_on, due_at, priority, done_at);
create index sop_tasks_guide_open_idx on sop_tasks (guide_id, expires_on) where status = 'open';
-- SOP 成效 (services/sop/sop-value.ts): every guide's tasks due in a window of days.
create index sop_tasks_due_idx on sop_tasks (due_on);

-- The nightly generation (services/sop/generate-tasks.ts) finds a bound step's members by when
-- they were bound, and a delivered step's orders by when they were received.
create index members_guide_bound_at_idx on members (guide_bound_at) where guide_id is not null;
create index orders_completed_at_idx on orders (completed_at) where status = 'completed';

${defaultPlans}
insert into sop_plan_versions (plan_id, version, name, steps, created_at)
select id, version, name, steps, updated_at from sop_plans;

-- The day the member's tier last went up (the 升级 step): tier_since also restarts when an
-- anniversary keeps or lowers the tier, which is no upgrade to congratulate.
alter table members add column tier_raised_on date;

alter table coupons drop constraint coupons_source_check;
alter table coupons add constraint coupons_source_check
  check (source in ('mall', 'lottery', 'milestone', 'birthday', 'admin', 'welcome', 'referral', 'segment', 'sop'));
`;
