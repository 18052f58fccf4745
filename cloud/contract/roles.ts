/** Who may call what: every signed-in member, store guides (导购), operations staff. */
export type Role = 'member' | 'guide' | 'admin';
