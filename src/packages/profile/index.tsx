import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import AvatarPicker from '@/components/AvatarPicker';
import ConsentDialog from '@/components/ConsentDialog';
import DeleteAccountDialog from '@/components/DeleteAccountDialog';
import Dialog from '@/components/Dialog';
import ExportSavedDialog from '@/components/ExportSavedDialog';
import NicknameInput from '@/components/NicknameInput';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { toast, useProfileEdit } from '@/hooks/use-profile-edit';
import { showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import { deleteMyAccount, exportMyData } from '@/services/privacy';
import { needsConsent, useMemberStore, type ProfilePatch } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { formatDate } from '@/utils/format';
import './index.css';
import { flag } from '@/utils/flag';

const DEFAULT_BIRTHDAY = '1990-01-01';

export interface ProfileScreenProps {
  /** 注销账号 done: the page says so (the session is over). */
  onAccountDeleted?(): void;
}

export function ProfileScreen({ onAccountDeleted }: ProfileScreenProps) {
  const profile = useMemberStore((s) => s.profile);
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const updateProfile = useMemberStore((s) => s.updateProfile);
  const withdraw = useMemberStore((s) => s.withdrawConsent);
  // Always the server's current profile (consent may have changed elsewhere).
  const fetched = useCall(loadProfile, []);

  const edit = useProfileEdit();
  const { setConsentOpen } = edit;
  const [nickname, setNickname] = useState('');
  const [birthday, setBirthday] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmBirthday, setConfirmBirthday] = useState(false);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const exportBusy = useRef(false);
  /** weapp: where the exported file was written; its text waits in a ref, never in page data. */
  const [exportedPath, setExportedPath] = useState<string | null>(null);
  const exportedText = useRef<string | null>(null);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  // Each answer starts the form from what the server has.
  useEffect(() => {
    const p = fetched.data;
    if (!p) return;
    setNickname(p.nickname ?? '');
    setBirthday(null);
    setConsentOpen(needsConsent(p));
  }, [fetched.data, setConsentOpen]);

  const consentNeeded = needsConsent(profile);

  const patch = (): ProfilePatch => {
    const p: ProfilePatch = {};
    const name = nickname.trim();
    if (name && name !== (profile?.nickname ?? '')) p.nickname = name;
    if (birthday && !profile?.birthday) p.birthday = birthday;
    return p;
  };

  const save = async () => {
    const p = patch();
    if (Object.keys(p).length === 0) {
      toast(nickname.trim() ? '没有需要保存的修改' : '请输入昵称');
      return;
    }
    setSaving(true);
    try {
      const next = await updateProfile(p);
      setNickname(next.nickname ?? '');
      setBirthday(null);
      toast('已保存');
    } catch (err) {
      edit.refused(err);
    } finally {
      setSaving(false);
      setConfirmBirthday(false);
    }
  };

  const onSave = () => {
    if (saving) return;
    // The birthday is set once: say so once more before it is sent.
    if (patch().birthday) setConfirmBirthday(true);
    else void save();
  };

  const onWithdraw = async () => {
    setWithdrawing(true);
    try {
      const next = await withdraw();
      setNickname(next.nickname ?? '');
      setBirthday(null);
      setWithdrawOpen(false);
      toast('已撤回隐私授权');
    } catch (err) {
      showError(err);
    } finally {
      setWithdrawing(false);
    }
  };

  const onExport = async () => {
    // A ref, not the state: two quick taps come before the state re-renders.
    if (exportBusy.current) return;
    exportBusy.current = true;
    setExporting(true);
    try {
      const saved = await exportMyData();
      if (saved.kind === 'saved') {
        exportedText.current = saved.text;
        setExportedPath(saved.filePath);
      } else toast(`已下载 ${saved.fileName}`);
    } catch (err) {
      showError(err);
    } finally {
      exportBusy.current = false;
      setExporting(false);
    }
  };

  const closeExported = () => {
    exportedText.current = null;
    setExportedPath(null);
  };

  const onCopyExported = () => {
    const text = exportedText.current;
    closeExported();
    if (text) void Taro.setClipboardData({ data: text }).catch(() => toast('复制失败，请重试'));
  };

  const onDelete = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await deleteMyAccount();
      onAccountDeleted?.();
      // Signed out: whatever comes next signs in afresh, as a new member.
      useMemberStore.getState().reset();
      useSessionStore.setState({ status: 'idle', member: null });
    } catch (err) {
      setDeleteError(messageOf(err));
      setDeleting(false);
    }
  };

  if (!profile || !fetched.data) {
    return (
      <View className='profile-page__msg' onClick={() => fetched.error && void fetched.reload()}>
        {fetched.error ? `${fetched.error}，点击重试` : '加载中…'}
      </View>
    );
  }

  return (
    <View className='app-page profile-page'>
      {consentNeeded ? (
        <View className='profile-page__card profile-page__gate'>
          <View className='profile-page__gate-text'>设置头像、昵称和生日前，请先阅读并同意《隐私保护指引》。</View>
          <Button className='profile-page__primary' onClick={() => setConsentOpen(true)}>
            查看隐私保护指引
          </Button>
        </View>
      ) : (
        <View>
          <View className='profile-page__card'>
            <View className='profile-page__row'>
              <Text className='profile-page__label'>头像</Text>
              <AvatarPicker avatarUrl={profile.avatarUrl} busy={edit.uploading} onPick={(upload) => void edit.saveAvatar(upload)} />
            </View>
            {edit.uploading && <View className='profile-page__note'>头像上传中…</View>}
            <View className='profile-page__row'>
              <Text className='profile-page__label'>昵称</Text>
              <NicknameInput className='profile-page__input' value={nickname} onChange={setNickname} />
            </View>
            <View className='profile-page__row'>
              <Text className='profile-page__label'>生日</Text>
              {profile.birthday ? (
                <Text className='profile-page__value profile-page__birthday'>{formatDate(profile.birthday)}</Text>
              ) : (
                <Picker
                  mode='date'
                  value={birthday ?? DEFAULT_BIRTHDAY}
                  start='1900-01-01'
                  end={dayjs().format('YYYY-MM-DD')}
                  onChange={(e) => setBirthday(String(e.detail.value))}
                >
                  <View className={`profile-page__value profile-page__picker ${birthday ? '' : 'profile-page__placeholder'}`}>
                    {birthday ? formatDate(birthday) : '请选择生日'} ›
                  </View>
                </Picker>
              )}
            </View>
            <View className='profile-page__note'>
              {profile.birthday ? '生日已设置，不可修改；如需更改请联系客服' : '生日设置后不可修改，生日当月可领生日礼积分'}
            </View>
          </View>
          <Button className='profile-page__primary' loading={flag(saving)} disabled={flag(saving)} onClick={onSave}>
            保存
          </Button>
          <View className='profile-page__withdraw' onClick={() => setWithdrawOpen(true)}>
            撤回隐私授权
          </View>
        </View>
      )}
      <View className='profile-page__card profile-page__rights'>
        <View className='profile-page__row profile-page__export' onClick={() => void onExport()}>
          <Text className='profile-page__label'>导出我的数据</Text>
          <Text className='profile-page__value profile-page__placeholder'>{exporting ? '导出中…' : '›'}</Text>
        </View>
        <View className='profile-page__row profile-page__delete' onClick={() => setDeleteOpen(true)}>
          <Text className='profile-page__label profile-page__danger'>注销账号</Text>
          <Text className='profile-page__value profile-page__placeholder'>›</Text>
        </View>
      </View>
      {edit.consentDialog && <ConsentDialog {...edit.consentDialog} />}
      {confirmBirthday && birthday && (
        <Dialog
          title='确认生日'
          confirmText='确认保存'
          busy={saving}
          onConfirm={() => void save()}
          onCancel={() => setConfirmBirthday(false)}
        >
          <View className='profile-page__center'>生日设置为 {formatDate(birthday)}，设置后不可修改。</View>
        </Dialog>
      )}
      {withdrawOpen && (
        <Dialog
          title='撤回隐私授权'
          confirmText='确认撤回'
          busy={withdrawing}
          onConfirm={() => void onWithdraw()}
          onCancel={() => setWithdrawOpen(false)}
        >
          <View>撤回后，我们将删除你的头像、昵称和生日。之后如需设置个人资料，需要重新同意《隐私保护指引》。</View>
        </Dialog>
      )}
      {exportedPath && <ExportSavedDialog filePath={exportedPath} onCopy={onCopyExported} onClose={closeExported} />}
      {deleteOpen && (
        <DeleteAccountDialog
          busy={deleting}
          error={deleteError}
          onConfirm={() => void onDelete()}
          onCancel={() => {
            setDeleteOpen(false);
            setDeleteError(null);
          }}
        />
      )}
    </View>
  );
}

/** After 注销账号: the account is gone; 返回首页 starts the app afresh. */
export function AccountDeleted() {
  return (
    <View className='app-page profile-page'>
      <View className='profile-page__card profile-page__gate profile-page__gone'>
        <View className='profile-page__gone-title'>账号已注销</View>
        <View className='profile-page__gate-text'>
          你的头像、昵称、生日、收货地址和微信登录信息已删除，优惠券和抽奖机会已作废。用同一微信再次进入，将是一个全新的会员。
        </View>
        <Button className='profile-page__primary' onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}>
          返回首页
        </Button>
      </View>
    </View>
  );
}

export default function ProfilePage() {
  const [deleted, setDeleted] = useState(false);
  if (deleted) return <AccountDeleted />;
  return (
    <SessionGate>
      <ProfileScreen onAccountDeleted={() => setDeleted(true)} />
    </SessionGate>
  );
}
