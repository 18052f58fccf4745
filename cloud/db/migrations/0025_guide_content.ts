export default /* sql */ `
-- 话术库: answers to members' questions, by category, that guides copy in one tap. copies counts
-- the copies (guide.copyScript: one conditional update), the most copied listed first.
create table guide_scripts (
  id bigserial primary key,
  category text not null check (category in ('product', 'activity', 'after_sales', 'store')),
  question text not null check (char_length(question) between 1 and 60),
  answer text not null check (char_length(answer) between 1 and 1000),
  position integer not null default 0,
  active boolean not null default true,
  copies integer not null default 0 check (copies >= 0),
  updated_at timestamptz not null
);
create index guide_scripts_ranked_idx on guide_scripts (copies desc, position, id) where active;

-- 社群 SOP: the brand's weekly plan of group posts. repeat: every day, the brand's member day
-- (brand settings memberDay.weekday) or one ISO weekday. card: the page shared with the post.
create table group_plan_posts (
  id bigserial primary key,
  repeat text not null check (repeat ~ '^(daily|member_day|[1-7])$'),
  at_time text not null check (at_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  title text not null check (char_length(title) between 1 and 20),
  body text not null check (char_length(body) between 1 and 500),
  card text not null check (card in ('none', 'checkin', 'night_market', 'category', 'product')),
  card_ref_id bigint,
  active boolean not null default true,
  check ((card in ('category', 'product')) = (card_ref_id is not null))
);

-- A plan post marked posted in a group: once per group, day and post, whoever marks first.
create table group_post_marks (
  group_id text not null references wechat_groups (group_id),
  day date not null,
  post_id bigint not null references group_plan_posts (id),
  guide_id bigint not null references members (id),
  marked_at timestamptz not null,
  primary key (group_id, day, post_id)
);

-- 朋友圈 calendar: posts the admin curates per brand day, which guides copy and mark posted.
create table moments_posts (
  id bigserial primary key,
  day date not null,
  kind text not null check (kind in ('persona', 'seeding', 'brand', 'welfare')),
  body text not null check (char_length(body) between 1 and 1000),
  images text[] not null default '{}' check (cardinality(images) <= 9),
  product_id bigint references products (id),
  position integer not null default 0,
  active boolean not null default true
);
create index moments_posts_day_idx on moments_posts (day, position, id);

-- Once per guide and post.
create table moments_marks (
  post_id bigint not null references moments_posts (id),
  guide_id bigint not null references members (id),
  marked_at timestamptz not null,
  primary key (post_id, guide_id)
);
`;
