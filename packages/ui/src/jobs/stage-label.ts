import type { MessageKey } from '../i18n/messages-en.js';
import { messagesEn } from '../i18n/messages-en.js';
import type { Translate } from '../i18n/use-t.js';

/** A stage's name in the user's language; a stage the UI does not know yet shows as the host sent it. */
export function stageLabel(t: Translate, stage: string): string {
  const key = `stage.${stage}`;
  return Object.hasOwn(messagesEn, key) ? t(key as MessageKey) : stage;
}
