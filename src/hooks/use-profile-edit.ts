/**
 * What the screens that ask for personal details share (个人资料, and the ask on 我的): the
 * privacy guide — shown, agreed to, dismissed —, the avatar upload and its save, and a refusal
 * that shows the guide again (CONSENT_REQUIRED: consent withdrawn meanwhile, e.g. on another
 * device).
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ConsentDialogProps } from '@/components/ConsentDialog';
import { showError } from '@/services/api';
import { isApiError, messageOf } from '@/services/errors';
import { useMemberStore } from '@/stores/member';

export function toast(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 });
}

export interface ProfileEdit {
  /** The privacy guide's props while it is open; null when it is closed. */
  consentDialog: ConsentDialogProps | null;
  setConsentOpen(open: boolean): void;
  /** An avatar is on its way up. */
  uploading: boolean;
  /** Uploads the picked image and saves it as the avatar. */
  saveAvatar(upload: () => Promise<string>): Promise<void>;
  /** A refused save: the guide again for CONSENT_REQUIRED, else the server's message. */
  refused(err: unknown): void;
}

export function useProfileEdit(): ProfileEdit {
  const loadProfile = useMemberStore((s) => s.loadProfile);
  const acceptConsent = useMemberStore((s) => s.acceptConsent);
  const updateProfile = useMemberStore((s) => s.updateProfile);
  const [consentOpen, setConsentOpen] = useState(false);
  const [consentBusy, setConsentBusy] = useState(false);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  const agree = async () => {
    setConsentBusy(true);
    setConsentError(null);
    try {
      await acceptConsent();
      setConsentOpen(false);
    } catch (err) {
      setConsentError(messageOf(err));
    } finally {
      setConsentBusy(false);
    }
  };

  const refused = (err: unknown) => {
    if (isApiError(err) && err.code === 'CONSENT_REQUIRED') {
      setConsentOpen(true);
      void loadProfile().catch(() => undefined);
    } else showError(err);
  };

  const saveAvatar = async (upload: () => Promise<string>) => {
    if (uploading) return;
    setUploading(true);
    try {
      await updateProfile({ avatarUrl: await upload() });
      toast('头像已更新');
    } catch (err) {
      refused(err);
    } finally {
      setUploading(false);
    }
  };

  return {
    consentDialog: consentOpen
      ? {
          busy: consentBusy,
          error: consentError,
          onAgree: () => void agree(),
          onDisagree: () => {
            setConsentOpen(false);
            setConsentError(null);
          },
        }
      : null,
    setConsentOpen,
    uploading,
    saveAvatar,
    refused,
  };
}
