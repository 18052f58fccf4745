import { Input } from '@tarojs/components';

/** As long as member.update takes a nickname. */
const NICKNAME_MAX = 20;

export interface NicknameInputProps {
  className: string;
  value: string;
  onChange(value: string): void;
}

/**
 * WeChat's nickname input (type nickname: it offers the WeChat nickname above the keyboard and
 * checks what is typed; its value is final on blur); a text field in H5.
 */
export default function NicknameInput({ className, value, onChange }: NicknameInputProps) {
  return (
    <Input
      className={className}
      type='nickname'
      value={value}
      maxlength={NICKNAME_MAX}
      placeholder='请输入昵称'
      onInput={(e) => onChange(e.detail.value)}
      onBlur={(e) => onChange(e.detail.value)}
    />
  );
}
