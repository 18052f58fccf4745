import { Text, Textarea, View } from '@tarojs/components';
import type { EditForm } from '../components/use-edit-form';

export interface TextAreaFieldProps<T> {
  form: EditForm<T>;
  path: string;
  label: string;
  maxlength: number;
  placeholder?: string;
  hint?: string;
  /** Instead of the form's text at `path` (pictures kept one per line). */
  value?: string;
  onInput?(text: string): void;
}

/** Several lines of text (an answer, a post's copy) with the server's message for the field under it. */
export default function TextAreaField<T>({ form, path, label, maxlength, placeholder, hint, value, onInput }: TextAreaFieldProps<T>) {
  const error = form.error(path);
  return (
    <View className={`admin-field ${error ? 'admin-field--error' : ''}`} data-path={path}>
      <View className='admin-field__line'>
        <Text className='admin-field__label'>{label}</Text>
      </View>
      <Textarea
        className='admin-content__textarea'
        value={value ?? form.text(path, 'int')}
        maxlength={maxlength}
        placeholder={placeholder ?? ''}
        autoHeight
        onInput={(e) => (onInput ? onInput(e.detail.value) : form.set(path, e.detail.value))}
      />
      {hint && !error && <View className='admin-field__hint'>{hint}</View>}
      {error && <View className='admin-field__error'>{error}</View>}
    </View>
  );
}
