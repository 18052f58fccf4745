import { View } from '@tarojs/components';
import Dialog from '../Dialog';
import './index.css';

export interface ExportSavedDialogProps {
  filePath: string;
  onCopy(): void;
  onClose(): void;
}

/** weapp: where the exported file is, and 复制 — WeChat cannot open a JSON file itself. */
export default function ExportSavedDialog({ filePath, onCopy, onClose }: ExportSavedDialogProps) {
  return (
    <Dialog title='数据已导出' confirmText='复制' cancelText='关闭' onConfirm={onCopy} onCancel={onClose}>
      <View className='export-saved'>
        <View className='export-saved__p'>已保存为 JSON 文件，位于小程序的用户文件目录：</View>
        <View className='export-saved__path'>{filePath}</View>
        <View className='export-saved__p'>微信无法直接打开 JSON 文件。点「复制」可将全部内容复制到剪贴板，粘贴到备忘录或发送给自己保存。</View>
      </View>
    </Dialog>
  );
}
