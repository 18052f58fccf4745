import { OpenData, Text } from '@tarojs/components';

/** The server knows an unnamed group only by its openGId: show the end of it. */
export function shortGroupId(groupId: string): string {
  return groupId.length > 8 ? `…${groupId.slice(-6)}` : groupId;
}

/** What a group is called where it is listed: its name, else 群 and the end of its id. */
export function groupLabel(group: { groupId: string; name: string | null }): string {
  return group.name ?? `群 ${shortGroupId(group.groupId)}`;
}

export interface GroupNameProps {
  groupId: string;
  name: string | null;
  className?: string;
}

/**
 * A group's name: the one staff gave it (WeChat never tells a mini-program a group's name). An
 * unnamed group shows in weapp the name WeChat shows to members of the group (open-data), else
 * the end of its id.
 */
export default function GroupName({ groupId, name, className = '' }: GroupNameProps) {
  const label = groupLabel({ groupId, name });
  if (name === null && process.env.TARO_ENV === 'weapp') {
    return <OpenData className={`group-name group-name--unnamed ${className}`} type='groupName' openGid={groupId} defaultText={label} />;
  }
  return <Text className={`group-name ${name === null ? 'group-name--unnamed' : ''} ${className}`}>{label}</Text>;
}
