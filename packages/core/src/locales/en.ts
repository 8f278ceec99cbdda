import type { LocalePack } from '../i18n/locale-pack.js';
import { englishMessages } from '../i18n/messages.js';

/** English (built in; give it in `locales` only to list it among the choices explicitly). */
export const en: LocalePack = { locale: 'en', messages: englishMessages };
