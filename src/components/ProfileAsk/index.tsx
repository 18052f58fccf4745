import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import AvatarPicker from '@/components/AvatarPicker';
import ConsentDialog from '@/components/ConsentDialog';
import NicknameInput from '@/components/NicknameInput';
import { toast, useProfileEdit } from '@/hooks/use-profile-edit';
import { needsConsent, useMemberStore } from '@/stores/member';
import { flag } from '@/utils/flag';
import './index.css';

/**
 * Asks a member once for avatar and nickname, in a card in the page (nothing is blocked): when
 * the server says the ask is due, the card shows and the server records that it was shown, so
 * no device asks again. Without privacy consent the card offers the privacy guide first; the
 * avatar (WeChat's chooseAvatar, a file in H5) and the nickname (WeChat's nickname input) are
 * asked for only after it.
 */
export default function ProfileAsk() {
  const profile = useMemberStore((s) => s.profile);
  const markProfileAsked = useMemberStore((s) => s.markProfileAsked);
  const updateProfile = useMemberStore((s) => s.updateProfile);
  /** The member the card was shown to (another identity gets its own ask), and whether it was closed. */
  const [ask, setAsk] = useState<{ memberId: string; closed: boolean } | null>(null);
  const [nickname, setNickname] = useState('');
  const edit = useProfileEdit();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!profile?.askProfile || ask?.memberId === profile.id) return;
    setAsk({ memberId: profile.id, closed: false });
    setNickname(profile.nickname ?? '');
    // A failure only means the card may come again once: nothing to tell the member.
    void markProfileAsked().catch(() => undefined);
  }, [profile, ask, markProfileAsked]);

  if (!profile || ask?.memberId !== profile.id || ask.closed) return null;
  const close = () => setAsk({ memberId: profile.id, closed: true });
  // Everything given meanwhile (e.g. on the profile page): nothing left to ask.
  if (profile.nickname?.trim() && profile.avatarUrl) return null;

  const save = async () => {
    const name = nickname.trim();
    if (!name) {
      if (profile.avatarUrl) close();
      else toast('请输入昵称');
      return;
    }
    setSaving(true);
    try {
      if (name !== profile.nickname) await updateProfile({ nickname: name });
      toast('已保存');
      close();
    } catch (err) {
      edit.refused(err);
    } finally {
      setSaving(false);
    }
  };

  const consented = !needsConsent(profile);
  return (
    <View className='profile-ask' role='region' aria-label='设置头像和昵称'>
      <View className='profile-ask__title'>设置头像和昵称</View>
      <View className='profile-ask__sub'>让导购和好友一眼认出你，不设置也可以继续使用</View>
      {consented ? (
        <View className='profile-ask__fields'>
          <AvatarPicker avatarUrl={profile.avatarUrl} busy={edit.uploading} onPick={(upload) => void edit.saveAvatar(upload)} />
          <NicknameInput className='profile-ask__nickname' value={nickname} onChange={setNickname} />
        </View>
      ) : (
        <View className='profile-ask__consent'>设置前请先阅读《隐私保护指引》，头像和昵称仅用于在会员中心展示你的身份。</View>
      )}
      {edit.uploading && <Text className='profile-ask__note'>头像上传中…</Text>}
      <View className='profile-ask__actions'>
        <Button className='profile-ask__later' disabled={flag(saving)} onClick={close}>
          以后再说
        </Button>
        {consented ? (
          <Button className='profile-ask__save' loading={flag(saving)} disabled={flag(saving || edit.uploading)} onClick={() => void save()}>
            保存
          </Button>
        ) : (
          <Button className='profile-ask__save' onClick={() => edit.setConsentOpen(true)}>
            去设置
          </Button>
        )}
      </View>
      {edit.consentDialog && <ConsentDialog {...edit.consentDialog} />}
    </View>
  );
}
